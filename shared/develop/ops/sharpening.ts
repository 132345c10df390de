/**
 * Sharpening (Lightroom's Detail ▸ Sharpening): an unsharp mask on luma, in display space.
 *
 * Y = 0.2126·R' + 0.7152·G' + 0.0722·B' (luma of the encoded values); B = Gaussian blur of Y with
 * σ = Radius (full-resolution pixels, × ctx.scale, so a downscaled preview shows what the export
 * will look like at that size); the high-pass Y − B is added back with gain k = Amount / 60
 * (Amount 40, Lightroom's raw default, gives k ≈ 0.67; 150 gives 2.5). The same luma change is
 * added to R', G' and B', so colours are not sharpened into fringes.
 * - Detail (halo suppression): where the sharpened value leaves the range [min, max] of the 3×3
 *   neighbourhood of the unsharpened luma, only a fraction Detail/100 of the overshoot is kept:
 *   Detail 0 gives edge contrast without halos, 100 the plain unsharp mask.
 * - Masking: edge strength is the Sobel gradient magnitude of Y (per pixel, /8); the gain is
 *   multiplied by smoothstep(lo, hi, strength) with thresholds rising with Masking, so at 100
 *   only clear edges are sharpened and smooth skies, skin and noise are left alone.
 * - Local sharpness (the `local` op's `sharpness`, −100..100) adds ±100/60 to the gain per pixel;
 *   a total gain below 0 blurs (down to the Gaussian itself at −1), like Lightroom's negative
 *   local sharpness.
 * Our default Amount is 0: rendered files arrive already sharpened by the camera or the raw
 * converter (Lightroom's 40 is a raw-capture default).
 */
import type { OpDeclaration, PrepareContext, Strip } from '../types.ts';
import { sharpeningGlsl } from './sharpening.glsl.ts';
import { sharpeningKernel } from './sharpening.kernel.ts';

export interface SharpeningParams {
  [k: string]: number;
  amount: number;
  radius: number;
  detail: number;
  masking: number;
}

export interface SharpeningPrepared {
  /** Global gain (Amount / 60). */
  k: number;
  /** Gaussian σ in output pixels and its window radius. */
  sigma: number;
  r: number;
  /** Normalised 1D Gaussian weights, 2r+1 of them. */
  kernel: number[];
  /** Fraction of the overshoot beyond the local 3×3 range that is kept (Detail / 100). */
  detail: number;
  /** Edge mask thresholds on the Sobel magnitude; masking = 0 turns the mask off. */
  masking: number;
  maskLo: number;
  maskHi: number;
}

/** Gain per unit of local sharpness. */
export const LOCAL_GAIN = 1 / 60;
/** Largest blur window radius (σ ≤ 3 full-res pixels → ≤ 9; the shader loops to the same bound). */
export const MAX_RADIUS = 9;
const KR = 0.2126;
const KG = 0.7152;
const KB = 0.0722;

export function prepareSharpening(p: SharpeningParams, ctx: PrepareContext): SharpeningPrepared {
  const scale = ctx.scale > 0 ? ctx.scale : 1;
  const sigma = Math.max(0.05, Math.min(3, p.radius) * scale);
  const r = Math.max(1, Math.min(MAX_RADIUS, Math.ceil(3 * sigma)));
  const kernel: number[] = [];
  let sum = 0;
  for (let i = -r; i <= r; i++) {
    const w = Math.exp((-i * i) / (2 * sigma * sigma));
    kernel.push(w);
    sum += w;
  }
  for (let i = 0; i < kernel.length; i++) kernel[i] /= sum;
  const m = Math.max(0, Math.min(1, p.masking / 100));
  return {
    k: Math.max(0, p.amount) / 60,
    sigma,
    r,
    kernel,
    detail: Math.max(0, Math.min(1, p.detail / 100)),
    masking: m,
    maskLo: 0.1 * m - 0.02,
    maskHi: 0.1 * m + 0.03 * m,
  };
}

export function sharpeningHalo(p: SharpeningPrepared): number {
  return p.r + 1;
}

let scratch = new Float32Array(0);

function smoothstep(lo: number, hi: number, x: number): number {
  const t = (x - lo) / (hi - lo);
  const c = t < 0 ? 0 : t > 1 ? 1 : t;
  return c * c * (3 - 2 * c);
}

