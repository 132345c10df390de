/**
 * GLSL ES 3.00 helper code every generated pass shares: the header, the vertex shader, the LUT
 * samplers (`lut1`/`lut3`/`lut4`, twins of shared/pixel/lut.ts lutAt/lutAtChannel), the guide
 * sampler (twin of shared/pixel/guides/util.ts sampleGuide), the sRGB encode of the runner
 * (shared/pixel/pipeline/output.ts) and the source-sampling pass (twin of
 * shared/pixel/pipeline/geometry.ts sampleRows). Pure strings.
 *
 * Every helper function is wrapped in an `#ifndef` guard so a snippet may include it too.
 * Tables are laid out row-major in a W×H texture with W·H = N (see lutLayout): entry i sits
 * at texel (i mod W, i div W), and N = W·H is read back with textureSize.
 */

export const GLSL_HEADER = /* glsl */ `#version 300 es
precision highp float;
precision highp int;
precision highp sampler2D;
precision highp usampler2D;
`;

/** A full-screen triangle from gl_VertexID (draw with drawArrays(TRIANGLES, 0, 3), no buffers). */
export const VERTEX_SHADER = /* glsl */ `#version 300 es
void main() {
  vec2 p = vec2(float((gl_VertexID & 1) << 2) - 1.0, float((gl_VertexID & 2) << 1) - 1.0);
  gl_Position = vec4(p, 0.0, 1.0);
}
`;

export const GLSL_LUT = /* glsl */ `
#ifndef TW_LUT
#define TW_LUT
vec4 tw_lut_fetch(sampler2D t, int i, int w) {
  return texelFetch(t, ivec2(i % w, i / w), 0);
}
// Entry i at x = i/(N-1), linear between entries; x >= 1 continues with slope 1 from the last
// entry, x <= 0 (and NaN) reads entry 0 — exactly lutAt / lutAtChannel.
vec4 tw_lut(sampler2D t, float x) {
  ivec2 sz = textureSize(t, 0);
  int n1 = sz.x * sz.y - 1;
  if (x >= 1.0) return tw_lut_fetch(t, n1, sz.x) + vec4(x - 1.0);
  if (!(x > 0.0) || n1 < 1) return tw_lut_fetch(t, 0, sz.x);
  float f = x * float(n1);
  int i = min(int(f), n1 - 1);
  vec4 a = tw_lut_fetch(t, i, sz.x);
  return a + (tw_lut_fetch(t, i + 1, sz.x) - a) * (f - float(i));
}
float lut1(sampler2D t, float x) { return tw_lut(t, x).r; }
vec3 lut3(sampler2D t, float x) { return tw_lut(t, x).rgb; }
vec4 lut4(sampler2D t, float x) { return tw_lut(t, x); }
#endif
`;

export const GLSL_GUIDE = /* glsl */ `
#ifndef TW_GUIDE
#define TW_GUIDE
// Bilinear at normalised source coordinate uv: texel i centred at (i + 0.5)/w, clamped to the
// edge texels — exactly sampleGuide (shared/pixel/guides/util.ts), with four texelFetch taps.
vec4 tw_guide(sampler2D t, vec2 uv) {
  ivec2 sz = textureSize(t, 0);
  vec2 g = uv * vec2(sz) - 0.5;
  g = vec2(g.x > 0.0 ? min(g.x, float(sz.x - 1)) : 0.0, g.y > 0.0 ? min(g.y, float(sz.y - 1)) : 0.0);
  ivec2 p0 = ivec2(g);
  ivec2 p1 = min(p0 + 1, sz - 1);
  vec2 f = g - vec2(p0);
  vec4 a = texelFetch(t, p0, 0);
  vec4 b = texelFetch(t, ivec2(p1.x, p0.y), 0);
  vec4 c = texelFetch(t, ivec2(p0.x, p1.y), 0);
  vec4 d = texelFetch(t, p1, 0);
  vec4 top = a + (b - a) * f.x;
  vec4 bot = c + (d - c) * f.x;
  return top + (bot - top) * f.y;
}
#endif
`;

