/**
 * Fast, accurate per-pixel colour conversions for the display-referred ops: sRGB-encoded ↔
 * linear through tables (no Math.pow per pixel), linear sRGB ↔ OkLab (Björn Ottosson, 2020),
 * and a hue-preserving soft gamut compression. Pure; the GLSL twin is `oklabGlsl(prefix)`.
 *
 * Accuracy: decode and encode agree with the exact IEC 61966-2-1 curves within 1e-6 on [0, 4]
 * (the encode table is indexed on √v, which flattens the curve's steep start), so a round trip
 * changes nothing visible and the ops are exact identities at their defaults.
 */

const DEC_PER_UNIT = 4096;
const DEC_MAX = 2; // encoded values 0..2 use the table, beyond that the exact formula
const ENC_PER_UNIT = 4096;
const ENC_UMAX = 2; // √(linear) 0..2, i.e. linear 0..4

function decodeExact(v: number): number {
  return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
}
function encodeExact(v: number): number {
  return v <= 0.0031308 ? v * 12.92 : 1.055 * Math.pow(v, 1 / 2.4) - 0.055;
}

const DEC = new Float64Array(DEC_PER_UNIT * DEC_MAX + 2);
for (let i = 0; i < DEC.length; i++) DEC[i] = decodeExact(i / DEC_PER_UNIT);
const ENC = new Float64Array(ENC_PER_UNIT * ENC_UMAX + 2);
for (let i = 0; i < ENC.length; i++) {
  const u = i / ENC_PER_UNIT;
  ENC[i] = encodeExact(u * u);
}

/** sRGB-encoded → linear light. Negative values map linearly (v / 12.92). */
export function decodeSrgb(v: number): number {
  if (v <= 0.04045) return v / 12.92;
  if (v >= DEC_MAX) return decodeExact(v);
  const f = v * DEC_PER_UNIT;
  const i = f | 0;
  return DEC[i] + (DEC[i + 1] - DEC[i]) * (f - i);
}

/** Linear light → sRGB-encoded. */
export function encodeSrgb(v: number): number {
  if (v <= 0.0031308) return v * 12.92;
  const u = Math.sqrt(v);
  if (u >= ENC_UMAX) return encodeExact(v);
  const f = u * ENC_PER_UNIT;
  const i = f | 0;
  return ENC[i] + (ENC[i + 1] - ENC[i]) * (f - i);
}

/** Linear sRGB → OkLab into out[0..2] (L, a, b). */
export function linearToOklab(r: number, g: number, b: number, out: Float64Array): void {
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  out[0] = 0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s;
  out[1] = 1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s;
  out[2] = 0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s;
}

/** OkLab → linear sRGB into out[0..2]. */
export function oklabToLinear(L: number, a: number, b: number, out: Float64Array): void {
  const l_ = L + 0.3963377774 * a + 0.2158037573 * b;
  const m_ = L - 0.1055613458 * a - 0.0638541728 * b;
  const s_ = L - 0.0894841775 * a - 1.291485548 * b;
  const l = l_ * l_ * l_;
  const m = m_ * m_ * m_;
  const s = s_ * s_ * s_;
  out[0] = 4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s;
  out[1] = -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s;
  out[2] = -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s;
}

/** sRGB-encoded → OkLab (convenience for prepare-time work and tests). */
export function srgbToOklab(r: number, g: number, b: number): [number, number, number] {
  const o = new Float64Array(3);
  linearToOklab(decodeSrgb(r), decodeSrgb(g), decodeSrgb(b), o);
  return [o[0], o[1], o[2]];
}

/** OkLab → sRGB-encoded, no gamut mapping (convenience). */
export function oklabToSrgb(L: number, a: number, b: number): [number, number, number] {
  const o = new Float64Array(3);
  oklabToLinear(L, a, b, o);
  return [encodeSrgb(o[0]), encodeSrgb(o[1]), encodeSrgb(o[2])];
}

