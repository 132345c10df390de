/**
 * Vibrance and Saturation (Lightroom's Presence ▸ Vibrance / Saturation), in display space,
 * computed in OkLCh so lightness and hue are kept.
 *
 * - Saturation s ∈ [−1, 1] (plus the per-pixel local saturation, Strip.local('saturation'), in
 *   the same ±100 units): chroma × (1 + s), uniformly; −100 gives the neutral grey of the same
 *   OkLab lightness.
 * - Vibrance v ∈ [−1, 1]: chroma × (1 + v·(1 − u)²·p(h)) (× 1.4 for v > 0), where u ∈ [0, 1] is how far the pixel
 *   already sits towards the edge of the RGB gamut (0 grey, 1 fully saturated), so muted colours
 *   move most and saturated ones barely. For positive vibrance p(h) protects skin: 1 − 0.7 over
 *   skin hues (sRGB hue ≈ 20–45°, fading out by ≈ 5° and 60°), tabulated over OkLCh hue.
 * Boosted colours go through a soft, hue-preserving gamut compression relative to where they
 * started, so neither slider clips channels or bands.
 */
import type { OpDeclaration, PrepareContext, Strip } from '../types.ts';
import { buildHueLut, diamond, hsvToSrgb, hueGlsl, okHueOfSrgb } from '../../pixel/hue.ts';
import { smoothstep } from '../../pixel/lut.ts';
import { decodeSrgb, encodeSrgb, gamutFraction, linearToOklab, oklabGlsl, oklabToLinearSoft } from '../../pixel/oklab.ts';
import { colorLink } from './color.link.ts';

export interface ColorParams {
  [k: string]: number;
  vibrance: number;
  saturation: number;
}

export interface ColorPrepared {
  saturation: number;
  vibrance: number;
  /** 1-channel hue table: vibrance protection factor (1 = full vibrance, 0.3 on skin). */
  protect: Float32Array;
}

/** OkLCh hues bounding the skin band (sRGB hue 20° and 45° at skin-like saturation). */
const SKIN_LO = okHueOfSrgb(...hsvToSrgb(20, 0.45, 0.85));
const SKIN_HI = okHueOfSrgb(...hsvToSrgb(45, 0.45, 0.85));
const SKIN_FADE = 15;
const SKIN_PROTECTION = 0.7;
/** Vibrance +100 multiplies the chroma of a grey-ish colour by up to 1 + VIBRANCE_GAIN. */
export const VIBRANCE_GAIN = 1.4;

/** How much of the skin protection applies at an OkLCh hue (1 inside the skin band). */
export function skinWeight(h: number): number {
  return smoothstep(SKIN_LO - SKIN_FADE, SKIN_LO, h) * (1 - smoothstep(SKIN_HI, SKIN_HI + SKIN_FADE, h));
}

export function prepareColor(p: ColorParams, _ctx?: PrepareContext): ColorPrepared {
  const clamp = (v: number) => Math.max(-100, Math.min(100, Number.isFinite(v) ? v : 0)) / 100;
  return {
    saturation: clamp(p.saturation),
    vibrance: clamp(p.vibrance),
    protect: buildHueLut(1, (h, out) => {
      out[0] = 1 - SKIN_PROTECTION * skinWeight(h);
    }),
  };
}

const LAB = new Float64Array(3);
const RGB = new Float64Array(3);

