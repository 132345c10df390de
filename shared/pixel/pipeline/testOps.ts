/**
 * Small fake ops and images for the runner's tests (used only by tests; pure). They exercise
 * each runner feature — linear/display spaces, halos, guides, locals, coordinates — without
 * depending on the real ops other parts of the project provide.
 */
import type { AnyOp, OpDeclaration, Strip } from '../../develop/types.ts';
import type { GuideDeclaration } from '../guides/index.ts';
import type { SourceImage } from './types.ts';

const glsl = { source: '', uniforms: () => ({}) };

/** Linear gain: × 2^(exposure + local exposure). */
export const gainOp: OpDeclaration<{ exposure: number }, number> = {
  id: 'gain', version: 1, label: 'Gain', group: 'basic', description: 'test', xmp: [],
  params: { exposure: { kind: 'number', label: 'Exposure', description: '', min: -1e9, max: 1e9, default: 0, step: 0.01 } },
  maths: {
    space: 'linear',
    localParams: ['exposure'],
    prepare: (p) => p.exposure,
    cpu(strip: Strip, ev: number) {
      const d = strip.data;
      const loc = strip.local('exposure');
      const n = strip.width * strip.rows;
      for (let i = 0; i < n; i++) {
        const k = Math.pow(2, ev + (loc ? loc[i] : 0));
        d[3 * i] *= k;
        d[3 * i + 1] *= k;
        d[3 * i + 2] *= k;
      }
    },
    glsl,
  },
};

/** Does nothing but is never identity: forces the float path. */
export const passOp: OpDeclaration<{ on: boolean }, null> = {
  id: 'pass', version: 1, label: 'Pass', group: 'basic', description: 'test', xmp: [],
  params: { on: { kind: 'boolean', label: 'On', description: '', default: false } },
  isIdentity: (p) => !p.on,
  maths: { space: 'linear', prepare: () => null, cpu() {}, glsl },
};

/**
 * Box blur of radius r (rows and columns), by direct summation with coordinates clamped to the
 * strip — the contract for halo ops. `space` picks where it runs.
 */
export function blurOp(id: string, space: 'linear' | 'display'): OpDeclaration<{ radius: number }, number> {
  return {
    id, version: 1, label: 'Blur', group: 'detail', description: 'test', xmp: [],
    params: { radius: { kind: 'number', label: 'Radius', description: '', min: 0, max: 50, default: 0, step: 1 } },
    maths: {
      space,
      halo: (p) => p.radius,
      prepare: (p) => Math.round(p.radius),
      cpu(strip: Strip, r: number) {
        const { width: w, rows: h, data: d } = strip;
        const src = d.slice();
        for (let y = 0; y < h; y++)
          for (let x = 0; x < w; x++)
            for (let c = 0; c < 3; c++) {
              let s = 0;
              for (let j = -r; j <= r; j++) {
                const yy = Math.min(h - 1, Math.max(0, y + j));
                for (let i = -r; i <= r; i++) s += src[(yy * w + Math.min(w - 1, Math.max(0, x + i))) * 3 + c];
              }
              d[(y * w + x) * 3 + c] = s / ((2 * r + 1) * (2 * r + 1));
            }
      },
      glsl,
    },
  };
}

/** Display-space curve: v → v^gamma (sRGB-encoded values). */
export const gammaOp: OpDeclaration<{ gamma: number }, number> = {
  id: 'gamma', version: 1, label: 'Gamma', group: 'toneCurve', description: 'test', xmp: [],
  params: { gamma: { kind: 'number', label: 'Gamma', description: '', min: 0.01, max: 100, default: 1, step: 0.01 } },
  maths: {
    space: 'display',
    prepare: (p) => p.gamma,
    cpu(strip: Strip, g: number) {
      const d = strip.data;
      for (let i = 0; i < d.length; i++) d[i] = Math.pow(Math.max(0, d[i]), g);
    },
    glsl,
  },
};

/** Adds `amount` × the 'testGuide' guide (1 channel), a ramp in output y (via y0), and 0.001 × local tint. */
export const guideOp: OpDeclaration<{ amount: number }, number> = {
  id: 'guided', version: 1, label: 'Guided', group: 'effects', description: 'test', xmp: [],
  params: { amount: { kind: 'number', label: 'Amount', description: '', min: -10, max: 10, default: 0, step: 0.01 } },
  maths: {
    space: 'display',
    guides: ['testGuide'],
    localParams: ['tint'],
    prepare: (p) => p.amount,
    cpu(strip: Strip, a: number) {
      const g = strip.guide('testGuide');
      const tint = strip.local('tint');
      const xy = strip.sourceCoords();
      const d = strip.data;
      for (let y = 0; y < strip.rows; y++)
        for (let x = 0; x < strip.width; x++) {
          const i = y * strip.width + x;
          const v = a * g[i] + 0.01 * ((strip.y0 + y) / strip.imageHeight) + 0.01 * xy[2 * i] + (tint ? 0.001 * tint[i] : 0);
          d[3 * i] += v;
          d[3 * i + 1] += v;
          d[3 * i + 2] += v;
        }
    },
    glsl,
  },
};

/** A 3×2 guide: texel value = index / 10. */
export const testGuide: GuideDeclaration = {
  name: 'testGuide',
  channels: 1,
  compute: () => ({ width: 3, height: 2, channels: 1, data: Float32Array.from([0, 0.1, 0.2, 0.3, 0.4, 0.5]) }),
};

/** Writes NaN/Inf into every pixel (the runner must still produce finite output). */
export const poisonOp: OpDeclaration<{ on: boolean }, null> = {
  id: 'poison', version: 1, label: 'Poison', group: 'effects', description: 'test', xmp: [],
  params: { on: { kind: 'boolean', label: 'On', description: '', default: false } },
  maths: {
    space: 'display',
    prepare: () => null,
    cpu(strip: Strip) {
      const d = strip.data;
      for (let i = 0; i < d.length; i++) d[i] = i % 3 === 0 ? NaN : i % 3 === 1 ? Infinity : -Infinity;
    },
    glsl,
  },
};

export const ALL_TEST_OPS: readonly AnyOp[] = [gainOp, passOp, blurOp('blurA', 'linear'), gammaOp, guideOp, blurOp('blurB', 'display')];

/** Deterministic pseudo-random source (xorshift), 3 channels. */
export function randomSource(width: number, height: number, bits: 8 | 16, seed = 1): SourceImage {
  const n = width * height * 3;
  const data = bits === 8 ? new Uint8Array(n) : new Uint16Array(n);
  let s = seed >>> 0 || 1;
  const max = bits === 8 ? 256 : 65536;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    data[i] = (s >>> 0) % max;
  }
  return { width, height, bits, data };
}

/** A source whose pixel (x, y) is (x, y, 7) — for exact geometry checks (8-bit, x,y < 256). */
export function coordSource(width: number, height: number): SourceImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data.set([x, y, 7], (y * width + x) * 3);
  return { width, height, bits: 8, data };
}
