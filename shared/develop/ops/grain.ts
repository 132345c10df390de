/**
 * Film grain (Lightroom's Effects ▸ Grain), in display space and OUTPUT coordinates.
 *
 * Monochrome value noise (a hash of integer lattice coordinates, smooth Hermite interpolation,
 * zero mean), deterministic: it depends only on the pixel's position, never on strip layout, so
 * every strip/worker and every rerun agree. The lattice cell is defined in full-resolution pixels
 * (0.75 + 0.05·Size, i.e. 2 px at the default 25) and scaled by ctx.scale, so an export and a
 * smaller preview show the same grain statistically; when a cell gets smaller than an output
 * pixel the lattice stays at one pixel and the amplitude falls by the cell size, as averaging
 * would do. Roughness mixes in a second, finer octave (×2.13, offset) for clumpier, less
 * uniform grain. Amplitude: standard deviation 0.06·Amount/100 in display values, weighted by
 * luma as film is (min(1, 6·Y·(1 − Y)): strongest in midtones, fading to none at pure black and
 * white). Channels are clamped to [0, max(1, input)].
 */
import type { OpDeclaration, PrepareContext, Strip } from '../types.ts';

export interface GrainParams {
  [k: string]: number;
  amount: number;
  size: number;
  roughness: number;
}

export interface GrainPrepared {
  /** Noise scale (display value per unit of normalised noise). */
  amp: number;
  /** Lattice cells per output pixel (1 / cell size in output pixels). */
  freq: number;
  /** Weight of the second octave. */
  rough: number;
  /** Output size in pixels (the shader turns output_uv() back into pixel positions). */
  outW: number;
  outH: number;
}

const SEED = 0x5bd1e995;
const OCT2_FREQ = 2.13;
const OCT2_OFFSET_X = 17.31;
const OCT2_OFFSET_Y = 41.77;

/** Hash of integer lattice coordinates (x, y ≥ 0) → uniform in [−1, 1]. */
export function latticeHash(x: number, y: number): number {
  let h = Math.imul(x, 0x27d4eb2d) ^ Math.imul(y, 0x165667b1) ^ SEED;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2147483647.5 - 1;
}

/** Smooth value noise at (x, y) in lattice units (x, y ≥ 0). Zero mean. */
export function valueNoise(x: number, y: number): number {
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  const fx = x - ix;
  const fy = y - iy;
  const sx = fx * fx * (3 - 2 * fx);
  const sy = fy * fy * (3 - 2 * fy);
  const a = latticeHash(ix, iy);
  const b = latticeHash(ix + 1, iy);
  const c = latticeHash(ix, iy + 1);
  const d = latticeHash(ix + 1, iy + 1);
  const top = a + (b - a) * sx;
  const bottom = c + (d - c) * sx;
  return top + (bottom - top) * sy;
}

/**
 * Standard deviation of valueNoise (measured deterministically, on first use: 65k noise samples
 * are not worth making every process and render worker pay at start-up).
 */
let noiseStd = 0;
function noiseStdDev(): number {
  if (noiseStd === 0) noiseStd = measureNoiseStd();
  return noiseStd;
}

function measureNoiseStd(): number {
  let s = 0;
  let s2 = 0;
  const n = 256;
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) {
      const v = valueNoise(x * 0.37 + 0.13, y * 0.41 + 0.29);
      s += v;
      s2 += v * v;
    }
  const m = s / (n * n);
  return Math.sqrt(s2 / (n * n) - m * m);
}

export function prepareGrain(p: GrainParams, ctx: PrepareContext): GrainPrepared {
  const num = (v: number, lo: number, hi: number, def: number) => (Number.isFinite(v) ? Math.max(lo, Math.min(hi, v)) : def);
  const amount = num(p.amount, 0, 100, 0) / 100;
  const size = num(p.size, 0, 100, 25);
  const rough = num(p.roughness, 0, 100, 50) / 100;
  const scale = ctx.scale > 0 ? ctx.scale : 1;
  let cell = (0.75 + 0.05 * size) * scale;
  let amp = amount === 0 ? 0 : (0.06 * amount) / noiseStdDev() / Math.sqrt(1 + rough * rough);
  if (cell < 1) {
    amp *= cell;
    cell = 1;
  }
  return { amp, freq: 1 / cell, rough, outW: ctx.width, outH: ctx.height };
}

