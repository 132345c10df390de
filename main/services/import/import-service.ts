/**
 * A library import (and re-scan): scan the roots, skip what the catalog already has unchanged,
 * process the rest on the worker pool, commit each file in its own transaction, then mark the
 * photos whose files are gone as missing. The job row makes it resumable: after a crash, the
 * same import skips every file already committed and carries on.
 */
import path from 'node:path';
import type { Repositories } from '../../repositories/index.ts';
import { scan, type ScanFs, type ScannedFile } from './scanner.ts';
import { WorkerPool, type PoolOptions } from './pool.ts';
import { commitProcessed, type CommitOutcome } from './commit.ts';
import { pathRange } from '../../repositories/util.ts';

export interface ImportProgress {
  done: number;
  total: number;
  current: string | null;
  /** Files per second so far. */
  rate: number;
  /** Seconds left at that rate (null until known). */
  eta: number | null;
}

export interface ImportSummary {
  imported: number;
  duplicates: number;
  updated: number;
  moved: number;
  missing: number;
  unchanged: number;
  ignored: number;
  failed: { path: string; error: string }[];
  seconds: number;
  jobId: number;
  resumed: boolean;
  cancelled: boolean;
}

export interface ImportOptions {
  roots: readonly string[];
  cacheDir: string;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  pool?: PoolOptions;
  scanFs?: ScanFs;
}

interface JobParams {
  roots: string[];
}

export async function importFolders(repos: Repositories, opts: ImportOptions): Promise<ImportSummary> {
  const t0 = performance.now();
  const roots = [...new Set(opts.roots.map((r) => path.resolve(r)))].sort();
  const summary: ImportSummary = { imported: 0, duplicates: 0, updated: 0, moved: 0, missing: 0, unchanged: 0, ignored: 0, failed: [], seconds: 0, jobId: 0, resumed: false, cancelled: false };

  // Resume an interrupted import of the same folders, or start a new job.
  const previous = repos.jobs.unfinished<JobParams>('import').find((j) => JSON.stringify(j.params.roots) === JSON.stringify(roots));
  if (previous) {
    repos.jobs.resume(previous.id);
    summary.jobId = previous.id;
    summary.resumed = true;
  } else summary.jobId = repos.jobs.create('import', { roots } satisfies JobParams);

  const finish = (status: 'done' | 'cancelled' | 'failed', error?: string) => {
    summary.seconds = Math.round((performance.now() - t0) / 10) / 100;
    repos.jobs.finish(summary.jobId, status, { ...summary, failed: summary.failed.length }, error);
    return summary;
  };

  let pool: WorkerPool | undefined;
  try {
    const scanned = await scan(roots, { fs: opts.scanFs, signal: opts.signal });
    summary.failed.push(...scanned.failed);
    summary.ignored = scanned.ignored;
    const todo = plan(repos, roots, scanned.files, summary);
    const moved = new Set<number>();
    let total = todo.length;
    let done = 0;
    const progress = (current: string | null) => {
      const secs = (performance.now() - t0) / 1000;
      const rate = secs > 0 ? done / secs : 0;
      opts.onProgress?.({ done, total, current, rate, eta: rate > 0 ? (total - done) / rate : null });
    };
    let lastSaved = 0;
    progress(null);
    if (total > 0 && !opts.signal?.aborted) {
      pool = new WorkerPool(opts.pool);
      const abort = () => pool?.close();
      opts.signal?.addEventListener('abort', abort, { once: true });
      const lanes = async (files: ScannedFile[]) => {
        let next = 0;
        const lane = async () => {
          while (next < files.length && !opts.signal?.aborted) {
            const file = files[next++];
            progress(file.path);
            const r = await pool!.run({ path: file.path, cacheDir: opts.cacheDir });
            if (opts.signal?.aborted) return;
            if (!r.ok) summary.failed.push({ path: r.path, error: r.reason });
            else {
              try {
                count(summary, commitProcessed({ repos, root: rootOf(roots, file.path), moved }, r));
              } catch (err) {
                summary.failed.push({ path: r.path, error: `catalog: ${(err as Error).message}` });
              }
            }
            done++;
            if (performance.now() - lastSaved > 1000) {
              lastSaved = performance.now();
              repos.jobs.progress(summary.jobId, { done, total });
            }
          }
        };
        await Promise.all(Array.from({ length: pool!.size }, lane));
      };
      await lanes(todo);
      // Copies recorded as duplicates of a photo whose own file has since changed now hold
      // content of their own: they are taken in again (as photos, or duplicates of another).
      const orphans = orphanedDuplicates(repos, roots, todo);
      if (orphans.length && !opts.signal?.aborted) {
        total += orphans.length;
        await lanes(orphans);
      }
      opts.signal?.removeEventListener('abort', abort);
    }
    progress(null);
    if (opts.signal?.aborted) {
      summary.cancelled = true;
      return finish('cancelled');
    }
    markMissing(repos, roots, scanned.files, scanned.unreadable, moved, summary);
    summary.failed.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return finish('done');
  } catch (err) {
    finish('failed', (err as Error).message);
    throw err;
  } finally {
    pool?.close();
  }
}