export function colorCpu(strip: Strip, prep: ColorPrepared): void {
  const d = strip.data;
  const local = strip.local('saturation');
  const { vibrance, protect } = prep;
  const n1 = protect.length - 1;
  const npx = strip.width * strip.rows;
  for (let p = 0; p < npx; p++) {
    const i = p * 3;
    let s = prep.saturation;
    if (local) s += local[p] * 0.01;
    if (s < -1) s = -1;
    else if (s > 2) s = 2;
    if (s === 0 && vibrance === 0) continue;
    const r = decodeSrgb(d[i]);
    const g = decodeSrgb(d[i + 1]);
    const b = decodeSrgb(d[i + 2]);
    linearToOklab(r, g, b, LAB);
    const L = LAB[0];
    const A = LAB[1];
    const B = LAB[2];
    if (A * A + B * B < 1e-14) continue;
    const hi = Math.max(1, r, g, b);
    const grey = L * L * L;
    const uIn = gamutFraction(r, g, b, grey, hi);
    let k = 1 + s;
    if (vibrance !== 0) {
      const q = uIn < 1 ? 1 - uIn : 0;
      let v = vibrance * q * q;
      if (vibrance > 0) {
        v *= VIBRANCE_GAIN;
        const f = diamond(A, B) * 0.25 * n1;
        const j = f | 0;
        v *= protect[j] + (protect[j + 1] - protect[j]) * (f - j);
      }
      k *= 1 + v;
    }
    oklabToLinearSoft(L, A * k, B * k, uIn, hi, RGB);
    d[i] = encodeSrgb(RGB[0]);
    d[i + 1] = encodeSrgb(RGB[1]);
    d[i + 2] = encodeSrgb(RGB[2]);
  }
}

const glslSource =
  oklabGlsl('color') +
  hueGlsl('color') +
  /* glsl */ `
uniform float u_color_saturation;
uniform float u_color_vibrance;
uniform sampler2D u_color_protect;
vec3 op_color(vec3 c) {
  float s = clamp(u_color_saturation + local_saturation() * 0.01, -1.0, 2.0);
  if (s == 0.0 && u_color_vibrance == 0.0) return c;
  vec3 lin = color_dec(c);
  vec3 lab = color_lab(lin);
  if (dot(lab.yz, lab.yz) < 1e-14) return c;
  float hi = max(1.0, max(max(lin.r, lin.g), lin.b));
  float grey = lab.x * lab.x * lab.x;
  float uIn = color_gamut_fraction(lin, grey, hi);
  float k = 1.0 + s;
  if (u_color_vibrance != 0.0) {
    float q = uIn < 1.0 ? 1.0 - uIn : 0.0;
    float v = u_color_vibrance * q * q;
    if (u_color_vibrance > 0.0) v *= ${VIBRANCE_GAIN.toFixed(3)} * lut1(u_color_protect, color_hue_x(lab.yz));
    k *= 1.0 + v;
  }
  vec3 outLin = color_rgb_soft(vec3(lab.x, lab.yz * k), uIn, hi);
  return color_enc(outLin);
}
`;

export const colorOp: OpDeclaration<ColorParams, ColorPrepared> = {
  id: 'color',
  version: 1,
  label: 'Vibrance & Saturation',
  group: 'presence',
  description:
    'Overall colour intensity: Vibrance boosts muted colours most and spares skin; Saturation scales every colour equally (−100 is black and white).',
  params: {
    vibrance: { kind: 'number', label: 'Vibrance', description: 'Positive makes muted colours richer while protecting skin tones and already-vivid colours; negative mutes them.', min: -100, max: 100, default: 0, step: 1 },
    saturation: { kind: 'number', label: 'Saturation', description: 'Positive makes all colours more intense, negative less; −100 removes all colour.', min: -100, max: 100, default: 0, step: 1 },
  },
  xmp: [
    { param: 'vibrance', key: 'crs:Vibrance' },
    { param: 'saturation', key: 'crs:Saturation' },
  ],
  maths: {
    space: 'display',
    localParams: ['saturation'],
    prepare: prepareColor,
    cpu: colorCpu,
    link: colorLink,
    glsl: {
      source: glslSource,
      uniforms: (prep) => {
        const p = prep as ColorPrepared;
        return { saturation: p.saturation, vibrance: p.vibrance, protect: { lut: p.protect, channels: 1 } };
      },
    },
  },
};
