/**
 * Horizon tilt: a Hough transform restricted to edge pixels whose local orientation is near
 * horizontal (or near vertical, for architecture), each voting only within a few degrees of
 * its own orientation. The strongest long straight line gives the tilt. Pure.
 */
import type { Gradients } from './detail.ts';

export interface TiltEstimate {
  /**
   * Degrees the scene is rotated, counter-clockwise as seen on screen: a horizon that rises to
   * the right gives a positive tilt. Rotating the image clockwise by this much levels it.
   */
  degrees: number;
  /** 0..1: how much of the frame the line spans (and how clear it is). */
  confidence: number;
  source: 'horizon' | 'verticals' | 'none';
}

const RANGE = 20; // degrees either side searched
const STEP = 0.2;
const WINDOW = 4; // degrees around each pixel's own orientation it votes for
const DEG = Math.PI / 180;

interface Peak {
  angle: number; // line angle in image coordinates (y down), degrees from the reference axis
  votes: number;
}

/**
 * One Hough search. `vertical` false: lines near the x axis; true: near the y axis (the angle is
 * then the deviation from vertical, measured the same way).
 */
function houghPeak(g: Gradients, vertical: boolean): Peak | null {
  const { width: w, height: h, gx, gy, mag } = g;
  const thr = Math.max(6, g.p90);
  const nA = Math.round((2 * RANGE) / STEP) + 1;
  const span = vertical ? w : h;
  const other = vertical ? h : w;
  const rhoOff = Math.ceil(other * Math.sin(RANGE * DEG)) + 2;
  const nR = span + 2 * rhoOff;
  const acc = new Float32Array(nA * nR);
  const sinT = new Float32Array(nA);
  const cosT = new Float32Array(nA);
  for (let k = 0; k < nA; k++) {
    const a = (-RANGE + k * STEP) * DEG;
    sinT[k] = Math.sin(a);
    cosT[k] = Math.cos(a);
  }
  const win = Math.round(WINDOW / STEP);
  for (let y = 1; y < h - 1; y++)
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const m = mag[i];
      if (m < thr) continue;
      // Edge direction is perpendicular to the gradient.
      // In the (u, v) frame (u along the searched axis), the gradient is (gu, gv).
      let ang = Math.atan2(vertical ? gx[i] : gy[i], vertical ? gy[i] : gx[i]) / DEG - 90;
      // Fold to (−90, 90].
      while (ang <= -90) ang += 180;
      while (ang > 90) ang -= 180;
      if (Math.abs(ang) > RANGE + WINDOW) continue;
      const kc = Math.round((ang + RANGE) / STEP);
      const k0 = Math.max(0, kc - win), k1 = Math.min(nA - 1, kc + win);
      const u = vertical ? y : x; // along the line
      const v = vertical ? x : y; // across
      for (let k = k0; k <= k1; k++) {
        // Line at angle a through (u, v): rho = v·cos a − u·sin a.
        const rho = Math.round(v * cosT[k] - u * sinT[k]) + rhoOff;
        if (rho >= 0 && rho < nR) acc[k * nR + rho] += 1;
      }
    }
  let best = -1, bestV = 0;
  for (let k = 0; k < nA; k++)
    for (let r = 1; r < nR - 1; r++) {
      const v = acc[k * nR + r - 1] + acc[k * nR + r] + acc[k * nR + r + 1];
      if (v > bestV) {
        bestV = v;
        best = k * nR + r;
      }
    }
  if (best < 0) return null;
  const kb = Math.floor(best / nR), rb = best % nR;
  // Sub-step refinement: vote-weighted mean angle over neighbouring angles at the same rho band.
  let sw = 0, sa = 0;
  for (let k = Math.max(0, kb - 3); k <= Math.min(nA - 1, kb + 3); k++) {
    let v = 0;
    for (let r = Math.max(0, rb - 1); r <= Math.min(nR - 1, rb + 1); r++) v = Math.max(v, acc[k * nR + r]);
    const wv = v * v;
    sw += wv;
    sa += wv * (-RANGE + k * STEP);
  }
  // A sharp step edge has about two pixels of gradient across it: votes / 2 ≈ line length.
  return { angle: sa / sw, votes: bestV / 2 };
}

export function estimateTilt(g: Gradients): TiltEstimate {
  const hz = houghPeak(g, false);
  const hzConf = hz ? Math.min(1, hz.votes / (g.width * 0.8)) : 0;
  if (hz && hzConf >= 0.35) {
    // Image y grows downwards: a line with positive angle falls to the right on screen.
    return { degrees: round1(-hz.angle), confidence: round2(hzConf), source: 'horizon' };
  }
  const vt = houghPeak(g, true);
  const vtConf = vt ? Math.min(1, vt.votes / (g.height * 0.8)) * 0.8 : 0;
  if (vt && vtConf >= 0.3 && vtConf > hzConf) {
    // In the (y, x) frame a positive angle leans the top of a vertical to the left, which is
    // what a counter-clockwise rotation does.
    return { degrees: round1(vt.angle), confidence: round2(vtConf), source: 'verticals' };
  }
  if (hz && hzConf >= 0.2) return { degrees: round1(-hz.angle), confidence: round2(hzConf), source: 'horizon' };
  return { degrees: 0, confidence: 0, source: 'none' };
}

function round1(v: number): number {
  return Math.round(v * 10) / 10 || 0;
}
function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
