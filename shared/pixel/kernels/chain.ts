/**
 * The kernels' fused chain (c/chain.c): consecutive row-local ops of a strip run together on
 * small planar chunks of pixels in cache, one pass over the strip instead of one per op. Each
 * op that has a kernel describes itself as a *link* (its `maths.link`): an op code, a few
 * integers and floats from its prepared state, and the offsets of its tables and per-pixel
 * inputs (sampled guides, local sums) in the kernels' memory. The runner
 * (shared/pixel/pipeline/run.ts) strings together the links of consecutive stages; one link
 * alone is the op's kernel.
 *
 * The record layout matches TwLink in c/chain.h: op, i[3], ptr[6], f[14] (32-bit words).
 */
import type { KernelArena } from './index.ts';

export const LINK = {
  whiteBalance: 1,
  presence: 2,
  tone: 3,
  display: 4,
  lut3d: 5,
  vignette: 6,
  curve: 7,
  hsl: 8,
  color: 9,
} as const;

export type LinkCode = (typeof LINK)[keyof typeof LINK];

/** One link: what an op's `maths.link` returns for a strip. */
export interface LinkSpec {
  op: LinkCode;
  /** Up to 3 integers (modes, sizes). */
  i?: readonly number[];
  /** Up to 6 offsets in the kernels' memory (0: none). */
  ptr?: readonly number[];
  /** Up to 14 floats. */
  f?: readonly number[];
}

const LINK_WORDS = 24;
const I_AT = 1;
const PTR_AT = 4;
const F_AT = 10;

/** Packs links into the kernels' memory (in the caller's arena region): the table's offset. */
function packLinks(k: KernelArena, links: readonly LinkSpec[]): number {
  const at = k.alloc(links.length * LINK_WORDS * 4);
  const iv = new Int32Array(k.memory.buffer, at, links.length * LINK_WORDS);
  const fv = new Float32Array(k.memory.buffer, at, links.length * LINK_WORDS);
  iv.fill(0);
  links.forEach((l, n) => {
    const o = n * LINK_WORDS;
    iv[o] = l.op;
    if ((l.i?.length ?? 0) > 3 || (l.ptr?.length ?? 0) > 6 || (l.f?.length ?? 0) > 14) throw new Error(`chain link ${l.op}: too many values`);
    l.i?.forEach((v, j) => (iv[o + I_AT + j] = v));
    l.ptr?.forEach((v, j) => (iv[o + PTR_AT + j] = v));
    l.f?.forEach((v, j) => (fv[o + F_AT + j] = v));
  });
  return at;
}

/**
 * The chain's input read from an integer source instead of `data` (the runner's first chain of
 * a strip, fused with sampling it: see tw_chain_src): row y of the chain is the `width` pixels
 * from element `index + y·stride` of `src`, decoded through `lut` (a table in the arena).
 */
export interface ChainSource {
  src: Uint8Array | Uint16Array;
  index: number;
  stride: number;
  lut: Float32Array;
}

/** Whether runChain can take `source` as its input here (a native build, or a source in the kernels' memory). */
export function chainCanRead(k: KernelArena, source: Pick<ChainSource, 'src'>): boolean {
  return k.chainFrom !== null || k.owns(source.src);
}

/**
 * Runs `links` over `rows` × `width` interleaved RGB pixels at data (in the kernels' memory), in
 * place — or, with `source`, over those pixels of the source, writing the result to data.
 * Returns the strip indices of the pixels a link left for exact evaluation (only a LINK.lut3d
 * link, which must come last, leaves any), as a view into the arena that is valid until the
 * caller releases its mark.
 */
export function runChain(k: KernelArena, data: Float32Array, width: number, rows: number, links: readonly LinkSpec[], source?: ChainSource): Int32Array {
  const last = links.findIndex((l) => l.op === LINK.lut3d);
  if (last >= 0 && last !== links.length - 1) throw new Error('runChain: a table link must be the last of its chain');
  const table = packLinks(k, links);
  const exact = k.i32(last >= 0 ? width * rows : 0);
  const exactAt = last >= 0 ? k.ptr(exact) : 0;
  let count: number;
  if (!source) count = k.fn.tw_chain(k.ptr(data), width, rows, 0, table, links.length, exactAt) as number;
  else {
    const { src, index, stride, lut } = source;
    const n = rows > 0 ? (rows - 1) * stride + width * 3 : 0;
    const bits = src instanceof Uint16Array ? 16 : 8;
    if (k.chainFrom) count = k.chainFrom(src, index, n, stride, k.ptr(data), width, rows, 0, table, links.length, exactAt, k.ptr(lut));
    else if (k.owns(src)) count = k.fn.tw_chain_src(k.ptr(data), width, rows, 0, table, links.length, exactAt, k.ptr(src) + index * (bits / 8), bits, stride, n, k.ptr(lut)) as number;
    else throw new Error('runChain: the source is outside the kernels’ memory and this build cannot read it there');
  }
  return exact.subarray(0, count);
}