export function grainCpu(strip: Strip, prep: GrainPrepared): void {
  const { amp, freq, rough } = prep;
  if (amp === 0) return;
  const d = strip.data;
  const width = strip.width;
  const f2 = freq * OCT2_FREQ;
  for (let y = 0; y < strip.rows; y++) {
    const py = (strip.y0 + y + 0.5) * freq;
    const py2 = (strip.y0 + y + 0.5) * f2 + OCT2_OFFSET_Y;
    let i = y * width * 3;
    for (let x = 0; x < width; x++, i += 3) {
      const r = d[i];
      const g = d[i + 1];
      const b = d[i + 2];
      const luma = 0.2126 * r + 0.7152 * g + 0.0722 * b;
      let w = 6 * luma * (1 - luma);
      if (w <= 0) continue;
      if (w > 1) w = 1;
      let n = valueNoise((x + 0.5) * freq, py);
      if (rough > 0) n += rough * valueNoise((x + 0.5) * f2 + OCT2_OFFSET_X, py2);
      const delta = amp * w * n;
      const vr = r + delta;
      const vg = g + delta;
      const vb = b + delta;
      d[i] = vr < 0 ? 0 : vr > 1 && vr > r ? (r > 1 ? r : 1) : vr;
      d[i + 1] = vg < 0 ? 0 : vg > 1 && vg > g ? (g > 1 ? g : 1) : vg;
      d[i + 2] = vb < 0 ? 0 : vb > 1 && vb > b ? (b > 1 ? b : 1) : vb;
    }
  }
}

const glslSource = /* glsl */ `
uniform float u_grain_amp;
uniform float u_grain_freq;
uniform float u_grain_rough;
uniform vec2 u_grain_outSize;
float grain_hash(float fx, float fy) {
  uint h = (uint(fx) * 0x27d4eb2du) ^ (uint(fy) * 0x165667b1u) ^ ${SEED >>> 0}u;
  h = (h ^ (h >> 15u)) * 0x85ebca6bu;
  h = (h ^ (h >> 13u)) * 0xc2b2ae35u;
  h ^= h >> 16u;
  return float(h) / 2147483647.5 - 1.0;
}
float grain_noise(vec2 p) {
  vec2 i = floor(p);
  vec2 f = p - i;
  vec2 s = f * f * (3.0 - 2.0 * f);
  float a = grain_hash(i.x, i.y);
  float b = grain_hash(i.x + 1.0, i.y);
  float c = grain_hash(i.x, i.y + 1.0);
  float d = grain_hash(i.x + 1.0, i.y + 1.0);
  return mix(mix(a, b, s.x), mix(c, d, s.x), s.y);
}
vec3 op_grain(vec3 c) {
  if (u_grain_amp == 0.0) return c;
  float luma = dot(c, vec3(0.2126, 0.7152, 0.0722));
  float w = min(6.0 * luma * (1.0 - luma), 1.0);
  if (w <= 0.0) return c;
  // output_uv() is the pixel centre / output size, so this is (x + 0.5, y + 0.5) in output pixels.
  vec2 px = output_uv() * u_grain_outSize;
  float n = grain_noise(px * u_grain_freq);
  if (u_grain_rough > 0.0) n += u_grain_rough * grain_noise(px * (u_grain_freq * ${OCT2_FREQ.toFixed(2)}) + vec2(${OCT2_OFFSET_X.toFixed(2)}, ${OCT2_OFFSET_Y.toFixed(2)}));
  vec3 v = c + u_grain_amp * w * n;
  vec3 ceil1 = max(c, vec3(1.0));
  return clamp(v, vec3(0.0), ceil1);
}
`;

export const grainOp: OpDeclaration<GrainParams, GrainPrepared> = {
  id: 'grain',
  version: 1,
  label: 'Grain',
  group: 'effects',
  description: 'Add film-like grain (monochrome, strongest in midtones) for texture or a film look.',
  params: {
    amount: { kind: 'number', label: 'Amount', description: 'Strength of the grain: 0 none, 25 subtle, 100 heavy.', min: 0, max: 100, default: 0, step: 1 },
    size: { kind: 'number', label: 'Size', description: 'Grain particle size: low is fine grain, high is coarse.', min: 0, max: 100, default: 25, step: 1 },
    roughness: { kind: 'number', label: 'Roughness', description: 'Regularity of the grain: low is even and uniform, high is clumpy and irregular.', min: 0, max: 100, default: 50, step: 1 },
  },
  xmp: [
    { param: 'amount', key: 'crs:GrainAmount' },
    { param: 'size', key: 'crs:GrainSize' },
    { param: 'roughness', key: 'crs:GrainFrequency' },
  ],
  isIdentity: (p) => p.amount === 0,
  maths: {
    space: 'display',
    prepare: prepareGrain,
    cpu: grainCpu,
    glsl: {
      source: glslSource,
      uniforms: (prep) => {
        const p = prep as GrainPrepared;
        return { amp: p.amp, freq: p.freq, rough: p.rough, outSize: [p.outW, p.outH] };
      },
    },
  },
};
