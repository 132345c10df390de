/**
 * `toneBase` (2 channels: A, B): the large-scale, edge-aware luminance base the tone op's
 * Highlights and Shadows act on (see ./lumaBase.ts). Window ≈ 4 % of the diagonal, regulariser
 * 0.12 stops²: regions (a shaded face, a bright sky) are lifted or recovered as wholes while
 * edges of more than about ½ stop stay sharp.
 */
import type { GuideDeclaration } from './index.ts';
import { computeLumaBase } from './lumaBase.ts';

export const TONE_BASE = { maxDim: 256, radius: 0.02, eps: 0.12 };

export const toneBaseGuide: GuideDeclaration = {
  name: 'toneBase',
  channels: 2,
  compute: (src) => computeLumaBase(src, TONE_BASE),
  usesLogLumaGrid: true,
};
