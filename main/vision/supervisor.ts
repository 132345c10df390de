/**
 * Keeps one `llama-server` healthy for the vision engine: starts it on first use on a free
 * loopback port (another port when the chosen one turns out taken, unless the caller fixed the
 * port), restarts it with back-off after a crash, gives up with a clear error after repeated
 * crashes, and stops it on shutdown (children are also SIGKILLed when this process exits).
 */
import { freeLoopbackPort } from './free-port.ts';
import { PortInUseError, ServerProcess, ServerStartError, type ServerLaunch } from './server-process.ts';

export interface SupervisorOptions extends Omit<ServerLaunch, 'port'> {
  /** A fixed port; by default a free one is picked per launch. */
  port?: number;
  /** Where free ports come from (tests inject a taken one first). */
  pickPort?: () => Promise<number>;
  /** Delays before restart attempts after consecutive crashes (default 250 ms, 1 s, 4 s). */
  backoffMs?: number[];
  /** A server that stayed up this long resets the crash count (default 60 s). */
  stableMs?: number;
  /** Attempts on other ports when the picked one is taken (default 3). */
  portAttempts?: number;
}

export interface Connection {
  baseUrl: string;
  apiKey: string;
  pid: number | undefined;
}

export class SupervisorError extends Error {
  constructor(message: string, readonly log = '') {
    super(message);
    this.name = 'SupervisorError';
  }
}

export class VisionSupervisor {
  private proc: ServerProcess | null = null;
  private starting: Promise<ServerProcess> | null = null;
  private crashes = 0;
  private healthyAt = 0;
  private closed = false;
  private lastCrash = '';
  /** Launches so far (restarts included), for tests and the benchmark. */
  launches = 0;

  constructor(private readonly o: SupervisorOptions) {}

  get pid(): number | undefined {
    return this.proc?.running ? this.proc.pid : undefined;
  }

  /** A healthy server (started, or restarted after a crash with back-off). */
  async ready(): Promise<Connection> {
    if (this.closed) throw new SupervisorError('the vision server was shut down');
    if (this.proc?.running) return this.connection(this.proc);
    this.starting ??= this.launchWithBackoff().finally(() => (this.starting = null));
    return this.connection(await this.starting);
  }

  private connection(p: ServerProcess): Connection {
    return { baseUrl: p.baseUrl, apiKey: p.apiKey, pid: p.pid };
  }

  private async launchWithBackoff(): Promise<ServerProcess> {
    const backoff = this.o.backoffMs ?? [250, 1000, 4000];
    if (this.crashes > 0) {
      if (this.crashes > backoff.length)
        throw new SupervisorError(`llama-server crashed ${this.crashes} times in a row; giving up (last: ${this.lastCrash})`, this.lastCrash);
      await new Promise((r) => setTimeout(r, backoff[this.crashes - 1]));
      if (this.closed) throw new SupervisorError('the vision server was shut down');
    }
    return this.launch();
  }

  private async launch(): Promise<ServerProcess> {
    const attempts = this.o.port ? 1 : (this.o.portAttempts ?? 3);
    for (let i = 0; ; i++) {
      const port = this.o.port ?? (await (this.o.pickPort ?? freeLoopbackPort)());
      const proc = new ServerProcess({ ...this.o, port });
      this.launches++;
      try {
        await proc.start();
      } catch (err) {
        if (err instanceof PortInUseError && i + 1 < attempts) continue;
        if (err instanceof PortInUseError) throw new SupervisorError(this.o.port ? `${err.message}; choose another port or leave it unset` : err.message);
        if (err instanceof ServerStartError) throw new SupervisorError(err.message, err.log);
        throw err;
      }
      proc.onUnexpectedExit = ({ code, signal, log }) => this.crashed(proc, `${signal ?? `exit ${code}`}; ${log.split('\n').slice(-3).join(' | ')}`);
      this.proc = proc;
      this.healthyAt = Date.now();
      return proc;
    }
  }

  private crashed(proc: ServerProcess, detail: string): void {
    if (this.proc !== proc || this.closed) return;
    this.proc = null;
    if (Date.now() - this.healthyAt > (this.o.stableMs ?? 60_000)) this.crashes = 0;
    this.crashes++;
    this.lastCrash = detail;
    // Restart in the background so the next request finds a server (errors surface in ready()).
    this.starting ??= this.launchWithBackoff().finally(() => (this.starting = null));
    this.starting.catch(() => undefined);
  }

  /**
   * After a request to server `pid` lost its connection: if that server still answers /health,
   * keep it; otherwise wait for it to exit (killing it when it hangs) so the next ready()
   * restarts it. The exit event can arrive after the refused connection, hence the wait.
   */
  async recover(pid: number | undefined): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.pid !== pid) return;
    if (proc.running) {
      const healthy = await fetch(`${proc.baseUrl}/health`, { signal: AbortSignal.timeout(1000) }).then((r) => r.ok, () => false);
      if (healthy) return;
    }
    if (!(await proc.waitExit(2000))) {
      await proc.stop(500);
      this.crashed(proc, 'stopped answering /health');
    }
  }

  /** Resource use of the running child (Linux /proc), for the benchmark and status. */
  async memory(): Promise<{ rssBytes: number; peakBytes: number } | undefined> {
    const pid = this.pid;
    if (!pid || process.platform !== 'linux') return undefined;
    const { readFile } = await import('node:fs/promises');
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rssBytes: kb('VmRSS'), peakBytes: kb('VmHWM') };
  }

  async shutdown(): Promise<void> {
    this.closed = true;
    await this.starting?.catch(() => undefined);
    await this.proc?.stop();
    this.proc = null;
  }
}
