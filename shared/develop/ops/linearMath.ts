/**
 * Shared maths of the scene-referred (linear) ops — white balance, dehaze, tone, presence:
 * fast table-based log2/exp2 (no Math.log/Math.pow per pixel), the offset-log luminance domain
 * the tone ops work in, and the hue-preserving highlight roll-off. Pure.
 *
 * The offset-log domain: l = log2(Y + EPS) with EPS = 2⁻¹⁰ (≈ sRGB code 3/255). It is a plain
 * log (ratios, exposure = a shift) above ~0.01 and flattens towards black, so lifting
 * shadows/blacks adds a small *neutral* floor instead of amplifying colour noise in the blacks,
 * and 0 has a finite value. The guides of these ops (shared/pixel/guides/lumaGrid.ts) use the
 * same domain and the same EPS.
 */

/** Offset of the log-luminance domain (linear light). */
export const EPS = 1 / 1024;
/** Mid grey (0.18) in the offset-log domain: the tone controls pivot there. */
export const LOG2_MID = Math.log2(0.18 + EPS);
/** Rec.709 luminance weights (linear light). */
export const KR = 0.2126;
export const KG = 0.7152;
export const KB = 0.0722;

// ---- fast log2: exponent from the float's bits, mantissa from a 1025-entry table ----------
const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);
const LOG_N = 1024;
const LOG_T = new Float64Array(LOG_N + 1);
for (let i = 0; i <= LOG_N; i++) LOG_T[i] = Math.log2(1 + i / LOG_N);

/**
 * log2(x) for x > 0 (|error| < 2e-7 for normal floats). x ≤ 0 or NaN gives −126 (a very dark
 * but finite value): callers always pass Y + EPS, so that path is only a safety net.
 */
export function fastLog2(x: number): number {
  if (!(x >= 1.2e-38)) return -126;
  if (x === Infinity) return 128;
  f32[0] = x;
  const b = i32[0];
  const m = b & 0x7fffff;
  const idx = m >>> 13;
  const t = (m & 0x1fff) * (1 / 8192);
  const lo = LOG_T[idx];
  return ((b >>> 23) & 0xff) - 127 + lo + (LOG_T[idx + 1] - lo) * t;
}

// ---- fast exp2: integer part from a table of powers, fraction from a 1025-entry table ------
const EXP_N = 1024;
const EXP_T = new Float64Array(EXP_N + 1);
for (let i = 0; i <= EXP_N; i++) EXP_T[i] = Math.pow(2, i / EXP_N);
const POW_T = new Float64Array(256);
for (let i = 0; i < 256; i++) POW_T[i] = Math.pow(2, i - 128);
/** fastExp2's tables, for kernels that inline it: 2^(i/N) for i = 0..N, and 2^(n − 128). */
export const EXP_TABLE: Float64Array = EXP_T;
export const EXP_TABLE_N = EXP_N;
export const POW_TABLE: Float64Array = POW_T;

/** 2^x (relative error < 1.2e-7); x is clamped to [−128, 127]. */
export function fastExp2(x: number): number {
  if (!(x > -128)) return x === x ? POW_T[0] : 1;
  if (x > 127) x = 127;
  const n = Math.floor(x);
  const f = (x - n) * EXP_N;
  const i = f | 0;
  const lo = EXP_T[i];
  return POW_T[n + 128] * (lo + (EXP_T[i + 1] - lo) * (f - i));
}

export function smoothstep(e0: number, e1: number, x: number): number {
  const t0 = (x - e0) / (e1 - e0);
  const t = t0 < 0 ? 0 : t0 > 1 ? 1 : t0;
  return t * t * (3 - 2 * t);
}

export function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/** A finite number param, or the default. */
export function num(v: unknown, d = 0): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : d;
}

/**
 * Where brightening starts to roll colours off towards white (max channel, linear light):
 * above it, a brightened colour is desaturated towards its own luminance instead of letting a
 * channel pass 1 and clip (which turns orange into yellow and skin into flat patches).
 */
export const KNEE = 0.8;

/**
 * Hue-preserving highlight roll-off, in place on out[o..o+2]. `mRef` is the largest channel
 * before the op: only the part of the overshoot the op itself caused is compressed, so the op
 * stays continuous at identity and values that were already above 1 (HDR input) are kept.
 * The max channel is mapped smoothly into [knee, 1) (exponential shoulder), luminance kept.
 */
export function protectHighlights(out: Float32Array, o: number, mRef: number): void {
  const r = out[o];
  const g = out[o + 1];
  const b = out[o + 2];
  const m = r > g ? (r > b ? r : b) : g > b ? g : b;
  const k = mRef > KNEE ? mRef : KNEE;
  if (m <= k || k >= 1) return;
  const y = KR * r + KG * g + KB * b;
  if (m - y < 1e-9) return; // neutral: nothing to roll off
  if (y >= 1) {
    out[o] = y;
    out[o + 1] = y;
    out[o + 2] = y;
    return;
  }
  let mt = k + (1 - k) * (1 - Math.exp(-(m - k) / (1 - k)));
  if (mt < y) mt = y;
  const s = (mt - y) / (m - y);
  out[o] = y + (r - y) * s;
  out[o + 1] = y + (g - y) * s;
  out[o + 2] = y + (b - y) * s;
}

/** GLSL twin of protectHighlights (returns the protected colour). */
export const GLSL_PROTECT = /* glsl */ `
#ifndef TW_PROTECT
#define TW_PROTECT
vec3 tw_protect(vec3 c, float mRef) {
  float m = max(c.r, max(c.g, c.b));
  float k = max(mRef, ${KNEE.toFixed(6)});
  if (m <= k || k >= 1.0) return c;
  float y = dot(c, vec3(${KR}, ${KG}, ${KB}));
  if (m - y < 1e-9) return c;
  if (y >= 1.0) return vec3(y);
  float mt = max(k + (1.0 - k) * (1.0 - exp(-(m - k) / (1.0 - k))), y);
  return vec3(y) + (c - vec3(y)) * ((mt - y) / (m - y));
}
#endif
`;

/**
 * Applies a luminance change of `delta` stops in the offset-log domain to the pixel at o, in
 * place: Y' = (Y + eps)·2^delta − eps. Brightening scales (c + eps) per channel, so the lift of
 * the floor is neutral; darkening scales the colour by Y'/Y (no channel goes negative).
 */
export function applyLogDelta(data: Float32Array, o: number, y: number, delta: number, eps: number): void {
  if (delta === 0) return;
  const g = fastExp2(delta);
  if (g >= 1) {
    data[o] = (data[o] + eps) * g - eps;
    data[o + 1] = (data[o + 1] + eps) * g - eps;
    data[o + 2] = (data[o + 2] + eps) * g - eps;
  } else {
    const y2 = (y + eps) * g - eps;
    const k = y > 0 && y2 > 0 ? y2 / y : 0;
    data[o] *= k;
    data[o + 1] *= k;
    data[o + 2] *= k;
  }
}

/** GLSL twin of applyLogDelta. */
export const GLSL_LOG_DELTA = /* glsl */ `
#ifndef TW_LOG_DELTA
#define TW_LOG_DELTA
vec3 tw_log_delta(vec3 c, float y, float delta, float eps) {
  if (delta == 0.0) return c;
  float g = exp2(delta);
  if (g >= 1.0) return (c + vec3(eps)) * g - vec3(eps);
  float y2 = (y + eps) * g - eps;
  return (y > 0.0 && y2 > 0.0) ? c * (y2 / y) : vec3(0.0);
}
#endif
`;

/** Float formatting for GLSL literals. */
export function glf(v: number): string {
  const s = String(v);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}
