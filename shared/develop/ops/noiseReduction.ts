/**
 * Noise reduction (Lightroom's Detail ▸ Noise Reduction), a neighbourhood op in linear light.
 *
 * The pixel is moved to a variance-stabilised domain first: each channel's square root (the
 * Anscombe-style transform for shot noise, and close to the gamma of a rendered file, so noise
 * is about equally strong in shadows and highlights there). In that domain we split luma
 * Y = 0.2126·R + 0.7152·G + 0.0722·B from two chroma differences C1 = R − Y, C2 = B − Y:
 * - luminance: a bilateral filter on Y (spatial Gaussian of 0.5…2 px, range σ from the amount,
 *   widened by a low Detail, narrowed by a high one), so steps much larger than the noise stay
 *   sharp; the result is mixed in with a weight that ramps up over the first quarter of the
 *   slider so small amounts are gentle;
 * - colour: a cross bilateral filter on (C1, C2) over a larger radius (2…16 px), sampled on a
 *   sparse 7×7 grid of taps (the low-resolution approach: blotchy chroma noise is low-frequency),
 *   weighted by luma similarity (colour does not bleed across luminance edges) and by chroma
 *   similarity whose σ Colour Detail narrows (thin colour edges survive a high Detail).
 * Radii are in full-resolution pixels, scaled by ctx.scale. The strip is processed with its
 * coordinates clamped to the strip: rows within `halo` of a strip boundary are context only,
 * and at the image edges clamping is the edge rule (the shader's input_at clamps the same way).
 *
 * Rendered files get colour 0 by default (Lightroom's 25 is for raw data, whose chroma noise
 * has not been cleaned by a camera's JPEG engine).
 */
import type { OpDeclaration, PrepareContext, Strip } from '../types.ts';
import { noiseReductionGlsl } from './noiseReduction.glsl.ts';
import { chromaBilateral, lumaBilateral } from './noiseReductionFilters.ts';

export interface NoiseReductionParams {
  [k: string]: number;
  luminance: number;
  luminanceDetail: number;
  color: number;
  colorDetail: number;
}

export interface NoiseReductionPrepared {
  /** Luma bilateral: window radius (0 = off), spatial weights ((2r+1)² row-major), 1/σr², mix. */
  lumaR: number;
  lumaSigmaS: number;
  lumaSpatial: number[];
  lumaInvSigma2: number;
  lumaMix: number;
  /** Chroma cross bilateral: taps −n..n at stride `step` (n = 0: off), spatial weights, σ's, mix. */
  chromaN: number;
  chromaStep: number;
  chromaSigmaS: number;
  chromaSpatial: number[];
  chromaInvSigmaY2: number;
  chromaInvSigmaC2: number;
  chromaMix: number;
}

const KR = 0.2126;
const KG = 0.7152;
const KB = 0.0722;
export function prepareNoiseReduction(p: NoiseReductionParams, ctx: PrepareContext): NoiseReductionPrepared {
  const s = clamp01(p.luminance / 100);
  const d = clamp01(p.luminanceDetail / 100);
  const sc = clamp01(p.color / 100);
  const dc = clamp01(p.colorDetail / 100);
  const scale = ctx.scale > 0 ? ctx.scale : 1;

  let lumaR = 0;
  let lumaSigmaS = 1;
  let lumaSpatial: number[] = [];
  let lumaInvSigma2 = 0;
  let lumaMix = 0;
  if (s > 0) {
    lumaSigmaS = Math.max(0.5, (0.5 + 1.5 * s) * scale);
    lumaR = Math.max(1, Math.min(3, Math.ceil(1.5 * lumaSigmaS)));
    lumaSpatial = gaussian2d(lumaR, 1, lumaSigmaS);
    const sigmaR = (0.004 + 0.07 * s) * (1.5 - d);
    lumaInvSigma2 = 1 / (sigmaR * sigmaR);
    lumaMix = Math.min(1, 4 * s);
  }

  let chromaN = 0;
  let chromaStep = 1;
  let chromaSigmaS = 1;
  let chromaSpatial: number[] = [];
  let chromaInvSigmaY2 = 0;
  let chromaInvSigmaC2 = 0;
  let chromaMix = 0;
  if (sc > 0) {
    const radius = Math.max(1, (2 + 14 * sc) * scale);
    chromaN = Math.min(3, Math.ceil(radius));
    chromaStep = Math.max(1, Math.round(radius / 3));
    chromaSigmaS = (chromaN * chromaStep) / 1.5;
    chromaSpatial = gaussian2d(chromaN, chromaStep, chromaSigmaS);
    const sigmaY = 0.04 + 0.06 * sc;
    const sigmaC = (0.02 + 0.14 * sc) * (1.25 - dc);
    chromaInvSigmaY2 = 1 / (sigmaY * sigmaY);
    chromaInvSigmaC2 = 1 / (sigmaC * sigmaC);
    chromaMix = Math.min(1, 4 * sc);
  }
  return {
    lumaR,
    lumaSigmaS,
    lumaSpatial,
    lumaInvSigma2,
    lumaMix,
    chromaN,
    chromaStep,
    chromaSigmaS,
    chromaSpatial,
    chromaInvSigmaY2,
    chromaInvSigmaC2,
    chromaMix,
  };
}

