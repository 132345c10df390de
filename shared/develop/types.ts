/**
 * The develop model's core types. An operation is declared once (see ./ops/*.ts) and
 * everything else — sliders, validation, the agent's JSON schema, stored steps, the CPU
 * render and the WebGL preview — derives from that declaration.
 *
 * Pure TypeScript: no Node, no DOM, no Electron.
 */

import type { KernelArena } from '../pixel/kernels/index.ts';
import type { LinkSpec } from '../pixel/kernels/chain.ts';

export type Unit = '' | 'EV' | 'K' | '%' | '°' | 'px';

export interface NumberParamSpec {
  kind: 'number';
  label: string;
  /** One line the language model reads: what the parameter does and which way is which. */
  description: string;
  min: number;
  max: number;
  default: number;
  step: number;
  unit?: Unit;
}

export interface BooleanParamSpec {
  kind: 'boolean';
  label: string;
  description: string;
  default: boolean;
}

/** A point curve: control points (x, y) in 0..1, sorted by x, first x = 0 and last x = 1 not required. */
export type CurvePoints = ReadonlyArray<readonly [number, number]>;

export interface CurveParamSpec {
  kind: 'curve';
  label: string;
  description: string;
  default: CurvePoints;
}

export type ParamSpec = NumberParamSpec | BooleanParamSpec | CurveParamSpec;
export type ParamValue = number | boolean | CurvePoints;
export type ParamValues = Record<string, ParamValue>;

/** The groups of the develop panel, in display order (Lightroom's order). */
export const GROUPS = [
  'whiteBalance',
  'basic',
  'presence',
  'toneCurve',
  'hsl',
  'colorGrading',
  'blackWhite',
  'detail',
  'effects',
  'geometry',
  'local',
] as const;
export type Group = (typeof GROUPS)[number];

/** How one parameter maps to a Lightroom/Camera Raw `crs:` key. */
export interface XmpMapping {
  param: string;
  /** e.g. 'crs:Exposure2012'. */
  key: string;
  /** XMP value = ours * scale (default 1). Curves and booleans have their own encodings. */
  scale?: number;
}

/**
 * The pipeline's colour spaces. Ops run on an interleaved RGB Float32Array:
 * - 'linear': scene-referred linear light, Rec.709/sRGB primaries, values may exceed 1.
 * - 'display': sRGB-encoded (transfer curve applied), nominally 0..1 (curves, colour, effects).
 * The runner converts linear → display once, between the last linear op and the first display op.
 */
export type PixelSpace = 'linear' | 'display';

/**
 * Guide maps are computed once per source image (and size) from the *source* pixels, at low
 * resolution, and sampled bilinearly at full resolution by both the CPU render and the shader.
 * They are what makes local (edge-aware, multi-scale) operations cheap and identical on both
 * paths. See shared/pixel/guides.ts.
 */
export type GuideName = string;

/** What an op's CPU kernel gets: one horizontal strip of the output image, processed in place. */
export interface Strip {
  /** RGB interleaved, `rows * width * 3` floats, in the op's declared space. */
  data: Float32Array;
  width: number;
  rows: number;
  /** Row of the output image that the strip's first row is. */
  y0: number;
  /** Size of the whole output image. */
  imageWidth: number;
  imageHeight: number;
  /** Per-pixel value of a guide map for this strip (width*rows*channels, bilinear). */
  guide(name: GuideName): Float32Array;
  /**
   * For a kernel chain link: a 2-channel guide the chain samples itself, row by row (the offset
   * of its TwGuide record in the kernels' memory `k`, see shared/pixel/kernels/c/chain.h), or
   * null when it cannot (a rotated geometry, another channel count): then use guide().
   */
  guideRef?(name: GuideName, k: KernelArena): number | null;
  /**
   * Per-pixel sum over local adjustments of (mask weight × local value) for a local parameter
   * (e.g. 'exposure'), or null when no local adjustment uses it. width*rows floats.
   */
  local(param: string): Float32Array | null;
  /** Normalised source coordinates (0..1, uncropped, oriented image) of each pixel: x,y pairs. */
  sourceCoords(): Float32Array;
}

