import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { toneOp } from './tone.ts';
import { CTX, constGuide, defaults, lum, runColors, runImage, samplePerPixel, sourceFrom, linearOf } from './linearTesting.ts';
import { computeLumaBase } from '../../pixel/guides/lumaBase.ts';
import { TONE_BASE, toneBaseGuide } from '../../pixel/guides/toneBase.ts';
import { linearRgbToLab } from '../../pixel/color.ts';

const GREYS = [0, 1e-6, 0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.18, 0.3, 0.5, 0.7, 0.9, 1, 2, 50];
const COLORS: Array<[number, number, number]> = [
  [0.18, 0.18, 0.18],
  [0.4, 0.15, 0.03],
  [0.02, 0.05, 0.3],
  [0.9, 0.9, 0.85],
  [0.001, 0.002, 0.0005],
  [0, 0, 0],
  [3, 2, 1],
];
/** Base = the pixel itself (A = 1, B = 0): highlights/shadows act as a per-pixel curve. */
const pixelBase = (n: number) => ({ toneBase: constGuide(n, 1, 0) });

describe('tone', () => {
  it('declares its params, XMP keys and guide', () => {
    expect(Object.keys(toneOp.params)).toEqual(['exposure', 'contrast', 'highlights', 'shadows', 'whites', 'blacks']);
    expect(toneOp.xmp.map((x) => x.key)).toContain('crs:Highlights2012');
    expect(toneOp.maths?.guides).toEqual(['toneBase']);
    expect(toneOp.maths?.glsl.source).toContain('vec3 op_tone(vec3 c)');
  });

  it('+1 EV doubles linear values exactly; −1 EV halves them', () => {
    const cols: Array<[number, number, number]> = [[0.18, 0.18, 0.18], [0.1, 0.2, 0.3], [0.01, 0.002, 0.4], [0, 0, 0]];
    const up = runColors(toneOp, { exposure: 1 }, cols);
    const down = runColors(toneOp, { exposure: -1 }, cols);
    cols.flat().forEach((v, i) => {
      expect(up[i]).toBeCloseTo(2 * v, 6);
      expect(Math.abs(up[i] - 2 * v)).toBeLessThanOrEqual(1e-6 * v + 1e-9);
      expect(Math.abs(down[i] - v / 2)).toBeLessThanOrEqual(1e-6 * v + 1e-9);
    });
  });

  it('is the identity at defaults (skipped, and the maths is identity too)', () => {
    expect(toneOp.isIdentity!(defaults(toneOp) as never)).toBe(true);
    expect(toneOp.isIdentity!({ ...defaults(toneOp), shadows: 1 } as never)).toBe(false);
    const out = runColors(toneOp, {}, COLORS, { guides: { toneBase: constGuide(COLORS.length, 0.3, -2) } });
    COLORS.flat().forEach((v, i) => expect(Math.abs(out[i] - v)).toBeLessThan(1e-5 * Math.max(1, v)));
  });

  it('keeps neutral grey neutral', () => {
    const greys = GREYS.map((g) => [g, g, g] as [number, number, number]);
    const sets: Array<Record<string, number>> = [{ exposure: 1.3 }, { contrast: 80 }, { contrast: -60, highlights: -70, shadows: 60, whites: 40, blacks: -40 }];
    for (const p of sets) {
      const out = runColors(toneOp, p, greys, { guides: pixelBase(greys.length) });
      for (let i = 0; i < greys.length; i++) {
        expect(out[3 * i]).toBeCloseTo(out[3 * i + 1], 6);
        expect(out[3 * i + 2]).toBeCloseTo(out[3 * i + 1], 6);
      }
    }
  });

  it('tone curves are monotonic for any parameters (per-pixel and flat base)', () => {
    const xs = Array.from({ length: 400 }, (_, i) => Math.pow(2, -16 + (i / 399) * 22));
    const greys = xs.map((x) => [x, x, x] as [number, number, number]);
    const val = fc.integer({ min: -100, max: 100 });
    fc.assert(
      fc.property(fc.double({ min: -5, max: 5, noNaN: true }), val, val, val, val, val, fc.boolean(), (exposure, contrast, highlights, shadows, whites, blacks, flat) => {
        const guides = { toneBase: flat ? constGuide(xs.length, 0, -3) : constGuide(xs.length, 1, 0) };
        const out = runColors(toneOp, { exposure, contrast, highlights, shadows, whites, blacks }, greys, { guides });
        for (let i = 1; i < xs.length; i++) expect(out[3 * i]).toBeGreaterThanOrEqual(out[3 * (i - 1)] - 1e-7);
      }),
      { numRuns: 150 },
    );
  });

  it('highlights −100 pulls down bright values and leaves deep shadows alone', () => {
    const cols: Array<[number, number, number]> = [[0.004, 0.004, 0.004], [0.7, 0.7, 0.7]];
    const out = runColors(toneOp, { highlights: -100 }, cols, { guides: pixelBase(2) });
    expect(out[0] / 0.004).toBeGreaterThan(0.98);
    expect(out[0] / 0.004).toBeLessThan(1.0001);
    expect(out[3]).toBeLessThan(0.7 * 0.6);
  });

  it('shadows +100 lifts dark values and leaves highlights alone', () => {
    const cols: Array<[number, number, number]> = [[0.01, 0.01, 0.01], [0.7, 0.7, 0.7]];
    const out = runColors(toneOp, { shadows: 100 }, cols, { guides: pixelBase(2) });
    expect(out[0]).toBeGreaterThan(0.02);
    expect(Math.abs(out[3] / 0.7 - 1)).toBeLessThan(0.005);
  });

  it('contrast pivots at mid grey, darkens darks and brightens lights', () => {
    const cols: Array<[number, number, number]> = [[0.18, 0.18, 0.18], [0.04, 0.04, 0.04], [0.6, 0.6, 0.6]];
    const out = runColors(toneOp, { contrast: 60 }, cols);
    expect(out[0]).toBeCloseTo(0.18, 6);
    expect(out[3]).toBeLessThan(0.04);
    expect(out[6]).toBeGreaterThan(0.6);
  });

  it('whites and blacks move the end points', () => {
    const cols: Array<[number, number, number]> = [[0, 0, 0], [0.001, 0.001, 0.001], [0.9, 0.9, 0.9], [0.18, 0.18, 0.18]];
    const lift = runColors(toneOp, { blacks: 100 }, cols);
    expect(lift[0]).toBeGreaterThan(0.001); // black becomes a matte dark grey
    expect(lift[9] / 0.18).toBeLessThan(1.03);
    const crush = runColors(toneOp, { blacks: -100 }, cols);
    expect(crush[3]).toBeLessThan(0.0004);
    const whites = runColors(toneOp, { whites: -100 }, cols);
    expect(whites[6]).toBeLessThan(0.9 * 0.7);
    expect(Math.abs(whites[9] / 0.18 - 1)).toBeLessThan(0.01);
  });

  it('rolls saturated colours off towards white instead of clipping a channel (hue kept)', () => {
    const orange: [number, number, number] = [0.45, 0.18, 0.04];
    const out = runColors(toneOp, { exposure: 1.5 }, [orange]);
    expect(Math.max(out[0], out[1], out[2])).toBeLessThanOrEqual(1);
    expect(lum(out, 0)).toBeCloseTo(lum(Float32Array.from(orange), 0) * Math.pow(2, 1.5), 4);
    const h0 = linearRgbToLab(...orange);
    const h1 = linearRgbToLab(out[0], out[1], out[2]);
    const hue = (l: number[]) => Math.atan2(l[2], l[1]);
    expect(Math.abs(hue(h1) - hue(h0))).toBeLessThan(0.12);
  });

  it('applies local exposure, contrast, highlights and shadows per pixel', () => {
    const cols: Array<[number, number, number]> = [[0.1, 0.1, 0.1], [0.1, 0.1, 0.1], [0.01, 0.01, 0.01], [0.01, 0.01, 0.01]];
    const locals = { exposure: Float32Array.of(1, 0, 0, 0), shadows: Float32Array.of(0, 0, 100, 0) };
    const out = runColors(toneOp, {}, cols, { locals, guides: pixelBase(4) });
    expect(out[0]).toBeCloseTo(0.2, 5);
    expect(out[3]).toBeCloseTo(0.1, 6);
    expect(out[6]).toBeGreaterThan(0.02);
    expect(out[9]).toBeCloseTo(0.01, 6);
  });

  it('never gives NaN/Inf or negatives at extreme settings', () => {
    const inputs: Array<[number, number, number]> = [[0, 0, 0], [1e-6, 1e-6, 1e-6], [1, 1, 1], [50, 50, 50], [1, 0, 0], [0, 0, 50], [1e-6, 0, 1]];
    const n = inputs.length;
    for (let mask = 0; mask < 64; mask++) {
      const v = (bit: number, a: number) => ((mask >> bit) & 1 ? a : -a);
      const p = { exposure: v(0, 5), contrast: v(1, 100), highlights: v(2, 100), shadows: v(3, 100), whites: v(4, 100), blacks: v(5, 100) };
      for (const [a, b] of [[1, 0], [0, -20], [0.5, 3]]) {
        const locals: Record<string, Float32Array> = mask & 1 ? { exposure: new Float32Array(n).fill(4), contrast: new Float32Array(n).fill(-100), highlights: new Float32Array(n).fill(100), shadows: new Float32Array(n).fill(-100) } : {};
        const out = runColors(toneOp, p, inputs, { guides: { toneBase: constGuide(n, a, b) }, locals });
        for (const x of out) {
          expect(Number.isFinite(x)).toBe(true);
          expect(x).toBeGreaterThanOrEqual(0);
        }
      }
    }
  });
});

