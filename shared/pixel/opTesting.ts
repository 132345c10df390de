/**
 * Test helpers for op declarations: default params, running an op's CPU kernel on a list of
 * colours or a strip, and colour differences. Used only by tests (pure).
 */
import type { AnyOp, ParamValues, PrepareContext, Strip } from '../develop/types.ts';
import { deltaE2000, srgbToLab } from './color.ts';
import { makeStrip } from './testing.ts';

export type RGB = readonly [number, number, number];

export function defaultParams(op: AnyOp): ParamValues {
  const out: ParamValues = {};
  for (const [k, spec] of Object.entries(op.params) as Array<[string, { default: ParamValues[string] }]>) out[k] = spec.default;
  return out;
}

export function paramsWith(op: AnyOp, over: ParamValues): ParamValues {
  return { ...defaultParams(op), ...over };
}

export const CTX: PrepareContext = { width: 64, height: 64, scale: 1, rendered: true };

/** Run the op's kernel on a strip (in place) with params over the defaults. */
export function runOnStrip(op: AnyOp, over: ParamValues, strip: Strip, ctx: PrepareContext = CTX): Strip {
  const maths = op.maths!;
  maths.cpu(strip, maths.prepare(paramsWith(op, over), ctx));
  return strip;
}

/** Run the op on one row of colours; returns the output colours. */
export function runOnColors(op: AnyOp, over: ParamValues, colors: ReadonlyArray<RGB>, locals?: Record<string, Float32Array>): RGB[] {
  const data = new Float32Array(colors.length * 3);
  colors.forEach((c, i) => data.set(c, i * 3));
  const strip = makeStrip({ width: colors.length, rows: 1, data, locals });
  runOnStrip(op, over, strip, { ...CTX, width: colors.length, height: 1 });
  return colors.map((_, i) => [data[3 * i], data[3 * i + 1], data[3 * i + 2]] as const);
}

export function dE(a: RGB, b: RGB): number {
  const la = srgbToLab(a[0], a[1], a[2]);
  const lb = srgbToLab(b[0], b[1], b[2]);
  return deltaE2000(la[0], la[1], la[2], lb[0], lb[1], lb[2]);
}

/** A deterministic spread of colours over the cube (n per axis), plus greys. */
export function colorCube(n = 9): RGB[] {
  const out: RGB[] = [];
  for (let r = 0; r < n; r++)
    for (let g = 0; g < n; g++) for (let b = 0; b < n; b++) out.push([r / (n - 1), g / (n - 1), b / (n - 1)]);
  return out;
}

/** Largest absolute difference between two colour lists. */
export function maxDiff(a: ReadonlyArray<RGB>, b: ReadonlyArray<RGB>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) for (let c = 0; c < 3; c++) m = Math.max(m, Math.abs(a[i][c] - b[i][c]));
  return m;
}

/** Every value finite and within [−eps, 1 + eps]. */
export function allInRange(cs: ReadonlyArray<RGB>, eps = 1e-4): boolean {
  return cs.every((c) => c.every((v) => Number.isFinite(v) && v >= -eps && v <= 1 + eps));
}
