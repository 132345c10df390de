/**
 * Tone (Lightroom's Basic ▸ Exposure, Contrast, Highlights, Shadows, Whites, Blacks), in
 * scene-referred linear light, on luminance in the offset-log domain of ./linearMath.ts
 * (z = log2(Y + EPS) − log2(0.18): stops from mid grey). The colour follows the luminance as a
 * ratio, with a neutral floor when brightening and a hue-preserving roll-off near white.
 *
 * Per pixel (E = exposure + local exposure, in EV):
 * 1. Exposure: RGB × 2^E (exact), so z shifts by E.
 * 2. Highlights/Shadows act on the *local base* zb, an edge-aware large-scale luminance from the
 *    `toneBase` guide (fast guided filter: zb = A·l + B + E): z1 = z + h·1.25·smoothstep(−1, 2, zb)
 *    + s·1.6·(1 − smoothstep(−5.5, 0.5, zb)). The pixel's detail around its base is kept, so a
 *    lifted shadow keeps its texture and no halo appears along edges (A → 1 there).
 * 3. Contrast: an S-curve pivoting at mid grey, z2 = z1 + k·z1·exp(−z1²/(2·2.2²)), k = 0.7 at +100
 *    (strongest around ±2 stops, fading towards black and white).
 * 4. Whites/Blacks move the end points: z3 = z2 + 0.9·w·smoothstep(1, 3.2, z2)
 *    + b·(b > 0 ? 2 : 1.5)·(1 − smoothstep(−7.5, −2.5, z2)); +Blacks lifts black to a neutral
 *    dark grey (the EPS floor), −Blacks crushes it to 0.
 * Every curve keeps a slope ≥ 0.1 for any parameter values (tested), so tones never invert.
 * Contrast and Whites/Blacks are tabulated (4096 entries over z ∈ [−24, 12]); highlights and
 * shadows are two smoothsteps (their amounts vary per pixel with local adjustments).
 */
import type { OpDeclaration, PrepareContext, Strip } from '../types.ts';
import {
  EPS,
  KB,
  KG,
  KR,
  LOG2_MID,
  applyLogDelta,
  clamp,
  fastExp2,
  fastLog2,
  EXP_TABLE,
  EXP_TABLE_N,
  KNEE,
  POW_TABLE,
  num,
  protectHighlights,
  smoothstep,
} from './linearMath.ts';
import { toneGlsl } from './tone.glsl.ts';
import { toneLink } from './tone.link.ts';

export interface ToneParams {
  [k: string]: number;
  exposure: number;
  contrast: number;
  highlights: number;
  shadows: number;
  whites: number;
  blacks: number;
}

export interface TonePrepared {
  exposure: number;
  /** 2^exposure. */
  gain: number;
  /** Contrast coefficient k (0.7 at +100). */
  contrast: number;
  /** Highlights and shadows as −1..1. */
  highlights: number;
  shadows: number;
  /** G(z) = z·exp(−z²/2σ²) over [Z_MIN, Z_MAX]. */
  curve: Float32Array;
  /** Whites/blacks offset (stops) over [Z_MIN, Z_MAX]. */
  ends: Float32Array;
  endsActive: boolean;
  /**
   * The global curve folded into tables on the same z grid, for pixels no local adjustment
   * touches: `hsShift[zb]` = the highlights/shadows shift (stops) at base zb (null when both are
   * 0), and `restShift[z1]` = what contrast and whites/blacks add to z1 (toneZ(z1) − z1 with no
   * highlights/shadows). Linear interpolation of these smooth curves is within 1e-5 stops of
   * toneZ, and z + lerp(table) stays monotonic.
   */
  hsShift: Float32Array | null;
  restShift: Float32Array;
}

export const Z_MIN = -24;
export const Z_MAX = 12;
export const LUT_N = 4096;
export const HIGHLIGHTS_STOPS = 1.25;
export const SHADOWS_STOPS = 1.6;
export const CONTRAST_K = 0.7;
export const CONTRAST_SIGMA = 2.2;
export const WHITES_STOPS = 0.9;
export const BLACKS_LIFT = 2;
export const BLACKS_CRUSH = 1.5;
/** Edges of the highlight / shadow / whites / blacks weights (stops from mid grey). */
export const HL = [-1, 2] as const;
export const SH = [-5.5, 0.5] as const;
export const WH = [1, 3.2] as const;
export const BL = [-7.5, -2.5] as const;
/** Bounds of the total contrast coefficient (global + local) keeping the curve monotonic. */
export const CONTRAST_MIN = -0.9;
export const CONTRAST_MAX = 1.4;

