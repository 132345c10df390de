/**
 * The runner's colour-space steps: linear → display (sRGB-encoded) between the linear and the
 * display ops, and the final clamp to 0..1 and quantisation into the output array.
 * NaN becomes 0 and +Inf becomes 1 here, so no op can leak a non-finite value into the output.
 */
import { linearToSrgb } from '../transfer.ts';
import { linearToDisplayKernel, writeOutU8Kernel } from './output.kernel.ts';

export type OutArray = Uint8Array | Uint16Array | Float32Array;

/**
 * Linear → sRGB-encoded by table lookup on a 1/65535 grid of linear values in [0, 1], no
 * interpolation: the error is at most half a step × the curve's steepest slope (12.92), i.e.
 * < 1e-4 (0.025 of an 8-bit code), and far less above the black end. Above 1: exact formula.
 */
const ENC_N = 65535;
let encTable: Float32Array | null = null;
export function encodeTable(): Float32Array {
  if (!encTable) buildTables();
  return encTable!;
}

/** Both tables of the 1/65535 grid from one evaluation of the curve per entry (65,536 Math.pow, not twice that). */
function buildTables(): void {
  encTable = new Float32Array(ENC_N + 1);
  fused8 = new Uint8Array(ENC_N + 1);
  for (let i = 0; i <= ENC_N; i++) {
    const v = linearToSrgb(i / ENC_N);
    encTable[i] = v;
    fused8[i] = Math.round(v * 255);
  }
}

/** In place: linear → sRGB-encoded over data[start, end). Negatives (and NaN) → 0; values > 1 stay > 1. */
export function linearToDisplay(data: Float32Array, start: number, end: number): void {
  const tab = encodeTable();
  if (linearToDisplayKernel(data, start, end, tab)) return;
  for (let i = start; i < end; i++) {
    const v = data[i];
    data[i] = v > 0 ? (v < 1 ? tab[(v * ENC_N + 0.5) | 0] : linearToSrgb(v)) : 0;
  }
}

let fused8: Uint8Array | null = null;
/** Linear value quantised to 1/65535 → 8-bit sRGB code (error < 0.03 code values everywhere). */
export function fusedLut8(): Uint8Array {
  if (!fused8) buildTables();
  return fused8!;
}

/**
 * Write n floats of `data` (from `start`) to out[at..]: `linear` says whether they still need
 * the sRGB encode. Values are clamped to 0..1 and scaled to the output's range.
 */
export function writeOut(data: Float32Array, start: number, n: number, linear: boolean, out: OutArray, at: number): void {
  const end = start + n;
  if (out instanceof Uint8Array) {
    if (writeOutU8Kernel(data, start, n, linear ? fusedLut8() : null, out, at)) return;
    if (linear) {
      const lut = fusedLut8();
      for (let i = start, o = at; i < end; i++, o++) {
        const v = data[i];
        out[o] = v > 0 ? (v < 1 ? lut[(v * ENC_N + 0.5) | 0] : 255) : 0;
      }
    } else {
      for (let i = start, o = at; i < end; i++, o++) {
        const v = data[i];
        out[o] = v > 0 ? (v < 1 ? (v * 255 + 0.5) | 0 : 255) : 0;
      }
    }
    return;
  }
  const tab = encodeTable();
  if (out instanceof Uint16Array) {
    for (let i = start, o = at; i < end; i++, o++) {
      let v = data[i];
      if (linear) v = v > 0 ? (v < 1 ? tab[(v * ENC_N + 0.5) | 0] : 1) : 0;
      out[o] = v > 0 ? (v < 1 ? (v * 65535 + 0.5) | 0 : 65535) : 0;
    }
  } else {
    for (let i = start, o = at; i < end; i++, o++) {
      let v = data[i];
      if (linear) v = v > 0 ? (v < 1 ? tab[(v * ENC_N + 0.5) | 0] : 1) : 0;
      out[o] = v > 0 ? (v < 1 ? v : 1) : 0;
    }
  }
}

/**
 * Exact-geometry render with no active ops: source code values go straight to the output
 * (8→8 and 16→16 copy unchanged; other depths are rescaled with rounding).
 */
export function conversionLut(bits: 8 | 16, out: OutArray): OutArray {
  const n = 1 << bits;
  const max = n - 1;
  if (out instanceof Float32Array) return Float32Array.from({ length: n }, (_, i) => i / max);
  const k = out instanceof Uint8Array ? 255 : 65535;
  const lut = out instanceof Uint8Array ? new Uint8Array(n) : new Uint16Array(n);
  for (let i = 0; i < n; i++) lut[i] = Math.round((i * k) / max);
  return lut;
}
