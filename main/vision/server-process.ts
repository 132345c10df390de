/**
 * One `llama-server` child: loopback only, a fresh random API key (passed in the environment, so
 * it never shows in `ps`), `--offline --no-webui`, the model and its projector. `start()` resolves
 * once GET /health answers 200; it rejects with a specific error when the port is taken, the
 * files are refused, or the process dies or hangs while loading.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { delimiter } from 'node:path';

export interface ServerLaunch {
  serverPath: string;
  /** Folder of the runtime's shared libraries (put on the library path). */
  binDir: string;
  model: string;
  mmproj: string;
  port: number;
  host?: string;
  threads: number;
  contextSize: number;
  /** Give up waiting for /health after this long (default 60 s). */
  startTimeoutMs?: number;
  extraArgs?: string[];
}

export class PortInUseError extends Error {
  constructor(readonly port: number, detail: string) {
    super(`port ${port} on 127.0.0.1 is already in use (${detail})`);
    this.name = 'PortInUseError';
  }
}

export class ServerStartError extends Error {
  constructor(message: string, readonly log: string) {
    super(message);
    this.name = 'ServerStartError';
  }
}

/**
 * Children still running are killed synchronously when this process exits however it exits:
 * on 'exit', and on SIGINT/SIGTERM/SIGHUP when nobody else handles them (Node's default action
 * for those skips 'exit' listeners) — then the signal is re-raised with its default action.
 */
const live = new Set<ChildProcess>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const signalHandlers = new Map<NodeJS.Signals, () => void>();
let exitHooked = false;

function killAll(): void {
  for (const c of live) c.kill('SIGKILL');
}

function track(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => {
    live.delete(child);
    if (live.size === 0) for (const [sig, h] of signalHandlers) process.removeListener(sig, h), signalHandlers.delete(sig);
  });
  if (!exitHooked) {
    exitHooked = true;
    process.once('exit', killAll);
  }
  if (process.platform === 'win32') return;
  for (const sig of SIGNALS) {
    if (signalHandlers.has(sig) || process.listenerCount(sig) > 0) continue;
    const h = (): void => {
      killAll();
      for (const [s2, h2] of signalHandlers) process.removeListener(s2, h2);
      signalHandlers.clear();
      process.kill(process.pid, sig);
    };
    signalHandlers.set(sig, h);
    process.on(sig, h);
  }
}

const BIND_FAILED = /couldn'?t bind|address already in use|bind\(\) failed|failed to bind/i;

export class ServerProcess {
  readonly apiKey = randomBytes(24).toString('base64url');
  readonly host: string;
  private child: ChildProcess | null = null;
  private logTail: string[] = [];
  private exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | null = null;
  /** Called once when the child exits without stop() having been asked for. */
  onUnexpectedExit?: (info: { code: number | null; signal: NodeJS.Signals | null; log: string }) => void;
  private stopping = false;

  constructor(readonly launch: ServerLaunch) {
    this.host = launch.host ?? '127.0.0.1';
  }

  get baseUrl(): string {
    return `http://${this.host}:${this.launch.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last lines the server printed (for error messages). */
  log(lines = 12): string {
    return this.logTail.slice(-lines).join('\n');
  }

  args(): string[] {
    const l = this.launch;
    return [
      '--model', l.model,
      '--mmproj', l.mmproj,
      '--host', this.host,
      '--port', String(l.port),
      '--offline',
      '--no-webui',
      '--ctx-size', String(l.contextSize),
      '--threads', String(l.threads),
      '--parallel', '1',
      '--jinja',
      ...(l.extraArgs ?? []),
    ];
  }

  async start(): Promise<void> {
    if (this.child) throw new Error('this server process was already started');
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!/^LLAMA_(ARG_|API_KEY)/.test(k)) env[k] = v;
    env.LLAMA_API_KEY = this.apiKey;
    const libVar = process.platform === 'darwin' ? 'DYLD_LIBRARY_PATH' : process.platform === 'win32' ? 'PATH' : 'LD_LIBRARY_PATH';
    env[libVar] = [this.launch.binDir, env[libVar]].filter(Boolean).join(delimiter);
    const child = spawn(this.launch.serverPath, this.args(), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    track(child);
    let partial = '';
    const onData = (chunk: Buffer): void => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) this.logTail.push(line);
      if (this.logTail.length > 200) this.logTail.splice(0, this.logTail.length - 200);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    this.exited = new Promise((resolve) => {
      child.once('error', (err) => {
        this.logTail.push(`spawn failed: ${err.message}`);
        resolve({ code: -1, signal: null });
      });
      child.once('exit', (code, signal) => resolve({ code, signal }));
    });
    void this.exited.then((info) => {
      if (!this.stopping) this.onUnexpectedExit?.({ ...info, log: this.log() });
    });
    await this.waitHealthy();
  }

  private async waitHealthy(): Promise<void> {
    const deadline = Date.now() + (this.launch.startTimeoutMs ?? 60_000);
    let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    void this.exited!.then((e) => (exit = e));
    for (;;) {
      if (exit) {
        const { code, signal } = exit as { code: number | null; signal: NodeJS.Signals | null };
        const log = this.log(20);
        if (BIND_FAILED.test(log)) throw new PortInUseError(this.launch.port, log.split('\n').find((l) => BIND_FAILED.test(l))?.trim() ?? 'bind failed');
        throw new ServerStartError(`llama-server exited while loading (${signal ?? `exit ${code}`}): ${lastError(log)}`, log);
      }
      if (Date.now() > deadline) {
        await this.stop();
        throw new ServerStartError(`llama-server did not become healthy within ${this.launch.startTimeoutMs ?? 60_000} ms`, this.log(20));
      }
      try {
        const res = await fetch(`${this.baseUrl}/health`, { signal: AbortSignal.timeout(1000) });
        if (res.ok) return;
        await res.body?.cancel();
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 40));
    }
  }

  /** Resolves true once the child has exited, false if it is still running after `ms`. */
  async waitExit(ms: number): Promise<boolean> {
    if (!this.exited) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((r) => (timer = setTimeout(() => r(false), ms)));
    const exited = this.exited.then(() => true as const);
    const done = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    return done;
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the child is gone. */
  async stop(graceMs = 3000): Promise<void> {
    const child = this.child;
    if (!child || !this.exited) return;
    this.stopping = true;
    if (!this.running) return void (await this.exited);
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/** The most telling line of a failed start ("error: …", "failed to load …"), else the last one. */
function lastError(log: string): string {
  const lines = log.split('\n').filter(Boolean);
  const hit = [...lines].reverse().find((l) => /error|failed|invalid|unable|cannot|mismatch/i.test(l));
  return (hit ?? lines[lines.length - 1] ?? 'no output').trim().slice(0, 400);
}
