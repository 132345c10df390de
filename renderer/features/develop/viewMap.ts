/**
 * Preview (display) coordinates ↔ source coordinates for the overlays drawn on the preview
 * (crop rectangle, mask handles). The preview shows the output of the crop op's geometry, whose
 * map from output to source pixels is shared/pixel/pipeline/geometry.ts's `planGeometry`; this
 * inverts it. Display points are fractions (0..1) of the shown frame; source points are source
 * pixels (multiply or divide by the source size for the normalised mask coordinates).
 */
import type { ParamValues } from '../../../shared/develop/types.ts';
import { planGeometry } from '../../../shared/pixel/pipeline/geometry.ts';

export interface ViewMap {
  /** Output frame size at scale 1, in source pixels. */
  width: number;
  height: number;
  toSource(dx: number, dy: number): [number, number];
  toDisplay(sx: number, sy: number): [number, number];
}

export function viewMap(cropParams: ParamValues | undefined, sourceWidth: number, sourceHeight: number): ViewMap {
  const { geometry, width, height } = planGeometry(cropParams, sourceWidth, sourceHeight, 1);
  const [a, b, c, d, e, f] = geometry.m;
  const det = a * e - b * d;
  if (!Number.isFinite(det) || Math.abs(det) < 1e-12) throw new Error('viewMap: the crop geometry is degenerate');
  return {
    width,
    height,
    toSource(dx, dy) {
      const ox = dx * width;
      const oy = dy * height;
      return [a * ox + b * oy + c, d * ox + e * oy + f];
    },
    toDisplay(sx, sy) {
      const x = sx - c;
      const y = sy - f;
      return [(e * x - b * y) / det / width, (a * y - d * x) / det / height];
    },
  };
}
