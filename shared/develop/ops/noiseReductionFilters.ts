/**
 * The two bilateral filters of noise reduction (./noiseReduction.ts) on planes of one strip:
 * luma (Y) and chroma (C1, C2, guided by Y). Taps beyond the strip are clamped to it.
 * Range weights come from a table of exp(−x/2), x = Σ d²/σ², cut off at x = 16 (weight 3e-4);
 * the shader evaluates the same exp directly.
 */
import type { NoiseReductionPrepared } from './noiseReduction.ts';

/** Range-weight table: exp(−x/2) for x = d²/σ² in [0, RANGE_MAX), 0 beyond. */
const RANGE_MAX = 16;
const RANGE_RES = 64;
const rangeLut = new Float32Array(RANGE_MAX * RANGE_RES + 1);
for (let i = 0; i < rangeLut.length; i++) rangeLut[i] = Math.exp(-0.5 * (i / RANGE_RES));

/**
 * The taps of pixel (x, y) are `base + offs[k]`: interior pixels use the fixed offsets with
 * base = their index; pixels within reach of the strip's border get clamped absolute indices
 * written into `out` with base 0.
 */
function borderTaps(x: number, y: number, w: number, h: number, n: number, step: number, out: Int32Array): Int32Array {
  for (let j = -n, k = 0; j <= n; j++) {
    let yy = y + j * step;
    yy = yy < 0 ? 0 : yy >= h ? h - 1 : yy;
    for (let i = -n; i <= n; i++, k++) {
      let xx = x + i * step;
      xx = xx < 0 ? 0 : xx >= w ? w - 1 : xx;
      out[k] = yy * w + xx;
    }
  }
  return out;
}

function tapOffsets(n: number, step: number, w: number): Int32Array {
  const o = new Int32Array((2 * n + 1) ** 2);
  for (let j = -n, k = 0; j <= n; j++) for (let i = -n; i <= n; i++, k++) o[k] = j * step * w + i * step;
  return o;
}

export function lumaBilateral(Y: Float32Array, out: Float32Array, w: number, h: number, p: NoiseReductionPrepared): void {
  const R = p.lumaR;
  const spatial = Float32Array.from(p.lumaSpatial);
  const count = spatial.length;
  const offsets = tapOffsets(R, 1, w);
  const idx = new Int32Array(count);
  const reach = R;
  const inv = p.lumaInvSigma2 * RANGE_RES;
  const mix = p.lumaMix;
  const lutMax = RANGE_MAX * RANGE_RES;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const ci = y * w + x;
      const inside = x >= reach && x < w - reach && y >= reach && y < h - reach;
      const offs = inside ? offsets : borderTaps(x, y, w, h, R, 1, idx);
      const base = inside ? ci : 0;
      const c = Y[ci];
      let sum = 0;
      let wsum = 0;
      for (let s = 0; s < count; s++) {
        const v = Y[base + offs[s]];
        const dv = v - c;
        const q = (dv * dv * inv) | 0;
        if (q >= lutMax) continue;
        const wt = spatial[s] * rangeLut[q];
        sum += wt * v;
        wsum += wt;
      }
      out[ci] = c + mix * (sum / wsum - c);
    }
  }
}

export function chromaBilateral(
  Y: Float32Array,
  C1: Float32Array,
  C2: Float32Array,
  o1: Float32Array,
  o2: Float32Array,
  w: number,
  h: number,
  p: NoiseReductionPrepared,
): void {
  const N = p.chromaN;
  const step = p.chromaStep;
  const spatial = Float32Array.from(p.chromaSpatial);
  const count = spatial.length;
  const offsets = tapOffsets(N, step, w);
  const idx = new Int32Array(count);
  const reach = N * step;
  const invY = p.chromaInvSigmaY2 * RANGE_RES;
  const invC = p.chromaInvSigmaC2 * RANGE_RES;
  const mix = p.chromaMix;
  const lutMax = RANGE_MAX * RANGE_RES;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const ci = y * w + x;
      const inside = x >= reach && x < w - reach && y >= reach && y < h - reach;
      const offs = inside ? offsets : borderTaps(x, y, w, h, N, step, idx);
      const base = inside ? ci : 0;
      const y0 = Y[ci];
      const a0 = C1[ci];
      const b0 = C2[ci];
      let s1 = 0;
      let s2 = 0;
      let wsum = 0;
      for (let s = 0; s < count; s++) {
        const k = base + offs[s];
        const dy = Y[k] - y0;
        const a = C1[k];
        const b = C2[k];
        const da = a - a0;
        const db = b - b0;
        const q = (dy * dy * invY + (da * da + db * db) * invC) | 0;
        if (q >= lutMax) continue;
        const wt = spatial[s] * rangeLut[q];
        s1 += wt * a;
        s2 += wt * b;
        wsum += wt;
      }
      o1[ci] = a0 + mix * (s1 / wsum - a0);
      o2[ci] = b0 + mix * (s2 / wsum - b0);
    }
  }
}

