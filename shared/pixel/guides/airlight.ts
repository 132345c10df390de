/**
 * `airlight` (3 channels, a constant 2×2 map): the atmospheric light (linear RGB) of the dark
 * channel prior, estimated with `hazeDensity` (./hazeDensity.ts). A map rather than a uniform
 * because prepare() never sees the source; sampling a constant map gives the constant.
 */
import type { GuideDeclaration } from './index.ts';
import { hazeModel } from './hazeDensity.ts';

export const airlightGuide: GuideDeclaration = {
  name: 'airlight',
  channels: 3,
  compute: (src) => {
    const L = hazeModel(src).airlight;
    return { width: 2, height: 2, channels: 3, data: Float32Array.of(...L, ...L, ...L, ...L) };
  },
};
