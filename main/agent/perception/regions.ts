/**
 * Likely regions by colour and position: sky (smooth blue or bright neutral pixels connected to
 * the top edge), skin (the CIELAB skin-tone wedge), foliage (Lab greens), and a subject guess.
 * Heuristics, not segmentation: each comes with its coverage so callers can judge. Pure.
 */
import type { Planes } from './image.ts';
import type { Gradients } from './detail.ts';

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface RegionFacts {
  /** Share of the image (0..1). */
  coverage: number;
  /** Normalised bounding box (5th–95th percentile of the region's pixels) and centroid. */
  box: Box;
  centroid: { x: number; y: number };
  meanLab: { L: number; a: number; b: number };
  meanLuma: number;
}

export interface SkyFacts extends RegionFacts {
  /** Where the sky ends: median over columns of its lower edge, as a fraction of the height. */
  line: number;
  /** The lower edge in the left and right thirds (for the mask and as a tilt hint). */
  lineLeft: number;
  lineRight: number;
}

export interface Regions {
  sky: SkyFacts | null;
  skin: RegionFacts | null;
  foliage: RegionFacts | null;
  /** The likely subject: faces/skin if present, else the detail-weighted centre of interest. */
  subject: { cx: number; cy: number; rx: number; ry: number; basis: 'skin' | 'detail' | 'centre' };
}

/** Per-pixel region membership (1 = in), same size as the preview: used by the critic. */
export interface RegionMaps {
  width: number;
  height: number;
  sky: Uint8Array;
  skin: Uint8Array;
  foliage: Uint8Array;
}

const MIN_COVERAGE = 0.02;
const TAN = (d: number): number => Math.tan((d * Math.PI) / 180);
const TAN22 = TAN(22), TAN72 = TAN(72), TAN10 = TAN(10), TAN85 = TAN(85);
const MIN_SKIN = 0.004;

function summarise(map: Uint8Array, pl: Planes, minCoverage: number): RegionFacts | null {
  const w = pl.width, h = pl.height;
  const colHist = new Uint32Array(w);
  const rowHist = new Uint32Array(h);
  let n = 0, sx = 0, sy = 0, sL = 0, sa = 0, sb = 0, sY = 0;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!map[i]) continue;
      n++;
      sx += x;
      sy += y;
      sL += pl.L[i];
      sa += pl.A[i];
      sb += pl.B[i];
      sY += pl.luma[i];
      colHist[x]++;
      rowHist[y]++;
    }
  if (n / (w * h) < minCoverage) return null;
  const q = (hist: Uint32Array, f: number): number => {
    let cum = 0;
    for (let i = 0; i < hist.length; i++) {
      cum += hist[i];
      if (cum >= f * n) return i;
    }
    return hist.length - 1;
  };
  return {
    coverage: n / (w * h),
    box: { x0: q(colHist, 0.05) / w, y0: q(rowHist, 0.05) / h, x1: (q(colHist, 0.95) + 1) / w, y1: (q(rowHist, 0.95) + 1) / h },
    centroid: { x: (sx / n + 0.5) / w, y: (sy / n + 0.5) / h },
    meanLab: { L: sL / n, a: sa / n, b: sb / n },
    meanLuma: sY / n,
  };
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function findRegions(pl: Planes, g: Gradients): { regions: Regions; maps: RegionMaps } {
  const w = pl.width, h = pl.height, n = w * h;
  const sky = new Uint8Array(n);
  const skin = new Uint8Array(n);
  const foliage = new Uint8Array(n);
  const smooth = Math.max(10, g.p90 * 0.6);
  // Sky candidates: smooth, and blue (b* < −4, modest a*) or bright and nearly neutral.
  const cand = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const L = pl.L[i], a = pl.A[i], b = pl.B[i], C = pl.C[i];
    const blue = b < -4 && (L > 30 || (b < -10 && L > 18)) && a > -30 && a < 20;
    const bright = L > 70 && C < 12;
    if ((blue || bright) && g.mag[i] < smooth) cand[i] = 1;
  }
  // Flood each column from the top, bridging short gaps (cloud edges, wires).
  const maxGap = Math.max(2, Math.round(h * 0.04));
  const limit = Math.floor(h * 0.9);
  const extents: number[] = [];
  const extentCol = new Float32Array(w);
  for (let x = 0; x < w; x++) {
    let last = -1, gap = 0;
    for (let y = 0; y < limit; y++) {
      if (cand[y * w + x]) {
        last = y;
        gap = 0;
      } else if (++gap > maxGap || last < 0) break;
    }
    extentCol[x] = last + 1;
    if (last >= 0) extents.push((last + 1) / h);
    for (let y = 0; y <= last; y++) if (cand[y * w + x]) sky[y * w + x] = 1;
  }
  for (let i = 0; i < n; i++) {
    if (sky[i]) continue;
    const L = pl.L[i], a = pl.A[i], b = pl.B[i], C = pl.C[i];
    // Hue-angle tests as slope tests (no atan2 per pixel): skin 22°..72°, foliage 95°..170°.
    if (L > 20 && L < 92 && a > 5 && a < 38 && b > 5 && b < 42 && C > 9 && C < 55 && b > a * TAN22 && b < a * TAN72) skin[i] = 1;
    if (C > 8 && L > 8 && L < 88 && a < -3 && b > -a * TAN10 && b < -a * TAN85) foliage[i] = 1;
  }
  const skyBase = summarise(sky, pl, MIN_COVERAGE);
  let skyFacts: SkyFacts | null = null;
  if (skyBase && extents.length > w * 0.3) {
    const third = Math.max(1, Math.floor(w / 3));
    const side = (from: number, to: number): number => {
      const v: number[] = [];
      for (let x = from; x < to; x++) v.push(extentCol[x] / h);
      return median(v);
    };
    skyFacts = { ...skyBase, line: median(extents), lineLeft: side(0, third), lineRight: side(w - third, w) };
  }
  const skinFacts = summarise(skin, pl, MIN_SKIN);
  const foliageFacts = summarise(foliage, pl, MIN_COVERAGE);
  return {
    regions: { sky: skyFacts, skin: skinFacts, foliage: foliageFacts, subject: subjectGuess(pl, g, sky, skinFacts) },
    maps: { width: w, height: h, sky: skyFacts ? sky : new Uint8Array(n), skin: skinFacts ? skin : new Uint8Array(n), foliage },
  };
}

