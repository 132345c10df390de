/**
 * White balance for rendered files (Lightroom's incremental Temperature/Tint, ±100), in linear
 * light: a von Kries chromatic adaptation in CAT16 cone space from D65 to a target white on the
 * daylight/Planckian locus, then per-pixel luminance preservation (a pure chromaticity change).
 *
 * Target white: the Planckian locus (Kim et al. 2002 cubic in xy, 1667–25000 K) in CIE 1960 uv,
 * offset so that (0, 0) gives exactly D65; Temperature moves along the locus by 0.9 mired per
 * unit (+100 ≈ 4100 K: warmer/yellower, −100 ≈ 15700 K: cooler/bluer — the neutral takes the
 * colour of that light); Tint moves across it by 0.00025 Δuv per unit, + towards magenta and
 * − towards green (Lightroom's sense). The CAT16 gains give one 3×3 matrix (prepare); local
 * temperature/tint add to the global values and use gains interpolated bilinearly in a 41×41
 * table over ±200 (also the shader's path).
 */
import type { OpDeclaration, PrepareContext, Strip } from '../types.ts';
import { KB, KG, KR, clamp, num } from './linearMath.ts';
import { GRID_MAX, GRID_N, GRID_STEP, gainTable, wbGains, wbMatrices } from './whiteBalanceMaths.ts';
import { whiteBalanceGlsl } from './whiteBalance.glsl.ts';
import { whiteBalanceLink } from './whiteBalance.link.ts';

export interface WhiteBalanceParams {
  [k: string]: number;
  temperature: number;
  tint: number;
}

export interface WhiteBalancePrepared {
  temperature: number;
  tint: number;
  /** Global RGB→RGB matrix, row-major. */
  m: number[];
  /** RGB→LMS (CAT16 · sRGB→XYZ) and its inverse, row-major. */
  toLms: number[];
  fromLms: number[];
}

export function prepareWhiteBalance(p: WhiteBalanceParams, _ctx?: PrepareContext): WhiteBalancePrepared {
  const temperature = clamp(num(p.temperature), -100, 100);
  const tint = clamp(num(p.tint), -100, 100);
  const { toLms, fromLms } = wbMatrices();
  const g = wbGains(temperature, tint);
  const m: number[] = new Array(9).fill(0);
  for (let r = 0; r < 3; r++)
    for (let c = 0; c < 3; c++) {
      let s = 0;
      for (let k = 0; k < 3; k++) s += fromLms[r * 3 + k] * g[k] * toLms[k * 3 + c];
      m[r * 3 + c] = s;
    }
  return { temperature, tint, m, toLms, fromLms };
}

/** Bilinear LMS gains at (temperature, tint) from the table, into out[0..2]. */
export function gridGains(gains: Float32Array, t: number, n: number, out: Float64Array): void {
  const ft = (clamp(t, -GRID_MAX, GRID_MAX) + GRID_MAX) / GRID_STEP;
  const fn = (clamp(n, -GRID_MAX, GRID_MAX) + GRID_MAX) / GRID_STEP;
  const it = Math.min(GRID_N - 2, Math.floor(ft));
  const jn = Math.min(GRID_N - 2, Math.floor(fn));
  const a = ft - it;
  const b = fn - jn;
  const o00 = (jn * GRID_N + it) * 3;
  const o10 = o00 + 3;
  const o01 = o00 + GRID_N * 3;
  const o11 = o01 + 3;
  for (let c = 0; c < 3; c++) {
    const top = gains[o00 + c] + (gains[o10 + c] - gains[o00 + c]) * a;
    const bot = gains[o01 + c] + (gains[o11 + c] - gains[o01 + c]) * a;
    out[c] = top + (bot - top) * b;
  }
}

const gl = new Float64Array(3);

export function whiteBalanceCpu(strip: Strip, p: WhiteBalancePrepared): void {
  const { data } = strip;
  const n = strip.width * strip.rows;
  const locT = strip.local('temperature');
  const locN = strip.local('tint');
  const [m0, m1, m2, m3, m4, m5, m6, m7, m8] = p.m;
  const L = p.toLms;
  const F = p.fromLms;
  for (let i = 0, o = 0; i < n; i++, o += 3) {
    const r = data[o];
    const g = data[o + 1];
    const b = data[o + 2];
    let r2: number, g2: number, b2: number;
    const dt = locT !== null ? locT[i] : 0;
    const dn = locN !== null ? locN[i] : 0;
    if (dt === 0 && dn === 0) {
      r2 = m0 * r + m1 * g + m2 * b;
      g2 = m3 * r + m4 * g + m5 * b;
      b2 = m6 * r + m7 * g + m8 * b;
    } else {
      gridGains(gainTable(), p.temperature + dt, p.tint + dn, gl);
      const l = gl[0] * (L[0] * r + L[1] * g + L[2] * b);
      const mm = gl[1] * (L[3] * r + L[4] * g + L[5] * b);
      const s = gl[2] * (L[6] * r + L[7] * g + L[8] * b);
      r2 = F[0] * l + F[1] * mm + F[2] * s;
      g2 = F[3] * l + F[4] * mm + F[5] * s;
      b2 = F[6] * l + F[7] * mm + F[8] * s;
    }
    if (r2 < 0) r2 = 0;
    if (g2 < 0) g2 = 0;
    if (b2 < 0) b2 = 0;
    const y = KR * r + KG * g + KB * b;
    const y2 = KR * r2 + KG * g2 + KB * b2;
    const k = y2 > 1e-20 && y > 0 ? y / y2 : 0;
    data[o] = r2 * k;
    data[o + 1] = g2 * k;
    data[o + 2] = b2 * k;
  }
}

export const whiteBalanceOp: OpDeclaration<WhiteBalanceParams, WhiteBalancePrepared> = {
  id: 'whiteBalance',
  version: 1,
  label: 'White balance',
  group: 'whiteBalance',
  description: 'Corrects or sets the colour of the light: warmer/cooler (temperature) and green/magenta (tint), keeping brightness.',
  params: {
    temperature: {
      kind: 'number',
      label: 'Temperature',
      description: 'Colour of the light; positive = warmer (yellow/orange), negative = cooler (blue); ±5–15 corrects a cast, ±30+ is a strong mood.',
      min: -100,
      max: 100,
      default: 0,
      step: 1,
    },
    tint: {
      kind: 'number',
      label: 'Tint',
      description: 'Green–magenta balance; positive = more magenta (fixes a green cast from fluorescent light or foliage), negative = more green; ±5–15 typical.',
      min: -100,
      max: 100,
      default: 0,
      step: 1,
    },
  },
  xmp: [
    { param: 'temperature', key: 'crs:IncrementalTemperature' },
    { param: 'tint', key: 'crs:IncrementalTint' },
  ],
  isIdentity: (p) => num(p.temperature) === 0 && num(p.tint) === 0,
  maths: {
    space: 'linear',
    localParams: ['temperature', 'tint'],
    prepare: prepareWhiteBalance,
    cpu: whiteBalanceCpu,
    link: (strip, p, k) => whiteBalanceLink(strip, p.m, k),
    glsl: whiteBalanceGlsl(),
  },
};
