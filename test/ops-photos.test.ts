/**
 * End-to-end checks of the linear ops (white balance, dehaze, tone, presence) through the real
 * runner (renderImage with the registry and the guide registry): a synthetic image always,
 * and real photos from ../shared/data/photos when present (skipped otherwise).
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { renderImage } from '../shared/pixel/pipeline.ts';
import type { ResolvedSettings, SourceImage } from '../shared/pixel/pipeline/types.ts';
import { deltaE2000Image, srgbToLab, summarize } from '../shared/pixel/color.ts';
import { sourceFrom } from '../shared/develop/ops/linearTesting.ts';
import { srgbToLinear } from '../shared/pixel/transfer.ts';

const settings = (ops: ResolvedSettings['ops']): ResolvedSettings => ({ ops, locals: [] });
const mean = (d: Float32Array, c: number) => {
  let s = 0;
  for (let i = c; i < d.length; i += 3) s += d[i];
  return s / (d.length / 3);
};
const luma = (d: Float32Array, i: number) => 0.2126 * srgbToLinear(d[3 * i]) + 0.7152 * srgbToLinear(d[3 * i + 1]) + 0.0722 * srgbToLinear(d[3 * i + 2]);
function finite(d: Float32Array) {
  for (const v of d) if (!Number.isFinite(v)) return false;
  return true;
}

describe('linear ops through renderImage (synthetic)', () => {
  const src = sourceFrom(96, 64, (x, y) => {
    const v = 0.02 + 0.5 * (x / 96) * (0.7 + 0.3 * Math.sin(y / 3));
    return [v, v * 0.9, v * 0.75];
  });

  it('renders every linear op together without NaN, deterministically', () => {
    const s = settings({
      whiteBalance: { temperature: 25, tint: -10 },
      dehaze: { amount: 40 },
      tone: { exposure: 0.5, contrast: 20, highlights: -60, shadows: 50, whites: 10, blacks: -10 },
      presence: { texture: 30, clarity: 40 },
    });
    const a = renderImage(s, src);
    const b = renderImage(s, src);
    expect(finite(a.data)).toBe(true);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
  });

  it('+1 EV doubles linear light through the whole runner', () => {
    const base = renderImage(settings({}), src);
    const up = renderImage(settings({ tone: { exposure: 1 } }), src);
    for (let i = 0; i < base.data.length / 3; i += 37) {
      const y0 = luma(base.data, i);
      if (y0 > 0.01 && y0 < 0.3) expect(luma(up.data, i) / y0).toBeCloseTo(2, 2);
    }
  });

  it('clarity does not change the brightness of a flat area, whatever the exposure (op order)', () => {
    const flat = sourceFrom(64, 48, () => [0.18, 0.18, 0.18]);
    const a = renderImage(settings({ tone: { exposure: 2 } }), flat);
    const b = renderImage(settings({ tone: { exposure: 2 }, presence: { clarity: 100, texture: 100 } }), flat);
    for (let i = 0; i < a.data.length; i += 31) expect(b.data[i]).toBeCloseTo(a.data[i], 3);
  });

  it('+temperature raises the mean b*; shadows lift the dark half', () => {
    const base = renderImage(settings({}), src);
    const warm = renderImage(settings({ whiteBalance: { temperature: 40 } }), src);
    const bOf = (d: Float32Array) => srgbToLab(mean(d, 0), mean(d, 1), mean(d, 2))[2];
    expect(bOf(warm.data)).toBeGreaterThan(bOf(base.data) + 5);
    const lifted = renderImage(settings({ tone: { shadows: 80 } }), src);
    expect(luma(lifted.data, 32 * 96 + 5)).toBeGreaterThan(1.3 * luma(base.data, 32 * 96 + 5));
  });
});

const PHOTOS = join(import.meta.dirname, '..', '..', 'shared', 'data', 'photos');
const photoDir = existsSync(PHOTOS) ? readdirSync(PHOTOS).map((d) => join(PHOTOS, d)).find((d) => existsSync(d)) : undefined;
const photos = photoDir ? readdirSync(photoDir).filter((f) => /\.jpe?g$/i.test(f)).slice(0, 3).map((f) => join(photoDir, f)) : [];

async function load(path: string): Promise<SourceImage> {
  const { data, info } = await sharp(path).rotate().resize(384, 384, { fit: 'inside' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, bits: 8, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

describe.skipIf(photos.length === 0)('linear ops on real photos (../shared/data/photos)', () => {
  if (photos.length === 0) console.warn('ops-photos: ../shared/data/photos not found — real-photo checks skipped');

  it.each(photos)('neutral settings are the identity and edits behave on %s', async (path) => {
    const src = await load(path);
    const orig = Float32Array.from(src.data, (v) => v / 255);
    const neutral = renderImage(settings({ tone: { exposure: 0 }, presence: {}, dehaze: {}, whiteBalance: {} }), src);
    expect(summarize(deltaE2000Image(orig, neutral.data)).max).toBeLessThan(0.5);

    const edited = renderImage(
      settings({
        whiteBalance: { temperature: 20 },
        dehaze: { amount: 30 },
        tone: { exposure: 0.3, contrast: 15, highlights: -50, shadows: 40, whites: 10, blacks: -10 },
        presence: { texture: 20, clarity: 30 },
      }),
      src,
    );
    expect(finite(edited.data)).toBe(true);
    const d = summarize(deltaE2000Image(orig, edited.data));
    expect(d.mean).toBeGreaterThan(1); // a visible edit...
    expect(d.mean).toBeLessThan(25); // ...not a broken image
  });
});
