/**
 * Utilities for guide authors (see ./index.ts): a small linear-light copy of the source, an
 * O(1)-per-pixel box blur, a guided filter, and the bilinear sampler every consumer uses.
 *
 * Sampling convention (CPU and shader identical): texel i of a map w texels wide has its centre
 * at normalised coordinate (i + 0.5) / w; a normalised coordinate u reads texel position
 * u·w − 0.5, clamped to [0, w − 1], linearly interpolated between the two neighbours — exactly
 * WebGL's LINEAR filtering with CLAMP_TO_EDGE on a texture of the map's size. Coordinates are
 * normalised coordinates of the uncropped, oriented source.
 */
import { LUMA_B, LUMA_G, LUMA_R, decodeLut } from '../transfer.ts';
import type { GuideMap, SourceImage } from '../pipeline/types.ts';
import { boxBlurKernel, guidedFilterKernel } from './filters.kernel.ts';

export interface SmallLinear {
  width: number;
  height: number;
  /** Linear relative luminance, width × height. */
  lum: Float32Array;
  /** Linear RGB, width × height × 3. */
  rgb: Float32Array;
}

/** Size of the downsampled map for a source, longest side ≤ maxDim (never larger than the source). */
export function smallSize(width: number, height: number, maxDim: number): { width: number; height: number } {
  const k = Math.min(1, maxDim / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * k)), height: Math.max(1, Math.round(height * k)) };
}

/**
 * Area-average the source in linear light down to a map whose longest side is ≤ maxDim.
 * Source pixel (x, y) contributes to texel (⌊x·w/W⌋, ⌊y·h/H⌋), so each texel is the mean of the
 * source pixels whose centres fall in its footprint (exact area average for integer ratios).
 */
export function downsampleLinear(src: SourceImage, maxDim = 512): SmallLinear {
  const { width: w, height: h } = smallSize(src.width, src.height, maxDim);
  const W = src.width;
  const H = src.height;
  const lut = decodeLut(src.bits);
  const d = src.data;
  const acc = new Float32Array(w * 3);
  const colOf = new Int32Array(W);
  const colCount = new Float64Array(w);
  for (let x = 0; x < W; x++) {
    colOf[x] = Math.min(w - 1, Math.floor(((x + 0.5) * w) / W)) * 3;
    colCount[colOf[x] / 3]++;
  }
  const rgb = new Float32Array(w * h * 3);
  const lum = new Float32Array(w * h);
  let row = 0;
  let rowsInBand = 0;
  for (let y = 0; y <= H; y++) {
    const r = y < H ? Math.min(h - 1, Math.floor(((y + 0.5) * h) / H)) : h;
    if (r !== row) {
      for (let i = 0; i < w; i++) {
        const inv = 1 / (colCount[i] * rowsInBand || 1);
        const o = (row * w + i) * 3;
        rgb[o] = acc[3 * i] * inv;
        rgb[o + 1] = acc[3 * i + 1] * inv;
        rgb[o + 2] = acc[3 * i + 2] * inv;
        lum[row * w + i] = LUMA_R * rgb[o] + LUMA_G * rgb[o + 1] + LUMA_B * rgb[o + 2];
      }
      acc.fill(0);
      rowsInBand = 0;
      row = r;
      if (y === H) break;
    }
    rowsInBand++;
    let i = y * W * 3;
    for (let x = 0; x < W; x++, i += 3) {
      const c = colOf[x];
      acc[c] += lut[d[i]];
      acc[c + 1] += lut[d[i + 1]];
      acc[c + 2] += lut[d[i + 2]];
    }
  }
  return { width: w, height: h, lum, rgb };
}

/**
 * Separable box blur of a single-channel map (mean over a (2r+1)² window, edges replicated),
 * O(1) per pixel whatever the radius. Returns `out` (a new array unless given; may not alias src).
 */
