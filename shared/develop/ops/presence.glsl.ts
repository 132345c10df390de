/**
 * GLSL twin of the presence kernel (./presence.ts). Assumes the assembler's
 * `guide_textureBase()` / `guide_clarityBase()` (A in .x, B in .y) and `local_clarity()`.
 */
import type { GlslSnippet } from '../types.ts';
import { EPS, KB, KG, KR, LOG2_MID, GLSL_LOG_DELTA, GLSL_PROTECT, glf } from './linearMath.ts';
import type { PresencePrepared } from './presence.ts';
import { CLARITY_GAIN, CLARITY_LIMIT, CLARITY_PROTECT, CLARITY_SOFT, TEXTURE_CORE, TEXTURE_GAIN, TEXTURE_SOFT } from './presence.ts';

const source = () => /* glsl */ `
uniform float u_presence_texture;
uniform float u_presence_clarity;
${GLSL_LOG_DELTA}
${GLSL_PROTECT}
vec3 op_presence(vec3 c) {
  float t = u_presence_texture;
  float cl = clamp(u_presence_clarity + local_clarity() * 0.01, -1.0, 1.0);
  if (t == 0.0 && cl == 0.0) return c;
  float y = max(dot(c, vec3(${KR}, ${KG}, ${KB})), 0.0);
  float l = log2(y + ${glf(EPS)});
  float delta = 0.0;
  if (t != 0.0) {
    vec2 ab = guide_textureBase().xy;
    float d = l - (ab.x * l + ab.y);
    delta += t > 0.0 ? t * ${glf(TEXTURE_GAIN)} * d * (d * d / (d * d + ${glf(TEXTURE_CORE * TEXTURE_CORE)})) : t * ${glf(TEXTURE_SOFT)} * d;
  }
  if (cl != 0.0) {
    vec2 ab = guide_clarityBase().xy;
    float bc = ab.x * l + ab.y;
    float d = l - bc;
    float w = 1.0 - 0.5 * smoothstep(${glf(CLARITY_PROTECT[0])}, ${glf(CLARITY_PROTECT[1])}, abs(bc - (${glf(LOG2_MID)})));
    delta += cl > 0.0 ? cl * ${glf(CLARITY_GAIN)} * w * (d / (1.0 + abs(d) / ${glf(CLARITY_LIMIT)})) : cl * ${glf(CLARITY_SOFT)} * w * d;
  }
  if (delta == 0.0) return c;
  return tw_protect(tw_log_delta(c, y, delta, ${glf(EPS)}), max(c.r, max(c.g, c.b)));
}
`;

function uniforms(prepared: unknown): ReturnType<GlslSnippet['uniforms']> {
  const p = prepared as PresencePrepared;
  return { texture: p.texture, clarity: p.clarity };
}

/** Built on call (presence.ts calls it once its constants exist). */
export function presenceGlsl(): GlslSnippet {
  return { source: source(), uniforms };
}
