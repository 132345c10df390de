/** Loading the benchmark's images: FiveK dev pairs and the team's photos (read-only, never copied). */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DATA = path.resolve(ROOT, '../shared/data');
export const FIVEK = path.join(DATA, 'fivek-dev');
export const PHOTOS = path.join(DATA, 'photos');

export interface Rgb8 {
  width: number;
  height: number;
  bits: 8;
  data: Uint8Array;
}

export async function loadRgb(file: string, maxSide?: number): Promise<Rgb8> {
  let img = sharp(file).rotate().removeAlpha().toColourspace('srgb');
  if (maxSide) img = img.resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true, kernel: 'lanczos3' });
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, bits: 8, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

export interface Pair {
  name: string;
  input: Rgb8;
  target: Rgb8;
}

/** The FiveK dev pairs (input vs expert C), or null when the folder is absent. */
export async function loadPairs(): Promise<Pair[] | null> {
  if (!existsSync(FIVEK)) return null;
  const out: Pair[] = [];
  for (const name of readdirSync(FIVEK).sort()) {
    const dir = path.join(FIVEK, name);
    if (!statSync(dir).isDirectory() || !existsSync(path.join(dir, 'input.png')) || !existsSync(path.join(dir, 'target.png'))) continue;
    const input = await loadRgb(path.join(dir, 'input.png'));
    let target = await loadRgb(path.join(dir, 'target.png'));
    if (target.width !== input.width || target.height !== input.height) {
      const { data, info } = await sharp(path.join(dir, 'target.png')).removeAlpha().resize(input.width, input.height, { fit: 'fill' }).raw().toBuffer({ resolveWithObject: true });
      target = { width: info.width, height: info.height, bits: 8, data: new Uint8Array(data) };
    }
    out.push({ name, input, target });
  }
  return out;
}

/** JPEG photos under ../shared/data/photos (sorted, recursive), or [] when absent. */
export function photoFiles(): string[] {
  if (!existsSync(PHOTOS)) return [];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(jpe?g|png)$/i.test(e.name)) out.push(p);
    }
  };
  walk(PHOTOS);
  return out;
}

/**
 * A fixed hold-out split of the FiveK pairs: every third pair (by sorted name, starting at the
 * second) is held out — tuning looked only at the others.
 */
export function isHeldOut(index: number): boolean {
  return index % 3 === 1;
}
