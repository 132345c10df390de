/**
 * Crop, straighten, flip and quarter turns (Lightroom's Crop & Straighten). No `maths`: the
 * pipeline runner turns these params into one output → source mapping
 * (shared/pixel/pipeline/geometry.ts), sampled bilinearly in linear light.
 *
 * - top/left/bottom/right: the crop rectangle in fractions (0..1) of the oriented source, as
 *   drawn on the unrotated source; angle (−45..45°, positive = clockwise) rotates the picture
 *   about the rectangle's centre. With `constrain` (default) the rectangle shrinks about its
 *   centre so no corner leaves the picture; without it, samples past the edge repeat the edge
 *   pixel.
 * - flipH/flipV mirror the cropped picture; rotate turns it clockwise by quarter turns (0..3).
 * - XMP: crs:CropTop/Left/Bottom/Right/Angle as given. Lightroom has no keys for a user flip
 *   or quarter turn (it rewrites tiff:Orientation), so those and `constrain` live in our own
 *   namespace `tw:` (https://tonewright.app/ns/1.0/).
 */
import type { OpDeclaration } from '../types.ts';

export interface CropParams {
  [k: string]: number | boolean;
  top: number;
  left: number;
  bottom: number;
  right: number;
  angle: number;
  flipH: boolean;
  flipV: boolean;
  rotate: number;
  constrain: boolean;
}

const edge = (label: string, description: string, def: number) =>
  ({ kind: 'number', label, description, min: 0, max: 1, default: def, step: 0.001 }) as const;

export const cropOp: OpDeclaration<CropParams> = {
  id: 'crop',
  version: 1,
  label: 'Crop & Straighten',
  group: 'geometry',
  description: 'Crops the frame, straightens a tilted horizon, flips and turns the picture by quarter turns.',
  params: {
    top: edge('Top', 'Top edge of the crop as a fraction of the image height from the top (0 = no crop).', 0),
    left: edge('Left', 'Left edge of the crop as a fraction of the image width from the left (0 = no crop).', 0),
    bottom: edge('Bottom', 'Bottom edge of the crop as a fraction of the image height from the top (1 = no crop).', 1),
    right: edge('Right', 'Right edge of the crop as a fraction of the image width from the left (1 = no crop).', 1),
    angle: {
      kind: 'number',
      label: 'Angle',
      description: 'Straighten: rotates the picture inside the crop, degrees; positive turns it clockwise (fixes a horizon that falls to the right).',
      min: -45,
      max: 45,
      default: 0,
      step: 0.1,
      unit: '°',
    },
    flipH: { kind: 'boolean', label: 'Flip Horizontal', description: 'Mirror the picture left to right.', default: false },
    flipV: { kind: 'boolean', label: 'Flip Vertical', description: 'Mirror the picture top to bottom.', default: false },
    rotate: {
      kind: 'number',
      label: 'Rotate',
      description: 'Quarter turns clockwise: 0 none, 1 = 90° right, 2 = 180°, 3 = 90° left.',
      min: 0,
      max: 3,
      default: 0,
      step: 1,
    },
    constrain: {
      kind: 'boolean',
      label: 'Constrain to Image',
      description: 'When straightening, shrink the crop so no empty corners show (recommended).',
      default: true,
    },
  },
  xmp: [
    { param: 'top', key: 'crs:CropTop' },
    { param: 'left', key: 'crs:CropLeft' },
    { param: 'bottom', key: 'crs:CropBottom' },
    { param: 'right', key: 'crs:CropRight' },
    { param: 'angle', key: 'crs:CropAngle' },
    { param: 'flipH', key: 'tw:FlipHorizontal' },
    { param: 'flipV', key: 'tw:FlipVertical' },
    { param: 'rotate', key: 'tw:QuarterTurns' },
    { param: 'constrain', key: 'tw:CropConstrain' },
  ],
  isIdentity: (p) =>
    Math.min(p.top, p.bottom) <= 0 && Math.min(p.left, p.right) <= 0 && Math.max(p.top, p.bottom) >= 1 &&
    Math.max(p.left, p.right) >= 1 && p.angle === 0 && !p.flipH && !p.flipV && ((Math.round(p.rotate) % 4) + 4) % 4 === 0,
};
