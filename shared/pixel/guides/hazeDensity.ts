/**
 * `hazeDensity` (2 channels: A, B) for the dehaze op: the dark channel prior (He, Sun, Tang
 * 2009) at low resolution, refined edge-aware. On a grid of longest side ≤ 320 texels, each
 * texel keeps the per-channel minimum and mean of its source pixels (linear light). The
 * atmospheric light L is the mean colour of the 0.1 % texels with the highest dark channel;
 * the haze density is h = minfilter(min_c(min_c / L_c)) (window ≈ 1.2 % of the diagonal),
 * then a guided filter against g = √Y (window ≈ 4 %, ε = 10⁻³) gives coefficients so that a
 * kernel evaluates h = A·√Y + B with its own full-resolution √Y: sharp at object edges.
 * `airlight` (./airlight.ts) carries L. Cached per source pixel buffer.
 */
import { decodeLut } from '../transfer.ts';
import type { GuideMap, SourceImage } from '../pipeline/types.ts';
import type { GuideDeclaration } from './index.ts';
import { guidedFilter, packGuide, smallSize } from './util.ts';

export const HAZE_DIM = 320;
const KR = 0.2126;
const KG = 0.7152;
const KB = 0.0722;

export interface HazeModel {
  density: GuideMap;
  airlight: [number, number, number];
}

const cache = new WeakMap<object, HazeModel>();

export function hazeModel(src: SourceImage): HazeModel {
  const hit = cache.get(src.data);
  if (hit) return hit;
  const { width: w, height: h } = smallSize(src.width, src.height, HAZE_DIM);
  const n = w * h;
  const W = src.width;
  const H = src.height;
  const lut = decodeLut(src.bits);
  const d = src.data;
  const colOf = new Int32Array(W);
  for (let x = 0; x < W; x++) colOf[x] = Math.min(w - 1, Math.floor(((x + 0.5) * w) / W));
  const mean = new Float32Array(n * 3);
  const mins = new Float32Array(n * 3).fill(Infinity);
  const g = new Float32Array(n);
  const cnt = new Float64Array(n);
  const acc = new Float64Array(n * 4);
  for (let y = 0; y < H; y++) {
    const row = Math.min(h - 1, Math.floor(((y + 0.5) * h) / H)) * w;
    let i = y * W * 3;
    for (let x = 0; x < W; x++, i += 3) {
      const c = row + colOf[x];
      const r = lut[d[i]];
      const gg = lut[d[i + 1]];
      const b = lut[d[i + 2]];
      acc[4 * c] += r;
      acc[4 * c + 1] += gg;
      acc[4 * c + 2] += b;
      acc[4 * c + 3] += Math.sqrt(KR * r + KG * gg + KB * b);
      cnt[c]++;
      if (r < mins[3 * c]) mins[3 * c] = r;
      if (gg < mins[3 * c + 1]) mins[3 * c + 1] = gg;
      if (b < mins[3 * c + 2]) mins[3 * c + 2] = b;
    }
  }
  for (let c = 0; c < n; c++) {
    const k = cnt[c] > 0 ? 1 / cnt[c] : 0;
    for (let j = 0; j < 3; j++) {
      mean[3 * c + j] = acc[4 * c + j] * k;
      if (!(mins[3 * c + j] < Infinity)) mins[3 * c + j] = 0;
    }
    g[c] = acc[4 * c + 3] * k;
  }
  const diag = Math.hypot(w, h);
  const rMin = Math.max(1, Math.round(0.006 * diag));
  // Atmospheric light: mean colour of the texels with the highest (unnormalised) dark channel.
  const dark0 = new Float32Array(n);
  for (let c = 0; c < n; c++) dark0[c] = Math.min(mins[3 * c], mins[3 * c + 1], mins[3 * c + 2]);
  const dark0f = minFilter(dark0, w, h, rMin);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => dark0f[b] - dark0f[a] || a - b);
  const top = Math.max(1, Math.round(n * 0.001));
  const L: [number, number, number] = [0, 0, 0];
  for (let k = 0; k < top; k++) for (let j = 0; j < 3; j++) L[j] += mean[3 * order[k] + j] / top;
  for (let j = 0; j < 3; j++) L[j] = Math.min(1, Math.max(0.05, L[j]));
  // Haze density from the normalised dark channel, refined against √Y.
  const dark = new Float32Array(n);
  for (let c = 0; c < n; c++) dark[c] = Math.min(1, Math.min(mins[3 * c] / L[0], mins[3 * c + 1] / L[1], mins[3 * c + 2] / L[2]));
  const hz = minFilter(dark, w, h, rMin);
  const { a, b } = guidedFilter(g, hz, w, h, Math.max(1, Math.round(0.04 * diag)), 1e-3);
  const model: HazeModel = { density: packGuide(w, h, [a, b]), airlight: L };
  cache.set(src.data, model);
  return model;
}

/** Separable min filter over a (2r+1)² window, edges clamped. */
function minFilter(src: Float32Array, w: number, h: number, r: number): Float32Array {
  const tmp = new Float32Array(w * h);
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let m = Infinity;
      for (let t = Math.max(0, x - r); t <= Math.min(w - 1, x + r); t++) m = Math.min(m, src[y * w + t]);
      tmp[y * w + x] = m;
    }
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let m = Infinity;
      for (let t = Math.max(0, y - r); t <= Math.min(h - 1, y + r); t++) m = Math.min(m, tmp[t * w + x]);
      out[y * w + x] = m;
    }
  return out;
}

export const hazeDensityGuide: GuideDeclaration = {
  name: 'hazeDensity',
  channels: 2,
  compute: (src) => hazeModel(src).density,
};
