import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/develop/defaults.ts';
import { deltaE2000Image, summarize } from '../../shared/pixel/color.ts';
import type { ResolvedSettings, SourceImage } from '../../shared/pixel/pipeline.ts';
import { decodeImage } from './decode.ts';
import { RenderPool, chooseBandRows, renderImageParallel, renderInline, type RenderStats } from './render.ts';

const PHOTOS = path.resolve(import.meta.dirname, '../../../shared/data/photos');
const hasPhotos = fs.existsSync(PHOTOS);
if (!hasPhotos) console.warn(`render.test: ${PHOTOS} absent — skipping the neutral-identity test on real photos`);

/** A deterministic, textured test image: gradients, an edge and fine noise. */
function synthetic(width: number, height: number, bits: 8 | 16): SourceImage {
  const max = bits === 16 ? 65535 : 255;
  const data = bits === 16 ? new Uint16Array(width * height * 3) : new Uint8Array(width * height * 3);
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const edge = x > width * 0.6 ? 0.35 : 0;
      const n = (rnd() - 0.5) * 0.04;
      data[i] = Math.round(Math.min(1, Math.max(0, x / width * 0.8 + edge + n)) * max);
      data[i + 1] = Math.round(Math.min(1, Math.max(0, y / height * 0.7 + n)) * max);
      data[i + 2] = Math.round(Math.min(1, Math.max(0, 0.3 + 0.4 * Math.sin(x / 17) * Math.cos(y / 23) + n)) * max);
    }
  return { width, height, bits, data };
}

/** Ten active operations, including neighbourhood ones (halo) and guide-based ones. */
function busySettings(): ResolvedSettings {
  const s = defaultSettings();
  const set = (op: string, params: Record<string, number>) => Object.assign(s.ops[op], params);
  set('tone', { exposure: 0.4, contrast: 20, highlights: -40, shadows: 35 });
  set('whiteBalance', { temperature: 12 });
  set('presence', { clarity: 25 });
  set('color', { vibrance: 20 });
  set('hsl', { saturationBlue: -20 });
  set('parametricCurve', { lights: 10 });
  set('vignette', { amount: -20 });
  set('sharpening', { amount: 60 });
  return s;
}

let pool: RenderPool;
beforeAll(async () => {
  pool = new RenderPool(2);
  await pool.ready();
});
afterAll(async () => {
  await pool?.close();
});

