/**
 * Geometry (the `crop` op, implemented by the runner): crop rectangle, straighten angle, flips
 * and quarter turns, and the resample to the output scale, as one affine map from output
 * pixels to source pixels.
 *
 * Conventions (see also shared/develop/ops/crop.ts):
 * - top/left/bottom/right are fractions of the oriented source (as decoded, EXIF orientation
 *   applied). The crop rectangle is drawn on the source; `angle` rotates the picture inside
 *   that frame about the rectangle's centre, positive = clockwise on screen.
 * - flipH/flipV mirror the cropped picture, then `rotate` turns it clockwise by quarter turns
 *   (odd turns swap the output width and height). Masks and the crop stay in source
 *   coordinates, so turning or flipping never moves them relative to the picture.
 * - With angle 0 the rectangle snaps to whole source pixels, so a crop at scale 1 copies
 *   pixels exactly (no half-pixel blur).
 * - `constrain` (default on): when straightening, the rectangle shrinks about its centre
 *   (keeping its aspect) until its rotated corners lie inside the source, as Lightroom's
 *   "constrain to image". Without it, samples outside the source clamp to the edge pixel.
 * - Shrinking (scale < 1) is a box filter in linear light, no aliasing: exact area coverage
 *   when not straightened (./resample.ts), else the mean of taps×taps bilinear samples per
 *   output pixel (taps = ceil(1/scale), at most 8).
 */
import { decodeRowsKernel } from './output.kernel.ts';
import type { ParamValues } from '../../develop/types.ts';
import type { CropParams } from '../../develop/ops/crop.ts';
import { isAxisAligned, sampleArea } from './resample.ts';
import type { Geometry, SourceImage } from './types.ts';

type Affine = [number, number, number, number, number, number];

export type { CropParams };

const num = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);
const clamp = (v: number, lo: number, hi: number): number => (v < lo ? lo : v > hi ? hi : v);

export function readCropParams(p: ParamValues | undefined): CropParams {
  const q = p ?? {};
  return {
    top: clamp(num(q.top, 0), 0, 1),
    left: clamp(num(q.left, 0), 0, 1),
    bottom: clamp(num(q.bottom, 1), 0, 1),
    right: clamp(num(q.right, 1), 0, 1),
    angle: clamp(num(q.angle, 0), -45, 45),
    flipH: q.flipH === true,
    flipV: q.flipV === true,
    rotate: ((Math.round(num(q.rotate, 0)) % 4) + 4) % 4,
    constrain: q.constrain !== false,
  };
}

/** A ∘ B (apply B, then A). */
function compose(a: Affine, b: Affine): Affine {
  return [
    a[0] * b[0] + a[1] * b[3],
    a[0] * b[1] + a[1] * b[4],
    a[0] * b[2] + a[1] * b[5] + a[2],
    a[3] * b[0] + a[4] * b[3],
    a[3] * b[1] + a[4] * b[4],
    a[3] * b[2] + a[4] * b[5] + a[5],
  ];
}

/** Largest k ≤ 1 such that the rectangle scaled by k about (cx, cy) and rotated stays inside. */
function constrainFactor(cx: number, cy: number, hw: number, hh: number, cos: number, sin: number, sw: number, sh: number): number {
  let k = 1;
  for (const [u, v] of [[hw, hh], [hw, -hh], [-hw, hh], [-hw, -hh]]) {
    const dx = cos * u + sin * v;
    const dy = -sin * u + cos * v;
    if (dx > 1e-12) k = Math.min(k, (sw - cx) / dx);
    if (dx < -1e-12) k = Math.min(k, -cx / dx);
    if (dy > 1e-12) k = Math.min(k, (sh - cy) / dy);
    if (dy < -1e-12) k = Math.min(k, -cy / dy);
  }
  return Math.max(0, k);
}

/**
 * The geometry for crop params on a sw×sh source, resampled by `factor` output pixels per
 * source pixel. Returns the map and the output size.
 */