function clamp01(v: number): number {
  return v > 0 ? (v < 1 ? v : 1) : 0;
}

/** (2n+1)² Gaussian weights at offsets k·step, row-major. */
function gaussian2d(n: number, step: number, sigma: number): number[] {
  const w: number[] = [];
  const inv = 1 / (2 * sigma * sigma);
  for (let j = -n; j <= n; j++)
    for (let i = -n; i <= n; i++) w.push(Math.exp(-((i * step) ** 2 + (j * step) ** 2) * inv));
  return w;
}

export function noiseReductionHalo(p: NoiseReductionPrepared): number {
  return Math.max(p.lumaR, p.chromaN * p.chromaStep);
}

let scratch = new Float32Array(0);
function planes(n: number): Float32Array {
  if (scratch.length < 6 * n) scratch = new Float32Array(6 * n);
  return scratch;
}

export function noiseReductionCpu(strip: Strip, p: NoiseReductionPrepared): void {
  if (p.lumaR === 0 && p.chromaN === 0) return;
  const { width: w, rows: h, data } = strip;
  const n = w * h;
  const buf = planes(n);
  const Y = buf.subarray(0, n);
  const C1 = buf.subarray(n, 2 * n);
  const C2 = buf.subarray(2 * n, 3 * n);
  const Yo = buf.subarray(3 * n, 4 * n);
  const C1o = buf.subarray(4 * n, 5 * n);
  const C2o = buf.subarray(5 * n, 6 * n);
  for (let i = 0, j = 0; i < n; i++, j += 3) {
    const r = Math.sqrt(data[j] > 0 ? data[j] : 0);
    const g = Math.sqrt(data[j + 1] > 0 ? data[j + 1] : 0);
    const b = Math.sqrt(data[j + 2] > 0 ? data[j + 2] : 0);
    const y = KR * r + KG * g + KB * b;
    Y[i] = y;
    C1[i] = r - y;
    C2[i] = b - y;
  }
  if (p.lumaR > 0) lumaBilateral(Y, Yo, w, h, p);
  else Yo.set(Y);
  if (p.chromaN > 0) chromaBilateral(Y, C1, C2, C1o, C2o, w, h, p);
  else {
    C1o.set(C1);
    C2o.set(C2);
  }
  for (let i = 0, j = 0; i < n; i++, j += 3) {
    const y = Yo[i];
    let r = y + C1o[i];
    let b = y + C2o[i];
    let g = (y - KR * r - KB * b) / KG;
    r = r > 0 ? r : 0;
    g = g > 0 ? g : 0;
    b = b > 0 ? b : 0;
    data[j] = r * r;
    data[j + 1] = g * g;
    data[j + 2] = b * b;
  }
}

export const noiseReductionOp: OpDeclaration<NoiseReductionParams, NoiseReductionPrepared> = {
  id: 'noiseReduction',
  version: 1,
  label: 'Noise Reduction',
  group: 'detail',
  description: 'Smooths luminance grain and colour blotches while keeping edges; use on high-ISO or underexposed photos.',
  params: {
    luminance: {
      kind: 'number',
      label: 'Luminance',
      description: 'Smooths brightness noise (grain); 0 = off, 20–40 typical for high ISO, high values look plasticky.',
      min: 0,
      max: 100,
      default: 0,
      step: 1,
    },
    luminanceDetail: {
      kind: 'number',
      label: 'Detail',
      description: 'How much fine detail luminance noise reduction keeps; higher keeps more texture (and more noise).',
      min: 0,
      max: 100,
      default: 50,
      step: 1,
    },
    color: {
      kind: 'number',
      label: 'Color',
      description: 'Removes coloured speckles and blotches in flat areas; 0 = off, 25 is a good start.',
      min: 0,
      max: 100,
      default: 0,
      step: 1,
    },
    colorDetail: {
      kind: 'number',
      label: 'Color Detail',
      description: 'How well thin colour edges are protected from colour noise reduction; higher protects more.',
      min: 0,
      max: 100,
      default: 50,
      step: 1,
    },
  },
  xmp: [
    { param: 'luminance', key: 'crs:LuminanceSmoothing' },
    { param: 'luminanceDetail', key: 'crs:LuminanceNoiseReductionDetail' },
    { param: 'color', key: 'crs:ColorNoiseReduction' },
    { param: 'colorDetail', key: 'crs:ColorNoiseReductionDetail' },
  ],
  isIdentity: (p) => p.luminance === 0 && p.color === 0,
  maths: {
    space: 'linear',
    halo: (params, ctx) => noiseReductionHalo(prepareNoiseReduction(params, ctx)),
    prepare: prepareNoiseReduction,
    cpu: noiseReductionCpu,
    glsl: noiseReductionGlsl,
  },
};
