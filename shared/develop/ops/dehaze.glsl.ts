/**
 * GLSL twin of the dehaze kernel (./dehaze.ts). Assumes the assembler's `guide_hazeDensity()`
 * (A in .x, B in .y), `guide_airlight()` (.xyz) and `local_dehaze()`.
 */
import type { GlslSnippet } from '../types.ts';
import { KB, KG, KR, glf } from './linearMath.ts';
import type { DehazePrepared } from './dehaze.ts';
import { ADD_STRENGTH, FLOOR, STRENGTH, T_MIN } from './dehaze.ts';

const source = () => /* glsl */ `
uniform float u_dehaze_amount;

vec3 dehaze_floor(vec3 v) {
  vec3 soft = vec3(${glf(FLOOR * FLOOR)}) / (vec3(${glf(2 * FLOOR)}) - min(v, vec3(${glf(FLOOR)})));
  return mix(soft, v, step(vec3(${glf(FLOOR)}), v));
}

vec3 op_dehaze(vec3 c) {
  float a = clamp(u_dehaze_amount + local_dehaze() * 0.01, -1.0, 1.0);
  if (a == 0.0) return c;
  float y = dot(c, vec3(${KR}, ${KG}, ${KB}));
  vec2 ab = guide_hazeDensity().xy;
  float h = clamp(ab.x * sqrt(max(y, 0.0)) + ab.y, 0.0, 1.0);
  vec3 L = guide_airlight().xyz;
  if (a > 0.0) {
    float k = 1.0 / max(1.0 - ${glf(STRENGTH)} * a * h, ${glf(T_MIN)});
    return dehaze_floor((c - L) * k + L);
  }
  float t = 1.0 + ${glf(ADD_STRENGTH)} * a * (0.3 + 0.7 * h);
  return c * t + L * (1.0 - t);
}
`;

function uniforms(prepared: unknown): ReturnType<GlslSnippet['uniforms']> {
  return { amount: (prepared as DehazePrepared).amount };
}

/** Built on call (dehaze.ts calls it once its constants exist). */
export function dehazeGlsl(): GlslSnippet {
  return { source: source(), uniforms };
}
