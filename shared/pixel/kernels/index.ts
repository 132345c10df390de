/**
 * The WebAssembly pixel kernels: SIMD twins of the hottest per-pixel loops (white balance,
 * tone, presence, sharpening, the runner's conversions…), compiled from ./c by
 * scripts/build-kernels.mjs and embedded in ./kernels.wasm.ts. The TypeScript kernels stay the
 * reference: a kernel runs only when its data already lives in the module's memory (the strip
 * workspace allocates there through `kernelArena`), and otherwise — or when kernels are off —
 * the TypeScript path runs. Parity tests beside each glue file compare the two.
 *
 * One instance per thread (workers each get their own), with its own *shared* memory: growing
 * a shared memory never detaches typed arrays made on it earlier, so views stay valid while
 * later allocations grow it. Allocation is a bump arena with mark/release: the runner marks
 * before a render call and releases after it; kernels take scratch space the same way.
 * Pure: uses only the WebAssembly and SharedArrayBuffer globals (missing in a browser page
 * that is not cross-origin isolated, where `kernels()` is null and the TypeScript path runs).
 */
import { KERNELS_WASM_BASE64 } from './kernels.wasm.ts';

/**
 * The module's exported functions by name (pointers are byte offsets into its memory; each
 * glue file calls its own exports with the argument list its C function declares).
 */
export type KernelFn = (...args: number[]) => number | undefined;
export type KernelExports = Record<string, KernelFn>;

const PAGE = 65536;
const MAX_PAGES = 65536; // 4 GiB, as the module declares

export class KernelArena {
  /** The WebAssembly module's own functions (fn holds them, or native twins swapped in over them). */
  readonly wasmFn: Readonly<KernelExports>;
  /** Which build `fn` runs: 'wasm', or the native variant's instruction set (e.g. 'avx2'). */
  backend = 'wasm';
  /**
   * Native builds only: tw_decode_u8/u16 reading `n` code values from element `index` of a
   * source array outside the kernel memory (the shared source image), writing floats at `out`.
   */
  decodeFrom: ((src: Uint8Array | Uint16Array, index: number, n: number, lut: number, out: number) => void) | null = null;
  /** Native builds only: dst.set(src) by memcpy (V8 copies into shared memory with relaxed atomic stores, ~10× slower). */
  copyIn: ((dst: ArrayBufferView, src: ArrayBufferView) => void) | null = null;
  /** Native builds only: tw_log_luma_u8/u16 on `rows` rows of W pixels from element `index` of a source outside the kernel memory. */
  logLumaFrom: ((src: Uint8Array | Uint16Array, index: number, W: number, rows: number, tab: number, col: number, acc: number, perCol: number, w: number, out: number) => void) | null = null;
  /**
   * Native builds only: tw_chain_src with its input rows read in place from a source outside the
   * kernel memory (`count` values from element `index`, rows `stride` values apart).
   */
  chainFrom:
    | ((src: Uint8Array | Uint16Array, index: number, count: number, stride: number, data: number, width: number, rows: number, y0: number, links: number, nlinks: number, exact: number, lut: number) => number)
    | null = null;
  private top: number;
  private readonly constants = new Map<string, Float32Array | Uint8Array | Int32Array>();
  private readonly scopedCopies = new Map<object, { at: number; copy: Float32Array | Uint8Array | Uint32Array }>();
  private readonly buffers = new WeakSet<ArrayBufferLike>();

  constructor(
    readonly memory: WebAssembly.Memory,
    readonly fn: KernelExports,
    private base: number,
  ) {
    this.wasmFn = Object.freeze({ ...fn });
    this.top = base;
    this.buffers.add(memory.buffer);
  }

  /** Whether a typed array lives in this module's memory (then `ptr` gives its address). */
  owns(a: ArrayBufferView): boolean {
    return this.buffers.has(a.buffer);
  }

  ptr(a: ArrayBufferView): number {
    return a.byteOffset;
  }

  mark(): number {
    return this.top;
  }

