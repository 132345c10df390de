/**
 * Source images for the GL tests: deterministic synthetic 8- and 16-bit images (gradients,
 * saturated patches, hard edges, skin-like tones, fine noise) and real photos from
 * ../shared/data/photos downscaled with sharp (null when the corpus is absent).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { SourceImage } from '../../shared/pixel/pipeline/types.ts';
import { rng } from '../../shared/gl/testSettings.ts';

export const PHOTOS_DIR = process.env.TW_PHOTOS ?? join(import.meta.dirname, '../../../shared/data/photos');

/** Linear-ish scene as sRGB values 0..1 at (u, v). */
function scene(u: number, v: number, noise: number): [number, number, number] {
  if (v < 0.25) {
    // hue sweep with a saturation ramp
    const h = u * 6;
    const k = (n: number) => {
      const t = (n + h) % 6;
      return 1 - Math.max(0, Math.min(1, Math.min(t, 4 - t)));
    };
    const s = 0.2 + 0.8 * (v / 0.25);
    return [1 - s * k(5), 1 - s * k(3), 1 - s * k(1)].map((x) => x * (0.35 + 0.6 * u) + noise) as [number, number, number];
  }
  if (v < 0.5) return [u + noise, u + noise, u + noise]; // grey ramp
  if (v < 0.75) {
    const edge = (Math.floor(u * 8) + Math.floor(v * 16)) & 1;
    return edge ? [0.85 + noise, 0.62 + noise, 0.5 + noise] : [0.12 + noise, 0.2 + noise, 0.35 + noise]; // skin / navy checks
  }
  const d = Math.hypot(u - 0.5, (v - 0.875) * 4);
  return [0.9 - d + noise, 0.55 + 0.3 * Math.sin(u * 20) + noise, 0.2 + 0.6 * v * u + noise];
}

export function syntheticSource(width: number, height: number, bits: 8 | 16 = 8, seed = 1): SourceImage {
  const r = rng(seed);
  const max = bits === 8 ? 255 : 65535;
  const data = bits === 8 ? new Uint8Array(width * height * 3) : new Uint16Array(width * height * 3);
  for (let y = 0, i = 0; y < height; y++)
    for (let x = 0; x < width; x++, i += 3) {
      const c = scene(x / width, y / height, (r() - 0.5) * 0.04);
      for (let k = 0; k < 3; k++) data[i + k] = Math.round(Math.max(0, Math.min(1, c[k])) * max);
    }
  return { width, height, bits, data } as SourceImage;
}

/** Up to `count` photos (JPEG), spread over the corpus, each downscaled to fit maxEdge. */
export async function loadPhotos(count: number, maxEdge: number): Promise<{ name: string; source: SourceImage }[] | null> {
  if (!existsSync(PHOTOS_DIR)) return null;
  const files: string[] = [];
  for (const d of readdirSync(PHOTOS_DIR).sort()) {
    const dir = join(PHOTOS_DIR, d);
    if (!statSync(dir).isDirectory()) continue;
    for (const f of readdirSync(dir).sort()) if (/\.jpe?g$/i.test(f)) files.push(join(dir, f));
  }
  if (!files.length) return null;
  const pick = Array.from({ length: Math.min(count, files.length) }, (_, i) => files[Math.floor((i * files.length) / Math.min(count, files.length))]);
  return Promise.all(
    pick.map(async (f) => {
      const { data, info } = await sharp(f).rotate().resize(maxEdge, maxEdge, { fit: 'inside' }).removeAlpha().toColorspace('srgb').raw().toBuffer({ resolveWithObject: true });
      return { name: f.slice(PHOTOS_DIR.length + 1), source: { width: info.width, height: info.height, bits: 8 as const, data: new Uint8Array(data) } };
    }),
  );
}
