/**
 * Post-crop vignette (Lightroom's Effects ▸ Vignetting, Highlight Priority style), in display
 * space and OUTPUT coordinates (after crop), so it follows the crop.
 *
 * Shape: with u, v ∈ [−1, 1] the pixel centre relative to the frame centre, q = |u·sx|^p + |v·sy|^p
 * and distance d = q^(1/p). Roundness 0 is the ellipse fitting the frame (p = 2, sx = sy = 1);
 * towards +100 it becomes a circle (sx, sy → width, height / longer side); towards −100 a
 * rounded rectangle (p → 8). Falloff v(d) = smoothstep(c − w/2, c + w/2, d) with centre
 * c = 0.35 + 0.9·Midpoint/100 and width w = 0.02 + 1.1·Feather/100 (Feather 0 is a hard edge).
 * Amount < 0 darkens like an exposure change of up to −2.5 EV at full strength (display gain
 * 2^(2.5·a·v / 2.2)), and Highlights keeps bright areas bright (the gain fades to 1 as luma goes
 * from 0.5 to 1, by Highlights/100). Amount > 0 brightens by up to +1.5 EV with a soft shoulder
 * x·g / (1 + (g − 1)·x) that never clips.
 * The gain is tabulated over q (1024 entries); per pixel only a column table, a per-row term and
 * one table read are needed.
 */
import type { OpDeclaration, PrepareContext, Strip } from '../types.ts';
import { smoothstep } from '../../pixel/lut.ts';
import { vignetteLink } from './vignette.link.ts';

export interface VignetteParams {
  [k: string]: number;
  amount: number;
  midpoint: number;
  roundness: number;
  feather: number;
  highlights: number;
}

export interface VignettePrepared {
  amount: number;
  highlights: number;
  p: number;
  sx: number;
  sy: number;
  qMax: number;
  /** Gain over q ∈ [0, qMax]. */
  gain: Float32Array;
  /** |u·sx|^p per output column, for `colWidth` columns (rebuilt if the strip differs). */
  col: Float32Array;
  colWidth: number;
}

const N = 1024;

function columnTable(width: number, sx: number, p: number): Float32Array {
  const col = new Float32Array(width);
  for (let x = 0; x < width; x++) col[x] = Math.pow(Math.abs((((x + 0.5) / width) * 2 - 1) * sx), p);
  return col;
}

export function prepareVignette(prm: VignetteParams, ctx: PrepareContext): VignettePrepared {
  const num = (v: number, lo: number, hi: number, def: number) => (Number.isFinite(v) ? Math.max(lo, Math.min(hi, v)) : def);
  const a = num(prm.amount, -100, 100, 0) / 100;
  const m = num(prm.midpoint, 0, 100, 50) / 100;
  const r = num(prm.roundness, -100, 100, 0) / 100;
  const f = num(prm.feather, 0, 100, 50) / 100;
  const W = Math.max(1, ctx.width);
  const H = Math.max(1, ctx.height);
  const long = Math.max(W, H);
  const sx = r > 0 ? 1 + r * (W / long - 1) : 1;
  const sy = r > 0 ? 1 + r * (H / long - 1) : 1;
  const p = r < 0 ? 2 - 6 * r : 2;
  const qMax = Math.pow(sx, p) + Math.pow(sy, p);
  const c = 0.35 + 0.9 * m;
  const w = 0.02 + 1.1 * f;
  const gain = new Float32Array(N);
  for (let i = 0; i < N; i++) {
    const d = Math.pow((i / (N - 1)) * qMax, 1 / p);
    const v = smoothstep(c - w / 2, c + w / 2, d);
    gain[i] = a < 0 ? Math.pow(2, (2.5 * a * v) / 2.2) : Math.pow(2, 1.5 * a * v);
  }
  return { amount: a, highlights: num(prm.highlights, 0, 100, 0) / 100, p, sx, sy, qMax, gain, col: columnTable(W, sx, p), colWidth: W };
}

/** The column table for an output `width` (rebuilt in the prepared state when the width differs). */
export function vignetteColumns(prep: VignettePrepared, width: number): Float32Array {
  if (prep.colWidth !== width || prep.col.length !== width) {
    prep.col = columnTable(width, prep.sx, prep.p);
    prep.colWidth = width;
  }
  return prep.col;
}

/** |v·sy|^p of the strip's row y (output coordinates). */
export function vignetteRowTerm(prep: VignettePrepared, strip: Pick<Strip, 'y0' | 'imageHeight'>, y: number): number {
  return Math.pow(Math.abs((((strip.y0 + y + 0.5) / strip.imageHeight) * 2 - 1) * prep.sy), prep.p);
}

