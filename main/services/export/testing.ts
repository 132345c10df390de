/** Fixtures for the export tests: small JPEGs made with sharp, and a fake ExportSource. */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { emptyStack, resolve } from '../../../shared/develop/stack.ts';
import type { ResolvedSettings } from '../../../shared/pixel/pipeline.ts';
import type { ExportItem, ExportSource, PhotoMetadata } from './types.ts';

/** A colourful, detailed image (noise makes JPEG sizes depend on quality). */
export function pattern(width: number, height: number, seed = 1): Buffer {
  const data = Buffer.alloc(width * height * 3);
  let s = seed >>> 0 || 1;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      const n = (s >>> 24) - 128;
      const i = (y * width + x) * 3;
      data[i] = Math.max(0, Math.min(255, (x * 255) / width + n * 0.25));
      data[i + 1] = Math.max(0, Math.min(255, (y * 255) / height + n * 0.25));
      data[i + 2] = Math.max(0, Math.min(255, 128 + 100 * Math.sin((x + y) / 7) + n * 0.25));
    }
  return data;
}

export interface FixtureOptions {
  width?: number;
  height?: number;
  orientation?: number;
  gps?: boolean;
  seed?: number;
}

export async function writeFixture(file: string, o: FixtureOptions = {}): Promise<string> {
  const width = o.width ?? 64;
  const height = o.height ?? 48;
  let s = sharp(pattern(width, height, o.seed), { raw: { width, height, channels: 3 } });
  if (o.orientation) s = s.withMetadata({ orientation: o.orientation });
  s = s.withExif({
    IFD0: { Copyright: 'Jane Doe 2024', Artist: 'Jane', Make: 'Nikon', Model: 'Z 6', ...(o.orientation ? { Orientation: String(o.orientation) } : {}) },
    ...(o.gps === false ? {} : { IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2400/100', GPSLongitudeRef: 'E', GPSLongitude: '2/1 21/1 0/1' } }),
  });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await s.jpeg({ quality: 95 }).toFile(file);
  return file;
}

export const plainSettings = (): ResolvedSettings => resolve(emptyStack());

export function fakeSource(items: Record<number, { path: string; settings?: ResolvedSettings; metadata?: PhotoMetadata }>): ExportSource {
  return {
    async get(id): Promise<ExportItem> {
      const it = items[id];
      if (!it) throw new Error('not in the catalog');
      return { photoId: id, path: it.path, settings: it.settings ?? plainSettings(), metadata: it.metadata ?? { name: path.parse(it.path).name } };
    },
  };
}
