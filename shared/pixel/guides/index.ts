/**
 * The guide registry. A guide is a low-resolution map computed once per source image from the
 * source pixels (never from the edit), sampled bilinearly by the CPU kernels (Strip.guide) and
 * by the shader (guide_<name>()), with the convention documented in ./util.ts.
 *
 * To add a guide: write shared/pixel/guides/<name>.ts exporting a `GuideDeclaration`
 * (use the helpers in ./util.ts: downsampleLinear, boxBlur, guidedFilter, packGuide), import it
 * below and add it to GUIDES — one line each. An op then lists the name in `maths.guides`.
 * Radii are fractions of the source diagonal (not pixels), so a preview-size source and the
 * full-size export give the same map.
 */
import type { GuideMap, SourceImage } from '../pipeline/types.ts';

export interface GuideDeclaration {
  name: string;
  /** Channels of the map (GuideMap.channels). */
  channels: number;
  compute(source: SourceImage): GuideMap;
  /**
   * Whether it reads the fine log-luminance grid (./lumaGrid.ts): a parallel host computes that
   * grid once, in bands on several threads, and seeds it before computing such guides.
   */
  usesLogLumaGrid?: boolean;
  /** Rough relative cost of compute() (default 1), for spreading guides over threads. */
  cost?: number;
}

// Guide files (add one import per guide):
import { toneBaseGuide } from './toneBase.ts';
import { clarityBaseGuide } from './clarityBase.ts';
import { textureBaseGuide } from './textureBase.ts';
import { hazeDensityGuide } from './hazeDensity.ts';
import { airlightGuide } from './airlight.ts';

export const GUIDES: readonly GuideDeclaration[] = [
  // one entry per guide
  toneBaseGuide,
  clarityBaseGuide,
  textureBaseGuide,
  hazeDensityGuide,
  airlightGuide,
];

export function findGuide(name: string, guides: readonly GuideDeclaration[] = GUIDES): GuideDeclaration | undefined {
  return guides.find((g) => g.name === name);
}
