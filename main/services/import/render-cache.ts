/**
 * The thumbnail (256 px) and preview (~2048 px) cache, keyed by content hash:
 * <cache>/thumbs/ab/abcdef….jpg and <cache>/previews/ab/abcdef….jpg. Files are written to a
 * temporary name and renamed, so a crash never leaves a half-written image under its real name.
 */
import fs from 'node:fs';
import path from 'node:path';

export const THUMB_SIZE = 256;
export const PREVIEW_SIZE = 2048;

export type RenderKind = 'thumbs' | 'previews';

export function renderPath(cacheDir: string, kind: RenderKind, hash: string): string {
  return path.join(cacheDir, kind, hash.slice(0, 2), `${hash}.jpg`);
}

export function hasRenders(cacheDir: string, hash: string): boolean {
  return fs.existsSync(renderPath(cacheDir, 'thumbs', hash)) && fs.existsSync(renderPath(cacheDir, 'previews', hash));
}

export async function writeAtomic(file: string, data: Uint8Array): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await fs.promises.writeFile(tmp, data);
    await fs.promises.rename(tmp, file);
  } catch (err) {
    await fs.promises.rm(tmp, { force: true });
    throw err;
  }
}