export function boxBlur(src: Float32Array, w: number, h: number, radius: number, out?: Float32Array): Float32Array {
  const r = Math.max(0, Math.floor(radius));
  const dst = out ?? new Float32Array(w * h);
  if (r > 0 && boxBlurKernel(src, w, h, r, dst)) return dst;
  if (r === 0) {
    dst.set(src.subarray(0, w * h));
    return dst;
  }
  const tmp = new Float32Array(w * h);
  const line = new Float64Array(Math.max(w, h));
  const inv = 1 / (2 * r + 1);
  // Horizontal pass: src → tmp.
  for (let y = 0; y < h; y++) {
    const o = y * w;
    runningMean(src, o, 1, w, r, inv, line);
    for (let x = 0; x < w; x++) tmp[o + x] = line[x];
  }
  // Vertical pass: tmp → dst, all columns at once (row-wise memory order). Each column's sum
  // sees the same additions in the same order as a per-column running mean: same bits.
  const last = h - 1;
  const sums = new Float64Array(w);
  for (let i = -r; i <= r; i++) {
    const o = (i < 0 ? 0 : i > last ? last : i) * w;
    for (let x = 0; x < w; x++) sums[x] += tmp[o + x];
  }
  for (let y = 0; y < h; y++) {
    const o = y * w;
    for (let x = 0; x < w; x++) dst[o + x] = sums[x] * inv;
    const add = y + r + 1;
    const sub = y - r;
    const oa = (add > last ? last : add) * w;
    const os = (sub < 0 ? 0 : sub) * w;
    for (let x = 0; x < w; x++) sums[x] += tmp[oa + x] - tmp[os + x];
  }
  return dst;
}

/** Running mean along one line (start, stride, n samples), edges replicated, into line[0..n). */
function runningMean(a: Float32Array, start: number, stride: number, n: number, r: number, inv: number, line: Float64Array): void {
  const last = n - 1;
  let s = 0;
  for (let i = -r; i <= r; i++) s += a[start + (i < 0 ? 0 : i > last ? last : i) * stride];
  for (let i = 0; i < n; i++) {
    line[i] = s * inv;
    const add = i + r + 1;
    const sub = i - r;
    s += a[start + (add > last ? last : add) * stride] - a[start + (sub < 0 ? 0 : sub) * stride];
  }
}

/**
 * Guided filter (He, Sun, Tang 2013), box-filter form, single channel: guide I, input p,
 * window radius r (texels), regulariser eps. Returns the smoothed coefficient maps A, B so
 * that the filtered output is q = A·I + B (evaluate it at full resolution with A and B
 * bilinearly upsampled and the full-resolution I: the "fast guided filter").
 */
export function guidedFilter(I: Float32Array, p: Float32Array, w: number, h: number, r: number, eps: number): { a: Float32Array; b: Float32Array } {
  const onKernels = guidedFilterKernel(I, p, w, h, Math.max(0, Math.floor(r)), eps);
  if (onKernels) return onKernels;
  const n = w * h;
  const ip = new Float32Array(n);
  const ii = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    ip[i] = I[i] * p[i];
    ii[i] = I[i] * I[i];
  }
  // Self-guided (p = I, the luminance bases): meanP = meanI and corrIp = corrI, blurred once.
  const self = I === p;
  const meanI = boxBlur(I, w, h, r);
  const meanP = self ? meanI.slice() : boxBlur(p, w, h, r);
  const corrI = boxBlur(ii, w, h, r);
  const corrIp = self ? corrI : boxBlur(ip, w, h, r);
  const a = ip; // reuse
  const b = ii;
  for (let i = 0; i < n; i++) {
    const varI = Math.max(0, corrI[i] - meanI[i] * meanI[i]);
    const cov = corrIp[i] - meanI[i] * meanP[i];
    a[i] = cov / (varI + eps);
    b[i] = meanP[i] - a[i] * meanI[i];
  }
  return { a: boxBlur(a, w, h, r, meanI), b: boxBlur(b, w, h, r, meanP) };
}

/** Interleave single-channel maps of equal size into one multi-channel GuideMap. */
export function packGuide(width: number, height: number, channels: readonly Float32Array[]): GuideMap {
  const c = channels.length;
  const data = new Float32Array(width * height * c);
  for (let k = 0; k < c; k++) {
    const ch = channels[k];
    for (let i = 0, o = k; i < width * height; i++, o += c) data[o] = ch[i];
  }
  return { width, height, channels: c, data };
}

/**
 * Bilinearly sample a guide at n normalised coordinates (x, y pairs in `coords`), writing
 * n × channels floats to `out` (the convention in the header).
 */
