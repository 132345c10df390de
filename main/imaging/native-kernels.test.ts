/**
 * The native kernels (scripts/build-native.mjs) against the WebAssembly build of the same
 * sources: every variant this CPU runs must give the same floats, to the bit, on renders that go
 * through every kernel (the fused chain with each link and mode, the colour table, sharpening
 * with masking and local sharpness, guide sampling, decoding from 8 and 16 bits, odd widths and
 * strip splits); and the glue must refuse bad arguments with an exception, never a crash.
 *
 * Without a build (no C compiler at install) the suite says so and skips, except under
 * TONEWRIGHT_REQUIRE_NATIVE=1 (CI), where a missing build fails.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { computeGuides, planRender, renderImage, renderRows } from '../../shared/pixel/pipeline.ts';
import { computeLogLumaRows } from '../../shared/pixel/guides/lumaGrid.ts';
import type { RenderOptions, ResolvedSettings, SourceImage } from '../../shared/pixel/pipeline/types.ts';
import { kernelArena, setNativeKernelsEnabled } from '../../shared/pixel/kernels/index.ts';
import { photoSource } from '../../shared/pixel/kernels/parityTesting.ts';
import { randomSource } from '../../shared/pixel/pipeline/testOps.ts';
import { SETS } from '../../bench/render.bench.ts';
import { loadSettings } from '../cli/settings.ts';
import { nativeDir, nativeVariants, useNativeModule, type NativeVariant } from './native-kernels.ts';

const required = process.env.TONEWRIGHT_REQUIRE_NATIVE === '1';
let variants: NativeVariant[] = [];
let why = '';
try {
  variants = nativeVariants(nativeDir()!);
} catch (e) {
  why = (e as Error).message;
}
const runnable = variants.filter((v) => v.mod);
if (runnable.length === 0 && !required) console.warn(`native kernels: skipped (${why || variants.map((v) => `${v.isa}: ${v.reason}`).join('; ')})`);

/** An 8-bit copy of a 16-bit source. */
function to8(src: SourceImage): SourceImage {
  const data = new Uint8Array(src.data.length);
  for (let i = 0; i < data.length; i++) data[i] = src.data[i] >> 8;
  return { width: src.width, height: src.height, bits: 8, data };
}

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** Random settings of the ops with kernels (and the fused colour ops), extremes included. */
function randomSettings(seed: number): ResolvedSettings {
  const r = rng(seed);
  const v = (lo: number, hi: number) => (r() < 0.15 ? (r() < 0.5 ? lo : hi) : lo + (hi - lo) * r());
  const on = (p: number) => r() < p;
  const ops: ResolvedSettings['ops'] = {
    presence: { texture: on(0.6) ? v(-100, 100) : 0, clarity: on(0.7) ? v(-100, 100) : 0 },
    whiteBalance: { temperature: v(-100, 100), tint: v(-100, 100) },
    tone: {
      exposure: v(-5, 5) * (on(0.5) ? 0.3 : 1),
      contrast: on(0.6) ? v(-100, 100) : 0,
      highlights: on(0.6) ? v(-100, 100) : 0,
      shadows: on(0.6) ? v(-100, 100) : 0,
      whites: on(0.4) ? v(-100, 100) : 0,
      blacks: on(0.4) ? v(-100, 100) : 0,
    },
    parametricCurve: { lights: v(-100, 100), darks: v(-100, 100) },
    hsl: { saturationBlue: v(-100, 100), hueGreen: v(-100, 100), luminanceOrange: v(-100, 100) },
    color: { vibrance: v(-100, 100), saturation: v(-100, 100) },
    vignette: { amount: v(-100, 100), highlights: v(0, 100), roundness: v(-100, 100), feather: v(0, 100) },
    sharpening: { amount: on(0.8) ? v(0, 150) : 0, radius: v(0.5, 3), detail: v(0, 100), masking: on(0.5) ? v(0, 100) : 0 },
  };
  if (on(0.3)) ops.crop = { left: 0.05, right: 0.93, top: 0.02, bottom: 0.97, angle: v(-10, 10) };
  const locals = on(0.5)
    ? [
        {
          mask: { id: 'm', components: [{ shape: { type: 'radial' as const, cx: 0.45, cy: 0.5, rx: 0.35, ry: 0.4, angle: 20, feather: 60, inside: true }, mode: 'add' as const }] },
          // Local exposure sends tone down its TypeScript path, which samples its guide with tw_sample_guide_grid.
          params: { clarity: v(-100, 100), sharpness: v(-100, 100), ...(on(0.5) ? { exposure: v(-2, 2) } : {}) },
        },
      ]
    : [];
  return { ops, locals };
}

