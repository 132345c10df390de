/**
 * The photos an end-to-end run imports: 4 copies of team photos downscaled to 1280 px when
 * ../shared/data/photos is present (never copied into the repo), else 4 synthetic scenes made
 * with sharp (sky gradient, ground, a sun, texture) so the suite runs on a clean clone
 * (TW_E2E_SYNTHETIC=1 forces those).
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';

const TEAM_PHOTOS = resolve(import.meta.dirname, '../../../shared/data/photos');

function teamPhotos(): string[] {
  if (process.env.TW_E2E_SYNTHETIC || !existsSync(TEAM_PHOTOS)) return [];
  const found: string[] = [];
  for (const dir of readdirSync(TEAM_PHOTOS, { withFileTypes: true }).filter((d) => d.isDirectory()).sort((a, b) => a.name.localeCompare(b.name)))
    for (const f of readdirSync(join(TEAM_PHOTOS, dir.name)).sort()) if (/\.jpe?g$/i.test(f)) found.push(join(TEAM_PHOTOS, dir.name, f));
  // A spread across the folders rather than the first four of one.
  const step = Math.max(1, Math.floor(found.length / 4));
  return found.filter((_, i) => i % step === 0).slice(0, 4);
}

function syntheticScene(width: number, height: number, seed: number): Buffer {
  const data = Buffer.alloc(width * height * 3);
  const horizon = Math.round(height * (0.45 + 0.1 * seed));
  const sunX = width * (0.25 + 0.15 * seed);
  const sunY = height * 0.25;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = 3 * (y * width + x);
      const noise = ((x * 7919 + y * 104729 + seed * 31) % 23) - 11;
      let r: number, g: number, b: number;
      if (y < horizon) {
        const t = y / horizon;
        r = 70 + 90 * t; g = 110 + 80 * t; b = 190 + 40 * t;
        const d = Math.hypot(x - sunX, y - sunY);
        if (d < height * 0.06) (r = 250), (g = 240), (b = 200);
      } else {
        const t = (y - horizon) / (height - horizon);
        r = 60 + 40 * Math.sin(x / 37 + seed) - 30 * t; g = 90 + 30 * Math.sin(y / 23) - 30 * t; b = 40 - 20 * t;
      }
      data[i] = Math.max(0, Math.min(255, r + noise));
      data[i + 1] = Math.max(0, Math.min(255, g + noise));
      data[i + 2] = Math.max(0, Math.min(255, b + noise));
    }
  return data;
}

export interface E2ePhotos {
  dir: string;
  files: { path: string; width: number; height: number }[];
  source: 'team' | 'synthetic';
}

export async function makePhotoFolder(dir: string): Promise<E2ePhotos> {
  mkdirSync(dir, { recursive: true });
  const team = teamPhotos();
  const files: E2ePhotos['files'] = [];
  if (team.length >= 3) {
    for (const [i, src] of team.entries()) {
      const path = join(dir, `photo-${i + 1}.jpg`);
      const info = await sharp(src).rotate().resize(1280, 1280, { fit: 'inside' }).jpeg({ quality: 88 }).toFile(path);
      files.push({ path, width: info.width, height: info.height });
    }
    return { dir, files, source: 'team' };
  }
  const sizes = [
    [1200, 800],
    [1024, 768],
    [800, 1200],
    [1280, 720],
  ];
  for (const [i, [w, h]] of sizes.entries()) {
    const path = join(dir, `scene-${i + 1}.jpg`);
    await sharp(syntheticScene(w, h, i), { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 90 }).toFile(path);
    files.push({ path, width: w, height: h });
  }
  return { dir, files, source: 'synthetic' };
}
