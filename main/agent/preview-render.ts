/**
 * The loop's preview render through the real pipeline (shared/pixel/pipeline.ts). Guides depend
 * only on the source, so they are computed once per source (planRender → computeGuides with the
 * ones already computed → renderRows) and reused for every candidate and round; a candidate
 * that needs a guide no earlier one did computes just that guide.
 */
import { computeGuides, planRender, renderRows, type GuideSet, type SourceImage } from '../../shared/pixel/pipeline.ts';
import { CODE_MAX, toPreview, type RgbImage } from './perception/image.ts';
import type { Settings } from './planner/types.ts';

/** Renders settings on a preview source; returns sRGB-encoded RGB (Float32 0..1 in production). */
export type Renderer = (settings: Settings, source: RgbImage) => RgbImage | Promise<RgbImage>;

export interface PreviewRenderer {
  /** Synchronous: sRGB-encoded Float32 RGB (0..1) at the source's size (after any crop). */
  (settings: Settings, source: RgbImage): { width: number; height: number; data: Float32Array };
  /** How many guide maps were computed (not reused) so far: a test and benchmark hook. */
  readonly stats: { renders: number; guidesComputed: number };
}

/** The pipeline's 8/16-bit source form of an image (no copy when it already is one). */
export function asSource(img: RgbImage): SourceImage {
  const { width, height, data } = img;
  if (data instanceof Uint8Array && img.bits !== 16) return { width, height, bits: 8, data };
  if (data instanceof Uint16Array && img.bits !== 8) return { width, height, bits: 16, data };
  const k = data instanceof Float32Array ? 65535 : data instanceof Uint16Array ? 65535 / 255 : 257;
  const out = new Uint16Array(width * height * 3);
  for (let i = 0; i < out.length; i++) {
    const v = data[i] * k;
    out[i] = v <= 0 ? 0 : v >= 65535 ? 65535 : Math.round(v);
  }
  return { width, height, bits: 16, data: out };
}

/** A ≤ maxSide px 16-bit pipeline source from a larger image (area average); small ones pass through. */
export function shrinkSource(img: RgbImage, maxSide: number): SourceImage {
  if (Math.max(img.width, img.height) <= maxSide) return asSource(img);
  const p = toPreview(img, maxSide);
  const data = new Uint16Array(p.codes.length);
  const k = 65535 / CODE_MAX;
  for (let i = 0; i < data.length; i++) data[i] = Math.round(p.codes[i] * k);
  return { width: p.width, height: p.height, bits: 16, data };
}

/**
 * A renderer that keeps each source's guides (keyed by the source's pixel buffer, held weakly)
 * and reuses them across calls.
 */
export function previewRenderer(): PreviewRenderer {
  const cache = new WeakMap<object, GuideSet>();
  const stats = { renders: 0, guidesComputed: 0 };
  const render = (settings: Settings, img: RgbImage): { width: number; height: number; data: Float32Array } => {
    const src = asSource(img);
    const plan = planRender(settings, src.width, src.height, { scale: 1, rendered: true });
    let have = cache.get(img.data);
    if (!have) cache.set(img.data, (have = {}));
    const missing = plan.guides.filter((g) => !have[g]).length;
    const guides = computeGuides(plan, src, have);
    Object.assign(have, guides);
    stats.guidesComputed += missing;
    stats.renders++;
    const data = new Float32Array(plan.width * plan.height * 3);
    renderRows(plan, src, guides, 0, plan.height, data);
    return { width: plan.width, height: plan.height, data };
  };
  return Object.assign(render, { stats });
}