describe('tone guide (toneBase)', () => {
  const edge = (w: number, h: number) => sourceFrom(w, h, (x) => (x < w / 2 ? [0.012, 0.012, 0.012] : [0.55, 0.55, 0.55]));

  it('is deterministic', () => {
    const a = toneBaseGuide.compute(edge(96, 40));
    const b = toneBaseGuide.compute(edge(96, 40));
    expect(a.channels).toBe(2);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
  });

  it('shadows +100 near a step edge: no halo band, unlike a naive blurred base', () => {
    const w = 512;
    const h = 32;
    const src = edge(w, h);
    const lin = linearOf(src);
    const guided = samplePerPixel(computeLumaBase(src, TONE_BASE), w, h);
    // Naive base: Gaussian blur of log-luminance (σ = the guided filter's radius), A = 0.
    const r = 2 * Math.max(1, Math.round(TONE_BASE.radius * Math.hypot(w / 2, h / 2))); // grid is half size
    const l = Array.from({ length: w }, (_, x) => Math.log2(lum(lin, x) + 1 / 1024));
    const naive = new Float32Array(w * h * 2);
    for (let x = 0; x < w; x++) {
      let s = 0;
      let ws = 0;
      for (let t = -3 * r; t <= 3 * r; t++) {
        const k = Math.exp(-(t * t) / (2 * r * r));
        s += k * l[Math.min(w - 1, Math.max(0, x + t))];
        ws += k;
      }
      for (let y = 0; y < h; y++) naive[2 * (y * w + x) + 1] = s / ws;
    }
    const band = (guide: Float32Array) => {
      const out = runImage(toneOp, { shadows: 100 }, w, h, lin, { toneBase: guide });
      const row = 16 * w;
      const lift = (x: number) => lum(out, row + x) / lum(lin, row + x);
      const far = lift(10);
      let width = 0;
      for (let x = 0; x < w / 2; x++) if (Math.abs(lift(x) / far - 1) > 0.1) width++;
      return { width, far };
    };
    const g = band(guided);
    const n = band(naive);
    expect(g.far).toBeGreaterThan(1.8); // the shadow really is lifted
    expect(g.width).toBeLessThanOrEqual(3);
    expect(n.width).toBeGreaterThan(8);
  });
});

