/**
 * GLSL twin of the sharpening kernel (./sharpening.ts).
 *
 * Assumptions about the shader assembler (documented contract for neighbourhood ops): an op that
 * declares `halo` runs in its own pass, and the assembler defines before this snippet
 *   vec3 input_at(ivec2 offset)   // previous pass's output (display space) at gl_FragCoord.xy +
 *                                 // offset, clamped to the image edges; c == input_at(ivec2(0))
 *   float local_sharpness()       // Σ mask weight × local sharpness at this pixel (0 when unused)
 * The blur loops to the kernel's largest radius (MAX_RADIUS = 9) and skips taps beyond the
 * prepared radius; weights are the same separable Gaussian, normalised.
 */
import type { GlslSnippet } from '../types.ts';
import type { SharpeningPrepared } from './sharpening.ts';

const source = /* glsl */ `
uniform float u_sharpening_k;
uniform float u_sharpening_sigma;
uniform float u_sharpening_r;
uniform float u_sharpening_detail;
uniform float u_sharpening_masking;
uniform float u_sharpening_maskLo;
uniform float u_sharpening_maskHi;

float sh_luma(ivec2 o) {
  return dot(input_at(o), vec3(0.2126, 0.7152, 0.0722));
}

vec3 op_sharpening(vec3 c) {
  float gain = u_sharpening_k + local_sharpness() * (1.0 / 60.0);
  if (gain == 0.0) return c;
  float yc = dot(c, vec3(0.2126, 0.7152, 0.0722));
  int r = int(u_sharpening_r);
  float ks = -0.5 / (u_sharpening_sigma * u_sharpening_sigma);
  // The separable Gaussian's 1D weights, once per pixel (not once per tap).
  float wk[19];
  for (int i = -9; i <= 9; i++) wk[i + 9] = abs(i) > r ? 0.0 : exp(ks * float(i * i));
  float sum = 0.0;
  float wsum = 0.0;
  for (int j = -9; j <= 9; j++) {
    if (abs(j) > r) continue;
    float wj = wk[j + 9];
    for (int i = -9; i <= 9; i++) {
      if (abs(i) > r) continue;
      float w = wj * wk[i + 9];
      sum += w * sh_luma(ivec2(i, j));
      wsum += w;
    }
  }
  float blurred = sum / wsum;
  float s;
  if (gain > 0.0) {
    float a0 = sh_luma(ivec2(-1, -1)), a1 = sh_luma(ivec2(0, -1)), a2 = sh_luma(ivec2(1, -1));
    float b0 = sh_luma(ivec2(-1, 0)), b2 = sh_luma(ivec2(1, 0));
    float c0 = sh_luma(ivec2(-1, 1)), c1 = sh_luma(ivec2(0, 1)), c2 = sh_luma(ivec2(1, 1));
    if (u_sharpening_masking > 0.0) {
      float gx = a2 + 2.0 * b2 + c2 - a0 - 2.0 * b0 - c0;
      float gy = c0 + 2.0 * c1 + c2 - a0 - 2.0 * a1 - a2;
      gain *= smoothstep(u_sharpening_maskLo, u_sharpening_maskHi, length(vec2(gx, gy)) * 0.125);
      if (gain == 0.0) return c;
    }
    s = yc + gain * (yc - blurred);
    float lo = min(min(min(yc, a0), min(a1, a2)), min(min(b0, b2), min(c0, min(c1, c2))));
    float hi = max(max(max(yc, a0), max(a1, a2)), max(max(b0, b2), max(c0, max(c1, c2))));
    if (s > hi) s = hi + u_sharpening_detail * (s - hi);
    else if (s < lo) s = lo + u_sharpening_detail * (s - lo);
  } else {
    s = yc + max(gain, -1.0) * (yc - blurred);
  }
  return c + vec3(s - yc);
}
`;

export const sharpeningGlsl: GlslSnippet = {
  source,
  uniforms(prepared) {
    const p = prepared as SharpeningPrepared;
    return {
      k: p.k,
      sigma: p.sigma,
      r: p.r,
      detail: p.detail,
      masking: p.masking,
      maskLo: p.maskLo,
      maskHi: p.maskHi,
    };
  },
};
