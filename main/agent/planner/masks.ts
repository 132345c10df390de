/**
 * Region → mask (docs/pipeline.md Mask shapes), placed from the measured regions: the sky mask
 * ends at the measured sky line (and follows its tilt), the subject ellipse sits on the faces or
 * the detail-weighted centre of interest.
 */
import type { ImageFacts } from '../perception/facts.ts';
import type { Mask, MaskComponent } from '../../../shared/develop/mask.ts';
import type { Region } from './types.ts';

export interface PlacedMask {
  mask: Mask;
  /** How it was placed, for the reply ("sky detected above 38% of the height"). */
  note: string;
}

const lin = (x0: number, y0: number, x1: number, y1: number): MaskComponent => ({ shape: { type: 'linear', x0, y0, x1, y1 }, mode: 'add' });
const r2 = (v: number): number => Math.round(v * 1000) / 1000;

export function regionMask(region: Region, facts: ImageFacts, id: string): PlacedMask {
  const sky = facts.regions.sky;
  const subj = facts.regions.subject;
  const name = region;
  const make = (components: MaskComponent[], note: string, invert?: boolean): PlacedMask => ({
    mask: { id, name, components, ...(invert ? { invert } : {}) },
    note,
  });
  switch (region) {
    case 'sky': {
      if (sky) {
        const line = sky.line;
        // Full effect down to just above the sky line, fading out just below it; a sloping
        // line uses its lower side so the land stays out.
        const low = Math.max(line, sky.lineLeft, sky.lineRight);
        const ramp = Math.max(0.04, Math.min(0.12, line * 0.25));
        return make(
          [lin(0.5, r2(Math.max(0, line - ramp)), 0.5, r2(Math.min(1, low + ramp * 0.4)))],
          `sky found above ${Math.round(line * 100)}% of the height`,
        );
      }
      return make([lin(0.5, 0.2, 0.5, 0.45)], 'no clear sky found; used the top of the frame');
    }
    case 'foreground': {
      const line = sky ? sky.line : 0.45;
      return make([lin(0.5, r2(Math.min(0.98, line + 0.15)), 0.5, r2(Math.max(0.02, line - 0.02)))], sky ? `below the sky line at ${Math.round(line * 100)}%` : 'lower part of the frame');
    }
    case 'top':
      return make([lin(0.5, 0.3, 0.5, 0.6)], 'top of the frame');
    case 'bottom':
      return make([lin(0.5, 0.7, 0.5, 0.4)], 'bottom of the frame');
    case 'left':
      return make([lin(0.3, 0.5, 0.6, 0.5)], 'left side');
    case 'right':
      return make([lin(0.7, 0.5, 0.4, 0.5)], 'right side');
    case 'subject':
    case 'skin':
    case 'background': {
      const s = region === 'skin' && facts.regions.skin
        ? { cx: facts.regions.skin.centroid.x, cy: facts.regions.skin.centroid.y, rx: Math.max(0.08, (facts.regions.skin.box.x1 - facts.regions.skin.box.x0) * 0.6), ry: Math.max(0.08, (facts.regions.skin.box.y1 - facts.regions.skin.box.y0) * 0.6) }
        : subj;
      const shape = { type: 'radial' as const, cx: r2(s.cx), cy: r2(s.cy), rx: r2(s.rx), ry: r2(s.ry), angle: 0, feather: 60, inside: region !== 'background' };
      const basis = subj.basis === 'skin' ? 'around the faces/skin tones' : subj.basis === 'detail' ? 'around the likely subject' : 'around the centre';
      return make([{ shape, mode: 'add' }], region === 'background' ? `everything outside an ellipse ${basis}` : `ellipse ${basis}`);
    }
    case 'foliage':
      return make([{ shape: { type: 'color', hue: 95, hueRange: 70, minSaturation: 0.15, feather: 50 }, mode: 'add' }], 'greens and yellow-greens');
    case 'water':
      return make(
        [
          { shape: { type: 'color', hue: 195, hueRange: 60, minSaturation: 0.1, feather: 50 }, mode: 'add' },
          { ...lin(0.5, 0.75, 0.5, 0.35), mode: 'intersect' },
        ],
        'blue-cyan tones in the lower frame',
      );
    case 'shadows':
      return make([{ shape: { type: 'luminance', min: 0, max: 0.3, feather: 60 }, mode: 'add' }], 'dark tones (luminance below 0.3)');
    case 'midtones':
      return make([{ shape: { type: 'luminance', min: 0.3, max: 0.7, feather: 60 }, mode: 'add' }], 'midtones');
    case 'highlights':
      return make([{ shape: { type: 'luminance', min: 0.7, max: 1, feather: 60 }, mode: 'add' }], 'bright tones (luminance above 0.7)');
    case 'edges':
      return make([{ shape: { type: 'radial', cx: 0.5, cy: 0.5, rx: 0.55, ry: 0.55, angle: 0, feather: 70, inside: false }, mode: 'add' }], 'edges of the frame');
  }
}
