/**
 * The native pixel kernels (scripts/build-native.mjs → dist/native/*.node): the same C sources as
 * the WebAssembly kernels, compiled for this CPU's vector unit (AVX-512, AVX2, SSE4.1 or NEON).
 * installNativeKernels() registers them with shared/pixel/kernels for this thread (each render
 * worker calls it, and the main thread): the kernel arena then calls the native functions
 * instead of the WebAssembly ones, with the same arguments, on the same memory, and gets the
 * same results (both builds do the same float operations in the same order; the tests compare
 * every variant with the WebAssembly build).
 *
 * A module is used only when its embedded source hash equals the WebAssembly module's (built
 * from the same sources) and the CPU supports its instruction set; otherwise — no compiler at
 * install time, Windows, a stale build — the WebAssembly kernels run.
 *
 * Environment: TONEWRIGHT_KERNELS=wasm turns the native kernels off; TONEWRIGHT_NATIVE_ISA=avx2
 * (or sse41, …) picks a variant; TONEWRIGHT_NATIVE_DIR overrides the folder of the modules.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KERNELS_SOURCE_HASH } from '../../shared/pixel/kernels/kernels.wasm.ts';
import { setKernelOverride, type KernelExports, type KernelExtras, type KernelOverride } from '../../shared/pixel/kernels/index.ts';

export interface NativeModule extends Partial<KernelExtras> {
  sourceHash: string;
  isa: string;
  supported(): boolean;
  bind(memory: WebAssembly.Memory, view: ArrayBufferView): void;
  [kernel: string]: unknown;
}

export interface NativeVariant {
  isa: string;
  /** The loaded module when it can run here, else null with the reason. */
  mod: NativeModule | null;
  reason: string | null;
}

export interface NativeStatus {
  /** The variant in use (e.g. 'avx512'), or null when the WebAssembly kernels run. */
  isa: string | null;
  /** Why no native module is used (null when one is). */
  reason: string | null;
  dir: string;
}

/**
 * Where the build puts the modules: <repo>/dist/native (or $TONEWRIGHT_NATIVE_DIR), found from
 * this source file's place; null when it is not a file. A render worker's bundle lives in the
 * bundle cache (worker-bundle.ts), where that relative path does not hold: the pool tells each
 * worker the folder instead (workerData.nativeDir), and workers never call this.
 */
export function nativeDir(): string | null {
  if (process.env.TONEWRIGHT_NATIVE_DIR) return path.resolve(process.env.TONEWRIGHT_NATIVE_DIR);
  if (!import.meta.url.startsWith('file:')) return null;
  // In a packaged app the sources sit in app.asar and the modules in app.asar.unpacked.
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  return path.join(root.replace(/app\.asar$/, 'app.asar.unpacked'), 'dist/native');
}

/**
 * The variants built into `dir`, best first, each loaded when it fits (the sources the
 * WebAssembly module was built from, a CPU that runs it). Throws with the reason when there is
 * no usable build at all (no manifest, a stale one).
 */
export function nativeVariants(dir: string): NativeVariant[] {
  let manifest: { sourceHash?: string; modules?: { isa: string; file: string }[] };
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  } catch {
    throw new Error(`not built (no ${path.join(dir, 'manifest.json')}; run npm run build:native)`);
  }
  if (manifest.sourceHash !== KERNELS_SOURCE_HASH)
    throw new Error(`stale build (sources ${manifest.sourceHash}, kernels ${KERNELS_SOURCE_HASH}; run npm run build:native)`);
  const req = createRequire(path.join(dir, 'manifest.json'));
  return (manifest.modules ?? []).map((m) => {
    try {
      const mod = req(path.join(dir, m.file)) as NativeModule;
      if (mod.sourceHash !== KERNELS_SOURCE_HASH) return { isa: m.isa, mod: null, reason: 'stale module' };
      if (!mod.supported()) return { isa: m.isa, mod: null, reason: 'not supported by this CPU' };
      return { isa: m.isa, mod, reason: null };
    } catch (e) {
      return { isa: m.isa, mod: null, reason: (e as Error).message.split('\n')[0] };
    }
  });
}

let chosen: { mod: NativeModule | null; status: NativeStatus } | null = null;

/**
 * The native module this thread uses (chosen once): the best variant that runs here, or the one
 * $TONEWRIGHT_NATIVE_ISA names; null with the reason when none does.
 */
export function loadNativeKernels(dir: string | null = nativeDir()): { mod: NativeModule | null; status: NativeStatus } {
  if (chosen) return chosen;
  const none = (reason: string) => (chosen = { mod: null, status: { isa: null, reason, dir: dir ?? '' } });
  if (process.env.TONEWRIGHT_KERNELS === 'wasm') return none('TONEWRIGHT_KERNELS=wasm');
  if (dir === null) return none('the folder of the native modules is unknown here');
  let variants: NativeVariant[];
  try {
    variants = nativeVariants(dir);
  } catch (e) {
    return none((e as Error).message);
  }
  const pick = process.env.TONEWRIGHT_NATIVE_ISA;
  const usable = variants.filter((v) => v.mod && (!pick || v.isa === pick));
  if (usable.length === 0)
    return none(variants.length ? variants.map((v) => `${v.isa}: ${v.reason ?? 'not picked'}`).join('; ') : 'no module in the manifest');
  return (chosen = { mod: usable[0].mod, status: { isa: usable[0].isa, reason: null, dir } });
}

/** The kernel functions of a native module, bound to a thread's kernel memory. */
function overrideFor(mod: NativeModule): KernelOverride {
  return (memory) => {
    mod.bind(memory, new Uint8Array(memory.buffer, 0, 16));
    const fn: Partial<KernelExports> = {};
    for (const [name, v] of Object.entries(mod)) if (name.startsWith('tw_') && typeof v === 'function') fn[name] = v as KernelExports[string];
    return { backend: mod.isa, fn, extras: mod };
  };
}

/** Runs this thread's kernels on `mod` (null: on the WebAssembly build). */
export function useNativeModule(mod: NativeModule | null): void {
  setKernelOverride(mod ? overrideFor(mod) : null);
}

/**
 * Makes this thread's kernels native when a fitting module exists (idempotent). Returns the
 * status: which variant runs, or why the WebAssembly kernels do.
 */
export function installNativeKernels(dir?: string | null): NativeStatus {
  const { mod, status } = loadNativeKernels(dir);
  useNativeModule(mod);
  return status;
}
