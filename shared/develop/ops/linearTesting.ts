/**
 * Test helpers for the linear ops (white balance, dehaze, tone, presence): run an op's kernel
 * on a list of colours or a small image, with guides either given per pixel or computed from
 * a synthetic 8-bit source and sampled the way the runner does. Used only by tests.
 */
import type { AnyOp, ParamValues, PrepareContext } from '../types.ts';
import { makeStrip } from '../../pixel/testing.ts';
import type { GuideMap, SourceImage } from '../../pixel/pipeline/types.ts';
import { sampleGuide } from '../../pixel/guides/util.ts';
import { linearToSrgb } from '../../pixel/transfer.ts';

export const CTX: PrepareContext = { width: 64, height: 64, scale: 1, rendered: true };

export function defaults(op: AnyOp): ParamValues {
  const out: ParamValues = {};
  for (const [k, s] of Object.entries(op.params)) out[k] = (s as { default: number }).default;
  return out;
}

/** Run op on colours (one row), with per-pixel guides/locals; returns the new data. */
export function runColors(
  op: AnyOp,
  params: ParamValues,
  colors: ReadonlyArray<readonly [number, number, number]>,
  opts: { guides?: Record<string, Float32Array>; locals?: Record<string, Float32Array> } = {},
): Float32Array {
  const data = new Float32Array(colors.length * 3);
  colors.forEach((c, i) => data.set(c, 3 * i));
  const strip = makeStrip({ width: colors.length, rows: 1, data, guides: opts.guides, locals: opts.locals });
  const prepared = op.maths!.prepare({ ...defaults(op), ...params }, CTX);
  op.maths!.cpu(strip, prepared);
  return strip.data;
}

/** A per-pixel 2-channel (A, B) guide with the same value everywhere. */
export function constGuide(n: number, a: number, b: number): Float32Array {
  const g = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    g[2 * i] = a;
    g[2 * i + 1] = b;
  }
  return g;
}

/** 8-bit sRGB source from a linear-RGB generator. */
export function sourceFrom(w: number, h: number, f: (x: number, y: number) => readonly [number, number, number]): SourceImage {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const c = f(x, y);
      for (let k = 0; k < 3; k++) data[3 * (y * w + x) + k] = Math.round(255 * Math.min(1, Math.max(0, linearToSrgb(c[k]))));
    }
  return { width: w, height: h, bits: 8, data };
}

/** The source decoded to linear float RGB (what the runner feeds the first linear op). */
export function linearOf(src: SourceImage): Float32Array {
  const out = new Float32Array(src.width * src.height * 3);
  const max = src.bits === 8 ? 255 : 65535;
  for (let i = 0; i < out.length; i++) {
    const v = src.data[i] / max;
    out[i] = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  }
  return out;
}

/** A guide map sampled at every pixel centre of a w×h image (as Strip.guide does at scale 1). */
export function samplePerPixel(g: GuideMap, w: number, h: number): Float32Array {
  const coords = new Float32Array(w * h * 2);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      coords[2 * (y * w + x)] = (x + 0.5) / w;
      coords[2 * (y * w + x) + 1] = (y + 0.5) / h;
    }
  const out = new Float32Array(w * h * g.channels);
  sampleGuide(g, coords, w * h, out);
  return out;
}

/** Run an op over a whole small image (one strip), guides given per pixel. */
export function runImage(
  op: AnyOp,
  params: ParamValues,
  w: number,
  h: number,
  data: Float32Array,
  guides: Record<string, Float32Array> = {},
  locals: Record<string, Float32Array> = {},
): Float32Array {
  const strip = makeStrip({ width: w, rows: h, data: Float32Array.from(data), guides, locals });
  op.maths!.cpu(strip, op.maths!.prepare({ ...defaults(op), ...params }, { ...CTX, width: w, height: h }));
  return strip.data;
}

export function lum(d: Float32Array, i: number): number {
  return 0.2126 * d[3 * i] + 0.7152 * d[3 * i + 1] + 0.0722 * d[3 * i + 2];
}
