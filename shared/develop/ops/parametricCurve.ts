/**
 * Parametric tone curve (Lightroom's Tone Curve ▸ Parametric), in display space.
 *
 * The three splits cut the tonal range into four regions: shadows [0, s1], darks [s1, s2],
 * lights [s2, s3], highlights [s3, 1]. Each slider moves the curve up (+) or down (−) over its
 * region. The curve is a monotone cubic (Fritsch–Carlson) through the fixed end points (0, 0) and
 * (1, 1), one control point at the middle of each region raised by amount · 0.45 · region width
 * (so ±100 over the default 0.25 wide regions moves it ±0.11), and one at each split raised by the
 * mean of its two neighbours' offsets. Control points are kept strictly increasing, so the curve
 * is monotone and smooth for every setting. Splits are kept ordered at least 0.05 apart.
 *
 * Like Lightroom, the curve is applied to R, G and B separately (4096-entry table, linear
 * interpolation): raising contrast also raises saturation a little, as photographers expect from
 * a tone curve. Values above 1 keep their headroom (slope 1 past white).
 */
import type { OpDeclaration, PrepareContext, Strip } from '../types.ts';
import { LUT_SIZE, monotoneCubic, tabulate } from '../../pixel/lut.ts';
import { curveLink } from './curve.link.ts';

export interface ParametricCurveParams {
  [k: string]: number;
  shadows: number;
  darks: number;
  lights: number;
  highlights: number;
  shadowSplit: number;
  midtoneSplit: number;
  highlightSplit: number;
}

export interface ParametricCurvePrepared {
  lut: Float32Array;
}

const GAIN = 0.45;
const MIN_GAP = 0.05;

/** The curve's control points for a parameter set (exported for tests and the curve widget). */
export function parametricControlPoints(p: ParametricCurveParams): Array<[number, number]> {
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Number.isFinite(v) ? v : 0));
  const s1 = clamp(p.shadowSplit / 100, 0.1, 0.5);
  const s2 = clamp(p.midtoneSplit / 100, Math.max(0.25, s1 + MIN_GAP), 0.75);
  const s3 = clamp(p.highlightSplit / 100, Math.max(0.5, s2 + MIN_GAP), 0.9);
  const edges = [0, s1, Math.max(s2, s1 + MIN_GAP), Math.max(s3, s2 + MIN_GAP), 1];
  const amounts = [p.shadows, p.darks, p.lights, p.highlights].map((a) => clamp(a, -100, 100) / 100);
  const off = amounts.map((a, k) => a * GAIN * (edges[k + 1] - edges[k]));
  const pts: Array<[number, number]> = [[0, 0]];
  for (let k = 0; k < 4; k++) {
    const c = (edges[k] + edges[k + 1]) / 2;
    pts.push([c, c + off[k]]);
    if (k < 3) pts.push([edges[k + 1], edges[k + 1] + (off[k] + off[k + 1]) / 2]);
  }
  pts.push([1, 1]);
  // Strictly increasing y (a small minimum slope), from both ends so 0 and 1 stay fixed.
  for (let i = 1; i < pts.length - 1; i++) {
    const minY = pts[i - 1][1] + 0.02 * (pts[i][0] - pts[i - 1][0]);
    if (pts[i][1] < minY) pts[i][1] = minY;
  }
  for (let i = pts.length - 2; i >= 1; i--) {
    const maxY = pts[i + 1][1] - 0.02 * (pts[i + 1][0] - pts[i][0]);
    if (pts[i][1] > maxY) pts[i][1] = maxY;
  }
  return pts;
}

export function prepareParametricCurve(p: ParametricCurveParams, _ctx?: PrepareContext): ParametricCurvePrepared {
  return { lut: tabulate(monotoneCubic(parametricControlPoints(p)), LUT_SIZE) };
}