export function planGeometry(params: ParamValues | undefined, sw: number, sh: number, factor: number): { geometry: Geometry; width: number; height: number } {
  const p = readCropParams(params);
  const f = factor > 0 && Number.isFinite(factor) ? factor : 1;
  let l = Math.min(p.left, p.right) * sw;
  let r = Math.max(p.left, p.right) * sw;
  let t = Math.min(p.top, p.bottom) * sh;
  let b = Math.max(p.top, p.bottom) * sh;
  if (p.angle === 0) {
    l = Math.round(l);
    r = Math.round(r);
    t = Math.round(t);
    b = Math.round(b);
  }
  // At least one source pixel each way, inside the source.
  if (r - l < 1) [l, r] = r >= sw ? [sw - 1, sw] : [l, l + 1];
  if (b - t < 1) [t, b] = b >= sh ? [sh - 1, sh] : [t, t + 1];
  const theta = (p.angle * Math.PI) / 180;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const ccx = (l + r) / 2;
  const ccy = (t + b) / 2;
  let cw = r - l;
  let ch = b - t;
  if (p.constrain && p.angle !== 0) {
    const k = constrainFactor(ccx, ccy, cw / 2, ch / 2, cos, sin, sw, sh);
    cw = Math.max(1, cw * k);
    ch = Math.max(1, ch * k);
  }
  const wc = Math.max(1, Math.round(cw * f));
  const hc = Math.max(1, Math.round(ch * f));
  const width = p.rotate % 2 === 1 ? hc : wc;
  const height = p.rotate % 2 === 1 ? wc : hc;

  const turns: Affine[] = [
    [1, 0, 0, 0, 1, 0],
    [0, 1, 0, -1, 0, hc],
    [-1, 0, wc, 0, -1, hc],
    [0, -1, wc, 1, 0, 0],
  ];
  let m = turns[p.rotate];
  if (p.flipH) m = compose([-1, 0, wc, 0, 1, 0], m);
  if (p.flipV) m = compose([1, 0, 0, 0, -1, hc], m);
  const sx = cw / wc;
  const sy = ch / hc;
  m = compose([sx, 0, (-wc / 2) * sx, 0, sy, (-hc / 2) * sy], m);
  m = compose([cos, sin, ccx, -sin, cos, ccy], m);

  const taps = f < 1 ? Math.min(8, Math.ceil(1 / f - 1e-9)) : 1;
  const isUnit = (v: number) => Math.abs(v) < 1e-9 || Math.abs(Math.abs(v) - 1) < 1e-9;
  const nearInt = (v: number) => Math.abs(v - Math.round(v)) < 1e-6;
  let exact =
    taps === 1 &&
    isUnit(m[0]) && isUnit(m[1]) && isUnit(m[3]) && isUnit(m[4]) &&
    Math.abs(Math.abs(m[0] * m[4] - m[1] * m[3]) - 1) < 1e-9 &&
    nearInt(m[0] * 0.5 + m[1] * 0.5 + m[2] - 0.5) &&
    nearInt(m[3] * 0.5 + m[4] * 0.5 + m[5] - 0.5);
  if (exact) m = m.map((v) => Math.round(v * 2) / 2) as Affine;
  const identity = exact && width === sw && height === sh && m[0] === 1 && m[1] === 0 && m[2] === 0 && m[3] === 0 && m[4] === 1 && m[5] === 0;
  if (!Number.isFinite(m[0] + m[1] + m[2] + m[3] + m[4] + m[5])) exact = false;
  return {
    geometry: { m, taps, exact, identity, crop: { left: ccx - cw / 2, top: ccy - ch / 2, width: cw, height: ch, angle: p.angle } },
    width,
    height,
  };
}

/**
 * Sample output rows [ya, yb) of a `width`-wide output into `out` (linear RGB floats, from
 * index 0), decoding the integer source through `lut`.
 */
export function sampleRows(g: Geometry, src: SourceImage, lut: Float32Array, width: number, ya: number, yb: number, out: Float32Array): void {
  if (g.exact) sampleExact(g, src, lut, width, ya, yb, out);
  else if (g.taps === 1) sampleBilinear(g, src, lut, width, ya, yb, out);
  else if (isAxisAligned(g)) sampleArea(g, src, lut, width, ya, yb, out);
  else sampleBox(g, src, lut, width, ya, yb, out);
}

/** Exact geometry: the element index in `src` of output row y's first pixel (its source pixel's first value). */
export function exactRowStart(g: Geometry, sourceWidth: number, y: number): number {
  const m = g.m;
  const ix = Math.round(m[0] * 0.5 + m[1] * (y + 0.5) + m[2] - 0.5);
  const iy = Math.round(m[3] * 0.5 + m[4] * (y + 0.5) + m[5] - 0.5);
  return (iy * sourceWidth + ix) * 3;
}

/** Exact geometry: each output pixel is one source pixel through `lut` (also used for integer output). */
export function sampleExact(g: Geometry, src: SourceImage, lut: Float32Array | Uint8Array | Uint16Array, width: number, ya: number, yb: number, out: Float32Array | Uint8Array | Uint16Array): void {
  const m = g.m;
  const d = src.data;
  const sw = src.width;
  const step = (m[0] + m[3] * sw) * 3;
  let o = 0;
  for (let y = ya; y < yb; y++) {
    let i = exactRowStart(g, sw, y);
    if (step === 3 && out instanceof Float32Array && lut instanceof Float32Array && decodeRowsKernel(d, i, width * 3, lut, out.subarray(o, o + width * 3))) {
      o += width * 3;
    } else if (step === 3) {
      const end = o + width * 3;
      while (o < end) out[o++] = lut[d[i++]];
    } else {
      for (let x = 0; x < width; x++, i += step) {
        out[o++] = lut[d[i]];
        out[o++] = lut[d[i + 1]];
        out[o++] = lut[d[i + 2]];
      }
    }
  }
}

