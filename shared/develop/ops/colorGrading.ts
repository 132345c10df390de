/**
 * Color Grading (Lightroom's three wheels + global, Blending, Balance), in display space,
 * computed in OkLab.
 *
 * Tone t of a pixel = sRGB-encoded value of the grey with the pixel's OkLab lightness. Region
 * weights over t (a partition of unity): shadows fall and highlights rise through smooth
 * transitions centred at p1 = m/2 and p2 = (1 + m)/2, with midpoint m = 0.5 − 0.25·Balance/100
 * (positive balance gives the highlight tint more of the range) and transition width
 * σ = 0.1 + 0.4·Blending/100 (more blending = softer, wider overlaps). Midtones take the rest;
 * Global weighs 1 everywhere.
 * - Hue + Saturation of a wheel add a tint: (a, b) += Sat/100 · 0.1 · weight · taper(t) · dir(Hue),
 *   dir = the OkLab direction of the HSV colour at that hue (0 red, 60 yellow, 120 green, 240 blue).
 *   taper fades tints out in the deepest blacks and the last few % of white.
 * - Luminance of a wheel: L += 0.8·Σ weight·Lum/100·L(1 − L) (forced monotone).
 * Everything is a function of L, so it is tabulated at prepare time (3 channels: Δa, Δb, L′; 4096
 * entries). The result goes through the soft gamut compression before encoding.
 */
import type { OpDeclaration, PrepareContext, Strip } from '../types.ts';
import { hsvToSrgb } from '../../pixel/hue.ts';
import { LUT_SIZE, smoothstep } from '../../pixel/lut.ts';
import { decodeSrgb, encodeSrgb, gamutFraction, linearToOklab, oklabGlsl, oklabToLinearSoft, srgbToOklab } from '../../pixel/oklab.ts';

export interface ColorGradingParams {
  [k: string]: number;
  shadowHue: number;
  shadowSat: number;
  shadowLum: number;
  midtoneHue: number;
  midtoneSat: number;
  midtoneLum: number;
  highlightHue: number;
  highlightSat: number;
  highlightLum: number;
  globalHue: number;
  globalSat: number;
  globalLum: number;
  blending: number;
  balance: number;
}

export interface ColorGradingPrepared {
  /** Interleaved 3-channel table over OkLab L ∈ [0, 1]: Δa, Δb, new L. */
  lut: Float32Array;
}

const MAX_TINT = 0.1;
const LUM_GAIN = 0.8;
const REGIONS = ['shadow', 'midtone', 'highlight', 'global'] as const;

/** Unit OkLab (a, b) direction of a colour-wheel hue in degrees. */
export function tintDirection(hue: number): [number, number] {
  const [, a, b] = srgbToOklab(...hsvToSrgb(hue, 1, 1));
  const n = Math.hypot(a, b);
  return [a / n, b / n];
}

/** Region weights [shadow, midtone, highlight] at tone t (0..1, sRGB-encoded grey). */
export function regionWeights(t: number, blending: number, balance: number): [number, number, number] {
  const m = 0.5 - 0.25 * (Math.max(-100, Math.min(100, balance)) / 100);
  const sigma = 0.1 + 0.4 * (Math.max(0, Math.min(100, blending)) / 100);
  const p1 = m / 2;
  const p2 = (1 + m) / 2;
  const ws = 1 - smoothstep(p1 - sigma / 2, p1 + sigma / 2, t);
  const wh = smoothstep(p2 - sigma / 2, p2 + sigma / 2, t);
  return [ws, Math.max(0, 1 - ws - wh), wh];
}

function encodeExact(v: number): number {
  return v <= 0.0031308 ? v * 12.92 : 1.055 * Math.pow(v, 1 / 2.4) - 0.055;
}