export function parametricCurveCpu(strip: Strip, prep: ParametricCurvePrepared): void {
  const d = strip.data;
  const lut = prep.lut;
  const n1 = lut.length - 1;
  const top = lut[n1];
  const base = lut[0];
  const len = strip.width * strip.rows * 3;
  for (let i = 0; i < len; i++) {
    const x = d[i];
    if (x >= 1) d[i] = top + (x - 1);
    else if (!(x > 0)) d[i] = base;
    else {
      const f = x * n1;
      const j = f | 0;
      d[i] = lut[j] + (lut[j + 1] - lut[j]) * (f - j);
    }
  }
}

const glslSource = /* glsl */ `
uniform sampler2D u_parametricCurve_lut;
float parametricCurve_at(float x) {
  return x >= 1.0 ? lut1(u_parametricCurve_lut, 1.0) + (x - 1.0) : lut1(u_parametricCurve_lut, max(x, 0.0));
}
vec3 op_parametricCurve(vec3 c) {
  return vec3(parametricCurve_at(c.r), parametricCurve_at(c.g), parametricCurve_at(c.b));
}
`;

const region = (name: string, which: string) =>
  `${name} region of the tone curve (${which}): positive brightens those tones, negative darkens them.`;

export const parametricCurveOp: OpDeclaration<ParametricCurveParams, ParametricCurvePrepared> = {
  id: 'parametricCurve',
  version: 1,
  label: 'Parametric Curve',
  group: 'toneCurve',
  description:
    'Region-based tone curve: lift or lower shadows, darks, lights and highlights separately (an S-curve adds contrast), with movable region splits.',
  params: {
    shadows: { kind: 'number', label: 'Shadows', description: region('Darkest', 'below the shadow split'), min: -100, max: 100, default: 0, step: 1 },
    darks: { kind: 'number', label: 'Darks', description: region('Lower-midtone', 'between shadow and midtone splits'), min: -100, max: 100, default: 0, step: 1 },
    lights: { kind: 'number', label: 'Lights', description: region('Upper-midtone', 'between midtone and highlight splits'), min: -100, max: 100, default: 0, step: 1 },
    highlights: { kind: 'number', label: 'Highlights', description: region('Brightest', 'above the highlight split'), min: -100, max: 100, default: 0, step: 1 },
    shadowSplit: { kind: 'number', label: 'Shadow Split', description: 'Tone (% of white) dividing the Shadows and Darks regions; higher widens Shadows.', min: 10, max: 50, default: 25, step: 1, unit: '%' },
    midtoneSplit: { kind: 'number', label: 'Midtone Split', description: 'Tone (% of white) dividing Darks from Lights; higher widens Darks.', min: 25, max: 75, default: 50, step: 1, unit: '%' },
    highlightSplit: { kind: 'number', label: 'Highlight Split', description: 'Tone (% of white) dividing Lights from Highlights; lower widens Highlights.', min: 50, max: 90, default: 75, step: 1, unit: '%' },
  },
  xmp: [
    { param: 'shadows', key: 'crs:ParametricShadows' },
    { param: 'darks', key: 'crs:ParametricDarks' },
    { param: 'lights', key: 'crs:ParametricLights' },
    { param: 'highlights', key: 'crs:ParametricHighlights' },
    { param: 'shadowSplit', key: 'crs:ParametricShadowSplit' },
    { param: 'midtoneSplit', key: 'crs:ParametricMidtoneSplit' },
    { param: 'highlightSplit', key: 'crs:ParametricHighlightSplit' },
  ],
  isIdentity: (p) => p.shadows === 0 && p.darks === 0 && p.lights === 0 && p.highlights === 0,
  maths: {
    space: 'display',
    prepare: prepareParametricCurve,
    cpu: parametricCurveCpu,
    link: (strip, prep, k) => curveLink(strip, prep.lut, 1, k),
    glsl: { source: glslSource, uniforms: (prep) => ({ lut: { lut: (prep as ParametricCurvePrepared).lut, channels: 1 } }) },
  },
};
