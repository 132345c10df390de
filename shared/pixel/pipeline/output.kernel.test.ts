import { describe, expect, it } from 'vitest';
import { kernelArena, setKernelsEnabled } from '../kernels/index.ts';
import { kernelParity, photoSource } from '../kernels/parityTesting.ts';
import { decodeLut } from '../transfer.ts';
import { sampleExact } from './geometry.ts';
import { planGeometry } from './geometry.ts';
import { linearToDisplay, writeOut } from './output.ts';
import { randomSource } from './testOps.ts';

/** Values across the whole range, with the edge cases: negatives, NaN, ±Inf, exactly 0 and 1, > 1. */
function values(n: number): Float32Array {
  const v = new Float32Array(n);
  let s = 12345;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    v[i] = (s / 2 ** 32) * 1.3 - 0.1;
  }
  v.set([NaN, Infinity, -Infinity, 0, 1, 1.5, -0, 0.5 / 255, 127.5 / 255, 1 - 1e-7], 0);
  return v;
}

describe('runner kernels (wasm) against the TypeScript loops', () => {
  const k = kernelArena()!;

  it('linearToDisplay: identical results below 1, the sRGB formula within 1e-6 above', () => {
    const src = values(4099);
    const ts = Float32Array.from(src);
    setKernelsEnabled(false);
    linearToDisplay(ts, 3, 4099);
    setKernelsEnabled(true);
    const mark = k.mark();
    const wa = k.f32(src.length);
    wa.set(src);
    const calls = { n: 0 };
    const f = k.fn.tw_chain;
    k.fn.tw_chain = (...a: number[]) => (calls.n++, f(...a));
    linearToDisplay(wa, 3, 4099);
    k.fn.tw_chain = f;
    expect(calls.n).toBe(2); // 1365 whole pixels, then the last value through a pixel of scratch
    for (let i = 0; i < ts.length; i++) {
      if (!(src[i] > 1) || i < 3) expect(wa[i]).toBe(ts[i]);
      else if (src[i] === Infinity) expect(wa[i]).toBe(Infinity);
      else expect(Math.abs(wa[i] - ts[i]) / ts[i]).toBeLessThan(1e-6);
    }
    k.release(mark);
  });

  for (const linear of [false, true])
    it(`writeOut to 8 bits (${linear ? 'linear' : 'display'} floats): identical codes`, () => {
      const src = values(1000);
      const ts = new Uint8Array(1010);
      setKernelsEnabled(false);
      writeOut(src, 7, 990, linear, ts, 5);
      setKernelsEnabled(true);
      const mark = k.mark();
      const wa = k.f32(src.length);
      wa.set(src);
      const out = new Uint8Array(1010);
      writeOut(wa, 7, 990, linear, out, 5);
      expect(Array.from(out)).toEqual(Array.from(ts));
      k.release(mark);
    });

  for (const bits of [8, 16] as const)
    it(`identity sampling of ${bits}-bit rows: identical floats`, () => {
      const src = randomSource(37, 11, bits, 9);
      const { geometry } = planGeometry(undefined, 37, 11, 1);
      const lut = decodeLut(bits);
      const ts = new Float32Array(37 * 5 * 3);
      setKernelsEnabled(false);
      sampleExact(geometry, src, lut, 37, 3, 8, ts);
      setKernelsEnabled(true);
      const mark = k.mark();
      const wa = k.f32(ts.length);
      sampleExact(geometry, src, lut, 37, 3, 8, wa);
      expect(Array.from(wa)).toEqual(Array.from(ts));
      k.release(mark);
    });

  it('a whole render with only runner kernels active is bit-identical', () => {
    // A display op without a kernel: only the runner's conversions run on wasm.
    const p = kernelParity({ ops: { colorGrading: { shadowHue: 220, shadowSat: 40 } }, locals: [] }, photoSource(80, 50));
    expect(p.calls.tw_decode_u16).toBeGreaterThan(0);
    expect(p.calls.tw_chain).toBeGreaterThan(0);
    expect(p.maxDiff).toBe(0);
  });
});