export const GLSL_ENCODE = /* glsl */ `
#ifndef TW_ENCODE
#define TW_ENCODE
// linear -> sRGB-encoded as the runner's linearToDisplay: negatives and NaN -> 0, > 1 kept.
float tw_encode1(float v) {
  return v > 0.0 ? (v <= 0.0031308 ? v * 12.92 : 1.055 * pow(v, 1.0 / 2.4) - 0.055) : 0.0;
}
vec3 tw_to_display(vec3 c) { return vec3(tw_encode1(c.r), tw_encode1(c.g), tw_encode1(c.b)); }
// The runner's final write: clamp to 0..1, NaN -> 0.
float tw_clamp1(float v) { return v > 0.0 ? min(v, 1.0) : 0.0; }
vec3 tw_output(vec3 c) { return vec3(tw_clamp1(c.r), tw_clamp1(c.g), tw_clamp1(c.b)); }
#endif
`;

/**
 * Pass 0: the geometry (crop, straighten, flips, quarter turns, resample), in linear light, with
 * the integer source decoded through the CPU's own table (u_tw_decode holds decodeLut(bits)).
 * Modes as the runner's sampleRows: 0 = bilinear at the mapped point (exact geometry rounds it to
 * the source pixel), 1 = mean of taps×taps bilinear samples (straightened shrink), 2 = exact
 * area box filter (axis-aligned shrink, twin of ../pixel/pipeline/resample.ts sampleArea).
 * Writes linear RGB to a float target.
 */