/**
 * How far a linear colour sits from its grey `grey` towards the gamut boundary [0, hi]³ along the
 * straight line grey → colour: 0 on the grey axis, 1 on the boundary, > 1 outside.
 */
export function gamutFraction(r: number, g: number, b: number, grey: number, hi: number): number {
  const up = hi - grey;
  let u = 0;
  let t: number;
  if (r > grey) t = (r - grey) / up;
  else t = (grey - r) / grey;
  if (t > u) u = t;
  if (g > grey) t = (g - grey) / up;
  else t = (grey - g) / grey;
  if (t > u) u = t;
  if (b > grey) t = (b - grey) / up;
  else t = (grey - b) / grey;
  if (t > u) u = t;
  return u;
}

/**
 * OkLab → linear with a soft gamut compression that keeps OkLab hue and lightness, into
 * rgb[0..2]. `uIn` is the input pixel's own gamutFraction and `hi` the ceiling (max(1, brightest
 * input channel), so nothing already brighter is clipped). When the new colour sits further
 * towards (or past) the boundary than the input did, its OkLab chroma is scaled down so that its
 * gamut fraction becomes u' = uIn + (1 − uIn)·x/√(1 + x²), x = (u − uIn)/(1 − uIn): tangent to the
 * identity at the input, reaching the boundary only asymptotically, so boosts never clip, band
 * or (unlike mixing with grey in linear light) turn blue into purple. The chroma scale is found
 * by regula falsi (Illinois, ≤ 8 steps); a last guard mixes towards grey in the rare case
 * a value is still outside.
 */
export function oklabToLinearSoft(L: number, a: number, b: number, uIn: number, hi: number, rgb: Float64Array): void {
  oklabToLinear(L, a, b, rgb);
  const grey = L * L * L;
  if (!(grey > 1e-12)) {
    rgb[0] = rgb[0] > 0 ? Math.min(rgb[0], hi) : 0;
    rgb[1] = rgb[1] > 0 ? Math.min(rgb[1], hi) : 0;
    rgb[2] = rgb[2] > 0 ? Math.min(rgb[2], hi) : 0;
    return;
  }
  if (grey >= hi) {
    rgb[0] = rgb[1] = rgb[2] = hi;
    return;
  }
  const u = gamutFraction(rgb[0], rgb[1], rgb[2], grey, hi);
  if (u <= uIn + 1e-6 || u <= 0) return;
  let target: number;
  if (uIn >= 0.999) target = uIn > 1 ? uIn : 1;
  else {
    const u0 = uIn > 0 ? uIn : 0;
    const x = (u - u0) / (1 - u0);
    target = u0 + ((1 - u0) * x) / Math.sqrt(1 + x * x);
  }
  // Regula falsi (Illinois) for k ∈ (0, 1) with gamutFraction(L, k·a, k·b) = target;
  // f(0) = −target (grey), f(1) = u − target > 0.
  let k0 = 0;
  let f0 = -target;
  let k1 = 1;
  let f1 = u - target;
  let uk = u;
  let side = 0;
  for (let it = 0; it < 8; it++) {
    const k = (k0 * f1 - k1 * f0) / (f1 - f0);
    oklabToLinear(L, a * k, b * k, rgb);
    uk = gamutFraction(rgb[0], rgb[1], rgb[2], grey, hi);
    const fk = uk - target;
    if (Math.abs(fk) < 2e-4) break;
    if (fk > 0) {
      k1 = k;
      f1 = fk;
      if (side === 1) f0 *= 0.5;
      side = 1;
    } else {
      k0 = k;
      f0 = fk;
      if (side === -1) f1 *= 0.5;
      side = -1;
    }
  }
  if (uk > 1 && uk > uIn) {
    const m = (uIn > 1 ? uIn : 1) / uk;
    rgb[0] = grey + m * (rgb[0] - grey);
    rgb[1] = grey + m * (rgb[1] - grey);
    rgb[2] = grey + m * (rgb[2] - grey);
  }
}