describe('RenderPool', () => {
  it('renders exactly what the single-threaded render does, band seams included (8-bit out)', async () => {
    const source = synthetic(640, 517, 8);
    const settings = busySettings();
    const inline = renderInline({ settings, source });
    const stats: Record<string, number> = {};
    const parallel = await pool.render({ settings, source }, stats);
    expect([parallel.width, parallel.height]).toEqual([inline.width, inline.height]);
    expect(stats.workers).toBe(2);
    expect(stats.bands).toBeGreaterThan(1);
    expect(Buffer.from(parallel.data.buffer as ArrayBuffer).equals(Buffer.from(inline.data.buffer as ArrayBuffer))).toBe(true);
    // And the edit did something.
    let changed = 0;
    for (let i = 0; i < source.data.length; i++) if (source.data[i] !== parallel.data[i]) changed++;
    expect(changed / source.data.length).toBeGreaterThan(0.5);
  });

  it('guides computed on the workers (grid in bands, dehaze and texture too) give the single-thread render to the bit', async () => {
    // Longer than the fine log-luminance grid (1536), so the grid is computed in bands.
    const source = synthetic(1900, 260, 8);
    const settings = busySettings();
    Object.assign(settings.ops.presence, { texture: 30 });
    Object.assign(settings.ops.dehaze, { amount: 25 });
    const inline = renderInline({ settings, source: { ...source, data: source.data.slice() } });
    const parallel = await pool.render({ settings, source });
    expect(Buffer.from(parallel.data.buffer as ArrayBuffer).equals(Buffer.from(inline.data.buffer as ArrayBuffer))).toBe(true);
  });

  it('a large render (fused colour tables built once by the pool and shared) gives the single-thread render to the bit', async () => {
    const source = synthetic(1500, 1400, 8); // 2.1 MP: colour ops fused into a 3D table
    const settings = busySettings();
    const inline = renderInline({ settings, source: { ...source, data: source.data.slice() } });
    const parallel = await pool.render({ settings, source });
    expect(Buffer.from(parallel.data.buffer as ArrayBuffer).equals(Buffer.from(inline.data.buffer as ArrayBuffer))).toBe(true);
  });

  it('with the calling thread rendering too (one worker fewer): guides, fused tables and bands give the single-thread render to the bit', async () => {
    const own = new RenderPool(3, { callerRenders: true });
    try {
      for (const source of [synthetic(1900, 260, 8), synthetic(1500, 1400, 8)]) {
        const settings = busySettings();
        Object.assign(settings.ops.presence, { texture: 30 });
        Object.assign(settings.ops.dehaze, { amount: 25 });
        const inline = renderInline({ settings, source: { ...source, data: source.data.slice() } });
        const stats: Partial<RenderStats> = {};
        const parallel = await own.render({ settings, source }, stats);
        expect(stats.workerBusyMs).toHaveLength(3); // two workers and this thread
        expect(Buffer.from(parallel.data.buffer as ArrayBuffer).equals(Buffer.from(inline.data.buffer as ArrayBuffer))).toBe(true);
      }
    } finally {
      await own.close();
    }
  });

  it('16-bit source and 16-bit output, source already on a SharedArrayBuffer', async () => {
    const plain = synthetic(300, 260, 16);
    const sab = new SharedArrayBuffer(plain.data.byteLength);
    new Uint16Array(sab).set(plain.data);
    const source: SourceImage = { ...plain, data: new Uint16Array(sab) };
    const settings = busySettings();
    const inline = renderInline({ settings, source: plain, outBits: 16 });
    const parallel = await pool.render({ settings, source, outBits: 16 });
    expect(parallel.bits).toBe(16);
    expect(parallel.data).toBeInstanceOf(Uint16Array);
    expect(Array.from(parallel.data.subarray(0, 3000))).toEqual(Array.from(inline.data.subarray(0, 3000)));
    expect(Buffer.from(parallel.data.buffer as ArrayBuffer).equals(Buffer.from(inline.data.buffer as ArrayBuffer))).toBe(true);
  });

  it('renders at a scale (preview) with the same size as the plan, and reuses the pool', async () => {
    const source = synthetic(400, 300, 8);
    const out = await pool.render({ settings: busySettings(), source, options: { scale: 0.5 } });
    expect([out.width, out.height]).toEqual([200, 150]);
    const again = await renderImageParallel({ settings: defaultSettings(), source }, pool);
    expect([again.width, again.height]).toEqual([400, 300]);
  });

  it('a closed pool refuses work', async () => {
    const p = new RenderPool(1);
    await p.close();
    await expect(p.render({ settings: defaultSettings(), source: synthetic(8, 8, 8) })).rejects.toThrow(/closed/);
  });

  it('chooseBandRows: whole strips, several bands per worker, never more than the height', () => {
    expect(chooseBandRows({ height: 4000, stripRows: 64 }, 2) % 64).toBe(0);
    expect(Math.ceil(4000 / chooseBandRows({ height: 4000, stripRows: 64 }, 2))).toBeGreaterThanOrEqual(8);
    expect(chooseBandRows({ height: 10, stripRows: 64 }, 2)).toBe(10);
  });
});

describe.skipIf(!hasPhotos)('neutral settings on real photos', () => {
  it('are the identity within ΔE2000 < 0.5 (mean and 99th percentile)', async () => {
    const files = fs
      .readdirSync(PHOTOS, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(jpe?g|png)$/i.test(f))
      .sort()
      .slice(0, 12);
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      const { image } = await decodeImage(path.join(PHOTOS, f), { longEdge: 384 });
      const out = await renderImageParallel({ settings: defaultSettings(), source: image }, pool);
      const max = image.bits === 16 ? 65535 : 255;
      const out8 = image.bits === 16 ? Uint8Array.from(image.data, (v) => Math.round((v / max) * 255)) : image.data;
      const d = summarize(deltaE2000Image(out8, out.data, 255), 99);
      expect(d.p, `${f}: p99 ΔE2000`).toBeLessThan(0.5);
      expect(d.mean, `${f}: mean ΔE2000`).toBeLessThan(0.5);
    }
  });
});

describe('RenderPool failures', () => {
  it('a failing render rejects with the worker\'s message, and the pool keeps working', async () => {
    const p = new RenderPool(2);
    try {
      const good = synthetic(64, 48, 8);
      // A source whose buffer is shorter than width×height×3: the workers' views fail.
      const sab = new SharedArrayBuffer(10);
      const bad: SourceImage = { width: 64, height: 48, bits: 8, data: new Uint8Array(sab) };
      await expect(p.render({ settings: busySettings(), source: bad })).rejects.toThrow();
      const ok = await p.render({ settings: busySettings(), source: good });
      expect([ok.width, ok.height]).toEqual([64, 48]);
    } finally {
      await p.close();
    }
  });

  it('a worker that dies is replaced', async () => {
    const p = new RenderPool(1);
    try {
      await p.ready();
      const w = (p as unknown as { workers: { worker: import('node:worker_threads').Worker }[] }).workers[0].worker;
      await w.terminate();
      await new Promise((r) => setTimeout(r, 50));
      const ok = await p.render({ settings: defaultSettings(), source: synthetic(32, 32, 8) });
      expect(ok.width).toBe(32);
    } finally {
      await p.close();
    }
  });
});
