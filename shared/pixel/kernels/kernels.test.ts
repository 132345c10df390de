import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs helper of the build script, no types
import { kernelSourceHash } from '../../../scripts/kernel-source-hash.mjs';
import { kernelArena, kernelsFor, setKernelsEnabled } from './index.ts';
import { KERNELS_SOURCE_HASH } from './kernels.wasm.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('WebAssembly kernels', () => {
  it('the embedded module was built from the current C sources (else: npm run build:kernels)', () => {
    expect(KERNELS_SOURCE_HASH).toBe(kernelSourceHash(path.join(here, 'c')));
  });

  it('load in Node, with their exports', () => {
    const k = kernelArena();
    expect(k).not.toBeNull();
    expect(typeof k!.fn.tw_chain).toBe('function');
  });

  it('arena: aligned allocations, views stay valid when the memory grows, release frees', () => {
    const k = kernelArena()!;
    const mark = k.mark();
    const a = k.f32(3);
    a.set([1, 2, 3]);
    expect(a.byteOffset % 16).toBe(0);
    const before = k.memory.buffer.byteLength;
    const big = k.f32((before / 4) * 2); // forces a grow
    expect(k.memory.buffer.byteLength).toBeGreaterThan(before);
    expect(Array.from(a)).toEqual([1, 2, 3]);
    expect(k.owns(a) && k.owns(big)).toBe(true);
    expect(k.owns(new Float32Array(4))).toBe(false);
    k.release(mark);
    expect(k.mark()).toBe(mark);
    expect(() => k.release(mark + 1e9)).toThrow(/unknown mark/);
  });

  it('kernelsFor: only data in the module memory, and only while enabled', () => {
    const k = kernelArena()!;
    const mark = k.mark();
    const a = k.f32(12);
    expect(kernelsFor(a)).toBe(k);
    expect(kernelsFor(new Float32Array(12))).toBeNull();
    setKernelsEnabled(false);
    expect(kernelsFor(a)).toBeNull();
    setKernelsEnabled(true);
    k.release(mark);
  });
});
