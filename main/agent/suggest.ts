/** Suggested prompts from the image's measured facts (shown as one-click chips in the chat). */
import type { ImageFacts } from './perception/facts.ts';

export function suggestPrompts(f: ImageFacts): string[] {
  const out: string[] = [];
  const t = f.tone;
  if (t.luma.p50 < 0.3) out.push('brighten it, lift the shadows');
  else if (t.luma.p50 > 0.7) out.push('a bit darker, recover the highlights');
  if (t.clipping.highlights > 0.02) out.push('recover the highlights');
  if (f.colour.cast.strength > 6 && f.colour.cast.label !== 'none') out.push('fix the white balance');
  if (f.regions.sky && f.regions.sky.coverage > 0.1) out.push('make the sky more dramatic');
  if (t.contrast.rms < 0.16) out.push('more contrast and punch');
  if (f.colour.colourfulness < 25) out.push('a bit more vibrant');
  if (f.tilt.source !== "none" && Math.abs(f.tilt.degrees) > 0.7 && f.tilt.confidence > 0.5) out.push('straighten');
  out.push('enhance', 'black and white, moody');
  return [...new Set(out)].slice(0, 5);
}