function sampleBilinear(g: Geometry, src: SourceImage, lut: Float32Array, width: number, ya: number, yb: number, out: Float32Array): void {
  const [m0, m1, m2, m3, m4, m5] = g.m;
  const d = src.data;
  const sw = src.width;
  const w1 = sw - 1;
  const h1 = src.height - 1;
  let o = 0;
  for (let y = ya; y < yb; y++) {
    const bx = m1 * (y + 0.5) + m2 - 0.5;
    const by = m4 * (y + 0.5) + m5 - 0.5;
    for (let x = 0; x < width; x++) {
      const fx = m0 * (x + 0.5) + bx;
      const fy = m3 * (x + 0.5) + by;
      let x0 = Math.floor(fx);
      let y0 = Math.floor(fy);
      const tx = fx - x0;
      const ty = fy - y0;
      let x1 = x0 + 1;
      let y1 = y0 + 1;
      if (x0 < 0) x0 = x1 = 0;
      else if (x0 >= w1) x0 = x1 = w1;
      if (y0 < 0) y0 = y1 = 0;
      else if (y0 >= h1) y0 = y1 = h1;
      const i00 = (y0 * sw + x0) * 3;
      const i10 = (y0 * sw + x1) * 3;
      const i01 = (y1 * sw + x0) * 3;
      const i11 = (y1 * sw + x1) * 3;
      for (let c = 0; c < 3; c++) {
        const a = lut[d[i00 + c]];
        const b = lut[d[i10 + c]];
        const top = a + (b - a) * tx;
        const e = lut[d[i01 + c]];
        const f = lut[d[i11 + c]];
        const bot = e + (f - e) * tx;
        out[o + c] = top + (bot - top) * ty;
      }
      o += 3;
    }
  }
}

function sampleBox(g: Geometry, src: SourceImage, lut: Float32Array, width: number, ya: number, yb: number, out: Float32Array): void {
  const [m0, m1, m2, m3, m4, m5] = g.m;
  const n = g.taps;
  const inv = 1 / (n * n);
  const d = src.data;
  const sw = src.width;
  const w1 = sw - 1;
  const h1 = src.height - 1;
  let o = 0;
  for (let y = ya; y < yb; y++) {
    for (let x = 0; x < width; x++) {
      let r = 0, gg = 0, bb = 0;
      for (let j = 0; j < n; j++) {
        const py = y + (j + 0.5) / n;
        for (let i = 0; i < n; i++) {
          const px = x + (i + 0.5) / n;
          const fx = m0 * px + m1 * py + m2 - 0.5;
          const fy = m3 * px + m4 * py + m5 - 0.5;
          let x0 = Math.floor(fx);
          let y0 = Math.floor(fy);
          const tx = fx - x0;
          const ty = fy - y0;
          let x1 = x0 + 1;
          let y1 = y0 + 1;
          if (x0 < 0) x0 = x1 = 0;
          else if (x0 >= w1) x0 = x1 = w1;
          if (y0 < 0) y0 = y1 = 0;
          else if (y0 >= h1) y0 = y1 = h1;
          const i00 = (y0 * sw + x0) * 3;
          const i10 = (y0 * sw + x1) * 3;
          const i01 = (y1 * sw + x0) * 3;
          const i11 = (y1 * sw + x1) * 3;
          const w00 = (1 - tx) * (1 - ty), w10 = tx * (1 - ty), w01 = (1 - tx) * ty, w11 = tx * ty;
          r += w00 * lut[d[i00]] + w10 * lut[d[i10]] + w01 * lut[d[i01]] + w11 * lut[d[i11]];
          gg += w00 * lut[d[i00 + 1]] + w10 * lut[d[i10 + 1]] + w01 * lut[d[i01 + 1]] + w11 * lut[d[i11 + 1]];
          bb += w00 * lut[d[i00 + 2]] + w10 * lut[d[i10 + 2]] + w01 * lut[d[i01 + 2]] + w11 * lut[d[i11 + 2]];
        }
      }
      out[o++] = r * inv;
      out[o++] = gg * inv;
      out[o++] = bb * inv;
    }
  }
}

/** Normalised source coordinates (x, y pairs) of the centres of output rows [ya, yb). */
export function sourceCoordRows(g: Geometry, sw: number, sh: number, width: number, ya: number, yb: number, out: Float32Array): void {
  const [m0, m1, m2, m3, m4, m5] = g.m;
  const iw = 1 / sw;
  const ih = 1 / sh;
  let o = 0;
  for (let y = ya; y < yb; y++) {
    const bx = m1 * (y + 0.5) + m2;
    const by = m4 * (y + 0.5) + m5;
    for (let x = 0; x < width; x++) {
      out[o++] = (m0 * (x + 0.5) + bx) * iw;
      out[o++] = (m3 * (x + 0.5) + by) * ih;
    }
  }
}