/** Renders with the WebAssembly kernels and with the native variant `v`; the calls each native kernel got. */
function both(v: NativeVariant, settings: ResolvedSettings, src: SourceImage, opts: RenderOptions = {}) {
  const arena = kernelArena()!;
  useNativeModule(v.mod);
  setNativeKernelsEnabled(false);
  let wasm: Float32Array;
  try {
    expect(arena.backend).toBe('wasm');
    wasm = renderImage(settings, src, opts).data;
  } finally {
    setNativeKernelsEnabled(true);
  }
  expect(arena.backend).toBe(v.isa);
  const calls: Record<string, number> = {};
  const saved = { ...arena.fn };
  for (const [name, f] of Object.entries(saved)) arena.fn[name] = (...a: number[]) => ((calls[name] = (calls[name] ?? 0) + 1), f(...a));
  let native: Float32Array;
  try {
    native = renderImage(settings, src, opts).data;
  } finally {
    Object.assign(arena.fn, saved);
  }
  return { wasm, native, calls };
}

/** Index and values of the first difference, or null when the arrays are identical. */
function firstDifference(a: Float32Array, b: Float32Array): string | null {
  if (a.length !== b.length) return `lengths ${a.length} and ${b.length}`;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return `value ${i}: wasm ${a[i]}, native ${b[i]}`;
  return null;
}

afterAll(() => useNativeModule(null));

