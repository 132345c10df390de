/** Output size of an export from the cropped picture's full-resolution size (pure). */
import type { ExportSize } from './types.ts';

export interface TargetSize {
  width: number;
  height: number;
  /** Output pixels per pixel of the cropped full-resolution picture. */
  scale: number;
}

/**
 * The size the export should have. Aspect ratio is kept (the smaller of the width and height
 * scales decides), sizes are rounded to whole pixels, at least 1. Never larger than the source
 * unless `allowUpscale`.
 */
export function targetSize(width: number, height: number, size: ExportSize | undefined, allowUpscale = false): TargetSize {
  if (!(width >= 1 && height >= 1)) throw new RangeError(`bad source size ${width}×${height}`);
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  let s = 1;
  const positive = (v: number, what: string) => {
    if (!(Number.isFinite(v) && v > 0)) throw new RangeError(`${what} must be a positive number, got ${v}`);
    return v;
  };
  switch (size?.mode ?? 'original') {
    case 'original':
      s = 1;
      break;
    case 'longEdge':
      s = positive((size as { pixels: number }).pixels, 'long edge') / long;
      break;
    case 'shortEdge':
      s = positive((size as { pixels: number }).pixels, 'short edge') / short;
      break;
    case 'dimensions': {
      const d = size as { width: number; height: number };
      // Fit either way round, as Lightroom's "W × H" does: the box's long side bounds the long edge.
      const boxLong = Math.max(positive(d.width, 'width'), positive(d.height, 'height'));
      const boxShort = Math.min(d.width, d.height);
      s = Math.min(boxLong / long, boxShort / short);
      break;
    }
    case 'megapixels':
      s = Math.sqrt((positive((size as { megapixels: number }).megapixels, 'megapixels') * 1e6) / (width * height));
      break;
    case 'percent':
      s = positive((size as { percent: number }).percent, 'percentage') / 100;
      break;
  }
  if (s >= 1 && !allowUpscale) return { width, height, scale: 1 };
  const w = Math.max(1, Math.round(width * s));
  const h = Math.max(1, Math.round(height * s));
  if (w === width && h === height) return { width, height, scale: 1 };
  return { width: w, height: h, scale: s };
}
