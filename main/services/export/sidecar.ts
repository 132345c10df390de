/**
 * XMP sidecars on disk: where a photo's sidecar lives (Lightroom's convention: the photo's name
 * with .xmp, e.g. IMG_0042.xmp; also IMG_0042.JPG.xmp as darktable writes), reading one — or the
 * XMP packet embedded in a JPEG/TIFF/… — and writing one atomically.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { readXmp, type XmpImport } from '../../../shared/develop/xmp/read.ts';
import { writeXmp } from '../../../shared/develop/xmp/write.ts';
import type { ResolvedSettings } from '../../../shared/pixel/pipeline.ts';
import { writeFileAtomic } from '../../imaging/encode.ts';

export function sidecarPath(photoPath: string): string {
  const p = path.parse(photoPath);
  return path.join(p.dir, `${p.name}.xmp`);
}

/** The first existing sidecar of a photo (IMG.xmp, IMG.xmp upper-case, IMG.JPG.xmp), or undefined. */
export async function findSidecar(photoPath: string): Promise<string | undefined> {
  const p = path.parse(photoPath);
  for (const c of [path.join(p.dir, `${p.name}.xmp`), path.join(p.dir, `${p.name}.XMP`), `${photoPath}.xmp`]) {
    try {
      if ((await fs.stat(c)).isFile()) return c;
    } catch {
      /* not there */
    }
  }
  return undefined;
}

/** Reads a sidecar (.xmp) or the XMP embedded in an image file. */
export async function readXmpFile(file: string): Promise<XmpImport & { embedded: boolean }> {
  const bytes = await fs.readFile(file);
  const head = bytes.subarray(0, 64).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  if (head.startsWith('<')) return { ...readXmp(bytes.toString('utf8')), embedded: false };
  const xmp = (await sharp(bytes).metadata()).xmp;
  if (!xmp) return { steps: [], unmapped: [], warnings: ['the file carries no XMP'], embedded: true };
  return { ...readXmp(xmp.toString('utf8')), embedded: true };
}

export async function writeSidecar(file: string, settings: ResolvedSettings, opts: { overwrite?: boolean } = {}): Promise<void> {
  await writeFileAtomic(file, Buffer.from(writeXmp(settings, { creatorTool: 'Tonewright' }), 'utf8'), { overwrite: opts.overwrite });
}
