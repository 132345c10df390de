/**
 * Test helpers: a render with the WebAssembly kernels against the same render with the
 * TypeScript kernels, and which kernels ran.
 */
import { renderImage } from '../pipeline.ts';
import type { RenderOptions, ResolvedSettings, SourceImage } from '../pipeline/types.ts';
import { kernelArena, setKernelsEnabled } from './index.ts';

export interface Parity {
  /** Largest |wasm − ts| over the output (sRGB-encoded floats, 0..1). */
  maxDiff: number;
  /** Mean |wasm − ts|. */
  meanDiff: number;
  /** Calls per kernel export during the wasm render. */
  calls: Record<string, number>;
  ts: Float32Array;
  wasm: Float32Array;
}

export function settingsOf(ops: Record<string, Record<string, number>>): ResolvedSettings {
  return { ops, locals: [] };
}

export function kernelParity(settings: ResolvedSettings, source: SourceImage, opts: RenderOptions = {}): Parity {
  const arena = kernelArena();
  if (!arena) throw new Error('kernelParity: the kernels did not load');
  setKernelsEnabled(false);
  let ts: Float32Array;
  try {
    ts = renderImage(settings, source, opts).data;
  } finally {
    setKernelsEnabled(true);
  }
  const calls: Record<string, number> = {};
  const saved = { ...arena.fn };
  for (const [name, f] of Object.entries(saved))
    arena.fn[name] = (...args: number[]) => {
      calls[name] = (calls[name] ?? 0) + 1;
      return f(...args);
    };
  let wasm: Float32Array;
  try {
    wasm = renderImage(settings, source, opts).data;
  } finally {
    Object.assign(arena.fn, saved);
  }
  let maxDiff = 0;
  let sum = 0;
  for (let i = 0; i < ts.length; i++) {
    const d = Math.abs(wasm[i] - ts[i]);
    if (!(d <= maxDiff)) maxDiff = d;
    sum += d;
  }
  return { maxDiff, meanDiff: sum / ts.length, calls, ts, wasm };
}

/** A smooth photo-like 16-bit source: gradients, a bright disc, fine texture and dark corners. */
export function photoSource(width: number, height: number, seed = 3): SourceImage {
  const data = new Uint16Array(width * height * 3);
  let s = seed >>> 0 || 1;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      const n = ((s >>> 0) % 2048) - 1024;
      const u = x / width;
      const v = y / height;
      const disc = (u - 0.6) ** 2 + (v - 0.35) ** 2 < 0.02 ? 40000 : 0;
      const i = (y * width + x) * 3;
      const base = 6000 + 50000 * u * (1 - v) + disc;
      data[i] = Math.max(0, Math.min(65535, base + n + 8000 * Math.sin(x / 7)));
      data[i + 1] = Math.max(0, Math.min(65535, base * 0.8 + n + 20000 * v));
      data[i + 2] = Math.max(0, Math.min(65535, 3000 + 40000 * v + n));
    }
  return { width, height, bits: 16, data };
}