/**
 * GLSL twin, with every name prefixed (`<p>_dec`, `<p>_enc`, `<p>_lab`, `<p>_rgb`,
 * `<p>_gamut_fraction`, `<p>_rgb_soft`) so several ops can include it in one shader.
 */
export function oklabGlsl(p: string): string {
  return /* glsl */ `
vec3 ${p}_dec(vec3 c) {
  return mix(c / 12.92, pow((max(c, 0.04045) + 0.055) / 1.055, vec3(2.4)), step(0.04045, c));
}
vec3 ${p}_enc(vec3 v) {
  return mix(v * 12.92, 1.055 * pow(max(v, 0.0031308), vec3(1.0 / 2.4)) - 0.055, step(0.0031308, v));
}
vec3 ${p}_lab(vec3 lin) {
  vec3 lms = mat3(0.4122214708, 0.2119034982, 0.0883024619,
                  0.5363325363, 0.6806995451, 0.2817188376,
                  0.0514459929, 0.1073969566, 0.6299787005) * lin;
  lms = sign(lms) * pow(abs(lms), vec3(1.0 / 3.0));
  return mat3(0.2104542553, 1.9779984951, 0.0259040371,
              0.7936177850, -2.4285922050, 0.7827717662,
              -0.0040720468, 0.4505937099, -0.8086757660) * lms;
}
vec3 ${p}_rgb(vec3 lab) {
  vec3 lms = mat3(1.0, 1.0, 1.0,
                  0.3963377774, -0.1055613458, -0.0894841775,
                  0.2158037573, -0.0638541728, -1.2914855480) * lab;
  lms = lms * lms * lms;
  return mat3(4.0767416621, -1.2684380046, -0.0041960863,
              -3.3077115913, 2.6097574011, -0.7034186147,
              0.2309699292, -0.3413193965, 1.7076147010) * lms;
}
float ${p}_gamut_fraction(vec3 c, float grey, float hi) {
  vec3 t = mix((grey - c) / grey, (c - grey) / (hi - grey), vec3(greaterThan(c, vec3(grey))));
  return max(max(max(t.r, t.g), t.b), 0.0);
}
vec3 ${p}_rgb_soft(vec3 lab, float uIn, float hi) {
  vec3 c = ${p}_rgb(lab);
  float grey = lab.x * lab.x * lab.x;
  if (!(grey > 1e-12)) return clamp(c, 0.0, hi);
  if (grey >= hi) return vec3(hi);
  float u = ${p}_gamut_fraction(c, grey, hi);
  if (u <= uIn + 1e-6 || u <= 0.0) return c;
  float target;
  if (uIn >= 0.999) target = max(uIn, 1.0);
  else {
    float u0 = max(uIn, 0.0);
    float x = (u - u0) / (1.0 - u0);
    target = u0 + (1.0 - u0) * x / sqrt(1.0 + x * x);
  }
  float k0 = 0.0;
  float f0 = -target;
  float k1 = 1.0;
  float f1 = u - target;
  float uk = u;
  int side = 0;
  for (int it = 0; it < 8; it++) {
    float k = (k0 * f1 - k1 * f0) / (f1 - f0);
    c = ${p}_rgb(vec3(lab.x, lab.yz * k));
    uk = ${p}_gamut_fraction(c, grey, hi);
    float fk = uk - target;
    if (abs(fk) < 2e-4) break;
    if (fk > 0.0) {
      k1 = k; f1 = fk;
      if (side == 1) f0 *= 0.5;
      side = 1;
    } else {
      k0 = k; f0 = fk;
      if (side == -1) f1 *= 0.5;
      side = -1;
    }
  }
  if (uk > 1.0 && uk > uIn) c = vec3(grey) + (max(uIn, 1.0) / uk) * (c - vec3(grey));
  return c;
}
`;
}
