/**
 * The export batch: a list of photo ids → JPEG files in one folder.
 *
 * - Each photo: fetch (ExportSource) → render (render-photo.ts) → encode (encode-photo.ts) → a
 *   free name from the template (naming.ts) → atomic write (main/imaging/encode.ts
 *   writeFileAtomic: temporary file in the destination, fsync, link/rename; never replaces a file).
 * - A failure (missing source, unreadable file, read-only / vanished / full destination, size
 *   limit unreachable) is recorded for that photo with a clear message, and the batch goes on.
 * - Renders run on every core through one shared RenderPool; `concurrency` photos are in flight
 *   at once (default 2: one photo's decode — a single libvips thread — overlaps another's render;
 *   bench/export.bench.ts measures 1 and 2: 58 vs 71 photos/minute for 24 MP on 2 cores).
 * - Progress after each photo (done/total, current, ETA); cancel with an AbortSignal: photos
 *   not finished are abandoned before their write, so nothing partial is left.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../imaging/encode.ts';
import { RenderPool } from '../../imaging/render.ts';
import { isImagingError } from '../../imaging/errors.ts';
import { encodeForExport, metadataFor } from './encode-photo.ts';
import { checkTemplate, renderName, uniquePath } from './naming.ts';
import { renderForExport } from './render-photo.ts';
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_SETTINGS,
  ExportError,
  type ExportedFile,
  type ExportProgress,
  type ExportSettings,
  type ExportSource,
  type ExportSummary,
} from './types.ts';

export interface ExportBatchOptions {
  outDir: string;
  settings: Partial<ExportSettings>;
  signal?: AbortSignal;
  onProgress?: (p: ExportProgress) => void;
  /** Called as each photo finishes (written or failed). */
  onResult?: (r: { photoId: number; file?: ExportedFile; error?: string }) => void;
  /** Photos in flight at once (default 1). */
  concurrency?: number;
  /** A running pool to share (else one is started for the batch when needed and closed after). */
  pool?: RenderPool;
}

/** Settings with defaults applied; throws RangeError on values no photo could be exported with. */
export function completeSettings(s: Partial<ExportSettings>): ExportSettings {
  const out: ExportSettings = { ...DEFAULT_SETTINGS, ...s };
  if (!(Number.isInteger(out.quality) && out.quality >= 1 && out.quality <= 100)) throw new RangeError(`quality must be an integer 1..100, got ${out.quality}`);
  if (out.maxKb !== undefined && !(out.maxKb > 0)) throw new RangeError(`the size limit must be a positive number of KB, got ${out.maxKb}`);
  checkTemplate(out.nameTemplate ?? '{name}');
  return out;
}

export async function exportBatch(photoIds: readonly number[], source: ExportSource, opts: ExportBatchOptions): Promise<ExportSummary> {
  const settings = completeSettings(opts.settings);
  const t0 = performance.now();
  const outDir = path.resolve(opts.outDir);
  const total = photoIds.length;
  const files: ExportedFile[] = [];
  const failed: { photoId: number; error: string }[] = [];
  const claimed = new Set<string>();
  let pool = opts.pool;
  const ownPool = !pool;
  const getPool = () => (pool ??= new RenderPool());
  let next = 0;
  let done = 0;
  await removeStaleTemps(outDir);

  const report = (current?: number) => {
    const elapsed = (performance.now() - t0) / 1000;
    const etaSeconds = done > 0 ? (elapsed / done) * (total - done) : undefined;
    opts.onProgress?.({ done, total, failed: failed.length, current, etaSeconds });
  };

  const one = async (index: number): Promise<void> => {
    const photoId = photoIds[index];
    report(photoId);
    try {
      const item = await source.get(photoId).catch((e) => {
        throw new ExportError('SOURCE_MISSING', `photo ${photoId}: ${(e as Error).message}`, { cause: e });
      });
      const rendered = await renderForExport(item, settings, getPool, opts.signal);
      const md = metadataFor(settings, rendered.source, item.metadata);
      const enc = await encodeForExport(rendered.image, settings, md, opts.signal);
      opts.signal?.throwIfAborted();
      const base = renderName(settings.nameTemplate ?? '{name}', { meta: item.metadata, seq: index + 1, photoId });
      const file = await writeUnique(outDir, base, enc.jpeg, claimed);
      const result: ExportedFile = {
        photoId,
        path: file,
        width: rendered.image.width,
        height: rendered.image.height,
        bytes: enc.jpeg.length,
        quality: enc.quality,
        warnings: [...md.warnings, ...enc.warnings],
      };
      files.push(result);
      done++;
      opts.onResult?.({ photoId, file: result });
    } catch (e) {
      if (opts.signal?.aborted) return;
      const error = describeError(e, outDir);
      failed.push({ photoId, error });
      done++;
      opts.onResult?.({ photoId, error });
    }
    report();
  };

  const worker = async () => {
    while (next < total && !opts.signal?.aborted) await one(next++);
  };
  try {
    const n = Math.max(1, Math.min(Math.floor(opts.concurrency ?? DEFAULT_CONCURRENCY), total || 1));
    await Promise.all(Array.from({ length: n }, worker));
  } finally {
    if (ownPool && pool) await pool.close();
  }
  return { written: files.length, files, failed, cancelled: opts.signal?.aborted === true, seconds: (performance.now() - t0) / 1000 };
}

/** Writes to the first free name; a file appearing meanwhile just moves us to the next suffix. */
async function writeUnique(dir: string, base: string, bytes: Buffer, claimed: Set<string>): Promise<string> {
  for (let tries = 0; tries < 20; tries++) {
    const file = await uniquePath(dir, base, '.jpg', claimed);
    try {
      await writeFileAtomic(file, bytes, { overwrite: false });
      return file;
    } catch (e) {
      if (isImagingError(e) && e.code === 'OUTPUT_EXISTS') continue;
      throw e;
    }
  }
  throw new ExportError('DESTINATION', `could not find a free file name for ${base}.jpg in ${dir}`);
}

/** One clear line for a failed photo. */
export function describeError(e: unknown, outDir: string): string {
  const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
  if (e instanceof ExportError) return msg;
  if (isImagingError(e)) {
    if (e.code === 'NOT_FOUND') return `source photo is missing: ${msg.replace(/^input file not found: /, '')}`;
    if (e.code === 'WRITE_FAILED') {
      if (/ENOSPC|no space/i.test(msg)) return `disk full: no space left in ${outDir}`;
      if (/EROFS|read-only/i.test(msg)) return `destination is read-only: ${outDir}`;
      if (/permission denied|EACCES|EPERM/i.test(msg)) return `destination is not writable (permission denied): ${outDir}`;
      if (/does not exist|ENOENT/i.test(msg)) return `destination folder does not exist (removed or unmounted?): ${outDir}`;
      if (/EDQUOT/i.test(msg)) return `disk quota exceeded in ${outDir}`;
    }
    return msg;
  }
  if (e instanceof RangeError) return msg;
  return `export failed: ${msg}`;
}

/**
 * Temporary files of exports killed mid-write (".<name>.<pid>.<time>.tmp", see writeFileAtomic)
 * whose process is gone are removed; never a finished file, never another live process's.
 */
export async function removeStaleTemps(dir: string): Promise<number> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const n of names) {
    const m = /^\..+\.(\d+)\.[0-9a-z]+\.tmp$/.exec(n);
    if (!m || alive(Number(m[1]))) continue;
    await fs.rm(path.join(dir, n), { force: true }).then(() => removed++, () => {});
  }
  return removed;
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
