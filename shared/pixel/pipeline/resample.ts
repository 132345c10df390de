/**
 * Shrinking without rotation (previews, `--long-edge` exports): an exact box filter — each
 * output pixel is the area-weighted mean, in linear light, of the source pixels its footprint
 * covers (partial pixels at the footprint's edges weighted by coverage, edges replicated).
 * Separable tables per output column and row, so the cost is (taps+1)² reads per output
 * pixel with no per-tap coordinate maths. Handles flips and quarter turns (axes swapped).
 */
import type { Geometry, SourceImage } from './types.ts';

/** Whether the map is axis-aligned (no straighten): x→x, y→y or x→y, y→x. */
export function isAxisAligned(g: Geometry): boolean {
  const [m0, m1, , m3, m4] = g.m;
  return (Math.abs(m1) < 1e-12 && Math.abs(m3) < 1e-12) || (Math.abs(m0) < 1e-12 && Math.abs(m4) < 1e-12);
}

interface Taps {
  /** n entries per output index: source offsets (in array elements) and weights. */
  off: Int32Array;
  w: Float32Array;
  n: number;
}

/**
 * Box-filter taps along one output axis: output index p covers source coordinate
 * [k·p + c, k·(p+1) + c) (sorted) on a source axis of `len` pixels whose stride is `stride`.
 */
function boxTaps(count: number, first: number, k: number, c: number, len: number, stride: number): Taps {
  const span = Math.abs(k);
  const n = Math.ceil(span) + 1;
  const off = new Int32Array(count * n);
  const w = new Float32Array(count * n);
  for (let q = 0; q < count; q++) {
    const p = first + q;
    const a = k * p + c;
    const b = k * (p + 1) + c;
    const s0 = Math.min(a, b);
    const s1 = Math.max(a, b);
    const i0 = Math.floor(s0);
    let t = 0;
    for (let j = 0; j < n; j++) {
      const i = i0 + j;
      const cover = Math.max(0, Math.min(s1, i + 1) - Math.max(s0, i));
      off[q * n + j] = (i < 0 ? 0 : i >= len ? len - 1 : i) * stride;
      w[q * n + j] = cover;
      t += cover;
    }
    for (let j = 0; j < n; j++) w[q * n + j] = t > 0 ? w[q * n + j] / t : 1 / n;
  }
  return { off, w, n };
}

export function sampleArea(g: Geometry, src: SourceImage, lut: Float32Array, width: number, ya: number, yb: number, out: Float32Array): void {
  const [m0, m1, m2, m3, m4, m5] = g.m;
  const sw = src.width;
  const sh = src.height;
  const swapped = Math.abs(m0) < 1e-12;
  // Output x drives source x (or source y when swapped); output y drives the other axis.
  const cols = swapped ? boxTaps(width, 0, m3, m5, sh, sw * 3) : boxTaps(width, 0, m0, m2, sw, 3);
  const rows = swapped ? boxTaps(yb - ya, ya, m1, m2, sw, 3) : boxTaps(yb - ya, ya, m4, m5, sh, sw * 3);
  const d = src.data;
  const cn = cols.n;
  const rn = rows.n;
  let o = 0;
  for (let y = 0; y < yb - ya; y++) {
    for (let x = 0; x < width; x++) {
      let r = 0, gg = 0, b = 0;
      for (let j = 0; j < rn; j++) {
        const wy = rows.w[y * rn + j];
        if (wy === 0) continue;
        const base = rows.off[y * rn + j];
        let rr = 0, rg = 0, rb = 0;
        for (let i = 0; i < cn; i++) {
          const wx = cols.w[x * cn + i];
          const k = base + cols.off[x * cn + i];
          rr += wx * lut[d[k]];
          rg += wx * lut[d[k + 1]];
          rb += wx * lut[d[k + 2]];
        }
        r += wy * rr;
        gg += wy * rg;
        b += wy * rb;
      }
      out[o++] = r;
      out[o++] = gg;
      out[o++] = b;
    }
  }
}
