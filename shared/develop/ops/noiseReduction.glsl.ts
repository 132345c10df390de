/**
 * GLSL twin of the noise-reduction kernel (./noiseReduction.ts).
 *
 * Assumption about the shader assembler (documented contract for neighbourhood ops): an op that
 * declares `halo` runs in its own pass, and the assembler defines before this snippet
 *   vec3 input_at(ivec2 offset)
 * returning the previous pass's output (this op's space, here linear light) at
 * gl_FragCoord.xy + offset, clamped to the image edges. `c` is input_at(ivec2(0)).
 * Loops have constant bounds (the CPU kernel caps its windows at the same sizes: luma radius
 * ≤ 3, chroma 7×7 taps) and skip taps outside the prepared radius.
 */
import type { GlslSnippet } from '../types.ts';
import type { NoiseReductionPrepared } from './noiseReduction.ts';

const source = /* glsl */ `
uniform float u_noiseReduction_lumaR;
uniform float u_noiseReduction_lumaSigmaS;
uniform float u_noiseReduction_lumaInvSigma2;
uniform float u_noiseReduction_lumaMix;
uniform float u_noiseReduction_chromaN;
uniform float u_noiseReduction_chromaStep;
uniform float u_noiseReduction_chromaSigmaS;
uniform float u_noiseReduction_chromaInvSigmaY2;
uniform float u_noiseReduction_chromaInvSigmaC2;
uniform float u_noiseReduction_chromaMix;

// linear RGB -> (Y, R-Y, B-Y) of the channels' square roots
vec3 nr_split(vec3 lin) {
  vec3 s = sqrt(max(lin, vec3(0.0)));
  float y = dot(s, vec3(0.2126, 0.7152, 0.0722));
  return vec3(y, s.r - y, s.b - y);
}

vec3 op_noiseReduction(vec3 c) {
  vec3 p0 = nr_split(c);
  float yo = p0.x;
  int lr = int(u_noiseReduction_lumaR);
  if (lr > 0) {
    float ks = -0.5 / (u_noiseReduction_lumaSigmaS * u_noiseReduction_lumaSigmaS);
    float sum = 0.0;
    float wsum = 0.0;
    for (int j = -3; j <= 3; j++) {
      for (int i = -3; i <= 3; i++) {
        if (abs(i) > lr || abs(j) > lr) continue;
        float v = nr_split(input_at(ivec2(i, j))).x;
        float d = v - p0.x;
        float q = d * d * u_noiseReduction_lumaInvSigma2;
        if (q >= 16.0) continue;
        float wt = exp(ks * float(i * i + j * j) - 0.5 * q);
        sum += wt * v;
        wsum += wt;
      }
    }
    yo = p0.x + u_noiseReduction_lumaMix * (sum / wsum - p0.x);
  }
  vec2 co = p0.yz;
  int cn = int(u_noiseReduction_chromaN);
  if (cn > 0) {
    int st = int(u_noiseReduction_chromaStep);
    float ks = -0.5 / (u_noiseReduction_chromaSigmaS * u_noiseReduction_chromaSigmaS);
    vec2 sum = vec2(0.0);
    float wsum = 0.0;
    for (int j = -3; j <= 3; j++) {
      for (int i = -3; i <= 3; i++) {
        if (abs(i) > cn || abs(j) > cn) continue;
        ivec2 o = ivec2(i, j) * st;
        vec3 t = nr_split(input_at(o));
        float dy = t.x - p0.x;
        vec2 dc = t.yz - p0.yz;
        float q = dy * dy * u_noiseReduction_chromaInvSigmaY2 + dot(dc, dc) * u_noiseReduction_chromaInvSigmaC2;
        if (q >= 16.0) continue;
        float wt = exp(ks * float(o.x * o.x + o.y * o.y) - 0.5 * q);
        sum += wt * t.yz;
        wsum += wt;
      }
    }
    co = p0.yz + u_noiseReduction_chromaMix * (sum / wsum - p0.yz);
  }
  float r = yo + co.x;
  float b = yo + co.y;
  float g = (yo - 0.2126 * r - 0.0722 * b) / 0.7152;
  vec3 s = max(vec3(r, g, b), vec3(0.0));
  return s * s;
}
`;

export const noiseReductionGlsl: GlslSnippet = {
  source,
  uniforms(prepared) {
    const p = prepared as NoiseReductionPrepared;
    return {
      lumaR: p.lumaR,
      lumaSigmaS: p.lumaSigmaS,
      lumaInvSigma2: p.lumaInvSigma2,
      lumaMix: p.lumaMix,
      chromaN: p.chromaN,
      chromaStep: p.chromaStep,
      chromaSigmaS: p.chromaSigmaS,
      chromaInvSigmaY2: p.chromaInvSigmaY2,
      chromaInvSigmaC2: p.chromaInvSigmaC2,
      chromaMix: p.chromaMix,
    };
  },
};
