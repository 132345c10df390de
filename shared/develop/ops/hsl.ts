/**
 * HSL / Color Mixer (Lightroom's HSL panel): hue, saturation and luminance for eight colour
 * bands, in display space, computed in OkLCh.
 *
 * Per pixel: sRGB → linear → OkLab (L, a, b). The band weights at the pixel's OkLCh hue are a
 * raised-cosine partition of unity over the band centres (see shared/pixel/hue.ts), so
 * adjustments blend smoothly between neighbouring bands and a band's neighbours are untouched
 * past the next centre. The blended adjustments are tabulated over hue at prepare time
 * (2048 entries on the diamond-angle coordinate, linear interpolation):
 * - Hue: rotation of (a, b) by up to 60% of the gap to the neighbouring band (+ towards the next
 *   band: red → orange → yellow → green → aqua → blue → purple → magenta → red). If opposing
 *   neighbours would fold hues over each other, all shifts are scaled down until the hue map is
 *   monotone, so no hue inversions or bands appear.
 * - Saturation: chroma × (1 + s), s ∈ [−1, 1] (−100 removes the band's colour).
 * - Luminance: L + 0.8·l·g(C)·L·(1 − L): monotone in L, fixed at black and white; hue and chroma
 *   are kept (OkLab), so no hue shift. g(C) = smoothstep(0, 0.06, C) leaves neutrals alone.
 * The result goes back to linear and through a soft, hue-preserving gamut compression (only
 * where the pixel was pushed further out than it was) before sRGB encoding.
 */
import type { OpDeclaration, ParamSpec, PrepareContext, Strip } from '../types.ts';
import { BANDS, HUE_LUT_SIZE, bandGap, diamond, hueGlsl, hueTableWeights } from '../../pixel/hue.ts';
import { decodeSrgb, encodeSrgb, gamutFraction, linearToOklab, oklabGlsl, oklabToLinearSoft } from '../../pixel/oklab.ts';
import { hslLink } from './hsl.link.ts';

export type HslParams = Record<string, number>;

