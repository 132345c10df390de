/**
 * perceive(): the compact, quantitative description of an image that the planner, the critic
 * and a language model read. Computed on a ≤ 512 px preview in a few milliseconds.
 */
import { computePlanes, toPreview, type Planes, type Preview, type RgbImage } from './image.ts';
import { toneStats, colourStats, type ToneStats, type ColourStats } from './stats.ts';
import { gradients, detailStats, type DetailStats, type Gradients } from './detail.ts';
import { findRegions, type Regions, type RegionMaps } from './regions.ts';
import { estimateTilt, type TiltEstimate } from './horizon.ts';

export interface ImageFacts {
  /** Size of the preview the facts were measured on, and its aspect ratio (w / h). */
  width: number;
  height: number;
  aspect: number;
  tone: ToneStats;
  colour: ColourStats;
  detail: DetailStats;
  regions: Regions;
  tilt: TiltEstimate;
  /** Milliseconds the measurement took. */
  ms: number;
}

export interface Perception {
  facts: ImageFacts;
  preview: Preview;
  planes: Planes;
  gradients: Gradients;
  maps: RegionMaps;
}

export interface PerceiveOptions {
  /** Longest side of the analysed preview (default 512). */
  maxSide?: number;
  /** Skip the horizon search (the critic does not need it for most candidates). */
  skipTilt?: boolean;
  /** Skip region finding (the critic judges regions on the before image only). */
  skipRegions?: boolean;
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/** Measure everything, keeping the intermediate planes and region maps for the critic. */
export function perceiveFull(image: RgbImage | Preview, opts: PerceiveOptions = {}): Perception {
  const t0 = now();
  const preview = 'codes' in image ? image : toPreview(image, opts.maxSide ?? 512);
  const planes = computePlanes(preview);
  const grads = gradients(planes);
  const tone = toneStats(planes);
  const colour = colourStats(planes, preview);
  const detail = detailStats(planes, grads);
  const { regions, maps } = opts.skipRegions ? noRegions(planes) : findRegions(planes, grads);
  const tilt: TiltEstimate = opts.skipTilt ? { degrees: 0, confidence: 0, source: 'none' } : estimateTilt(grads);
  const facts: ImageFacts = {
    width: preview.width,
    height: preview.height,
    aspect: preview.width / preview.height,
    tone,
    colour,
    detail,
    regions,
    tilt,
    ms: 0,
  };
  facts.ms = Math.round((now() - t0) * 10) / 10;
  return { facts, preview, planes, gradients: grads, maps };
}

function noRegions(pl: Planes): { regions: Regions; maps: RegionMaps } {
  const empty = new Uint8Array(pl.n);
  return {
    regions: { sky: null, skin: null, foliage: null, subject: { cx: 0.5, cy: 0.5, rx: 0.3, ry: 0.3, basis: 'centre' } },
    maps: { width: pl.width, height: pl.height, sky: empty, skin: empty, foliage: empty },
  };
}

/** The facts alone (plain data, JSON-serialisable). */
export function perceive(image: RgbImage | Preview, opts: PerceiveOptions = {}): ImageFacts {
  return perceiveFull(image, opts).facts;
}