export function prepareColorGrading(p: ColorGradingParams, _ctx?: PrepareContext): ColorGradingPrepared {
  const num = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Number.isFinite(v) ? v : 0));
  const wheels = REGIONS.map((r) => {
    const [da, db] = tintDirection(num(p[r + 'Hue'], 0, 360));
    const sat = num(p[r + 'Sat'], 0, 100) / 100;
    return { a: da * sat * MAX_TINT, b: db * sat * MAX_TINT, lum: num(p[r + 'Lum'], -100, 100) / 100 };
  });
  const n = LUT_SIZE;
  const lut = new Float32Array(n * 3);
  let prevL = 0;
  for (let i = 0; i < n; i++) {
    const L = i / (n - 1);
    const t = encodeExact(L * L * L);
    const [ws, wm, wh] = regionWeights(t, p.blending, p.balance);
    const w = [ws, wm, wh, 1];
    const taper = smoothstep(0, 0.2, t) * smoothstep(0, 0.06, 1 - t);
    let da = 0;
    let db = 0;
    let dl = 0;
    for (let k = 0; k < 4; k++) {
      da += w[k] * wheels[k].a;
      db += w[k] * wheels[k].b;
      dl += w[k] * wheels[k].lum;
    }
    let L2 = L + LUM_GAIN * Math.max(-1, Math.min(1, dl)) * L * (1 - L);
    L2 = Math.min(1, Math.max(prevL, L2));
    prevL = L2;
    lut[i * 3] = da * taper;
    lut[i * 3 + 1] = db * taper;
    lut[i * 3 + 2] = L2;
  }
  return { lut };
}

const LAB = new Float64Array(3);
const RGB = new Float64Array(3);

export function colorGradingCpu(strip: Strip, prep: ColorGradingPrepared): void {
  const d = strip.data;
  const lut = prep.lut;
  const n1 = lut.length / 3 - 1;
  const len = strip.width * strip.rows * 3;
  for (let i = 0; i < len; i += 3) {
    const r = decodeSrgb(d[i]);
    const g = decodeSrgb(d[i + 1]);
    const b = decodeSrgb(d[i + 2]);
    linearToOklab(r, g, b, LAB);
    const L = LAB[0];
    let da: number;
    let db: number;
    let L2: number;
    if (L >= 1) {
      da = lut[n1 * 3];
      db = lut[n1 * 3 + 1];
      L2 = lut[n1 * 3 + 2] + (L - 1);
    } else {
      const f = (L > 0 ? L : 0) * n1;
      const j = f | 0;
      const t = f - j;
      const j3 = j * 3;
      da = lut[j3] + (lut[j3 + 3] - lut[j3]) * t;
      db = lut[j3 + 1] + (lut[j3 + 4] - lut[j3 + 1]) * t;
      L2 = lut[j3 + 2] + (lut[j3 + 5] - lut[j3 + 2]) * t;
    }
    if (da === 0 && db === 0 && L2 === L) continue;
    const hi = Math.max(1, r, g, b);
    const uIn = gamutFraction(r, g, b, L * L * L, hi);
    oklabToLinearSoft(L2, LAB[1] + da, LAB[2] + db, uIn, hi, RGB);
    d[i] = encodeSrgb(RGB[0]);
    d[i + 1] = encodeSrgb(RGB[1]);
    d[i + 2] = encodeSrgb(RGB[2]);
  }
}

const glslSource =
  oklabGlsl('colorGrading') +
  /* glsl */ `
uniform sampler2D u_colorGrading_lut;
vec3 op_colorGrading(vec3 c) {
  vec3 lin = colorGrading_dec(c);
  vec3 lab = colorGrading_lab(lin);
  float L = lab.x;
  vec3 e = L >= 1.0 ? lut3(u_colorGrading_lut, 1.0) + vec3(0.0, 0.0, L - 1.0) : lut3(u_colorGrading_lut, max(L, 0.0));
  if (e.x == 0.0 && e.y == 0.0 && e.z == L) return c;
  float hi = max(1.0, max(max(lin.r, lin.g), lin.b));
  float uIn = colorGrading_gamut_fraction(lin, L * L * L, hi);
  vec3 outLin = colorGrading_rgb_soft(vec3(e.z, lab.yz + e.xy), uIn, hi);
  return colorGrading_enc(outLin);
}
`;

