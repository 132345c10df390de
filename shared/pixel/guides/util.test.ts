import { describe, expect, it } from 'vitest';
import { srgbToLinear } from '../transfer.ts';
import type { SourceImage } from '../pipeline/types.ts';
import { boxBlur, downsampleLinear, guidedFilter, packGuide, sampleGuide, sampleGuideAt, smallSize } from './util.ts';

function naiveBox(a: Float32Array, w: number, h: number, r: number): Float32Array {
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let j = -r; j <= r; j++)
        for (let i = -r; i <= r; i++) s += a[Math.min(h - 1, Math.max(0, y + j)) * w + Math.min(w - 1, Math.max(0, x + i))];
      out[y * w + x] = s / (2 * r + 1) ** 2;
    }
  return out;
}

const rand = (n: number, seed = 3) => {
  let s = seed;
  return Float32Array.from({ length: n }, () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648));
};

describe('boxBlur', () => {
  for (const [w, h, r] of [[13, 9, 1], [13, 9, 4], [5, 30, 7], [1, 1, 3]])
    it(`matches a direct (2r+1)² mean with replicated edges (${w}×${h}, r=${r})`, () => {
      const a = rand(w * h);
      const got = boxBlur(a, w, h, r);
      const want = naiveBox(a, w, h, r);
      for (let i = 0; i < w * h; i++) expect(got[i]).toBeCloseTo(want[i], 5);
    });

  it('radius 0 copies', () => {
    const a = rand(12);
    expect(boxBlur(a, 4, 3, 0)).toEqual(a);
  });
});

describe('guidedFilter', () => {
  it('constant input: A = 0, B = the constant', () => {
    const I = rand(20 * 20);
    const p = new Float32Array(400).fill(0.3);
    const { a, b } = guidedFilter(I, p, 20, 20, 3, 1e-3);
    for (let i = 0; i < 400; i++) {
      expect(a[i]).toBeCloseTo(0, 4);
      expect(b[i]).toBeCloseTo(0.3, 4);
    }
  });

  it('p = I with a tiny eps keeps edges (A ≈ 1, B ≈ 0); a large eps smooths (A ≈ 0)', () => {
    const w = 32, h = 8;
    const I = Float32Array.from({ length: w * h }, (_, i) => (i % w < 16 ? 0.1 : 0.9));
    const sharp = guidedFilter(I, I, w, h, 2, 1e-6);
    for (let i = 0; i < w * h; i++) expect(sharp.a[i] * I[i] + sharp.b[i]).toBeCloseTo(I[i], 2);
    const soft = guidedFilter(I, I, w, h, 2, 10);
    const edge = 4 * w + 16;
    expect(soft.a[edge]).toBeLessThan(0.05);
  });
});

describe('downsampleLinear', () => {
  it('averages 2×2 blocks exactly in linear light', () => {
    const W = 4, H = 2;
    const data = new Uint8Array(W * H * 3);
    const vals = [0, 255, 10, 20, 255, 0, 30, 40];
    vals.forEach((v, i) => data.fill(v, i * 3, i * 3 + 3));
    const src: SourceImage = { width: W, height: H, bits: 8, data };
    const s = downsampleLinear(src, 2);
    expect([s.width, s.height]).toEqual([2, 1]);
    const lin = (v: number) => srgbToLinear(v / 255);
    expect(s.rgb[0]).toBeCloseTo((lin(0) + lin(255) + lin(255) + lin(0)) / 4, 6);
    expect(s.rgb[3]).toBeCloseTo((lin(10) + lin(20) + lin(30) + lin(40)) / 4, 6);
    expect(s.lum[0]).toBeCloseTo(0.5, 6);
  });

  it('keeps the aspect and never upsamples; uniform stays uniform (16-bit)', () => {
    expect(smallSize(6000, 4000, 512)).toEqual({ width: 512, height: 341 });
    expect(smallSize(100, 50, 512)).toEqual({ width: 100, height: 50 });
    const W = 1000, H = 333;
    const src: SourceImage = { width: W, height: H, bits: 16, data: new Uint16Array(W * H * 3).fill(30000) };
    const s = downsampleLinear(src, 64);
    expect([s.width, s.height]).toEqual([64, 21]);
    const v = srgbToLinear(30000 / 65535);
    for (const x of s.lum) expect(x).toBeCloseTo(v, 5);
  });
});

describe('sampleGuide (WebGL LINEAR + CLAMP_TO_EDGE convention)', () => {
  const g = packGuide(3, 2, [Float32Array.from([0, 1, 2, 3, 4, 5]), Float32Array.from([10, 11, 12, 13, 14, 15])]);

  it('texel centres return texel values; channels interleave', () => {
    expect(sampleGuideAt(g, 0.5 / 3, 0.25)).toBeCloseTo(0, 6);
    expect(sampleGuideAt(g, 2.5 / 3, 0.75)).toBeCloseTo(5, 6);
    expect(sampleGuideAt(g, 1.5 / 3, 0.75, 1)).toBeCloseTo(14, 6);
  });

  it('interpolates between centres and clamps beyond the outer centres', () => {
    expect(sampleGuideAt(g, 1 / 3, 0.25)).toBeCloseTo(0.5, 6);
    expect(sampleGuideAt(g, 0.5, 0.5)).toBeCloseTo(2.5, 6);
    expect(sampleGuideAt(g, 0, 0)).toBeCloseTo(0, 6);
    expect(sampleGuideAt(g, -3, 7)).toBeCloseTo(3, 6);
    expect(sampleGuideAt(g, 1, 1)).toBeCloseTo(5, 6);
  });

  it('samples many points at once', () => {
    const out = new Float32Array(4);
    sampleGuide(g, Float32Array.of(0.5 / 3, 0.25, 1, 1), 2, out);
    [0, 10, 5, 15].forEach((v, i) => expect(out[i]).toBeCloseTo(v, 5));
  });
});

describe('sampleGuideGrid', () => {
  it('gives sampleGuide\'s values to the bit on an axis-aligned coordinate grid', async () => {
    const { sampleGuideGrid } = await import('./util.ts');
    const g = { width: 7, height: 5, channels: 2, data: rand(7 * 5 * 2, 11) };
    const width = 23;
    const rows = 9;
    const coords = new Float32Array(width * rows * 2);
    for (let y = 0; y < rows; y++)
      for (let x = 0; x < width; x++) {
        coords[2 * (y * width + x)] = (x * 1.13 - 2) / 20; // runs past both edges
        coords[2 * (y * width + x) + 1] = (y * 0.7 - 0.5) / 5;
      }
    const a = new Float32Array(width * rows * 2);
    const b = new Float32Array(width * rows * 2);
    sampleGuide(g, coords, width * rows, a);
    sampleGuideGrid(g, coords, width, rows, b);
    expect(Array.from(b)).toEqual(Array.from(a));
  });
});
