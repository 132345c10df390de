/**
 * Point tone curve (Lightroom's Tone Curve ▸ Point Curve, master + Red/Green/Blue), in display
 * space.
 *
 * Each curve is a monotone cubic (Fritsch–Carlson) through its control points (x, y in 0..1),
 * flat outside the first and last points. Monotone points give a monotone, smooth curve with no
 * overshoot. The master curve applies first to every channel, then each channel's own curve:
 * out_R = red(master(R)), etc. Both are folded at prepare time into one 3-channel, 4096-entry
 * table (linear interpolation). Values above 1 keep their headroom (slope 1 past white).
 */
import type { CurvePoints, OpDeclaration, PrepareContext, Strip } from '../types.ts';
import { LUT_SIZE, cleanPoints, monotoneCubic } from '../../pixel/lut.ts';
import { curveLink } from './curve.link.ts';

export interface PointCurveParams {
  [k: string]: CurvePoints;
  master: CurvePoints;
  red: CurvePoints;
  green: CurvePoints;
  blue: CurvePoints;
}

export interface PointCurvePrepared {
  /** Interleaved RGB table: entry i holds the three channel outputs for input i / (N − 1). */
  lut: Float32Array;
}

const IDENTITY: CurvePoints = [
  [0, 0],
  [1, 1],
];

/** Whether a curve is the diagonal (every control point on y = x, spanning 0..1). */
export function isIdentityCurve(points: CurvePoints | undefined): boolean {
  if (!points || points.length < 2) return true;
  const p = cleanPoints(points);
  return p[0][0] < 1e-6 && p[p.length - 1][0] > 1 - 1e-6 && p.every((q) => Math.abs(q[1] - q[0]) < 1e-6);
}

export function preparePointCurve(p: PointCurveParams, _ctx?: PrepareContext): PointCurvePrepared {
  const master = monotoneCubic(p.master ?? IDENTITY);
  const ch = [p.red, p.green, p.blue].map((c) => monotoneCubic(c ?? IDENTITY));
  const n = LUT_SIZE;
  const lut = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    const m = master(i / (n - 1));
    for (let c = 0; c < 3; c++) lut[i * 3 + c] = ch[c](m);
  }
  return { lut };
}

export function pointCurveCpu(strip: Strip, prep: PointCurvePrepared): void {
  const d = strip.data;
  const lut = prep.lut;
  const n1 = lut.length / 3 - 1;
  const len = strip.width * strip.rows * 3;
  for (let i = 0; i < len; i += 3) {
    for (let c = 0; c < 3; c++) {
      const x = d[i + c];
      if (x >= 1) d[i + c] = lut[n1 * 3 + c] + (x - 1);
      else if (!(x > 0)) d[i + c] = lut[c];
      else {
        const f = x * n1;
        const j = f | 0;
        const a = lut[j * 3 + c];
        d[i + c] = a + (lut[j * 3 + 3 + c] - a) * (f - j);
      }
    }
  }
}

const glslSource = /* glsl */ `
uniform sampler2D u_pointCurve_lut;
vec3 pointCurve_at(float x) {
  return x >= 1.0 ? lut3(u_pointCurve_lut, 1.0) + (x - 1.0) : lut3(u_pointCurve_lut, max(x, 0.0));
}
vec3 op_pointCurve(vec3 c) {
  return vec3(pointCurve_at(c.r).r, pointCurve_at(c.g).g, pointCurve_at(c.b).b);
}
`;

const curve = (label: string, description: string) => ({ kind: 'curve' as const, label, description, default: IDENTITY });

export const pointCurveOp: OpDeclaration<PointCurveParams, PointCurvePrepared> = {
  id: 'pointCurve',
  version: 1,
  label: 'Point Curve',
  group: 'toneCurve',
  description:
    'Tone curve through control points (input x → output y, 0..1) for all channels and for red, green and blue separately; above the diagonal brightens, below darkens.',
  params: {
    master: curve('Curve', 'Control points [x, y] (0..1) applied to all channels: y above x brightens those tones, an S shape adds contrast; [[0,0],[1,1]] is neutral.'),
    red: curve('Red', 'Red-channel control points [x, y] (0..1): y above x adds red to those tones, below adds cyan.'),
    green: curve('Green', 'Green-channel control points [x, y] (0..1): y above x adds green to those tones, below adds magenta.'),
    blue: curve('Blue', 'Blue-channel control points [x, y] (0..1): y above x adds blue to those tones, below adds yellow.'),
  },
  xmp: [
    { param: 'master', key: 'crs:ToneCurvePV2012' },
    { param: 'red', key: 'crs:ToneCurvePV2012Red' },
    { param: 'green', key: 'crs:ToneCurvePV2012Green' },
    { param: 'blue', key: 'crs:ToneCurvePV2012Blue' },
  ],
  isIdentity: (p) => isIdentityCurve(p.master) && isIdentityCurve(p.red) && isIdentityCurve(p.green) && isIdentityCurve(p.blue),
  maths: {
    space: 'display',
    prepare: preparePointCurve,
    cpu: pointCurveCpu,
    link: (strip, prep, k) => curveLink(strip, prep.lut, 3, k),
    glsl: { source: glslSource, uniforms: (prep) => ({ lut: { lut: (prep as PointCurvePrepared).lut, channels: 3 } }) },
  },
};