  /** Frees everything allocated since `mark` (the views made since must no longer be used). */
  release(mark: number): void {
    if (mark < this.base || mark > this.top) throw new Error('kernel arena: release of an unknown mark');
    this.top = mark;
    for (const [key, e] of this.scopedCopies) if (e.at >= mark) this.scopedCopies.delete(key);
  }

  /** `bytes` of memory, 16-byte aligned, growing the memory when needed: the byte offset. */
  alloc(bytes: number): number {
    const at = (this.top + 15) & ~15;
    const end = at + bytes;
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      const pages = Math.ceil((end - have) / PAGE);
      if (have / PAGE + pages > MAX_PAGES) throw new Error(`kernel arena: ${end} bytes exceed the 4 GiB memory`);
      this.memory.grow(pages);
      this.buffers.add(this.memory.buffer);
    }
    this.top = end;
    return at;
  }

  f32(n: number): Float32Array {
    const at = this.alloc(n * 4);
    return new Float32Array(this.memory.buffer, at, n);
  }

  u8(n: number): Uint8Array {
    const at = this.alloc(n);
    return new Uint8Array(this.memory.buffer, at, n);
  }

  u32(n: number): Uint32Array {
    const at = this.alloc(n * 4); // first: it may grow the memory (a new buffer object)
    return new Uint32Array(this.memory.buffer, at, n);
  }

  f64(n: number): Float64Array {
    const at = this.alloc(n * 8);
    return new Float64Array(this.memory.buffer, at, n);
  }

  i32(n: number): Int32Array {
    const at = this.alloc(n * 4);
    return new Int32Array(this.memory.buffer, at, n);
  }

  /**
   * A table that never changes (decode/encode tables), copied into the module memory once and
   * kept for the thread's lifetime when nothing is allocated (the runner asks before it marks);
   * otherwise a temporary copy in the current arena region.
   */
  constant<T extends Float32Array | Uint8Array>(key: string, src: T): T {
    const hit = this.constants.get(key);
    if (hit) return hit as T;
    const keep = this.top === this.base;
    const copy = (src instanceof Float32Array ? this.f32(src.length) : this.u8(src.length)) as T;
    this.set(copy, src);
    if (keep) {
      this.base = this.top;
      this.constants.set(key, copy);
    }
    return copy;
  }

  /**
   * A copy of `src` (plus `pad` zero elements) in the arena, made once and re-used until the
   * region holding it is released: per-render tables (a fused colour table) that many strips
   * read (src must not change meanwhile). Call it before taking a mark for per-call scratch.
   */
  scoped<T extends Float32Array | Uint8Array | Uint32Array>(src: T, pad = 0): T {
    const hit = this.scopedCopies.get(src);
    if (hit && hit.copy.length === src.length + pad) return hit.copy as T;
    const copy = (
      src instanceof Float32Array ? this.f32(src.length + pad) : src instanceof Uint32Array ? this.u32(src.length + pad) : this.u8(src.length + pad)
    ) as T;
    this.set(copy, src);
    copy.fill(0, src.length);
    this.scopedCopies.set(src, { at: copy.byteOffset, copy });
    return copy;
  }

  /**
   * dst.set(src) for typed arrays of one type, either of them in this memory: by memcpy in a
   * native build (V8 copies to and from shared memory with relaxed atomic accesses, ~10× slower).
   */
  set<T extends Float32Array | Float64Array | Uint8Array | Uint16Array | Int32Array | Uint32Array>(dst: T, src: T, at = 0): void {
    if (this.copyIn && src.length > 256) this.copyIn(at ? dst.subarray(at, at + src.length) : dst, src);
    else dst.set(src as never, at);
  }

  /** A copy of `src` in the arena (tables a kernel reads). */
  copyF32(src: ArrayLike<number>): Float32Array {
    const a = this.f32(src.length);
    if (src instanceof Float32Array) this.set(a, src);
    else for (let i = 0; i < src.length; i++) a[i] = src[i];
    return a;
  }
}

