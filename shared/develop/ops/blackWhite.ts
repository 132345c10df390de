/**
 * Black & White (Lightroom's Treatment ▸ Black & White with the B&W colour mix), in display space.
 *
 * The grey is the pixel's OkLab lightness L (perceptual, so a plain conversion keeps the
 * brightness you see), shifted per colour: with m(h) = Σ band weight(h) · mix/100 (the same
 * smooth eight hue bands as HSL, tabulated over OkLCh hue) and γ = min(1, C / 0.2) (saturated
 * colours respond fully, neutrals not at all),
 *   L′ = L + 0.8·m·γ·(1 − L)  for m > 0 (lighter, never past white),
 *   L′ = L + 0.8·m·γ·L        for m < 0 (darker, never past black).
 * The output is the neutral grey Y = L′³ (R = G = B).
 */
import type { OpDeclaration, ParamSpec, PrepareContext, Strip } from '../types.ts';
import { BANDS, bandWeights, buildHueLut, diamond, hueGlsl } from '../../pixel/hue.ts';
import { decodeSrgb, encodeSrgb, linearToOklab, oklabGlsl } from '../../pixel/oklab.ts';

export type BlackWhiteParams = Record<string, number | boolean>;

export interface BlackWhitePrepared {
  enabled: boolean;
  /** 1-channel hue table: m(h) ∈ [−1, 1]. */
  mix: Float32Array;
}

const MIX_GAIN = 0.8;
/** OkLab chroma at which a colour responds fully to its mix slider. */
export const FULL_CHROMA = 0.2;

export function prepareBlackWhite(p: BlackWhiteParams, _ctx?: PrepareContext): BlackWhitePrepared {
  const mix = BANDS.map((b) => {
    const v = Number(p[b] ?? 0);
    return Number.isFinite(v) ? Math.max(-100, Math.min(100, v)) / 100 : 0;
  });
  const w = new Float64Array(BANDS.length);
  return {
    enabled: p.enabled === true,
    mix: buildHueLut(1, (h, out) => {
      bandWeights(h, w);
      let m = 0;
      for (let k = 0; k < BANDS.length; k++) m += w[k] * mix[k];
      out[0] = m;
    }),
  };
}

const LAB = new Float64Array(3);

export function blackWhiteCpu(strip: Strip, prep: BlackWhitePrepared): void {
  if (!prep.enabled) return;
  const d = strip.data;
  const mix = prep.mix;
  const n1 = mix.length - 1;
  const len = strip.width * strip.rows * 3;
  for (let i = 0; i < len; i += 3) {
    linearToOklab(decodeSrgb(d[i]), decodeSrgb(d[i + 1]), decodeSrgb(d[i + 2]), LAB);
    const L = LAB[0] > 0 ? LAB[0] : 0;
    const A = LAB[1];
    const B = LAB[2];
    const c2 = A * A + B * B;
    let L2 = L;
    if (c2 > 1e-14) {
      const f = diamond(A, B) * 0.25 * n1;
      const j = f | 0;
      const m = mix[j] + (mix[j + 1] - mix[j]) * (f - j);
      if (m !== 0) {
        const c = Math.sqrt(c2) * (1 / FULL_CHROMA);
        const k = MIX_GAIN * m * (c < 1 ? c : 1);
        L2 = k > 0 ? L + k * (L < 1 ? 1 - L : 0) : L + k * L;
      }
    }
    const y = encodeSrgb(L2 * L2 * L2);
    d[i] = y;
    d[i + 1] = y;
    d[i + 2] = y;
  }
}

const glslSource =
  oklabGlsl('blackWhite') +
  hueGlsl('blackWhite') +
  /* glsl */ `
uniform float u_blackWhite_enabled;
uniform sampler2D u_blackWhite_mix;
vec3 op_blackWhite(vec3 c) {
  if (u_blackWhite_enabled < 0.5) return c;
  vec3 lab = blackWhite_lab(blackWhite_dec(c));
  float L = max(lab.x, 0.0);
  float c2 = dot(lab.yz, lab.yz);
  float L2 = L;
  if (c2 > 1e-14) {
    float m = lut1(u_blackWhite_mix, blackWhite_hue_x(lab.yz));
    if (m != 0.0) {
      float k = ${MIX_GAIN.toFixed(3)} * m * min(sqrt(c2) * ${(1 / FULL_CHROMA).toFixed(3)}, 1.0);
      L2 = k > 0.0 ? L + k * (L < 1.0 ? 1.0 - L : 0.0) : L + k * L;
    }
  }
  return blackWhite_enc(vec3(L2 * L2 * L2));
}
`;

const HUE_WORDS: Record<string, string> = {
  red: 'red', orange: 'orange (skin)', yellow: 'yellow', green: 'green (foliage)',
  aqua: 'aqua/cyan', blue: 'blue (sky)', purple: 'purple', magenta: 'magenta',
};

function params(): Record<string, ParamSpec> {
  const out: Record<string, ParamSpec> = {
    enabled: { kind: 'boolean', label: 'Black & White', description: 'true converts the photo to black and white (the mix sliders then set how light each colour becomes).', default: false },
  };
  for (const b of BANDS) {
    out[b] = { kind: 'number', label: b[0].toUpperCase() + b.slice(1), description: `In black and white, how light ${HUE_WORDS[b]} areas become: negative darker, positive lighter.`, min: -100, max: 100, default: 0, step: 1 };
  }
  return out;
}

export const blackWhiteOp: OpDeclaration<BlackWhiteParams, BlackWhitePrepared> = {
  id: 'blackWhite',
  version: 1,
  label: 'Black & White',
  group: 'blackWhite',
  description: 'Convert to black and white, choosing how light or dark each original colour turns (e.g. darken blue skies for drama).',
  params: params(),
  xmp: [
    { param: 'enabled', key: 'crs:ConvertToGrayscale' },
    ...BANDS.map((b) => ({ param: b, key: `crs:GrayMixer${b[0].toUpperCase() + b.slice(1)}` })),
  ],
  isIdentity: (p) => p.enabled !== true,
  maths: {
    space: 'display',
    prepare: prepareBlackWhite,
    cpu: blackWhiteCpu,
    glsl: {
      source: glslSource,
      uniforms: (prep) => {
        const p = prep as BlackWhitePrepared;
        return { enabled: p.enabled ? 1 : 0, mix: { lut: p.mix, channels: 1 } };
      },
    },
  },
};
