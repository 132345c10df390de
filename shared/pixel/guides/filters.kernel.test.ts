import { describe, expect, it } from 'vitest';
import { kernelArena, setKernelsEnabled } from '../kernels/index.ts';
import { areaResample } from './lumaGrid.ts';
import { boxBlur, guidedFilter } from './util.ts';

function map(n: number, seed: number): Float32Array {
  const a = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) a[i] = ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 8 - 6 + Math.sin(i * 0.01);
  return a;
}

/** f on the kernels (checking that `fn` ran) and on the TypeScript. */
function both<T>(fn: string, f: () => T): { wasm: T; ts: T } {
  const k = kernelArena()!;
  const orig = k.fn[fn];
  let calls = 0;
  k.fn[fn] = (...a: number[]) => (calls++, orig(...a));
  let wasm: T;
  try {
    wasm = f();
  } finally {
    k.fn[fn] = orig;
  }
  expect(calls).toBeGreaterThan(0);
  setKernelsEnabled(false);
  try {
    return { wasm, ts: f() };
  } finally {
    setKernelsEnabled(true);
  }
}

const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

describe('guide filters on the WebAssembly kernels: bit-identical to the TypeScript', () => {
  for (const [w, h, r] of [
    [97, 61, 1],
    [200, 130, 7],
    [31, 17, 40], // a window wider than the map
  ] as const)
    it(`box blur ${w}×${h}, r ${r}`, () => {
      const src = map(w * h, w + r);
      const { wasm, ts } = both('tw_box_blur', () => boxBlur(src, w, h, r));
      expect(bits(wasm)).toEqual(bits(ts));
    });

  it('guided filter, self-guided and with a separate input', () => {
    const I = map(160 * 90, 3);
    const p = map(160 * 90, 4);
    for (const [input, eps] of [
      [I, 0.05],
      [p, 1e-3],
    ] as const) {
      const { wasm, ts } = both('tw_guided_coeffs', () => guidedFilter(I, input, 160, 90, 5, eps));
      expect(bits(wasm.a)).toEqual(bits(ts.a));
      expect(bits(wasm.b)).toEqual(bits(ts.b));
    }
  });

  it('area resample, integer and fractional footprints', () => {
    const src = map(301 * 203, 9);
    for (const [dw, dh] of [
      [100, 67],
      [151, 101],
      [7, 5],
    ] as const) {
      const { wasm, ts } = both('tw_area_rows', () => areaResample(src, 301, 203, dw, dh));
      expect(bits(wasm)).toEqual(bits(ts));
    }
  });
});