export const SAMPLE_SHADER =
  GLSL_HEADER +
  /* glsl */ `
uniform highp usampler2D u_tw_source;
uniform sampler2D u_tw_decode;
uniform vec3 u_tw_m0;
uniform vec3 u_tw_m1;
uniform int u_tw_taps;
uniform int u_tw_exact;
uniform int u_tw_mode;
// Area mode: per output axis (x, then y) the source axis it drives: (k, c, source length);
// output index p covers source [k·p + c, k·(p+1) + c). u_tw_swap: output x drives source y.
uniform vec3 u_tw_ax;
uniform vec3 u_tw_ay;
uniform int u_tw_swap;
uniform ivec2 u_tw_size;
uniform int u_tw_flip;
out vec4 tw_out;

vec3 tw_decode(uvec3 v) {
  ivec3 i = ivec3(v);
  return vec3(texelFetch(u_tw_decode, ivec2(i.r & 255, i.r >> 8), 0).r,
              texelFetch(u_tw_decode, ivec2(i.g & 255, i.g >> 8), 0).r,
              texelFetch(u_tw_decode, ivec2(i.b & 255, i.b >> 8), 0).r);
}
vec3 tw_src(int x, int y) { return tw_decode(texelFetch(u_tw_source, ivec2(x, y), 0).rgb); }

// Source pixel position (pixel i spans [i, i+1)) -> bilinear sample, clamped as sampleBilinear.
vec3 tw_bilinear(vec2 s) {
  ivec2 sz = textureSize(u_tw_source, 0);
  float fx = s.x - 0.5;
  float fy = s.y - 0.5;
  if (u_tw_exact == 1) { fx = floor(fx + 0.5); fy = floor(fy + 0.5); }
  float flx = floor(fx);
  float fly = floor(fy);
  float tx = fx - flx;
  float ty = fy - fly;
  int x0 = int(flx);
  int y0 = int(fly);
  int x1 = x0 + 1;
  int y1 = y0 + 1;
  if (x0 < 0) { x0 = 0; x1 = 0; } else if (x0 >= sz.x - 1) { x0 = sz.x - 1; x1 = x0; }
  if (y0 < 0) { y0 = 0; y1 = 0; } else if (y0 >= sz.y - 1) { y0 = sz.y - 1; y1 = y0; }
  vec3 a = tw_src(x0, y0);
  vec3 b = tw_src(x1, y0);
  vec3 c = tw_src(x0, y1);
  vec3 d = tw_src(x1, y1);
  vec3 top = a + (b - a) * tx;
  vec3 bot = c + (d - c) * tx;
  return top + (bot - top) * ty;
}

#define TW_MAX_AREA 64
// Coverage of source pixel i0 + j by the footprint [s0, s1) along one axis, normalised by t.
float tw_cover(float s0, float s1, int i) {
  return max(0.0, min(s1, float(i + 1)) - max(s0, float(i)));
}

vec3 tw_area(ivec2 px) {
  float ax0 = u_tw_ax.x * float(px.x) + u_tw_ax.y;
  float ax1 = u_tw_ax.x * float(px.x + 1) + u_tw_ax.y;
  float ay0 = u_tw_ay.x * float(px.y) + u_tw_ay.y;
  float ay1 = u_tw_ay.x * float(px.y + 1) + u_tw_ay.y;
  float xs0 = min(ax0, ax1), xs1 = max(ax0, ax1);
  float ys0 = min(ay0, ay1), ys1 = max(ay0, ay1);
  int nx = int(ceil(abs(u_tw_ax.x))) + 1;
  int ny = int(ceil(abs(u_tw_ay.x))) + 1;
  int ix0 = int(floor(xs0));
  int iy0 = int(floor(ys0));
  int lx = int(u_tw_ax.z) - 1;
  int ly = int(u_tw_ay.z) - 1;
  float tx = 0.0, ty = 0.0;
  for (int i = 0; i < TW_MAX_AREA; i++) { if (i >= nx) break; tx += tw_cover(xs0, xs1, ix0 + i); }
  for (int j = 0; j < TW_MAX_AREA; j++) { if (j >= ny) break; ty += tw_cover(ys0, ys1, iy0 + j); }
  vec3 acc = vec3(0.0);
  for (int j = 0; j < TW_MAX_AREA; j++) {
    if (j >= ny) break;
    float wy = ty > 0.0 ? tw_cover(ys0, ys1, iy0 + j) / ty : 1.0 / float(ny);
    if (wy == 0.0) continue;
    int sj = clamp(iy0 + j, 0, ly);
    vec3 row = vec3(0.0);
    for (int i = 0; i < TW_MAX_AREA; i++) {
      if (i >= nx) break;
      float wx = tx > 0.0 ? tw_cover(xs0, xs1, ix0 + i) / tx : 1.0 / float(nx);
      int si = clamp(ix0 + i, 0, lx);
      row += wx * (u_tw_swap == 1 ? tw_src(sj, si) : tw_src(si, sj));
    }
    acc += wy * row;
  }
  return acc;
}

void main() {
  ivec2 px = ivec2(gl_FragCoord.xy);
  if (u_tw_flip == 1) px.y = u_tw_size.y - 1 - px.y;
  if (u_tw_mode == 2) {
    tw_out = vec4(tw_area(px), 1.0);
    return;
  }
  vec3 acc = vec3(0.0);
  int n = u_tw_taps;
  for (int j = 0; j < 8; j++) {
    if (j >= n) break;
    for (int i = 0; i < 8; i++) {
      if (i >= n) break;
      vec2 p = vec2(px) + (vec2(float(i), float(j)) + 0.5) / float(n);
      acc += tw_bilinear(vec2(dot(u_tw_m0.xy, p) + u_tw_m0.z, dot(u_tw_m1.xy, p) + u_tw_m1.z));
    }
  }
  tw_out = vec4(acc / float(n * n), 1.0);
}
`;

/**
 * Texture layout of an N-entry table: W × H texels with W·H = N exactly (W the largest divisor
 * of N not above maxSize), so the shader recovers N from textureSize.
 */
export function lutLayout(n: number, maxSize: number): { width: number; height: number } {
  if (!(n >= 1) || !Number.isInteger(n)) throw new Error(`lookup table of ${n} entries`);
  for (let w = Math.min(n, maxSize); w >= 1; w--) {
    if (n % w === 0) {
      const h = n / w;
      if (h > maxSize) break;
      return { width: w, height: h };
    }
  }
  throw new Error(`a ${n}-entry lookup table does not fit a ${maxSize}-texel texture`);
}