export interface HslPrepared {
  /** Hue table, 3 channels: cos(shift), sin(shift), chroma factor. */
  rot: Float32Array;
  /** Hue table, 1 channel: luminance amount (−0.8..0.8). */
  lum: Float32Array;
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
const KINDS = ['hue', 'saturation', 'luminance'] as const;
export const HSL_PARAM_NAMES: string[] = KINDS.flatMap((k) => BANDS.map((b) => k + cap(b)));

const HUE_FRACTION = 0.6;
const LUM_GAIN = 0.8;
/** OkLab chroma below which luminance changes fade out (neutrals stay put). */
export const NEUTRAL_CHROMA = 0.06;
const DEG = Math.PI / 180;

/** Per-band hue shifts in degrees, scaled down together if neighbours would fold hue over. */
export function hueShifts(p: HslParams): number[] {
  const n = BANDS.length;
  const s = BANDS.map((b, k) => {
    const v = Math.max(-100, Math.min(100, p['hue' + cap(b)] ?? 0)) / 100;
    return v * HUE_FRACTION * (v > 0 ? bandGap(k) : bandGap((k + n - 1) % n));
  });
  let worst = 1;
  for (let k = 0; k < n; k++) {
    // h + Σ w·s is monotone on [c_k, c_k+1] iff s_k − s_k+1 < 2·gap/π (raised-cosine slope).
    const limit = (0.9 * 2 * bandGap(k)) / Math.PI;
    worst = Math.max(worst, (s[k] - s[(k + 1) % n]) / limit);
  }
  return s.map((v) => v / worst);
}

export function prepareHsl(p: HslParams, _ctx?: PrepareContext): HslPrepared {
  const shifts = hueShifts(p);
  const sat = BANDS.map((b) => Math.max(-100, Math.min(100, p['saturation' + cap(b)] ?? 0)) / 100);
  const lum = BANDS.map((b) => Math.max(-100, Math.min(100, p['luminance' + cap(b)] ?? 0)) / 100);
  // Weighted sums of the bands' settings at each table entry's hue (buildHueLut's entries).
  const weights = hueTableWeights();
  const nb = BANDS.length;
  const rot = new Float32Array(HUE_LUT_SIZE * 3);
  const lumLut = new Float32Array(HUE_LUT_SIZE);
  for (let i = 0; i < HUE_LUT_SIZE; i++) {
    let dh = 0;
    let s = 0;
    let l = 0;
    for (let k = 0; k < nb; k++) {
      const w = weights[i * nb + k];
      dh += w * shifts[k];
      s += w * sat[k];
      l += w * lum[k];
    }
    rot[3 * i] = Math.cos(dh * DEG);
    rot[3 * i + 1] = Math.sin(dh * DEG);
    rot[3 * i + 2] = 1 + s;
    lumLut[i] = LUM_GAIN * l;
  }
  return { rot, lum: lumLut };
}

const LAB = new Float64Array(3);
const RGB = new Float64Array(3);

export function hslCpu(strip: Strip, prep: HslPrepared): void {
  const d = strip.data;
  const { rot, lum } = prep;
  const n1 = lum.length - 1;
  const len = strip.width * strip.rows * 3;
  for (let i = 0; i < len; i += 3) {
    const r = decodeSrgb(d[i]);
    const g = decodeSrgb(d[i + 1]);
    const b = decodeSrgb(d[i + 2]);
    linearToOklab(r, g, b, LAB);
    const L = LAB[0];
    const A = LAB[1];
    const B = LAB[2];
    const c2 = A * A + B * B;
    if (c2 < 1e-14) continue;
    const f = diamond(A, B) * 0.25 * n1;
    const j = f | 0;
    const t = f - j;
    const j3 = j * 3;
    const cs = rot[j3] + (rot[j3 + 3] - rot[j3]) * t;
    const sn = rot[j3 + 1] + (rot[j3 + 4] - rot[j3 + 1]) * t;
    const sf = rot[j3 + 2] + (rot[j3 + 5] - rot[j3 + 2]) * t;
    const la = lum[j] + (lum[j + 1] - lum[j]) * t;
    if (la === 0 && sn === 0 && cs === 1 && sf === 1) continue;
    const a2 = (A * cs - B * sn) * sf;
    const b2 = (A * sn + B * cs) * sf;
    let L2 = L;
    if (la !== 0 && L > 0 && L < 1) {
      const u = Math.sqrt(c2) * (1 / NEUTRAL_CHROMA);
      const gate = u >= 1 ? 1 : u * u * (3 - 2 * u);
      L2 = L + la * gate * L * (1 - L);
    }
    const hi = Math.max(1, r, g, b);
    const grey0 = L * L * L;
    const uIn = gamutFraction(r, g, b, grey0, hi);
    oklabToLinearSoft(L2, a2, b2, uIn, hi, RGB);
    d[i] = encodeSrgb(RGB[0]);
    d[i + 1] = encodeSrgb(RGB[1]);
    d[i + 2] = encodeSrgb(RGB[2]);
  }
}

const glslSource =
  oklabGlsl('hsl') +
  hueGlsl('hsl') +
  /* glsl */ `
uniform sampler2D u_hsl_rot;
uniform sampler2D u_hsl_lum;
vec3 op_hsl(vec3 c) {
  vec3 lin = hsl_dec(c);
  vec3 lab = hsl_lab(lin);
  float c2 = dot(lab.yz, lab.yz);
  if (c2 < 1e-14) return c;
  float x = hsl_hue_x(lab.yz);
  vec3 rt = lut3(u_hsl_rot, x);
  float la = lut1(u_hsl_lum, x);
  vec2 ab = vec2(lab.y * rt.x - lab.z * rt.y, lab.y * rt.y + lab.z * rt.x) * rt.z;
  float L = lab.x;
  float L2 = L;
  if (la != 0.0 && L > 0.0 && L < 1.0) {
    float u = sqrt(c2) * ${(1 / NEUTRAL_CHROMA).toFixed(6)};
    float gate = u >= 1.0 ? 1.0 : u * u * (3.0 - 2.0 * u);
    L2 = L + la * gate * L * (1.0 - L);
  }
  float hi = max(1.0, max(max(lin.r, lin.g), lin.b));
  float uIn = hsl_gamut_fraction(lin, L * L * L, hi);
  vec3 outLin = hsl_rgb_soft(vec3(L2, ab), uIn, hi);
  return hsl_enc(outLin);
}
`;

const BAND_WORDS: Record<string, string> = {
  red: 'reds', orange: 'oranges (skin tones)', yellow: 'yellows', green: 'greens (foliage)',
  aqua: 'aquas (cyans)', blue: 'blues (sky, water)', purple: 'purples', magenta: 'magentas',
};
const NEXT: Record<string, [string, string]> = {
  red: ['magenta', 'orange'], orange: ['red', 'yellow'], yellow: ['orange', 'green'], green: ['yellow', 'aqua'],
  aqua: ['green', 'blue'], blue: ['aqua', 'purple'], purple: ['blue', 'magenta'], magenta: ['purple', 'red'],
};

function paramSpecs(): Record<string, ParamSpec> {
  const out: Record<string, ParamSpec> = {};
  for (const b of BANDS) {
    out['hue' + cap(b)] = { kind: 'number', label: `${cap(b)} Hue`, description: `Shifts the hue of ${BAND_WORDS[b]}: negative towards ${NEXT[b][0]}, positive towards ${NEXT[b][1]}.`, min: -100, max: 100, default: 0, step: 1 };
  }
  for (const b of BANDS) {
    out['saturation' + cap(b)] = { kind: 'number', label: `${cap(b)} Saturation`, description: `Colour intensity of ${BAND_WORDS[b]}: −100 makes them grey, positive makes them more vivid.`, min: -100, max: 100, default: 0, step: 1 };
  }
  for (const b of BANDS) {
    out['luminance' + cap(b)] = { kind: 'number', label: `${cap(b)} Luminance`, description: `Brightness of ${BAND_WORDS[b]} only: negative darkens them (deeper), positive lightens them.`, min: -100, max: 100, default: 0, step: 1 };
  }
  return out;
}

const XMP_KIND: Record<string, string> = { hue: 'HueAdjustment', saturation: 'SaturationAdjustment', luminance: 'LuminanceAdjustment' };

export const hslOp: OpDeclaration<HslParams, HslPrepared> = {
  id: 'hsl',
  version: 1,
  label: 'HSL / Color',
  group: 'hsl',
  description:
    'Colour mixer: change the hue, saturation or luminance of one colour range (red, orange, yellow, green, aqua, blue, purple, magenta) without touching the others.',
  params: paramSpecs(),
  xmp: KINDS.flatMap((k) => BANDS.map((b) => ({ param: k + cap(b), key: `crs:${XMP_KIND[k]}${cap(b)}` }))),
  isIdentity: (p) => HSL_PARAM_NAMES.every((n) => (p[n] ?? 0) === 0),
  maths: {
    space: 'display',
    prepare: prepareHsl,
    cpu: hslCpu,
    link: hslLink,
    glsl: {
      source: glslSource,
      uniforms: (prep) => {
        const p = prep as HslPrepared;
        return { rot: { lut: p.rot, channels: 3 }, lum: { lut: p.lum, channels: 1 } };
      },
    },
  },
};
