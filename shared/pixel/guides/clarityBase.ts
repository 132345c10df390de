/**
 * `clarityBase` (2 channels: A, B): the mid-scale edge-aware base for Clarity (presence op;
 * see ./lumaBase.ts). Window ≈ 2.5 % of the diagonal, regulariser 0.1 stops²: clarity boosts
 * mid-frequency local contrast without halos along strong edges.
 */
import type { GuideDeclaration } from './index.ts';
import { computeLumaBase } from './lumaBase.ts';

export const CLARITY_BASE = { maxDim: 512, radius: 0.012, eps: 0.1 };

export const clarityBaseGuide: GuideDeclaration = {
  name: 'clarityBase',
  channels: 2,
  compute: (src) => computeLumaBase(src, CLARITY_BASE),
  usesLogLumaGrid: true,
};
