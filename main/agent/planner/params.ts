/**
 * The numeric ranges and defaults the planner sizes against, per docs/pipeline.md. Kept here as
 * data (not imported from the registry) so the planner loads even while ops are being added;
 * params.test.ts checks it against the real declarations whenever the registry loads.
 */
import type { ParamValue, ParamValues } from '../../../shared/develop/types.ts';
import type { Settings } from './types.ts';

type Range = readonly [min: number, max: number, def: number];

const pm100: Range = [-100, 100, 0];
const p100: Range = [0, 100, 0];
const FAMILIES = ['Red', 'Orange', 'Yellow', 'Green', 'Aqua', 'Blue', 'Purple', 'Magenta'];

function hslRanges(): Record<string, Range> {
  const out: Record<string, Range> = {};
  for (const f of FAMILIES) for (const k of ['hue', 'saturation', 'luminance']) out[k + f] = pm100;
  return out;
}
function bwRanges(): Record<string, Range> {
  const out: Record<string, Range> = {};
  for (const f of FAMILIES) out[f.toLowerCase()] = pm100;
  return out;
}
function gradingRanges(): Record<string, Range> {
  const out: Record<string, Range> = {};
  for (const r of ['shadow', 'midtone', 'highlight', 'global']) {
    out[r + 'Hue'] = [0, 359, 0];
    out[r + 'Sat'] = p100;
    out[r + 'Lum'] = pm100;
  }
  out.blending = [0, 100, 50];
  out.balance = pm100;
  return out;
}

/** Numeric params: [min, max, default]. */
export const RANGES: Record<string, Record<string, Range>> = {
  crop: { top: [0, 1, 0], left: [0, 1, 0], bottom: [0, 1, 1], right: [0, 1, 1], angle: [-45, 45, 0], rotate: [0, 3, 0] },
  noiseReduction: { luminance: p100, luminanceDetail: [0, 100, 50], color: p100, colorDetail: [0, 100, 50] },
  whiteBalance: { temperature: pm100, tint: pm100 },
  dehaze: { amount: pm100 },
  tone: { exposure: [-5, 5, 0], contrast: pm100, highlights: pm100, shadows: pm100, whites: pm100, blacks: pm100 },
  presence: { texture: pm100, clarity: pm100 },
  parametricCurve: { shadows: pm100, darks: pm100, lights: pm100, highlights: pm100, shadowSplit: [10, 50, 25], midtoneSplit: [25, 75, 50], highlightSplit: [50, 90, 75] },
  hsl: hslRanges(),
  color: { vibrance: pm100, saturation: pm100 },
  colorGrading: gradingRanges(),
  blackWhite: bwRanges(),
  vignette: { amount: pm100, midpoint: [0, 100, 50], roundness: pm100, feather: [0, 100, 50], highlights: p100 },
  grain: { amount: p100, size: [0, 100, 25], roughness: [0, 100, 50] },
  sharpening: { amount: [0, 150, 0], radius: [0.5, 3, 1], detail: [0, 100, 25], masking: p100 },
  local: { exposure: [-4, 4, 0], contrast: pm100, highlights: pm100, shadows: pm100, temperature: pm100, tint: pm100, saturation: pm100, clarity: pm100, dehaze: pm100, sharpness: pm100 },
};

/** Non-numeric params and their defaults. */
export const OTHER_DEFAULTS: Record<string, ParamValues> = {
  crop: { flipH: false, flipV: false, constrain: true },
  blackWhite: { enabled: false },
  pointCurve: { master: [[0, 0], [1, 1]], red: [[0, 0], [1, 1]], green: [[0, 0], [1, 1]], blue: [[0, 0], [1, 1]] },
};

export function range(op: string, param: string): Range {
  const r = RANGES[op]?.[param];
  if (!r) throw new Error(`planner: unknown numeric parameter ${op}.${param}`);
  return r;
}

/** Slider steps where they are not 1 (values are rounded to them: tidy numbers for the user). */
const STEPS: Record<string, number> = {
  'tone.exposure': 0.01,
  'local.exposure': 0.01,
  'crop.top': 0.001,
  'crop.left': 0.001,
  'crop.bottom': 0.001,
  'crop.right': 0.001,
  'crop.angle': 0.1,
  'sharpening.radius': 0.1,
};

export function clampParam(op: string, param: string, v: number): number {
  const [lo, hi] = range(op, param);
  const c = Math.min(hi, Math.max(lo, v));
  const step = STEPS[`${op}.${param}`] ?? 1;
  return Math.round(Math.round(c / step) * step * 1000) / 1000 || 0;
}

export function defaultValue(op: string, param: string): ParamValue {
  const r = RANGES[op]?.[param];
  if (r) return r[2];
  const o = OTHER_DEFAULTS[op]?.[param];
  if (o !== undefined) return o;
  throw new Error(`planner: unknown parameter ${op}.${param}`);
}

/** The current value of a global param (defaults when settings are absent or partial). */
export function currentValue(settings: Settings | undefined, op: string, param: string): ParamValue {
  const v = settings?.ops?.[op]?.[param];
  return v === undefined ? defaultValue(op, param) : v;
}

export function currentNumber(settings: Settings | undefined, op: string, param: string): number {
  const v = currentValue(settings, op, param);
  return typeof v === 'number' ? v : 0;
}
