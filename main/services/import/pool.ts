/**
 * A pool of worker processes for the per-file import work (default: one per core, at most 2
 * here). A worker that dies or hangs on a file is replaced; that file is reported, the import
 * goes on.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Processed, ProcessTask } from './process-file.ts';

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface PoolOptions {
  size?: number;
  /** A file taking longer than this is given up (and its worker replaced). */
  taskTimeoutMs?: number;
}

interface Slot {
  child: ChildProcess;
  ready: Promise<void>;
  markReady: () => void;
  busy?: { id: number; task: ProcessTask; resolve: (r: Processed) => void; timer: NodeJS.Timeout };
}

export function defaultPoolSize(): number {
  return Math.max(1, Math.min(2, os.availableParallelism()));
}

export class WorkerPool {
  readonly size: number;
  private readonly timeoutMs: number;
  private readonly slots: Slot[] = [];
  private readonly idle: Slot[] = [];
  private readonly waiting: ((s: Slot) => void)[] = [];
  private nextId = 1;
  private closed = false;

  constructor(opts: PoolOptions = {}) {
    this.size = opts.size ?? defaultPoolSize();
    this.timeoutMs = opts.taskTimeoutMs ?? 120_000;
    for (let i = 0; i < this.size; i++) this.release(this.spawn());
  }

  /** Processes one file in a worker; never rejects. */
  async run(task: ProcessTask): Promise<Processed> {
    const cancelled: Processed = { ok: false, path: task.path, code: 'cancelled', reason: 'cancelled: the import was stopped' };
    if (this.closed) return cancelled;
    const slot = await this.acquire();
    await slot.ready;
    if (this.closed) return cancelled;
    return new Promise<Processed>((resolve) => {
      const id = this.nextId++;
      const timer = setTimeout(() => this.fail(slot, 'timeout', `gave up after ${Math.round(this.timeoutMs / 1000)} s`), this.timeoutMs);
      slot.busy = { id, task, resolve, timer };
      slot.child.send({ id, task });
    });
  }

  /** Stops every worker (in-flight files are abandoned). */
  close(): void {
    this.closed = true;
    for (const s of this.slots) {
      s.markReady();
      s.child.removeAllListeners('exit');
      if (s.child.connected) s.child.disconnect();
      const b = s.busy;
      if (b) {
        // A worker that is mid-file is killed rather than waited for; its file is not committed.
        clearTimeout(b.timer);
        s.busy = undefined;
        s.child.kill('SIGKILL');
        b.resolve({ ok: false, path: b.task.path, code: 'cancelled', reason: 'cancelled: the import was stopped' });
      }
    }
    this.slots.length = 0;
    // Anyone still waiting for a worker gets one that will report "cancelled".
    for (const w of this.waiting.splice(0)) w({ child: undefined as never, ready: Promise.resolve(), markReady: () => undefined });
  }

  private spawn(): Slot {
    const child = fork(WORKER, [], {
      execArgv: ['--import', TSX],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    let markReady!: () => void;
    const slot: Slot = { child, ready: new Promise((r) => (markReady = r)), markReady: () => markReady() };
    child.on('message', (msg: { ready?: true; id?: number; result?: Processed }) => {
      if (msg.ready) return markReady();
      if (slot.busy && msg.id === slot.busy.id && msg.result) {
        const b = slot.busy;
        clearTimeout(b.timer);
        slot.busy = undefined;
        this.release(slot);
        b.resolve(msg.result);
      }
    });
    child.on('exit', (code, signal) => {
      markReady();
      this.fail(slot, 'decoder-crashed', `the decoder process died (${signal ?? `exit code ${code}`})`);
    });
    child.on('error', () => undefined);
    this.slots.push(slot);
    return slot;
  }

  /** The worker in `slot` is gone or stuck: report its file, replace it. */
  private fail(slot: Slot, code: string, detail: string): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    const idleAt = this.idle.indexOf(slot);
    if (idleAt >= 0) this.idle.splice(idleAt, 1);
    slot.child.removeAllListeners('exit');
    slot.child.kill('SIGKILL');
    const b = slot.busy;
    slot.busy = undefined;
    if (!this.closed) this.release(this.spawn());
    if (b) {
      clearTimeout(b.timer);
      b.resolve({ ok: false, path: b.task.path, code, reason: `${code}: ${detail}` });
    }
  }

  private acquire(): Promise<Slot> {
    const s = this.idle.pop();
    if (s) return Promise.resolve(s);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    const w = this.waiting.shift();
    if (w) w(slot);
    else this.idle.push(slot);
  }
}