function subjectGuess(pl: Planes, g: Gradients, sky: Uint8Array, skin: RegionFacts | null): Regions['subject'] {
  if (skin && skin.coverage > 0.01) {
    const rx = Math.min(0.45, Math.max(0.12, (skin.box.x1 - skin.box.x0) * 0.75));
    const ry = Math.min(0.45, Math.max(0.12, (skin.box.y1 - skin.box.y0) * 0.75));
    return { cx: skin.centroid.x, cy: skin.centroid.y, rx, ry, basis: 'skin' };
  }
  // Detail × centre prior over non-sky pixels: where the eye is likely to go.
  const w = pl.width, h = pl.height;
  let sw = 0, sx = 0, sy = 0;
  // The centre prior is separable: exp(−8(nx² + ny²)) = wx(x)·wy(y).
  const wx = new Float32Array(w);
  for (let x = 0; x < w; x++) wx[x] = Math.exp(-(((x + 0.5) / w - 0.5) ** 2) * 8);
  for (let y = 1; y < h - 1; y++) {
    const wy = Math.exp(-(((y + 0.5) / h - 0.5) ** 2) * 8);
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      if (sky[i]) continue;
      const wgt = Math.min(g.mag[i], 60) * wx[x] * wy * (0.5 + pl.C[i] / 60);
      sw += wgt;
      sx += wgt * (x + 0.5);
      sy += wgt * (y + 0.5);
    }
  }
  if (sw <= 0) return { cx: 0.5, cy: 0.5, rx: 0.3, ry: 0.3, basis: 'centre' };
  const cx = sx / sw / w, cy = sy / sw / h;
  // Pull towards the centre: a guess should not hug an edge.
  return { cx: 0.5 + (cx - 0.5) * 0.7, cy: 0.5 + (cy - 0.5) * 0.7, rx: 0.3, ry: 0.3, basis: 'detail' };
}