const wheel = (r: string, label: string, tones: string) => ({
  [r + 'Hue']: { kind: 'number' as const, label: `${label} Hue`, description: `Hue of the tint added to ${tones} (0 red, 60 yellow, 120 green, 180 cyan, 240 blue, 300 magenta); needs ${label} Saturation > 0.`, min: 0, max: 359, default: 0, step: 1, unit: '°' as const },
  [r + 'Sat']: { kind: 'number' as const, label: `${label} Saturation`, description: `Strength of the ${label.toLowerCase()} tint on ${tones}: 0 none, 100 strong.`, min: 0, max: 100, default: 0, step: 1 },
  [r + 'Lum']: { kind: 'number' as const, label: `${label} Luminance`, description: `Brightness of ${tones}: negative darkens, positive lightens.`, min: -100, max: 100, default: 0, step: 1 },
});

export const colorGradingOp: OpDeclaration<ColorGradingParams, ColorGradingPrepared> = {
  id: 'colorGrading',
  version: 1,
  label: 'Color Grading',
  group: 'colorGrading',
  description:
    'Tint shadows, midtones and highlights (or the whole image) with chosen hues, e.g. teal shadows and orange highlights; also shift their brightness.',
  params: {
    ...wheel('shadow', 'Shadows', 'the dark tones'),
    ...wheel('midtone', 'Midtones', 'the middle tones'),
    ...wheel('highlight', 'Highlights', 'the bright tones'),
    ...wheel('global', 'Global', 'all tones'),
    blending: { kind: 'number', label: 'Blending', description: 'How much the shadow, midtone and highlight ranges overlap: low gives distinct bands, high smooth blends.', min: 0, max: 100, default: 50, step: 1 },
    balance: { kind: 'number', label: 'Balance', description: 'Negative gives the shadow tint more of the tonal range, positive gives the highlight tint more.', min: -100, max: 100, default: 0, step: 1 },
  } as OpDeclaration<ColorGradingParams>['params'],
  xmp: [
    { param: 'shadowHue', key: 'crs:SplitToningShadowHue' },
    { param: 'shadowSat', key: 'crs:SplitToningShadowSaturation' },
    { param: 'shadowLum', key: 'crs:ColorGradeShadowLum' },
    { param: 'midtoneHue', key: 'crs:ColorGradeMidtoneHue' },
    { param: 'midtoneSat', key: 'crs:ColorGradeMidtoneSat' },
    { param: 'midtoneLum', key: 'crs:ColorGradeMidtoneLum' },
    { param: 'highlightHue', key: 'crs:SplitToningHighlightHue' },
    { param: 'highlightSat', key: 'crs:SplitToningHighlightSaturation' },
    { param: 'highlightLum', key: 'crs:ColorGradeHighlightLum' },
    { param: 'globalHue', key: 'crs:ColorGradeGlobalHue' },
    { param: 'globalSat', key: 'crs:ColorGradeGlobalSat' },
    { param: 'globalLum', key: 'crs:ColorGradeGlobalLum' },
    { param: 'blending', key: 'crs:ColorGradeBlending' },
    { param: 'balance', key: 'crs:SplitToningBalance' },
  ],
  isIdentity: (p) => REGIONS.every((r) => (p[r + 'Sat'] ?? 0) === 0 && (p[r + 'Lum'] ?? 0) === 0),
  maths: {
    space: 'display',
    prepare: prepareColorGrading,
    cpu: colorGradingCpu,
    glsl: { source: glslSource, uniforms: (prep) => ({ lut: { lut: (prep as ColorGradingPrepared).lut, channels: 3 } }) },
  },
};
