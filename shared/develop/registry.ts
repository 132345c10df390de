/**
 * Every develop operation, in pipeline (render) order. Adding an operation touches its own
 * file in ./ops, this list, and one golden fixture. See docs/pipeline.md.
 */
import type { AnyOp } from './types.ts';
import { cropOp } from './ops/crop.ts';
import { noiseReductionOp } from './ops/noiseReduction.ts';
import { whiteBalanceOp } from './ops/whiteBalance.ts';
import { dehazeOp } from './ops/dehaze.ts';
import { toneOp } from './ops/tone.ts';
import { presenceOp } from './ops/presence.ts';
import { parametricCurveOp } from './ops/parametricCurve.ts';
import { pointCurveOp } from './ops/pointCurve.ts';
import { hslOp } from './ops/hsl.ts';
import { colorOp } from './ops/color.ts';
import { colorGradingOp } from './ops/colorGrading.ts';
import { blackWhiteOp } from './ops/blackWhite.ts';
import { vignetteOp } from './ops/vignette.ts';
import { grainOp } from './ops/grain.ts';
import { sharpeningOp } from './ops/sharpening.ts';
import { localOp } from './ops/local.ts';

export const OPS: readonly AnyOp[] = [
  cropOp,
  noiseReductionOp,
  // Presence, then dehaze, then white balance, then tone: presence and dehaze measure detail and
  // haze against guides of the *source*, so they run before anything curves luminance (tone) or
  // shifts colour (white balance); white balance keeps luminance, so tone's base still matches.
  presenceOp,
  dehazeOp,
  whiteBalanceOp,
  toneOp,
  parametricCurveOp,
  pointCurveOp,
  hslOp,
  colorOp,
  colorGradingOp,
  blackWhiteOp,
  vignetteOp,
  grainOp,
  sharpeningOp,
  localOp,
];

const byId = new Map(OPS.map((op) => [op.id, op]));

export function getOp(id: string): AnyOp | undefined {
  return byId.get(id);
}

export function requireOp(id: string): AnyOp {
  const op = byId.get(id);
  if (!op) throw new Error(`unknown operation "${id}" (known: ${OPS.map((o) => o.id).join(', ')})`);
  return op;
}
