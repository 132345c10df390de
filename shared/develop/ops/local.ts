/**
 * Local adjustments (Lightroom's masks). A step of this op carries a `mask` (./mask.ts) and sets
 * some of these params; steps are grouped by mask id. No `maths`: the runner evaluates each
 * mask on the unedited source pixels and hands the ops Σ weight × value through
 * Strip.local(param); the op that owns the global slider (tone for exposure, whiteBalance for
 * temperature, …, see each op's `maths.localParams`) applies it per pixel.
 * XMP: crs:Local* keys hold −1..+1 (exposure: ±4 EV → /4).
 */
import type { OpDeclaration } from '../types.ts';

export interface LocalParams {
  [k: string]: number;
  exposure: number;
  contrast: number;
  highlights: number;
  shadows: number;
  temperature: number;
  tint: number;
  saturation: number;
  clarity: number;
  dehaze: number;
  sharpness: number;
}

const slider = (label: string, description: string) =>
  ({ kind: 'number', label, description, min: -100, max: 100, default: 0, step: 1 }) as const;

export const localOp: OpDeclaration<LocalParams> = {
  id: 'local',
  version: 1,
  label: 'Local Adjustment',
  group: 'local',
  description: 'Adjusts only the masked area (gradient, radial, luminance or colour range) with its own exposure, contrast, colour and detail.',
  params: {
    exposure: {
      kind: 'number',
      label: 'Exposure',
      description: 'Brightens (+) or darkens (−) the masked area, in stops.',
      min: -4,
      max: 4,
      default: 0,
      step: 0.01,
      unit: 'EV',
    },
    contrast: slider('Contrast', 'More (+) or less (−) contrast in the masked area.'),
    highlights: slider('Highlights', 'Recovers (−) or brightens (+) the bright tones of the masked area.'),
    shadows: slider('Shadows', 'Opens (+) or deepens (−) the dark tones of the masked area.'),
    temperature: slider('Temperature', 'Warmer (+, yellow) or cooler (−, blue) in the masked area.'),
    tint: slider('Tint', 'Magenta (+) or green (−) in the masked area.'),
    saturation: slider('Saturation', 'More (+) or less (−) colour in the masked area; −100 is black and white.'),
    clarity: slider('Clarity', 'More (+) or less (−) midtone local contrast in the masked area.'),
    dehaze: slider('Dehaze', 'Removes (+) or adds (−) haze in the masked area.'),
    sharpness: slider('Sharpness', 'Sharpens (+) or softens (−) the masked area.'),
  },
  xmp: [
    { param: 'exposure', key: 'crs:LocalExposure2012', scale: 0.25 },
    { param: 'contrast', key: 'crs:LocalContrast2012', scale: 0.01 },
    { param: 'highlights', key: 'crs:LocalHighlights2012', scale: 0.01 },
    { param: 'shadows', key: 'crs:LocalShadows2012', scale: 0.01 },
    { param: 'temperature', key: 'crs:LocalTemperature', scale: 0.01 },
    { param: 'tint', key: 'crs:LocalTint', scale: 0.01 },
    { param: 'saturation', key: 'crs:LocalSaturation', scale: 0.01 },
    { param: 'clarity', key: 'crs:LocalClarity2012', scale: 0.01 },
    { param: 'dehaze', key: 'crs:LocalDehaze', scale: 0.01 },
    { param: 'sharpness', key: 'crs:LocalSharpness', scale: 0.01 },
  ],
};
