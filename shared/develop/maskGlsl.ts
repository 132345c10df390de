/**
 * GLSL ES 3.00 source of the mask maths in ./mask.ts, line for line (keep the two in sync;
 * the component layout is the 3-vec4 layout `compileMask`/`packMasks` produce).
 *
 * Use: include MASK_GLSL in the fragment shader, upload `packMasks(masks, aspect).data` to
 * `u_mask_data`, and call `mask_eval(start, count, invert, source_uv, source_linear_rgb)` with
 * each mask's range. `source_uv` is the normalised coordinate of the pixel in the uncropped,
 * oriented source; `source_linear_rgb` is the unedited source pixel in linear light.
 * The shader's sRGB encode is the exact formula; the CPU's table differs by < 2e-4.
 */
export const MASK_GLSL = /* glsl */ `
#ifndef TW_MAX_MASK_COMPONENTS
#define TW_MAX_MASK_COMPONENTS 32
#endif
uniform vec4 u_mask_data[3 * TW_MAX_MASK_COMPONENTS];

float mask_ramp(float e0, float e1, float x) {
  float t = clamp((x - e0) / (e1 - e0), 0.0, 1.0);
  return t * t * (3.0 - 2.0 * t);
}

float mask_encode(float v) {
  v = max(v, 0.0);
  return v <= 0.0031308 ? v * 12.92 : 1.055 * pow(v, 1.0 / 2.4) - 0.055;
}

float mask_component(int i, vec2 uv, vec3 lin) {
  vec4 h = u_mask_data[3 * i];
  vec4 a = u_mask_data[3 * i + 1];
  vec4 b = u_mask_data[3 * i + 2];
  int type = int(h.x + 0.5);
  float asp = h.w;
  float w;
  if (type == 0) {
    float t = (uv.x * asp - a.x) * a.z + (uv.y - a.y) * a.w;
    w = 1.0 - mask_ramp(0.0, 1.0, t);
  } else if (type == 1) {
    float dx = uv.x * asp - a.x;
    float dy = uv.y - a.y;
    float ex = (dx * a.z + dy * a.w) * b.x;
    float ey = (dy * a.z - dx * a.w) * b.y;
    float v = 1.0 - mask_ramp(b.z, 1.0, sqrt(ex * ex + ey * ey));
    w = b.w > 0.5 ? v : 1.0 - v;
  } else if (type == 2) {
    float y = 0.2126 * lin.r + 0.7152 * lin.g + 0.0722 * lin.b;
    float l = mask_encode(y);
    w = mask_ramp(a.x - a.z, a.x, l) * (1.0 - mask_ramp(a.y, a.y + a.z, l));
  } else {
    float r = mask_encode(lin.r);
    float g = mask_encode(lin.g);
    float bl = mask_encode(lin.b);
    float mx = max(r, max(g, bl));
    float mn = min(r, min(g, bl));
    float c = mx - mn;
    float sat = mx > 0.0 ? c / mx : 0.0;
    float hue = 0.0;
    if (c > 0.0) {
      if (mx == r) hue = (g - bl) / c;
      else if (mx == g) hue = (bl - r) / c + 2.0;
      else hue = (r - g) / c + 4.0;
      hue *= 60.0;
      if (hue < 0.0) hue += 360.0;
    }
    float dh = abs(hue - a.x);
    if (dh > 180.0) dh = 360.0 - dh;
    w = (1.0 - mask_ramp(a.y, a.y + a.z, dh)) * mask_ramp(b.x, b.x + b.y, sat);
  }
  return h.z > 0.5 ? 1.0 - w : w;
}

float mask_eval(int start, int count, float invert, vec2 uv, vec3 lin) {
  float m = (count > 0 && int(u_mask_data[3 * start].y + 0.5) != 0) ? 1.0 : 0.0;
  for (int k = 0; k < TW_MAX_MASK_COMPONENTS; k++) {
    if (k >= count) break;
    int i = start + k;
    float w = mask_component(i, uv, lin);
    int mode = int(u_mask_data[3 * i].y + 0.5);
    m = mode == 0 ? max(m, w) : (mode == 1 ? m * (1.0 - w) : m * w);
  }
  return invert > 0.5 ? 1.0 - m : m;
}
`;
