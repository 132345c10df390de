/**
 * The crop op's params ↔ the tool's rectangle (./cropGeometry.ts). Params are fractions of the
 * oriented, uncropped source (shared/develop/ops/crop.ts); the rectangle is in source pixels.
 * Reading applies the op's `constrain` shrink, so the tool starts from what is rendered (also
 * when `constrain` is off: the tool never lets the rectangle leave the picture).
 */
import type { CropParams } from '../../../../shared/develop/ops/crop.ts';
import type { ParamValues } from '../../../../shared/develop/types.ts';
import { readCropParams } from '../../../../shared/pixel/pipeline/geometry.ts';
import { fitInside, type CropRect, type Size } from './cropGeometry.ts';

/** What the tool edits: the rectangle and the picture's flips and quarter turns. */
export interface CropDraft {
  rect: CropRect;
  flipH: boolean;
  flipV: boolean;
  rotate: number;
}

export function draftFromParams(params: ParamValues | undefined, img: Size): CropDraft {
  const p = readCropParams(params);
  const l = Math.min(p.left, p.right) * img.width;
  const r = Math.max(p.left, p.right) * img.width;
  const t = Math.min(p.top, p.bottom) * img.height;
  const b = Math.max(p.top, p.bottom) * img.height;
  let rect: CropRect = { cx: (l + r) / 2, cy: (t + b) / 2, w: Math.max(1, r - l), h: Math.max(1, b - t), angle: p.angle };
  // The tool keeps the rectangle inside the picture (its drags start from a rectangle that
  // fits); a straightened crop saved without `constrain` is shrunk to fit like the op would.
  if (p.angle !== 0) rect = fitInside(rect, img);
  return { rect, flipH: p.flipH, flipV: p.flipV, rotate: p.rotate };
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;
const unit = (v: number) => Math.min(1, Math.max(0, round(v)));

export function paramsFromDraft(d: CropDraft, img: Size): Omit<CropParams, 'constrain'> {
  const { cx, cy, w, h, angle } = d.rect;
  return {
    left: unit((cx - w / 2) / img.width),
    right: unit((cx + w / 2) / img.width),
    top: unit((cy - h / 2) / img.height),
    bottom: unit((cy + h / 2) / img.height),
    angle: Math.round(angle * 100) / 100,
    flipH: d.flipH,
    flipV: d.flipV,
    rotate: ((Math.round(d.rotate) % 4) + 4) % 4,
  };
}

/** Only the params that differ from the current ones: the content of the one history step. */
export function changedParams(next: Record<string, number | boolean>, current: ParamValues | undefined): Record<string, number | boolean> {
  const cur = readCropParams(current) as unknown as Record<string, number | boolean>;
  const out: Record<string, number | boolean> = {};
  for (const [k, v] of Object.entries(next)) {
    const c = cur[k];
    if (typeof v === 'number' && typeof c === 'number' ? Math.abs(v - c) > 1e-6 : v !== c) out[k] = v;
  }
  return out;
}

/** The crop params the preview uses while the tool is open: the whole picture, flips and turns kept. */
export function toolViewParams(d: CropDraft): ParamValues {
  return { top: 0, left: 0, bottom: 1, right: 1, angle: 0, flipH: d.flipH, flipV: d.flipV, rotate: d.rotate, constrain: true };
}
