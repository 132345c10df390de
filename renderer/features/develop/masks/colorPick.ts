/**
 * The colour-range mask's sample: the hue and saturation of the photo where it was clicked,
 * averaged over a small square of the preview source (sRGB-encoded, as the colour mask reads
 * it: HSV of the unedited source pixel; shared/develop/mask.ts).
 */
import type { MaskShape } from '../../../../shared/develop/mask.ts';
import { srgbHue } from '../../../../shared/pixel/hue.ts';
import type { SourceImage } from '../../../../shared/pixel/pipeline/types.ts';

export type ColorShape = Extract<MaskShape, { type: 'color' }>;

/** HSV hue (degrees) and saturation (0..1) of an sRGB-encoded colour (0..1 channels), as the colour mask reads them. */
export function hueSat(r: number, g: number, b: number): { hue: number; saturation: number } {
  const mx = Math.max(r, g, b);
  return { hue: srgbHue(r, g, b), saturation: mx > 0 ? (mx - Math.min(r, g, b)) / mx : 0 };
}

/** Mean sRGB colour (0..1) of a (2r+1)² square around normalised (x, y), clipped to the image. */
export function sampleColor(src: SourceImage, x: number, y: number, radius = 2): [number, number, number] {
  const cx = Math.round(Math.min(1, Math.max(0, x)) * (src.width - 1));
  const cy = Math.round(Math.min(1, Math.max(0, y)) * (src.height - 1));
  const max = src.bits === 16 ? 65535 : 255;
  let r = 0, g = 0, b = 0, n = 0;
  for (let j = Math.max(0, cy - radius); j <= Math.min(src.height - 1, cy + radius); j++)
    for (let i = Math.max(0, cx - radius); i <= Math.min(src.width - 1, cx + radius); i++) {
      const o = 3 * (j * src.width + i);
      r += src.data[o];
      g += src.data[o + 1];
      b += src.data[o + 2];
      n++;
    }
  return [r / n / max, g / n / max, b / n / max];
}

/**
 * A colour range around the clicked colour: ±15° of hue, saturation down to half the sample's
 * (never below 0.05, so greys stay out). A grey click cannot define a hue: that is an error
 * the UI shows rather than a mask that selects nothing.
 */
export function colorRangeAt(src: SourceImage, x: number, y: number): ColorShape {
  const [r, g, b] = sampleColor(src, x, y);
  const { hue, saturation } = hueSat(r, g, b);
  if (saturation < 0.06) throw new Error('that spot is nearly grey: pick a coloured area for a colour range');
  return { type: 'color', hue: Math.round(hue), hueRange: 30, minSaturation: Math.round(Math.max(0.05, saturation / 2) * 100) / 100, feather: 50 };
}
