/**
 * Settings generators for the preview's tests and benchmark: every op active at once, one op
 * alone with non-default params, and seeded random parameter sets with local masks. Pure.
 */
import { defaultSettings } from '../develop/defaults.ts';
import type { Mask, MaskShape } from '../develop/mask.ts';
import { OPS } from '../develop/registry.ts';
import type { ParamSpec, ParamValues } from '../develop/types.ts';
import type { ResolvedSettings } from '../pixel/pipeline/types.ts';

import { rng } from '../pixel/random.ts';

export { rng };

/** Non-default, visible params for one op (used by "each op alone" and "every op active"). */
export const STRONG: Record<string, ParamValues> = {
  crop: { top: 0.05, left: 0.08, bottom: 0.93, right: 0.9, angle: 4 },
  noiseReduction: { luminance: 40, luminanceDetail: 40, color: 35, colorDetail: 50 },
  presence: { texture: 35, clarity: 45 },
  dehaze: { amount: 30 },
  whiteBalance: { temperature: 25, tint: -12 },
  tone: { exposure: 0.4, contrast: 25, highlights: -45, shadows: 40, whites: 15, blacks: -12 },
  parametricCurve: { shadows: -20, darks: 10, lights: 15, highlights: -10 },
  pointCurve: { master: [[0, 0.02], [0.3, 0.25], [0.7, 0.78], [1, 1]], red: [[0, 0], [0.5, 0.53], [1, 1]], green: [[0, 0], [1, 1]], blue: [[0, 0.03], [0.5, 0.47], [1, 1]] },
  hsl: { hueOrange: -15, saturationBlue: 30, luminanceGreen: -25, hueAqua: 20, saturationRed: -20, luminanceYellow: 15 },
  color: { vibrance: 35, saturation: 10 },
  colorGrading: { shadowHue: 200, shadowSat: 40, highlightHue: 40, highlightSat: 30, midtoneLum: 10, blending: 60, balance: 10 },
  blackWhite: { enabled: true, red: 20, blue: -40, green: 10, yellow: 15 },
  vignette: { amount: -40, midpoint: 40, feather: 60, roundness: 20, highlights: 30 },
  grain: { amount: 30, size: 30, roughness: 60 },
  sharpening: { amount: 70, radius: 1.2, detail: 30, masking: 20 },
};

/** A linear gradient, a radial, a luminance range and a colour range mask (one of each). */
export const SAMPLE_MASKS: Mask[] = [
  { id: 'lin', components: [{ shape: { type: 'linear', x0: 0.5, y0: 0.05, x1: 0.5, y1: 0.55 }, mode: 'add' }] },
  { id: 'rad', components: [{ shape: { type: 'radial', cx: 0.45, cy: 0.55, rx: 0.3, ry: 0.25, angle: 20, feather: 60, inside: true }, mode: 'add' }] },
  { id: 'lum', components: [{ shape: { type: 'luminance', min: 0.4, max: 0.85, feather: 50 }, mode: 'add' }] },
  { id: 'col', components: [{ shape: { type: 'color', hue: 30, hueRange: 60, minSaturation: 0.15, feather: 50 }, mode: 'add' }, { shape: { type: 'linear', x0: 0, y0: 0, x1: 1, y1: 1 }, mode: 'intersect', invert: true }] },
];

/** Default settings with `ops` overlaid. */
export function withOps(ops: Record<string, ParamValues>, locals: ResolvedSettings['locals'] = []): ResolvedSettings {
  const s = defaultSettings();
  for (const [id, p] of Object.entries(ops)) s.ops[id] = { ...s.ops[id], ...p };
  s.locals = locals;
  return s;
}

/** Every operation active (the benchmark's "full pipeline"), with local adjustments. */
export function fullSettings(withLocals = true): ResolvedSettings {
  return withOps(STRONG, withLocals ? [
    { mask: SAMPLE_MASKS[0], params: { exposure: -0.5, dehaze: 20, temperature: -15 } },
    { mask: SAMPLE_MASKS[1], params: { exposure: 0.3, clarity: 20, saturation: 15, sharpness: 30 } },
  ] : []);
}

function randomParam(spec: ParamSpec, r: () => number): ParamValues[string] {
  if (spec.kind === 'boolean') return r() < 0.5;
  if (spec.kind === 'curve') {
    const n = 2 + Math.floor(r() * 3);
    const pts: [number, number][] = [[0, r() * 0.08]];
    for (let i = 1; i <= n; i++) {
      const x = i / (n + 1);
      pts.push([x, Math.min(1, Math.max(0, x + (r() - 0.5) * 0.25))]);
    }
    pts.push([1, 1 - r() * 0.08]);
    return pts;
  }
  const v = spec.min + r() * (spec.max - spec.min);
  return Math.round(v / spec.step) * spec.step;
}

