/** Output size helpers for callers choosing a scale (e.g. `--long-edge N`). */
import type { ParamValues } from '../../develop/types.ts';
import { planGeometry } from './geometry.ts';

/** Output size at scale 1 after crop, straighten (constrained) and quarter turns. */
export function croppedSize(cropParams: ParamValues | undefined, sourceWidth: number, sourceHeight: number): { width: number; height: number } {
  const { width, height } = planGeometry(cropParams, sourceWidth, sourceHeight, 1);
  return { width, height };
}