describe.skipIf(runnable.length === 0 && !required)('native kernels', () => {
  it('a build for this machine exists and loads', () => {
    expect(why).toBe('');
    expect(runnable.length).toBeGreaterThan(0);
  });

  for (const v of runnable) {
    describe(`${v.isa} variant: the same floats as the WebAssembly build`, () => {
      it('the benchmark edit on a 2 MP photo (fused colour table), 16 and 8 bits', async () => {
        const { resolved: settings } = await loadSettings({ sets: SETS });
        const src16 = photoSource(1700, 1240, 5);
        for (const src of [src16, to8(src16)]) {
          const { wasm, native, calls } = both(v, settings, src);
          expect(calls.tw_chain).toBeGreaterThan(0);
          expect(calls.tw_sharpening).toBeGreaterThan(0);
          expect(firstDifference(wasm, native)).toBeNull();
        }
      });

      it('random settings of every kernel op (locals, rotated crops, masking), odd sizes and strips', () => {
        const seen: Record<string, number> = {};
        for (let seed = 1; seed <= 24; seed++) {
          const settings = randomSettings(seed);
          const src = seed % 3 === 0 ? randomSource(61 + seed, 23 + seed, 8, seed) : photoSource(97 + 7 * seed, 41 + seed, seed);
          const opts: RenderOptions = seed % 2 ? { stripRows: 1 + (seed % 7) } : {};
          const { wasm, native, calls } = both(v, settings, src, opts);
          for (const [name, n] of Object.entries(calls)) seen[name] = (seen[name] ?? 0) + n;
          const d = firstDifference(wasm, native);
          if (d) throw new Error(`seed ${seed} (${JSON.stringify(settings)}): ${d}`);
        }
        for (const name of ['tw_chain', 'tw_sharpening', 'tw_sample_guide_grid']) expect(seen[name] ?? 0, name).toBeGreaterThan(0);
      });
    });
  }

  it('8-bit output (tw_write_u8, and the linear table with no display op) and the log-luminance grid agree', async () => {
    const { resolved } = await loadSettings({ sets: SETS });
    const src = to8(photoSource(640, 410, 9));
    for (const settings of [resolved, { ops: { tone: { exposure: 0.4 } }, locals: [] }])
      for (const v of runnable) {
        const out = (native: boolean) => {
          useNativeModule(v.mod);
          setNativeKernelsEnabled(native);
          try {
            const plan = planRender(settings, src.width, src.height, {});
            const o = new Uint8Array(plan.width * plan.height * 3);
            renderRows(plan, src, computeGuides(plan, src), 0, plan.height, o);
            const grid = new Float32Array(64 * 41);
            computeLogLumaRows(src, 64, 0, 41, grid);
            return { o, grid };
          } finally {
            setNativeKernelsEnabled(true);
          }
        };
        const a = out(false);
        const b = out(true);
        expect(Buffer.compare(Buffer.from(a.o), Buffer.from(b.o))).toBe(0);
        expect(firstDifference(a.grid, b.grid)).toBeNull();
      }
  });

  it('refuses bad arguments with an exception, not a crash', () => {
    const arena = kernelArena()!;
    useNativeModule(runnable[0].mod);
    expect(arena.backend).toBe(runnable[0].isa);
    const size = arena.memory.buffer.byteLength;
    expect(() => arena.fn.tw_write_u8(size + 4096, 16, 64)).toThrow(RangeError);
    expect(() => arena.fn.tw_write_u8(-64, 16, 64)).toThrow(RangeError);
    expect(() => arena.fn.tw_write_u8(64, 16)).toThrow(/wrong number of arguments/);
    expect(() => (arena.fn.tw_chain as (...a: unknown[]) => unknown)('x', 1, 1, 0, 0, 0, 0)).toThrow(RangeError);
    expect(() => arena.decodeFrom!(new Uint8Array(10), 5, 8, 64, 64)).toThrow(/outside the source/);
    expect(() => arena.logLumaFrom!(new Uint8Array(30), 0, 5, 3, 64, 64, 64, 64, 1, 64)).toThrow(/outside the source/);
    expect(() => arena.copyIn!(new Uint8Array(4), new Uint8Array(300))).toThrow(RangeError);
    expect(() => (runnable[0].mod as unknown as { adviseHugePages(v: unknown): number }).adviseHugePages({})).toThrow(TypeError);
  });

  it('the first chain of a strip samples the source itself (chainFrom), as the WebAssembly build samples first', () => {
    const arena = kernelArena()!;
    useNativeModule(runnable[0].mod);
    const from = arena.chainFrom!;
    let calls = 0;
    arena.chainFrom = (...a) => (calls++, from(...a));
    try {
      renderImage({ ops: { tone: { exposure: 0.4, shadows: 20 }, color: { vibrance: 30 } }, locals: [] } as unknown as ResolvedSettings, photoSource(130, 90), {});
    } finally {
      arena.chainFrom = from;
    }
    expect(calls).toBeGreaterThan(0);
    const src = new Uint8Array(600);
    expect(() => from(src, 0, 600, 300, 64, 30, 3, 0, 64, 1, 0, 64)).toThrow(/do not fit/);
    expect(() => from(src, 500, 200, 90, 64, 30, 1, 0, 64, 1, 0, 64)).toThrow(/outside the source/);
  });

  it('adviseHugePages: whole 2 MiB pages inside the view, contents untouched', () => {
    const advise = (runnable[0].mod as unknown as { adviseHugePages(v: ArrayBufferView): number }).adviseHugePages;
    const a = new Uint8Array(new SharedArrayBuffer(9 << 20));
    a[12345] = 7;
    const advised = advise(a);
    expect(advised % (2 << 20)).toBe(0);
    expect(advised).toBeLessThanOrEqual(a.byteLength);
    if (process.platform === 'linux') expect(advised).toBeGreaterThanOrEqual(6 << 20);
    expect(a[12345]).toBe(7);
    expect(advise(new Uint8Array(100))).toBe(0);
  });
});