let enabled = true;
let instance: KernelArena | null | undefined;
let failure: string | null = null;

/**
 * A provider of native twins of the kernels (main/imaging/native-kernels.ts registers one in
 * Node): given this thread's kernel memory, functions with the same names and arguments as the
 * WebAssembly exports (pointers as offsets into that memory), and the name of the build.
 */
export type KernelOverride = (memory: WebAssembly.Memory) => { backend: string; fn: Partial<KernelExports>; extras: Partial<KernelExtras> } | null;

/** The entry points only a native build has (null on the WebAssembly build). */
export type KernelExtras = Pick<KernelArena, 'decodeFrom' | 'logLumaFrom' | 'copyIn' | 'chainFrom'>;
const NO_EXTRAS: KernelExtras = { decodeFrom: null, logLumaFrom: null, copyIn: null, chainFrom: null };
export const KERNEL_EXTRAS = Object.keys(NO_EXTRAS) as (keyof KernelExtras)[];
let override: KernelOverride | null = null;
let overrideOn = true;

function applyOverride(arena: KernelArena): void {
  Object.assign(arena.fn, arena.wasmFn);
  arena.backend = 'wasm';
  Object.assign(arena, NO_EXTRAS);
  if (!override || !overrideOn) return;
  const o = override(arena.memory);
  if (!o) return;
  for (const [name, f] of Object.entries(o.fn)) if (typeof f === 'function' && name in arena.wasmFn) arena.fn[name] = f;
  arena.backend = o.backend;
  for (const name of KERNEL_EXTRAS) if (typeof o.extras[name] === 'function') arena[name] = o.extras[name] as never;
}

/** Registers (or, with null, removes) the native twins for this thread's arena, now and when it loads. */
export function setKernelOverride(o: KernelOverride | null): void {
  override = o;
  if (instance) applyOverride(instance);
}

/** Uses the registered native twins (true, the default) or the WebAssembly functions only (false). */
export function setNativeKernelsEnabled(on: boolean): void {
  overrideOn = on;
  if (instance) applyOverride(instance);
}

/** Turns the WebAssembly kernels off (or back on) for this thread: the TypeScript kernels run. */
export function setKernelsEnabled(on: boolean): void {
  enabled = on;
}

/** Why the kernels could not be loaded on this thread (null when they loaded or were not tried). */
export function kernelsFailure(): string | null {
  return failure;
}

function decodeBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function load(): KernelArena | null {
  try {
    if (typeof WebAssembly === 'undefined' || typeof SharedArrayBuffer === 'undefined') throw new Error('WebAssembly or SharedArrayBuffer is unavailable');
    const module = new WebAssembly.Module(decodeBase64(KERNELS_WASM_BASE64) as BufferSource);
    const memory = new WebAssembly.Memory({ initial: 32, maximum: MAX_PAGES, shared: true });
    const inst = new WebAssembly.Instance(module, { env: { memory } });
    const exports = inst.exports as Record<string, unknown>;
    // A plain copy of the functions (the instance's own object is frozen), so tests can count calls.
    const fn: KernelExports = {};
    for (const [name, v] of Object.entries(exports)) if (typeof v === 'function') fn[name] = v as KernelFn;
    const arena = new KernelArena(memory, fn, Number((exports.__heap_base as WebAssembly.Global).value));
    applyOverride(arena);
    return arena;
  } catch (e) {
    failure = e instanceof Error ? e.message : String(e);
    return null;
  }
}

/** This thread's kernels, or null when they are off or cannot load here. */
export function kernelArena(): KernelArena | null {
  if (!enabled) return null;
  if (instance === undefined) instance = load();
  return instance;
}

/**
 * The arena when a kernel can run on `data` (kernels on and `data` in the module's memory),
 * else null: the caller then takes its TypeScript path.
 */
export function kernelsFor(data: Float32Array): KernelArena | null {
  const k = kernelArena();
  return k !== null && k.owns(data) ? k : null;
}
