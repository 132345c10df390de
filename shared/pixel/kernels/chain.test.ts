import { describe, expect, it } from 'vitest';
import { decodeLut } from '../transfer.ts';
import { LINK, runChain, type LinkSpec } from './chain.ts';
import { kernelArena } from './index.ts';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('a chain reading its input from the integer source (tw_chain_src)', () => {
  for (const bits of [8, 16] as const)
    it(`${bits}-bit rows at any offset and stride: the same floats as sampling first, then chaining`, () => {
      const k = kernelArena()!;
      const mark = k.mark();
      try {
        const rand = rng(bits);
        const width = 203; // not a multiple of the chunk or the vector width
        const rows = 5;
        const stride = width * 3 + 21;
        const index = 9;
        const max = bits === 8 ? 255 : 65535;
        const src = bits === 8 ? k.u8(index + rows * stride) : new Uint16Array(k.memory.buffer, k.alloc((index + rows * stride) * 2), index + rows * stride);
        for (let i = 0; i < src.length; i++) src[i] = Math.floor(rand() * (max + 1));
        const lut = k.f32(max + 1);
        lut.set(decodeLut(bits));
        const links: LinkSpec[] = [{ op: LINK.whiteBalance, f: [1.05, -0.03, -0.02, 0.01, 0.99, 0, -0.01, 0.02, 0.95] }];
        const sampled = k.f32(width * rows * 3);
        for (let y = 0; y < rows; y++)
          for (let x = 0; x < width * 3; x++) sampled[y * width * 3 + x] = lut[src[index + y * stride + x]];
        runChain(k, sampled, width, rows, links);
        const direct = k.f32(width * rows * 3);
        runChain(k, direct, width, rows, links, { src, index, stride, lut });
        expect(Array.from(direct)).toEqual(Array.from(sampled));
      } finally {
        k.release(mark);
      }
    });
});