export function sharpeningCpu(strip: Strip, p: SharpeningPrepared): void {
  const local = strip.local('sharpness');
  if (p.k === 0 && !local) return;
  if (sharpeningKernel(strip, p, local)) return;
  const { width: w, rows: h, data } = strip;
  const n = w * h;
  if (scratch.length < 2 * n + 3 * w) scratch = new Float32Array(2 * n + 3 * w);
  const Y = scratch.subarray(0, n);
  const T = scratch.subarray(n, 2 * n);
  // Per row: the blurred luma, and the min and max of each column over the 3 rows around it
  // (the 3×3 range, separably).
  const B = scratch.subarray(2 * n, 2 * n + w);
  const vmin = scratch.subarray(2 * n + w, 2 * n + 2 * w);
  const vmax = scratch.subarray(2 * n + 2 * w, 2 * n + 3 * w);
  for (let i = 0, j = 0; i < n; i++, j += 3) Y[i] = KR * data[j] + KG * data[j + 1] + KB * data[j + 2];
  blurRows(Y, T, w, h, p.r, p.kernel);
  const kw = p.kernel;
  const r = p.r;
  const { k, detail, masking, maskLo, maskHi } = p;
  for (let y = 0; y < h; y++) {
    const up = (y > 0 ? y - 1 : 0) * w;
    const row = y * w;
    const dn = (y < h - 1 ? y + 1 : y) * w;
    // Vertical blur of this row (clamp to edge), the sum rounded to float32 after every tap.
    B.fill(0);
    for (let t = -r; t <= r; t++) {
      const yy = y + t;
      const from = (yy < 0 ? 0 : yy >= h ? h - 1 : yy) * w;
      const kt = kw[t + r];
      for (let x = 0; x < w; x++) B[x] += kt * T[from + x];
    }
    for (let x = 0; x < w; x++) {
      const a = Y[up + x];
      const b = Y[row + x];
      const c = Y[dn + x];
      vmin[x] = a < b ? (a < c ? a : c) : b < c ? b : c;
      vmax[x] = a > b ? (a > c ? a : c) : b > c ? b : c;
    }
    for (let x = 0; x < w; x++) {
      const i = row + x;
      let gain = local ? k + local[i] * LOCAL_GAIN : k;
      if (gain === 0) continue;
      const xl = x > 0 ? x - 1 : 0;
      const xr = x < w - 1 ? x + 1 : x;
      const yc = Y[i];
      let s: number;
      if (gain > 0) {
        if (masking > 0) {
          const gx = Y[up + xr] + 2 * Y[row + xr] + Y[dn + xr] - Y[up + xl] - 2 * Y[row + xl] - Y[dn + xl];
          const gy = Y[dn + xl] + 2 * Y[dn + x] + Y[dn + xr] - Y[up + xl] - 2 * Y[up + x] - Y[up + xr];
          gain *= smoothstep(maskLo, maskHi, Math.sqrt(gx * gx + gy * gy) * 0.125);
          if (gain === 0) continue;
        }
        s = yc + gain * (yc - B[x]);
        const l0 = vmin[xl];
        const l1 = vmin[x];
        const l2 = vmin[xr];
        const lo = l0 < l1 ? (l0 < l2 ? l0 : l2) : l1 < l2 ? l1 : l2;
        const h0 = vmax[xl];
        const h1 = vmax[x];
        const h2 = vmax[xr];
        const hi = h0 > h1 ? (h0 > h2 ? h0 : h2) : h1 > h2 ? h1 : h2;
        if (s > hi) s = hi + detail * (s - hi);
        else if (s < lo) s = lo + detail * (s - lo);
      } else {
        s = yc + (gain > -1 ? gain : -1) * (yc - B[x]);
      }
      const d = s - yc;
      const j = 3 * i;
      data[j] += d;
      data[j + 1] += d;
      data[j + 2] += d;
    }
  }
}

/**
 * Horizontal pass of the separable Gaussian (clamp to edge): src → out. The kernel is
 * symmetric, so interior pixels pair their taps (half the multiplies).
 */
function blurRows(src: Float32Array, out: Float32Array, w: number, h: number, r: number, kernel: number[]): void {
  const kw = Float64Array.from(kernel);
  const k0 = kw[r];
  const edge = Math.min(r, w);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const c = row + x;
      if (x >= edge && x < w - r) {
        let s = k0 * src[c];
        for (let t = 1; t <= r; t++) s += kw[r + t] * (src[c - t] + src[c + t]);
        out[c] = s;
      } else {
        let s = 0;
        for (let t = -r; t <= r; t++) {
          const xx = x + t;
          s += kw[t + r] * src[row + (xx < 0 ? 0 : xx >= w ? w - 1 : xx)];
        }
        out[c] = s;
      }
    }
  }
}

export const sharpeningOp: OpDeclaration<SharpeningParams, SharpeningPrepared> = {
  id: 'sharpening',
  version: 1,
  label: 'Sharpening',
  group: 'detail',
  description: 'Crisps edges and fine detail with an unsharp mask on brightness; keep moderate on portraits.',
  params: {
    amount: {
      kind: 'number',
      label: 'Amount',
      description: 'Strength of sharpening; 0 = none, 30–60 is crisp, above 100 is aggressive.',
      min: 0,
      max: 150,
      default: 0,
      step: 1,
    },
    radius: {
      kind: 'number',
      label: 'Radius',
      description: 'Size of the details sharpened, in pixels; small (0.5–1) for fine texture, larger for soft images.',
      min: 0.5,
      max: 3,
      default: 1,
      step: 0.1,
      unit: 'px',
    },
    detail: {
      kind: 'number',
      label: 'Detail',
      description: 'Halo suppression; low values give clean edges without halos, high values sharpen fine texture fully.',
      min: 0,
      max: 100,
      default: 25,
      step: 1,
    },
    masking: {
      kind: 'number',
      label: 'Masking',
      description: 'Restricts sharpening to edges; 0 sharpens everywhere, high values spare smooth areas like skin and sky.',
      min: 0,
      max: 100,
      default: 0,
      step: 1,
    },
  },
  xmp: [
    { param: 'amount', key: 'crs:Sharpness' },
    { param: 'radius', key: 'crs:SharpenRadius' },
    { param: 'detail', key: 'crs:SharpenDetail' },
    { param: 'masking', key: 'crs:SharpenEdgeMasking' },
  ],
  isIdentity: (p) => p.amount === 0,
  maths: {
    space: 'display',
    localParams: ['sharpness'],
    halo: (params, ctx) => sharpeningHalo(prepareSharpening(params, ctx)),
    prepare: prepareSharpening,
    cpu: sharpeningCpu,
    glsl: sharpeningGlsl,
  },
};