export function vignetteCpu(strip: Strip, prep: VignettePrepared): void {
  if (prep.amount === 0) return;
  const col = vignetteColumns(prep, strip.imageWidth);
  const { gain, highlights } = prep;
  const n1 = gain.length - 1;
  const toIndex = n1 / prep.qMax;
  const darken = prep.amount < 0;
  const d = strip.data;
  const width = strip.width;
  for (let y = 0; y < strip.rows; y++) {
    const rowQ = vignetteRowTerm(prep, strip, y);
    let i = y * width * 3;
    for (let x = 0; x < width; x++, i += 3) {
      let f = (col[x] + rowQ) * toIndex;
      if (f > n1) f = n1;
      const j = f | 0;
      const g = j >= n1 ? gain[n1] : gain[j] + (gain[j + 1] - gain[j]) * (f - j);
      if (g === 1) continue;
      const r = d[i];
      const gg = d[i + 1];
      const b = d[i + 2];
      if (darken) {
        let k = g;
        if (highlights > 0) {
          const luma = 0.2126 * r + 0.7152 * gg + 0.0722 * b;
          const t = luma <= 0.5 ? 0 : luma >= 1 ? 1 : (luma - 0.5) * 2;
          k = g + (1 - g) * highlights * t * t * (3 - 2 * t);
        }
        d[i] = r * k;
        d[i + 1] = gg * k;
        d[i + 2] = b * k;
      } else {
        const g1 = g - 1;
        d[i] = r < 1 ? (r * g) / (1 + g1 * r) : r;
        d[i + 1] = gg < 1 ? (gg * g) / (1 + g1 * gg) : gg;
        d[i + 2] = b < 1 ? (b * g) / (1 + g1 * b) : b;
      }
    }
  }
}

const glslSource = /* glsl */ `
uniform float u_vignette_amount;
uniform float u_vignette_highlights;
uniform float u_vignette_p;
uniform float u_vignette_sx;
uniform float u_vignette_sy;
uniform float u_vignette_qMax;
uniform sampler2D u_vignette_gain;
float vignette_shoulder(float x, float g) { return x < 1.0 ? x * g / (1.0 + (g - 1.0) * x) : x; }
vec3 op_vignette(vec3 c) {
  if (u_vignette_amount == 0.0) return c;
  vec2 uv = output_uv() * 2.0 - 1.0;
  float q = pow(abs(uv.x * u_vignette_sx), u_vignette_p) + pow(abs(uv.y * u_vignette_sy), u_vignette_p);
  float g = lut1(u_vignette_gain, min(q / u_vignette_qMax, 1.0));
  if (u_vignette_amount < 0.0) {
    float luma = dot(c, vec3(0.2126, 0.7152, 0.0722));
    float k = g + (1.0 - g) * u_vignette_highlights * smoothstep(0.5, 1.0, luma);
    return c * k;
  }
  return vec3(vignette_shoulder(c.r, g), vignette_shoulder(c.g, g), vignette_shoulder(c.b, g));
}
`;

export const vignetteOp: OpDeclaration<VignetteParams, VignettePrepared> = {
  id: 'vignette',
  version: 1,
  label: 'Post-Crop Vignette',
  group: 'effects',
  description: 'Darken (or lighten) the edges and corners of the cropped frame to draw the eye to the centre.',
  params: {
    amount: { kind: 'number', label: 'Amount', description: 'Negative darkens the edges and corners, positive lightens them; 0 is off.', min: -100, max: 100, default: 0, step: 1 },
    midpoint: { kind: 'number', label: 'Midpoint', description: 'Where the vignette starts: lower reaches further into the centre, higher keeps it to the corners.', min: 0, max: 100, default: 50, step: 1 },
    roundness: { kind: 'number', label: 'Roundness', description: 'Shape: negative is a rounded rectangle, 0 an ellipse fitting the frame, positive a circle.', min: -100, max: 100, default: 0, step: 1 },
    feather: { kind: 'number', label: 'Feather', description: 'Softness of the transition: 0 is a hard edge, higher is more gradual.', min: 0, max: 100, default: 50, step: 1 },
    highlights: { kind: 'number', label: 'Highlights', description: 'With a darkening vignette, keeps bright areas (lights, sky) in the corners bright: higher protects more.', min: 0, max: 100, default: 0, step: 1 },
  },
  xmp: [
    { param: 'amount', key: 'crs:PostCropVignetteAmount' },
    { param: 'midpoint', key: 'crs:PostCropVignetteMidpoint' },
    { param: 'roundness', key: 'crs:PostCropVignetteRoundness' },
    { param: 'feather', key: 'crs:PostCropVignetteFeather' },
    { param: 'highlights', key: 'crs:PostCropVignetteHighlightContrast' },
  ],
  isIdentity: (p) => p.amount === 0,
  maths: {
    space: 'display',
    prepare: prepareVignette,
    cpu: vignetteCpu,
    link: vignetteLink,
    glsl: {
      source: glslSource,
      uniforms: (prep) => {
        const p = prep as VignettePrepared;
        return { amount: p.amount, highlights: p.highlights, p: p.p, sx: p.sx, sy: p.sy, qMax: p.qMax, gain: { lut: p.gain, channels: 1 } };
      },
    },
  },
};