let curveCache: Float32Array | null = null;
function contrastShape(): Float32Array {
  if (!curveCache) {
    curveCache = new Float32Array(LUT_N);
    const k = 1 / (2 * CONTRAST_SIGMA * CONTRAST_SIGMA);
    for (let i = 0; i < LUT_N; i++) {
      const z = Z_MIN + ((Z_MAX - Z_MIN) * i) / (LUT_N - 1);
      curveCache[i] = z * Math.exp(-z * z * k);
    }
  }
  return curveCache;
}

export function endsOffset(whites: number, blacks: number, z: number): number {
  const w = whites / 100;
  const b = blacks / 100;
  return (
    WHITES_STOPS * w * smoothstep(WH[0], WH[1], z) +
    b * (b > 0 ? BLACKS_LIFT : BLACKS_CRUSH) * (1 - smoothstep(BL[0], BL[1], z))
  );
}

export function prepareTone(p: ToneParams, _ctx?: PrepareContext): TonePrepared {
  const exposure = clamp(num(p.exposure), -5, 5);
  const whites = clamp(num(p.whites), -100, 100);
  const blacks = clamp(num(p.blacks), -100, 100);
  const ends = new Float32Array(LUT_N);
  const endsActive = whites !== 0 || blacks !== 0;
  if (endsActive)
    for (let i = 0; i < LUT_N; i++) ends[i] = endsOffset(whites, blacks, Z_MIN + ((Z_MAX - Z_MIN) * i) / (LUT_N - 1));
  const prepared: TonePrepared = {
    exposure,
    gain: Math.pow(2, exposure),
    contrast: (clamp(num(p.contrast), -100, 100) / 100) * CONTRAST_K,
    highlights: clamp(num(p.highlights), -100, 100) / 100,
    shadows: clamp(num(p.shadows), -100, 100) / 100,
    curve: contrastShape(),
    ends,
    endsActive,
    hsShift: null,
    restShift: new Float32Array(LUT_N),
  };
  const { highlights: h, shadows: s, contrast: k } = prepared;
  if (h !== 0 || s !== 0) prepared.hsShift = new Float32Array(LUT_N);
  for (let i = 0; i < LUT_N; i++) {
    const z = Z_MIN + ((Z_MAX - Z_MIN) * i) / (LUT_N - 1);
    prepared.restShift[i] = toneZ(prepared, z, z, 0, 0, k) - z;
    if (prepared.hsShift) prepared.hsShift[i] = hsShiftAt(h, s, z);
  }
  return prepared;
}

const LUT_SCALE = (LUT_N - 1) / (Z_MAX - Z_MIN);
function lutAt(lut: Float32Array, z: number): number {
  const f = (z - Z_MIN) * LUT_SCALE;
  if (!(f > 0)) return lut[0];
  if (f >= LUT_N - 1) return lut[LUT_N - 1];
  const i = f | 0;
  const a = lut[i];
  return a + (lut[i + 1] - a) * (f - i);
}

/** Highlights/shadows shift (stops) at base zb, h and s as −1..1 (step 2 of the header). */
function hsShiftAt(h: number, s: number, zb: number): number {
  let d = 0;
  if (h !== 0) d += h * HIGHLIGHTS_STOPS * smoothstep(HL[0], HL[1], zb);
  if (s !== 0) d += s * SHADOWS_STOPS * (1 - smoothstep(SH[0], SH[1], zb));
  return d;
}

/** The tone curve of one pixel, in stops: z (after exposure) and its base zb → output z. */
export function toneZ(p: TonePrepared, z: number, zb: number, h: number, s: number, k: number): number {
  const z1 = z + hsShiftAt(h, s, zb);
  const z2 = k !== 0 ? z1 + k * lutAt(p.curve, z1) : z1;
  return p.endsActive ? z2 + lutAt(p.ends, z2) : z2;
}