function randomShape(r: () => number): MaskShape {
  const k = Math.floor(r() * 4);
  if (k === 0) return { type: 'linear', x0: r(), y0: r(), x1: r(), y1: r() };
  if (k === 1) return { type: 'radial', cx: r(), cy: r(), rx: 0.1 + 0.4 * r(), ry: 0.1 + 0.4 * r(), angle: r() * 180 - 90, feather: r() * 100, inside: r() < 0.7 };
  if (k === 2) {
    const a = r() * 0.7;
    return { type: 'luminance', min: a, max: Math.min(1, a + 0.1 + r() * 0.5), feather: r() * 100 };
  }
  return { type: 'color', hue: r() * 360, hueRange: 20 + r() * 100, minSaturation: r() * 0.3, feather: r() * 100 };
}

const LOCAL_PARAMS = ['exposure', 'contrast', 'highlights', 'shadows', 'temperature', 'tint', 'saturation', 'clarity', 'dehaze', 'sharpness'];

/**
 * A random parameter set: each op active with probability `pActive` (params drawn across their
 * ranges, shrunk by `strength`), a random crop half of the time, and 0–3 local adjustments
 * whose masks combine 1–2 random shapes.
 */
export function randomSettings(seed: number, pActive = 0.5, strength = 0.6): ResolvedSettings {
  const r = rng(seed);
  const s = defaultSettings();
  for (const op of OPS) {
    if (op.id === 'local' || op.id === 'crop' || r() >= pActive) continue;
    const params: ParamValues = {};
    for (const [k, spec] of Object.entries(op.params as Record<string, ParamSpec>)) {
      const v = randomParam(spec, r);
      params[k] = spec.kind === 'number' && typeof v === 'number' ? Math.min(spec.max, Math.max(spec.min, spec.default + (v - spec.default) * strength)) : v;
    }
    if (op.id === 'blackWhite') params.enabled = r() < 0.5;
    s.ops[op.id] = params;
  }
  if (r() < 0.5) {
    const t = r() * 0.2;
    const l = r() * 0.2;
    s.ops.crop = { ...s.ops.crop, top: t, left: l, bottom: 1 - r() * 0.2, right: 1 - r() * 0.2, angle: r() < 0.5 ? Math.round((r() - 0.5) * 20 * 10) / 10 : 0, flipH: r() < 0.3, rotate: r() < 0.3 ? 1 + Math.floor(r() * 3) : 0 };
  }
  const nLocals = Math.floor(r() * 4);
  for (let i = 0; i < nLocals; i++) {
    const comps: Mask['components'] = [{ shape: randomShape(r), mode: 'add', invert: r() < 0.2 }];
    if (r() < 0.35) comps.push({ shape: randomShape(r), mode: r() < 0.5 ? 'subtract' : 'intersect' });
    const params: Record<string, number> = {};
    const n = 1 + Math.floor(r() * 3);
    for (let j = 0; j < n; j++) {
      const p = LOCAL_PARAMS[Math.floor(r() * LOCAL_PARAMS.length)];
      params[p] = p === 'exposure' ? Math.round((r() - 0.5) * 3 * 100) / 100 : Math.round((r() - 0.5) * 120);
    }
    s.locals.push({ mask: { id: `m${i}`, components: comps, invert: r() < 0.15 }, params });
  }
  return s;
}

/**
 * Random values on a fixed structure: every op active (black & white off), three local
 * adjustments with fixed parameter names and random masks, a random crop. The generated shader
 * is the same for every seed (only uniforms change), so many parameter sets cost one compile.
 */
export function structuredSettings(seed: number, strength = 0.6): ResolvedSettings {
  const r = rng(seed * 7919 + 17);
  const s = randomSettings(seed, 1, strength);
  s.ops.blackWhite = { ...s.ops.blackWhite, enabled: false };
  for (const op of OPS) {
    if (!op.maths || op.id === 'blackWhite') continue;
    const p = s.ops[op.id];
    const identity = op.isIdentity ? op.isIdentity(p) : false;
    if (identity || Object.keys(p).length === 0) s.ops[op.id] = { ...p, ...STRONG[op.id] };
  }
  const names = [['exposure', 'saturation'], ['temperature', 'clarity', 'sharpness'], ['contrast', 'dehaze', 'highlights', 'shadows', 'tint']];
  s.locals = names.map((keys, i) => {
    const comps: Mask['components'] = [{ shape: randomShape(r), mode: 'add', invert: r() < 0.2 }];
    if (r() < 0.4) comps.push({ shape: randomShape(r), mode: r() < 0.5 ? 'subtract' : 'intersect' });
    const params: Record<string, number> = {};
    for (const k of keys) params[k] = k === 'exposure' ? Math.round((0.3 + r()) * (r() < 0.5 ? -1 : 1) * 100) / 100 : Math.round((10 + r() * 60) * (r() < 0.5 ? -1 : 1));
    return { mask: { id: `s${i}`, components: comps, invert: r() < 0.15 }, params };
  });
  return s;
}
