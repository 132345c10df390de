/** Background jobs (imports, exports…): their parameters and progress, so a restart can resume. */
import type { Db } from '../db/connection.ts';
import { nowIso, parseJson } from './util.ts';

export type JobStatus = 'running' | 'done' | 'cancelled' | 'failed' | 'interrupted';

export interface JobRecord<P = unknown, G = unknown> {
  id: number;
  kind: string;
  status: JobStatus;
  params: P;
  progress: G;
  error: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

interface Row {
  id: number;
  kind: string;
  status: JobStatus;
  params: string;
  progress: string;
  error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

function toRecord<P, G>(r: Row): JobRecord<P, G> {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    params: parseJson(r.params, {} as P),
    progress: parseJson(r.progress, {} as G),
    error: r.error,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    finishedAt: r.finished_at,
  };
}

export class JobsRepository {
  constructor(private readonly db: Db) {}

  create(kind: string, params: unknown): number {
    const now = nowIso();
    return Number(this.db.prepare("INSERT INTO jobs (kind, status, params, created_at, updated_at) VALUES (?, 'running', ?, ?, ?)").run(kind, JSON.stringify(params), now, now).lastInsertRowid);
  }

  get<P = unknown, G = unknown>(id: number): JobRecord<P, G> | undefined {
    const r = this.db.prepare<[number], Row>('SELECT * FROM jobs WHERE id = ?').get(id);
    return r && toRecord<P, G>(r);
  }

  /** Jobs left 'running' (by a process that is gone, when called at start-up), oldest first. */
  unfinished<P = unknown, G = unknown>(kind: string): JobRecord<P, G>[] {
    return this.db.prepare<[string], Row>("SELECT * FROM jobs WHERE kind = ? AND status IN ('running', 'interrupted') ORDER BY id").all(kind).map((r) => toRecord<P, G>(r));
  }

  /** Takes over an unfinished job (after a crash): it runs again under this process. */
  resume(id: number): void {
    this.db.prepare("UPDATE jobs SET status = 'running', updated_at = ? WHERE id = ?").run(nowIso(), id);
  }

  progress(id: number, progress: unknown): void {
    this.db.prepare('UPDATE jobs SET progress = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(progress), nowIso(), id);
  }

  finish(id: number, status: Exclude<JobStatus, 'running'>, progress?: unknown, error?: string): void {
    const now = nowIso();
    this.db
      .prepare('UPDATE jobs SET status = ?, progress = coalesce(?, progress), error = ?, updated_at = ?, finished_at = ? WHERE id = ?')
      .run(status, progress === undefined ? null : JSON.stringify(progress), error ?? null, now, status === 'interrupted' ? null : now, id);
  }

  recent(kind?: string, limit = 20): JobRecord[] {
    const rows = kind
      ? this.db.prepare<[string, number], Row>('SELECT * FROM jobs WHERE kind = ? ORDER BY id DESC LIMIT ?').all(kind, limit)
      : this.db.prepare<[number], Row>('SELECT * FROM jobs ORDER BY id DESC LIMIT ?').all(limit);
    return rows.map((r) => toRecord(r));
  }
}