function orphanedDuplicates(repos: Repositories, roots: readonly string[], processed: readonly ScannedFile[]): ScannedFile[] {
  const again = new Set(processed.map((f) => f.path));
  const out: ScannedFile[] = [];
  repos.transaction(() => {
    for (const root of roots) {
      for (const d of repos.photos.duplicatesUnder(root)) {
        if (again.has(d.path) || repos.photos.byId(d.photoId)?.hash === d.hash) continue;
        repos.photos.removeDuplicate(d.path);
        out.push({ path: d.path, size: d.size, mtimeMs: d.mtimeMs });
      }
    }
  });
  return out;
}

function count(s: ImportSummary, o: CommitOutcome): void {
  if (o === 'imported') s.imported++;
  else if (o === 'updated') s.updated++;
  else if (o === 'moved') s.moved++;
  else s.duplicates++;
}

function rootOf(roots: readonly string[], p: string): string {
  return roots.find((r) => p === r || p.startsWith(r + path.sep)) ?? path.dirname(p);
}

/** The files that need work: new paths, and known paths whose size or mtime changed. */
function plan(repos: Repositories, roots: readonly string[], files: readonly ScannedFile[], summary: ImportSummary): ScannedFile[] {
  const known = new Map<string, { id: number; size: number; mtimeMs: number; missing: boolean }>();
  const dups = new Map<string, { size: number; mtimeMs: number }>();
  for (const root of roots) {
    for (const s of repos.photos.fileStatesUnder(root)) known.set(s.path, s);
    for (const d of repos.photos.duplicatesUnder(root)) dups.set(d.path, d);
    const single = repos.photos.byPath(root);
    if (single) known.set(single.path, { id: single.id, size: single.size, mtimeMs: single.mtimeMs, missing: single.missing });
  }
  const todo: ScannedFile[] = [];
  for (const f of files) {
    const k = known.get(f.path);
    const d = dups.get(f.path);
    const same = (x: { size: number; mtimeMs: number } | undefined) => x !== undefined && x.size === f.size && x.mtimeMs === Math.trunc(f.mtimeMs);
    if (same(k) || (!k && same(d))) {
      summary.unchanged++;
      if (k?.missing) repos.photos.setMissing(k.id, false);
    } else todo.push(f);
  }
  return todo;
}

/** Photos under the roots whose files were not found are marked missing (never deleted). */
function markMissing(repos: Repositories, roots: readonly string[], files: readonly ScannedFile[], unreadable: readonly string[], moved: Set<number>, summary: ImportSummary): void {
  const present = new Set(files.map((f) => f.path));
  const shadowed = (p: string) => unreadable.some((d) => { const [lo, hi] = pathRange(d); return p >= lo && p < hi; });
  repos.transaction(() => {
    for (const root of roots) {
      for (const s of repos.photos.fileStatesUnder(root)) {
        if (present.has(s.path) || moved.has(s.id) || shadowed(s.path)) continue;
        if (repos.photos.setMissing(s.id, true)) summary.missing++;
      }
      for (const d of repos.photos.duplicatesUnder(root)) {
        if (!present.has(d.path) && !shadowed(d.path)) repos.photos.removeDuplicate(d.path);
      }
    }
  });
}