export function sampleGuide(g: GuideMap, coords: Float32Array, n: number, out: Float32Array): void {
  const { width: gw, height: gh, channels: ch, data } = g;
  const w1 = gw - 1;
  const h1 = gh - 1;
  for (let i = 0, o = 0; i < n; i++, o += ch) {
    let gx = coords[2 * i] * gw - 0.5;
    let gy = coords[2 * i + 1] * gh - 0.5;
    gx = gx > 0 ? (gx < w1 ? gx : w1) : 0;
    gy = gy > 0 ? (gy < h1 ? gy : h1) : 0;
    const x0 = gx | 0;
    const y0 = gy | 0;
    const x1 = x0 < w1 ? x0 + 1 : w1;
    const y1 = y0 < h1 ? y0 + 1 : h1;
    const tx = gx - x0;
    const ty = gy - y0;
    const i00 = (y0 * gw + x0) * ch;
    const i10 = (y0 * gw + x1) * ch;
    const i01 = (y1 * gw + x0) * ch;
    const i11 = (y1 * gw + x1) * ch;
    for (let c = 0; c < ch; c++) {
      // Vertical first, then horizontal (sampleGuideGrid does the vertical step once per row).
      const left = data[i00 + c] + (data[i01 + c] - data[i00 + c]) * ty;
      const right = data[i10 + c] + (data[i11 + c] - data[i10 + c]) * ty;
      out[o + c] = left + (right - left) * tx;
    }
  }
}

/** One bilinear sample (channel c) at normalised (u, v); same convention as sampleGuide. */
export function sampleGuideAt(g: GuideMap, u: number, v: number, c = 0): number {
  const out = new Float32Array(g.channels);
  sampleGuide(g, Float32Array.of(u, v), 1, out);
  return out[c];
}

/**
 * sampleGuide for an axis-aligned grid of coordinates: `coords` holds `rows` rows of `width`
 * (x, y) pairs where x depends on the column only and y on the row only (no rotation). Same
 * formulas as sampleGuide, so the same values to the bit, with the per-column work done once.
 */
export function sampleGuideGrid(g: GuideMap, coords: Float32Array, width: number, rows: number, out: Float32Array): void {
  const { width: gw, height: gh, channels: ch, data } = g;
  const w1 = gw - 1;
  const h1 = gh - 1;
  const c0 = new Int32Array(width);
  const c1 = new Int32Array(width);
  const ct = new Float64Array(width);
  for (let x = 0; x < width; x++) {
    let gx = coords[2 * x] * gw - 0.5;
    gx = gx > 0 ? (gx < w1 ? gx : w1) : 0;
    const x0 = gx | 0;
    c0[x] = x0 * ch;
    c1[x] = (x0 < w1 ? x0 + 1 : w1) * ch;
    ct[x] = gx - x0;
  }
  // One guide row interpolated vertically per output row (the same float64 sums as sampleGuide).
  const line = new Float64Array(gw * ch);
  for (let r = 0, o = 0; r < rows; r++) {
    let gy = coords[2 * r * width + 1] * gh - 0.5;
    gy = gy > 0 ? (gy < h1 ? gy : h1) : 0;
    const y0 = gy | 0;
    const ty = gy - y0;
    const top = y0 * gw * ch;
    const bot = (y0 < h1 ? y0 + 1 : h1) * gw * ch;
    if (r === 0 || coords[2 * r * width + 1] !== coords[2 * (r - 1) * width + 1])
      for (let i = 0; i < gw * ch; i++) line[i] = data[top + i] + (data[bot + i] - data[top + i]) * ty;
    if (ch === 2) {
      for (let x = 0; x < width; x++, o += 2) {
        const tx = ct[x];
        const a = c0[x];
        const b = c1[x];
        const l0 = line[a];
        const l1 = line[a + 1];
        out[o] = l0 + (line[b] - l0) * tx;
        out[o + 1] = l1 + (line[b + 1] - l1) * tx;
      }
    } else {
      for (let x = 0; x < width; x++, o += ch) {
        const tx = ct[x];
        for (let c = 0; c < ch; c++) {
          const l = line[c0[x] + c];
          out[o + c] = l + (line[c1[x] + c] - l) * tx;
        }
      }
    }
  }
}
