/**
 * `textureBase` (2 channels: A, B): the fine-scale edge-aware base for Texture (presence op;
 * see ./lumaBase.ts), on the fine 1536-texel grid. Window ≈ 0.3 % of the diagonal (≈ 20 px on
 * a 24 MP original), regulariser 0.05 stops²: texture acts on skin, foliage and fabric
 * detail, while strong edges (which the base follows) are left to sharpening.
 */
import type { GuideDeclaration } from './index.ts';
import { computeLumaBase } from './lumaBase.ts';
import { FINE_DIM } from './lumaGrid.ts';

export const TEXTURE_BASE = { maxDim: FINE_DIM, radius: 0.0012, eps: 0.05 };

export const textureBaseGuide: GuideDeclaration = {
  name: 'textureBase',
  channels: 2,
  compute: (src) => computeLumaBase(src, TEXTURE_BASE),
  usesLogLumaGrid: true,
  // A guided filter on the fine grid itself: ~9× the texels of the 512 px clarity grid.
  cost: 4,
};