/** Uniform values handed to the shader: numbers, vectors, or a 1D LUT texture. */
export type UniformValue =
  | number
  | readonly number[]
  | { lut: Float32Array; channels: 1 | 3 | 4 };

export interface GlslSnippet {
  /**
   * GLSL ES 3.00 source defining `vec3 <fn>(vec3 c)` (name = `op_<id>`), using the uniforms
   * it declares (`uniform float u_<id>_<name>;`) and the pipeline helpers (guide_<name>(),
   * local_<param>(), source_uv(), output_uv(), rgb_to_*()).
   */
  source: string;
  /** Uniform values from the prepared state; keys are the names without the u_<id>_ prefix. */
  uniforms(prepared: unknown): Record<string, UniformValue>;
}

export type { LinkSpec };

export interface OpMaths<P extends ParamValues = ParamValues, Prepared = unknown> {
  space: PixelSpace;
  /** Guide maps the kernel reads (the WebGL preview binds every one of them). */
  guides?: readonly GuideName[];
  /**
   * The guides a render with these params reads, a subset of `guides` (default: all of them);
   * `localFed` holds the op's localParams some local adjustment sets. The CPU render computes
   * only these (a guide is the costliest part of an export).
   */
  guidesFor?(params: P, localFed: ReadonlySet<string>): readonly GuideName[];
  /** Local-adjustment parameters (of the `local` op) this op also applies per pixel. */
  localParams?: readonly string[];
  /**
   * Pixels of context the kernel needs above and below a strip (sharpening, noise reduction).
   * 0 for point-wise ops.
   */
  halo?(params: P, ctx: PrepareContext): number;
  /** Turn stored params into render-ready data once per render (LUTs, matrices): darktable's commit_params. */
  prepare(params: P, ctx: PrepareContext): Prepared;
  /** Process one strip in place. */
  cpu(strip: Strip, prepared: Prepared): void;
  /**
   * The op as a link of the kernels' fused chain (shared/pixel/kernels/chain.ts, the C twin of
   * `cpu` in shared/pixel/kernels/c): what the chain needs for this strip, with its tables and
   * per-pixel inputs in the kernels' memory `k`; null when the kernel cannot run it (then `cpu`
   * runs). The runner strings the links of consecutive ops into one pass over the strip.
   */
  link?(strip: Strip, prepared: Prepared, k: KernelArena): LinkSpec | null;
  glsl: GlslSnippet;
}

export interface PrepareContext {
  /** Output size in pixels (after crop and resize). */
  width: number;
  height: number;
  /** Output pixels per pixel of the full-resolution original (≤ 1 for previews). */
  scale: number;
  /** Whether the source is a rendered (JPEG/PNG/…) file rather than raw data. */
  rendered: boolean;
}

export interface OpDeclaration<P extends ParamValues = ParamValues, Prepared = unknown> {
  id: string;
  /** Bumped whenever the parameters change meaning; `upgrades` migrates older steps. */
  version: number;
  label: string;
  group: Group;
  /** One line for the model: what the operation is for. */
  description: string;
  params: { [K in keyof P]: ParamSpec };
  /** upgrades[n] turns params of version n into version n+1. */
  upgrades?: Record<number, (params: Record<string, unknown>) => Record<string, unknown>>;
  xmp: readonly XmpMapping[];
  /** Whether the params are at their identity (then the op is skipped). Default: all params at default. */
  isIdentity?(params: P): boolean;
  /**
   * The pixel kernel. Absent only for the two ops the pipeline runner itself implements:
   * `crop` (geometry: output → source coordinates) and `local` (masks feeding Strip.local()).
   */
  maths?: OpMaths<P, Prepared>;
}

export type AnyOp = OpDeclaration<any, any>;
