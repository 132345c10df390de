/**
 * Output sharpening (Lightroom's "Sharpen for: Screen / Matte Paper / Glossy Paper" at Low /
 * Standard / High), applied after the resize with libvips' unsharp mask on lightness.
 *
 * Screen output is viewed at 1:1, so a small radius; prints are viewed at ~300 ppi where ink
 * spread softens detail, matte paper more than glossy, so a wider radius and more amount. Flat
 * areas (below the threshold) are left alone so noise is not sharpened.
 */
import type { SharpenAmount, SharpenMedium } from './types.ts';

export interface SharpenSpec {
  sigma: number;
  /** Sharpening of flat areas. */
  m1: number;
  /** Sharpening of jagged areas (edges). */
  m2: number;
  /** Threshold between flat and jagged. */
  x1: number;
}

const SIGMA: Record<SharpenMedium, number> = { screen: 0.6, glossy: 0.9, matte: 1.1 };
const AMOUNT: Record<SharpenMedium, Record<SharpenAmount, number>> = {
  screen: { low: 0.6, standard: 1.1, high: 1.7 },
  glossy: { low: 0.9, standard: 1.5, high: 2.2 },
  matte: { low: 1.1, standard: 1.9, high: 2.8 },
};

export function sharpenSpec(medium: SharpenMedium, amount: SharpenAmount): SharpenSpec {
  const sigma = SIGMA[medium];
  const m2 = AMOUNT[medium]?.[amount];
  if (sigma === undefined || m2 === undefined) throw new RangeError(`unknown output sharpening ${medium}/${amount}`);
  return { sigma, m1: 0.15 * m2, m2, x1: 2 };
}