export function toneCpu(strip: Strip, p: TonePrepared): void {
  const { data } = strip;
  const n = strip.width * strip.rows;
  const locE = strip.local('exposure');
  const locC = strip.local('contrast');
  const locH = strip.local('highlights');
  const locS = strip.local('shadows');
  const useBase = p.highlights !== 0 || p.shadows !== 0 || locH !== null || locS !== null;
  const base = useBase ? strip.guide('toneBase') : null;
  const curveOff = !useBase && p.contrast === 0 && !locC && !p.endsActive;
  if (locE === null && locC === null && locH === null && locS === null) {
    toneGlobal(data, n, p, curveOff ? null : base, curveOff);
    return;
  }
  for (let i = 0, o = 0; i < n; i++, o += 3) {
    const r = data[o];
    const g = data[o + 1];
    const b = data[o + 2];
    const mRef = r > g ? (r > b ? r : b) : g > b ? g : b;
    let e = p.exposure;
    let m = p.gain;
    if (locE !== null && locE[i] !== 0) {
      e = clamp(e + locE[i], -10, 10);
      m = fastExp2(e);
    }
    if (m !== 1) {
      data[o] = r * m;
      data[o + 1] = g * m;
      data[o + 2] = b * m;
    }
    if (!curveOff) {
      const y0 = KR * r + KG * g + KB * b;
      const y = y0 > 0 ? y0 : 0;
      const lp = fastLog2(y + EPS);
      const z = lp + e - LOG2_MID;
      let zb = z;
      let h = 0;
      let s = 0;
      if (base !== null) {
        zb = base[2 * i] * lp + base[2 * i + 1] + e - LOG2_MID;
        h = locH !== null ? clamp(p.highlights + locH[i] / 100, -1, 1) : p.highlights;
        s = locS !== null ? clamp(p.shadows + locS[i] / 100, -1, 1) : p.shadows;
      }
      const k = locC !== null ? clamp(p.contrast + (locC[i] / 100) * CONTRAST_K, CONTRAST_MIN, CONTRAST_MAX) : p.contrast;
      const delta = toneZ(p, z, zb, h, s, k) - z;
      if (delta !== 0) applyLogDelta(data, o, y * m, delta, EPS * m);
    }
    protectHighlights(data, o, mRef);
  }
}

const F32 = new Float32Array(1);
const I32 = new Int32Array(F32.buffer);

/**
 * toneCpu for pixels no local adjustment touches, in one tight loop: the curve comes from the
 * prepared tables (hsShift, restShift), log2/exp2 are inlined (the same tables as fastLog2 and
 * fastExp2), and the result equals the general path within the tables' 1e-5 stops.
 */
function toneGlobal(data: Float32Array, n: number, p: TonePrepared, base: Float32Array | null, curveOff: boolean): void {
  const m = p.gain;
  const zOff = p.exposure - LOG2_MID;
  const hs = p.hsShift;
  const rest = p.restShift;
  const top = LUT_N - 1;
  const epsM = EPS * m;
  for (let i = 0, o = 0; i < n; i++, o += 3) {
    const r = data[o];
    const g = data[o + 1];
    const b = data[o + 2];
    const mRef = r > g ? (r > b ? r : b) : g > b ? g : b;
    let r1 = r * m;
    let g1 = g * m;
    let b1 = b * m;
    if (!curveOff) {
      const y0 = KR * r + KG * g + KB * b;
      const y = y0 > 0 ? y0 : 0;
      const lp = fastLog2(y + EPS);
      const z = lp + zOff;
      let z1 = z;
      if (hs !== null) {
        const zb = base !== null ? base[2 * i] * lp + base[2 * i + 1] + zOff : z;
        const f = (zb - Z_MIN) * LUT_SCALE;
        const t = f > 0 ? (f < top ? f : top) : 0;
        const j = t | 0;
        const a = hs[j];
        z1 += j < top ? a + (hs[j + 1] - a) * (t - j) : a;
      }
      const f = (z1 - Z_MIN) * LUT_SCALE;
      const t = f > 0 ? (f < top ? f : top) : 0;
      const j = t | 0;
      const a = rest[j];
      const delta = z1 - z + (j < top ? a + (rest[j + 1] - a) * (t - j) : a);
      if (delta !== 0 && delta === delta) {
        // applyLogDelta with exp2 inlined.
        let x = delta > -128 ? (delta < 127 ? delta : 127) : -128;
        const e = Math.floor(x);
        x = (x - e) * EXP_TABLE_N;
        const k = x | 0;
        const lo = EXP_TABLE[k];
        const gd = POW_TABLE[e + 128] * (lo + (EXP_TABLE[k + 1] - lo) * (x - k));
        if (gd >= 1) {
          r1 = (r1 + epsM) * gd - epsM;
          g1 = (g1 + epsM) * gd - epsM;
          b1 = (b1 + epsM) * gd - epsM;
        } else {
          const ym = y * m;
          const y2 = (ym + epsM) * gd - epsM;
          const q = ym > 0 && y2 > 0 ? y2 / ym : 0;
          r1 *= q;
          g1 *= q;
          b1 *= q;
        }
      }
    }
    data[o] = r1;
    data[o + 1] = g1;
    data[o + 2] = b1;
    const mx = r1 > g1 ? (r1 > b1 ? r1 : b1) : g1 > b1 ? g1 : b1;
    if (mx > KNEE && mx > mRef) protectHighlights(data, o, mRef);
  }
}

