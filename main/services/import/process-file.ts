/**
 * The per-file work of an import, run in a worker: read once, hash, identify, read metadata,
 * decode and render the thumbnail and preview (unless the cache already has them).
 * Never throws: every failure comes back as a specific reason.
 */
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import type { ExifTool } from 'exiftool-vendored';
import { sniffFormat, extensionOf, classifyName, type ImageFormat } from './formats.ts';
import { readMetadata, type PhotoMetadata } from './metadata.ts';
import { decode } from './decoders.ts';
import { ImportError, toImportError } from './errors.ts';
import { PREVIEW_SIZE, THUMB_SIZE, hasRenders, renderPath, writeAtomic } from './render-cache.ts';

export interface ProcessTask {
  path: string;
  cacheDir: string;
}

export interface ProcessedOk {
  ok: true;
  path: string;
  hash: string;
  size: number;
  mtimeMs: number;
  format: ImageFormat;
  width: number | null;
  height: number | null;
  orientation: number;
  meta: PhotoMetadata;
  warnings: string[];
  /** False when the cache already held this content's renders. */
  rendered: boolean;
}

export interface ProcessedFail {
  ok: false;
  path: string;
  code: string;
  reason: string;
}

export type Processed = ProcessedOk | ProcessedFail;

export function hashBuffer(buf: Uint8Array): string {
  // SHA-256 runs at ~1.2 GB/s with the CPU's SHA extensions (faster than BLAKE2 in Node here).
  return createHash('sha256').update(buf).digest('hex');
}

export async function processFile(task: ProcessTask, exiftool: () => ExifTool): Promise<Processed> {
  try {
    return await processOrThrow(task, exiftool);
  } catch (err) {
    const e = toImportError(err);
    return { ok: false, path: task.path, code: e.code, reason: e.reason };
  }
}

async function processOrThrow(task: ProcessTask, exiftool: () => ExifTool): Promise<ProcessedOk> {
  let buf: Buffer;
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(task.path);
    if (!stat.isFile()) throw new ImportError('unsupported', 'not a regular file');
    buf = await fs.promises.readFile(task.path);
  } catch (err) {
    throw err instanceof ImportError ? err : ImportError.fromFs(err);
  }
  if (buf.length === 0) throw new ImportError('empty', 'the file is empty (0 bytes)');
  const format = sniffFormat(buf.subarray(0, 64), extensionOf(task.path));
  if (format === null) {
    const ext = extensionOf(task.path);
    if (classifyName(task.path).kind === 'image') throw new ImportError('corrupt', `named .${ext} but its content is not a ${ext.toUpperCase()} image (unrecognised leading bytes)`);
    throw new ImportError('unsupported', 'not an image format Tonewright recognises');
  }
  if (format === 'unsupported') {
    const c = classifyName(task.path);
    throw new ImportError('unsupported', `${c.kind === 'unsupported' ? c.what : 'this image format'} is not supported yet`);
  }
  const hash = hashBuffer(buf);
  const decoded = await decode(task.path, buf, format, exiftool);
  const warnings: string[] = [];
  let meta: PhotoMetadata;
  if (decoded.rawMeta) meta = decoded.rawMeta;
  else {
    const r = await readMetadata(buf);
    meta = r.meta;
    if (r.warning) warnings.push(r.warning);
  }
  let width: number | null = decoded.width;
  let height: number | null = decoded.height;
  if (decoded.rawMeta && meta.width && meta.height) {
    // The RAW's own image size, not its preview's.
    [width, height] = decoded.orientation >= 5 ? [meta.height, meta.width] : [meta.width, meta.height];
  }
  const rendered = !hasRenders(task.cacheDir, hash);
  if (rendered) await render(decoded.pipeline, task.cacheDir, hash);
  return { ok: true, path: task.path, hash, size: buf.length, mtimeMs: stat.mtimeMs, format, width, height, orientation: decoded.orientation, meta, warnings, rendered };
}

async function render(pipeline: () => import('sharp').Sharp, cacheDir: string, hash: string): Promise<void> {
  let preview: Buffer;
  let thumb: Buffer;
  try {
    preview = await pipeline()
      .resize({ width: PREVIEW_SIZE, height: PREVIEW_SIZE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 85 })
      .toBuffer();
    thumb = await (await import('sharp')).default(preview).resize({ width: THUMB_SIZE, height: THUMB_SIZE, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 80 }).toBuffer();
  } catch (err) {
    throw toImportError(err);
  }
  await writeAtomic(renderPath(cacheDir, 'previews', hash), preview);
  await writeAtomic(renderPath(cacheDir, 'thumbs', hash), thumb);
}
