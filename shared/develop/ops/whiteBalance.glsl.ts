/**
 * GLSL twin of the white balance kernel (./whiteBalance.ts). Global matrix as three row
 * uniforms (vec3); local temperature/tint read the LMS gain table through `lut3` at exact entry
 * centres (x = index / (N − 1)) and interpolate bilinearly, as the CPU does.
 */
import type { GlslSnippet } from '../types.ts';
import { KB, KG, KR, glf } from './linearMath.ts';
import { GRID_MAX, GRID_N, GRID_STEP, gainTable } from './whiteBalanceMaths.ts';
import type { WhiteBalancePrepared } from './whiteBalance.ts';

const source = () => /* glsl */ `
uniform float u_whiteBalance_temperature;
uniform float u_whiteBalance_tint;
uniform vec3 u_whiteBalance_m0;
uniform vec3 u_whiteBalance_m1;
uniform vec3 u_whiteBalance_m2;
uniform vec3 u_whiteBalance_l0;
uniform vec3 u_whiteBalance_l1;
uniform vec3 u_whiteBalance_l2;
uniform vec3 u_whiteBalance_f0;
uniform vec3 u_whiteBalance_f1;
uniform vec3 u_whiteBalance_f2;
uniform sampler2D u_whiteBalance_gains;

vec3 wb_gain_at(int i, int j) {
  return lut3(u_whiteBalance_gains, float(j * ${GRID_N} + i) / ${glf(GRID_N * GRID_N - 1)});
}

vec3 op_whiteBalance(vec3 c) {
  float dt = local_temperature();
  float dn = local_tint();
  vec3 o;
  if (dt == 0.0 && dn == 0.0) {
    o = vec3(dot(u_whiteBalance_m0, c), dot(u_whiteBalance_m1, c), dot(u_whiteBalance_m2, c));
  } else {
    float ft = (clamp(u_whiteBalance_temperature + dt, ${glf(-GRID_MAX)}, ${glf(GRID_MAX)}) + ${glf(GRID_MAX)}) / ${glf(GRID_STEP)};
    float fn = (clamp(u_whiteBalance_tint + dn, ${glf(-GRID_MAX)}, ${glf(GRID_MAX)}) + ${glf(GRID_MAX)}) / ${glf(GRID_STEP)};
    int it = min(${GRID_N - 2}, int(floor(ft)));
    int jn = min(${GRID_N - 2}, int(floor(fn)));
    float a = ft - float(it);
    float b = fn - float(jn);
    vec3 g = mix(mix(wb_gain_at(it, jn), wb_gain_at(it + 1, jn), a), mix(wb_gain_at(it, jn + 1), wb_gain_at(it + 1, jn + 1), a), b);
    vec3 lms = g * vec3(dot(u_whiteBalance_l0, c), dot(u_whiteBalance_l1, c), dot(u_whiteBalance_l2, c));
    o = vec3(dot(u_whiteBalance_f0, lms), dot(u_whiteBalance_f1, lms), dot(u_whiteBalance_f2, lms));
  }
  o = max(o, vec3(0.0));
  vec3 w = vec3(${KR}, ${KG}, ${KB});
  float y = dot(w, c);
  float y2 = dot(w, o);
  return (y2 > 1e-20 && y > 0.0) ? o * (y / y2) : vec3(0.0);
}
`;

function uniforms(prepared: unknown): ReturnType<GlslSnippet['uniforms']> {
  const p = prepared as WhiteBalancePrepared;
  const row = (m: number[], r: number) => m.slice(r * 3, r * 3 + 3);
  return {
    temperature: p.temperature,
    tint: p.tint,
    m0: row(p.m, 0),
    m1: row(p.m, 1),
    m2: row(p.m, 2),
    l0: row(p.toLms, 0),
    l1: row(p.toLms, 1),
    l2: row(p.toLms, 2),
    f0: row(p.fromLms, 0),
    f1: row(p.fromLms, 1),
    f2: row(p.fromLms, 2),
    gains: { lut: gainTable(), channels: 3 },
  };
}

/** Built on call (whiteBalance.ts calls it once its module is initialised). */
export function whiteBalanceGlsl(): GlslSnippet {
  return { source: source(), uniforms };
}
