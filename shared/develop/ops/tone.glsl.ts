/**
 * GLSL twin of the tone kernel (./tone.ts), line for line. Assumes the assembler's helpers:
 * `lut1(sampler2D, float x)` (entry centres at x·(N−1), linear, clamped), `guide_toneBase()`
 * (vec2/vec4: A in .x, B in .y, bilinear at this pixel's source position) and
 * `local_<param>()` (0 when no local adjustment uses the param).
 */
import type { GlslSnippet } from '../types.ts';
import { EPS, KB, KG, KR, LOG2_MID, GLSL_LOG_DELTA, GLSL_PROTECT, glf } from './linearMath.ts';
import type { TonePrepared } from './tone.ts';
import {
  CONTRAST_K,
  CONTRAST_MAX,
  CONTRAST_MIN,
  HIGHLIGHTS_STOPS,
  HL,
  SH,
  SHADOWS_STOPS,
  Z_MAX,
  Z_MIN,
} from './tone.ts';

/** Built on call (tone.ts calls it after its constants exist: the two modules import each other). */
export function toneGlsl(): GlslSnippet {
  return { source: source(), uniforms };
}

const source = () => /* glsl */ `
uniform float u_tone_exposure;
uniform float u_tone_contrast;
uniform float u_tone_highlights;
uniform float u_tone_shadows;
uniform float u_tone_endsActive;
uniform sampler2D u_tone_curve;
uniform sampler2D u_tone_ends;
${GLSL_LOG_DELTA}
${GLSL_PROTECT}
float tone_lut(sampler2D t, float z) {
  return lut1(t, clamp((z - ${glf(Z_MIN)}) / ${glf(Z_MAX - Z_MIN)}, 0.0, 1.0));
}

vec3 op_tone(vec3 c) {
  float mRef = max(c.r, max(c.g, c.b));
  float e = u_tone_exposure + local_exposure();
  e = clamp(e, -10.0, 10.0);
  float m = exp2(e);
  vec3 ce = c * m;
  float y = max(dot(c, vec3(${KR}, ${KG}, ${KB})), 0.0);
  float lp = log2(y + ${glf(EPS)});
  float z = lp + e - (${glf(LOG2_MID)});
  float h = clamp(u_tone_highlights + local_highlights() * 0.01, -1.0, 1.0);
  float s = clamp(u_tone_shadows + local_shadows() * 0.01, -1.0, 1.0);
  float z1 = z;
  if (h != 0.0 || s != 0.0) {
    vec2 ab = guide_toneBase().xy;
    float zb = ab.x * lp + ab.y + e - (${glf(LOG2_MID)});
    z1 += h * ${glf(HIGHLIGHTS_STOPS)} * smoothstep(${glf(HL[0])}, ${glf(HL[1])}, zb);
    z1 += s * ${glf(SHADOWS_STOPS)} * (1.0 - smoothstep(${glf(SH[0])}, ${glf(SH[1])}, zb));
  }
  float k = clamp(u_tone_contrast + local_contrast() * ${glf(CONTRAST_K / 100)}, ${glf(CONTRAST_MIN)}, ${glf(CONTRAST_MAX)});
  float z2 = k != 0.0 ? z1 + k * tone_lut(u_tone_curve, z1) : z1;
  float z3 = u_tone_endsActive > 0.5 ? z2 + tone_lut(u_tone_ends, z2) : z2;
  vec3 o = tw_log_delta(ce, y * m, z3 - z, ${glf(EPS)} * m);
  return tw_protect(o, mRef);
}
`;

function uniforms(prepared: unknown): ReturnType<GlslSnippet['uniforms']> {
  const p = prepared as TonePrepared;
  return {
    exposure: p.exposure,
    contrast: p.contrast,
    highlights: p.highlights,
    shadows: p.shadows,
    endsActive: p.endsActive ? 1 : 0,
    curve: { lut: p.curve, channels: 1 },
    ends: { lut: p.ends, channels: 1 },
  };
}
