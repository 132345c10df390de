/**
 * Data types of the pipeline runner. Everything here is plain, structured-cloneable data so a
 * plan and its guides can be posted to worker threads (docs/pipeline.md, "The pipeline runner").
 */
import type { Mask } from '../../develop/mask.ts';
import type { ParamValues, PixelSpace } from '../../develop/types.ts';

/** The decoded, oriented source: sRGB-encoded RGB, interleaved, 3 channels, 8 or 16 bits. */
export interface SourceImage {
  width: number;
  height: number;
  bits: 8 | 16;
  data: Uint8Array | Uint16Array;
}

/** A low-resolution map computed from the source (see shared/pixel/guides). */
export interface GuideMap {
  width: number;
  height: number;
  channels: number;
  /** width × height × channels floats, row-major, channels interleaved. */
  data: Float32Array;
}

export type GuideSet = Record<string, GuideMap>;

export interface LocalAdjustment {
  mask: Mask;
  /** Params of the `local` op this adjustment sets (missing = 0). */
  params: ParamValues;
}

/** Effective settings: every op present with complete params (missing ones fall back to defaults). */
export interface ResolvedSettings {
  ops: Record<string, ParamValues>;
  locals: LocalAdjustment[];
}

export interface RenderOptions {
  /** Output pixels per pixel of the full-resolution original (≤ 1 for previews). Default 1. */
  scale?: number;
  /** Whether the source is a rendered (JPEG/PNG/…) file rather than raw data. Default true. */
  rendered?: boolean;
  /**
   * Source pixels per pixel of the full-resolution original, when the caller hands in a
   * pre-shrunk source (e.g. sharp's shrink-on-load for a preview). Default 1. The runner
   * resamples the source by scale / sourceScale.
   */
  sourceScale?: number;
  /** Rows per internal strip (default: chosen from the halo). Never changes the result. */
  stripRows?: number;
}

/**
 * Output pixel → source mapping. The source point (in source pixels, pixel i spanning
 * [i, i+1), centre i+0.5) of output point (ox, oy) is
 *   sx = m[0]·ox + m[1]·oy + m[2],  sy = m[3]·ox + m[4]·oy + m[5].
 * An output pixel (x, y) is the average of taps×taps bilinear samples at
 * (x + (i+0.5)/taps, y + (j+0.5)/taps) — 1 tap unless the image is shrunk.
 */
export interface Geometry {
  m: [number, number, number, number, number, number];
  taps: number;
  /** Every output pixel centre lands on a source pixel centre (crop/flip/quarter turn at 1:1). */
  exact: boolean;
  /** Output = source, pixel for pixel. */
  identity: boolean;
  /** The crop rectangle actually used, in source pixels (after rounding/constraining). */
  crop: { left: number; top: number; width: number; height: number; angle: number };
}

export interface PlannedOp {
  id: string;
  params: ParamValues;
  space: PixelSpace;
  /** Rows of context this op needs above and below. */
  halo: number;
}

export interface RenderPlan {
  version: 1;
  sourceWidth: number;
  sourceHeight: number;
  /** Output size (after crop, quarter turns and scale). */
  width: number;
  height: number;
  scale: number;
  sourceScale: number;
  rendered: boolean;
  geometry: Geometry;
  /** Active ops in render order. */
  ops: PlannedOp[];
  /** Guide names the active ops read (compute them with computeGuides). */
  guides: string[];
  /** Total context rows (sum of the active ops' halos). */
  halo: number;
  /** Local adjustments with at least one non-zero value (values as plain numbers). */
  locals: { mask: Mask; params: Record<string, number> }[];
  stripRows: number;
  /** Deterministic string identifying everything `prepare` depends on (cache key). */
  key: string;
}