void CTX;

describe('tone: the tabulated global path', () => {
  it('matches the per-pixel curve (locals forcing the general path) within 1e-4 stops', () => {
    const rnd = (() => {
      let s = 12345;
      return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    })();
    const n = 3000;
    const colors: Array<[number, number, number]> = [];
    for (let i = 0; i < n; i++) {
      const y = Math.pow(2, -14 + 16 * rnd());
      colors.push([y * (0.3 + rnd()), y * (0.3 + rnd()), y * (0.3 + rnd())]);
    }
    colors.push([0, 0, 0], [1e-9, 0, 0], [8, 8, 8], [0.99, 0.2, 0.01]);
    const base = new Float32Array(2 * colors.length);
    for (let i = 0; i < colors.length; i++) {
      base[2 * i] = 0.2 + 0.8 * rnd();
      base[2 * i + 1] = -4 * rnd();
    }
    const zero = new Float32Array(colors.length);
    const sets: Array<Record<string, number>> = [
      { exposure: 0.3, contrast: 15, highlights: -40, shadows: 30 },
      { exposure: -2.2, contrast: -80, highlights: 100, shadows: -100, whites: 60, blacks: -70 },
      { contrast: 100, whites: -100, blacks: 100 },
      { exposure: 4.5, highlights: -100, shadows: 100 },
    ];
    for (const p of sets) {
      const fast = runColors(toneOp, p, colors, { guides: { toneBase: base } });
      const exact = runColors(toneOp, p, colors, { guides: { toneBase: base }, locals: { exposure: zero, contrast: zero, highlights: zero, shadows: zero } });
      for (let i = 0; i < fast.length; i++) {
        const tol = 1e-4 * Math.abs(exact[i]) * Math.LN2 + 1e-7;
        expect(Math.abs(fast[i] - exact[i])).toBeLessThanOrEqual(tol + 1e-6 * Math.abs(exact[i]));
      }
    }
  });
});