const tonal = (label: string, description: string) =>
  ({ kind: 'number', label, description, min: -100, max: 100, default: 0, step: 1 }) as const;

export const toneOp: OpDeclaration<ToneParams, TonePrepared> = {
  id: 'tone',
  version: 1,
  label: 'Tone',
  group: 'basic',
  description:
    'Overall brightness and tonal range: exposure, contrast, and recovery or lifting of highlights, shadows, whites and blacks.',
  params: {
    exposure: {
      kind: 'number',
      label: 'Exposure',
      description: 'Overall brightness in stops; +1 doubles the light, −1 halves it; ±0.3 is a subtle fix, ±1 a strong one.',
      min: -5,
      max: 5,
      default: 0,
      step: 0.01,
      unit: 'EV',
    },
    contrast: tonal('Contrast', 'Midtone contrast around mid grey; positive = punchier (darker darks, brighter lights), negative = flatter; ±10–30 typical.'),
    highlights: tonal('Highlights', 'Brightness of the bright areas; negative recovers detail in skies and bright skin, positive brightens them; −30 to −70 typical for recovery.'),
    shadows: tonal('Shadows', 'Brightness of the dark areas; positive lifts and reveals shadow detail, negative deepens shadows; +20 to +60 typical.'),
    whites: tonal('Whites', 'Sets the white point; positive makes the brightest tones brighter (may clip), negative pulls them below clipping; ±10–30 typical.'),
    blacks: tonal('Blacks', 'Sets the black point; negative makes the darkest tones deeper, positive lifts them to a matte grey; ±10–30 typical.'),
  },
  xmp: [
    { param: 'exposure', key: 'crs:Exposure2012' },
    { param: 'contrast', key: 'crs:Contrast2012' },
    { param: 'highlights', key: 'crs:Highlights2012' },
    { param: 'shadows', key: 'crs:Shadows2012' },
    { param: 'whites', key: 'crs:Whites2012' },
    { param: 'blacks', key: 'crs:Blacks2012' },
  ],
  isIdentity: (p) =>
    num(p.exposure) === 0 &&
    num(p.contrast) === 0 &&
    num(p.highlights) === 0 &&
    num(p.shadows) === 0 &&
    num(p.whites) === 0 &&
    num(p.blacks) === 0,
  maths: {
    space: 'linear',
    guides: ['toneBase'],
    // The base layer is read by highlights and shadows only (global or local).
    guidesFor: (p, fed) => (num(p.highlights) !== 0 || num(p.shadows) !== 0 || fed.has('highlights') || fed.has('shadows') ? ['toneBase'] : []),
    localParams: ['exposure', 'contrast', 'highlights', 'shadows'],
    prepare: prepareTone,
    cpu: toneCpu,
    link: toneLink,
    glsl: toneGlsl(),
  },
};
