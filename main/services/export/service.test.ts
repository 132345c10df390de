import exifr from 'exifr';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { addStep, emptyStack, resolve, type StepInput } from '../../../shared/develop/stack.ts';
import { deltaE2000Image, summarize } from '../../../shared/pixel/color.ts';
import { renderImage } from '../../../shared/pixel/pipeline.ts';
import { iccDescription } from '../../imaging/icc.ts';
import { encodeForExport } from './encode-photo.ts';
import { exportBatch, removeStaleTemps } from './service.ts';
import { fakeSource, writeFixture } from './testing.ts';
import { DEFAULT_CONCURRENCY, type ExportSettings, type ExportSummary } from './types.ts';

let tmp: string;
let src: string;
let rotated: string;
let big: string;
let n = 0;
const outDir = () => {
  const d = path.join(tmp, `out-${++n}`);
  fs.mkdirSync(d);
  return d;
};
const jpgs = (d: string) => fs.readdirSync(d).filter((f) => !f.startsWith('.')).sort();
// One photo at a time, so results come in the order given (the default runs two at once).
const run = (ids: number[], settings: Partial<ExportSettings>, dir: string, extra: Record<number, { path: string }> = {}, concurrency = 1) =>
  exportBatch(ids, fakeSource({ 1: { path: src, metadata: { name: 'photo', rating: 4, title: 'Quai', keywords: ['paris', 'river'] } }, 2: { path: rotated }, 3: { path: big }, ...extra }), {
    outDir: dir,
    settings,
    concurrency,
  });

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-export-'));
  src = await writeFixture(path.join(tmp, 'src', 'photo.jpg'));
  rotated = await writeFixture(path.join(tmp, 'src', 'rotated.jpg'), { orientation: 6 });
  big = await writeFixture(path.join(tmp, 'src', 'big.jpg'), { width: 600, height: 400, seed: 7 });
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const only = (s: ExportSummary) => {
  expect(s.failed).toEqual([]);
  return s.files[0];
};

describe('export: JPEG options', () => {
  it('writes quality with 4:4:4 at ≥ 90 and 4:2:0 below, sRGB profile embedded', async () => {
    const d = outDir();
    const hi = only(await run([1], { quality: 92 }, d));
    const m = await sharp(hi.path).metadata();
    expect(m.chromaSubsampling).toBe('4:4:4');
    expect(iccDescription(m.icc)).toMatch(/sRGB/);
    expect(hi.quality).toBe(92);
    const lo = only(await run([1], { quality: 80 }, d));
    expect((await sharp(lo.path).metadata()).chromaSubsampling).toBe('4:2:0');
    expect(lo.bytes).toBeLessThan(hi.bytes);
  });

  it('writes progressive and mozjpeg files, and Display P3 when asked', async () => {
    const d = outDir();
    const p = only(await run([3], { quality: 85, progressive: true }, d));
    expect((await sharp(p.path).metadata()).isProgressive).toBe(true);
    const plain = only(await run([3], { quality: 85 }, d));
    expect((await sharp(plain.path).metadata()).isProgressive).toBe(false);
    const moz = only(await run([3], { quality: 85, mozjpeg: true }, d));
    expect(moz.bytes).not.toBe(plain.bytes);
    expect((await sharp(moz.path).metadata()).width).toBe(600);
    const p3 = only(await run([3], { quality: 95, colorSpace: 'display-p3' }, d));
    expect(iccDescription((await sharp(p3.path).metadata()).icc)).toMatch(/P3/);
    // Read through its profile, the P3 file shows the colours of the sRGB one (converted once, not twice).
    const srgb = only(await run([3], { quality: 95 }, d));
    const a = await sharp(srgb.path).toColourspace('srgb').raw().toBuffer();
    const b = await sharp(p3.path).toColourspace('srgb').raw().toBuffer();
    let sum = 0;
    for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
    expect(sum / a.length, "mean |P3 − sRGB| after reading both through their profiles").toBeLessThan(3);
  });

  it('limits the file size by searching the quality, and reports the chosen one', async () => {
    const d = outDir();
    const full = only(await run([3], { quality: 95 }, d));
    const limitKb = Math.floor(full.bytes / 1024 / 3);
    const lim = only(await run([3], { quality: 95, maxKb: limitKb }, d));
    expect(lim.bytes).toBeLessThanOrEqual(limitKb * 1024);
    expect(lim.quality).toBeLessThan(95);
    // The next quality up would not have fitted: the search found the best one.
    const img = await sharp(big).raw().toBuffer({ resolveWithObject: true });
    const next = await encodeForExport({ width: 600, height: 400, data: new Uint8Array(img.data) }, { quality: lim.quality + 1 }, {});
    expect(next.jpeg.length).toBeGreaterThan(limitKb * 1024 - 2048);
  });

  it('fails one photo clearly when the limit is unreachable, and goes on', async () => {
    const d = outDir();
    const s = await run([3, 1], { quality: 90, maxKb: 1 }, d);
    expect(s.failed.map((f) => f.photoId)).toContain(3);
    expect(s.failed.find((f) => f.photoId === 3)!.error).toMatch(/cannot fit under 1 KB/);
    expect(jpgs(d).length).toBe(s.written);
  });
});

describe('export: size and sharpening', () => {
  it('resizes to the long edge and never upscales unless asked', async () => {
    const d = outDir();
    expect(only(await run([3], { quality: 90, size: { mode: 'longEdge', pixels: 300 } }, d))).toMatchObject({ width: 300, height: 200 });
    expect(only(await run([3], { quality: 90, size: { mode: 'longEdge', pixels: 2000 } }, d))).toMatchObject({ width: 600, height: 400 });
    expect(only(await run([3], { quality: 90, size: { mode: 'percent', percent: 150 }, allowUpscale: true }, d))).toMatchObject({ width: 900, height: 600 });
    expect(only(await run([3], { quality: 90, size: { mode: 'megapixels', megapixels: 0.06 } }, d))).toMatchObject({ width: 300, height: 200 });
  });

  it('output sharpening adds edge contrast, more for high than low', async () => {
    const d = outDir();
    const stats = async (sharpen?: ExportSettings['sharpen']) => {
      const f = only(await run([3], { quality: 100, sharpen, size: { mode: 'longEdge', pixels: 300 } }, d));
      const { data } = await sharp(f.path).greyscale().raw().toBuffer({ resolveWithObject: true });
      let sum = 0;
      for (let i = 1; i < data.length; i++) sum += Math.abs(data[i] - data[i - 1]);
      return sum / data.length;
    };
    const none = await stats();
    const low = await stats({ medium: 'screen', amount: 'low' });
    const high = await stats({ medium: 'matte', amount: 'high' });
    expect(low).toBeGreaterThan(none * 1.02);
    expect(high).toBeGreaterThan(low * 1.05);
  });
});

describe('export: colour and orientation', () => {
  it('looks like the CPU render of the same edit (same maths)', async () => {
    const steps: StepInput[] = [
      { op: 'tone', params: { exposure: 0.4, contrast: 20, shadows: 30 } },
      { op: 'color', params: { vibrance: 25 } },
      { op: 'vignette', params: { amount: -30 } },
    ];
    const stack = steps.reduce((s, step) => addStep(s, step), emptyStack());
    const settings = resolve(stack);
    const d = outDir();
    const s = await exportBatch([1], fakeSource({ 1: { path: src, settings } }), { outDir: d, settings: { quality: 100 } });
    const out = await sharp(only(s).path).raw().toBuffer();
    const decoded = await sharp(src).raw().toBuffer({ resolveWithObject: true });
    const ref = renderImage(settings, { width: 64, height: 48, bits: 8, data: new Uint8Array(decoded.data) }, { rendered: true });
    const refBytes = Uint8Array.from(ref.data, (v) => Math.round(Math.min(1, Math.max(0, v)) * 255));
    expect(summarize(deltaE2000Image(out, refBytes, 255)).mean).toBeLessThan(1);
    const plain = await sharp(src).raw().toBuffer();
    expect(summarize(deltaE2000Image(out, plain, 255)).mean).toBeGreaterThan(3); // the edit is really there
  });

  it('applies the EXIF orientation and writes orientation 1', async () => {
    const f = only(await run([2], { quality: 90 }, outDir()));
    expect([f.width, f.height]).toEqual([48, 64]);
    const tags = await exifr.parse(f.path, { tiff: true });
    expect(tags.Orientation === undefined || tags.Orientation === 'Horizontal (normal)').toBe(true);
    expect(tags.Make).toBe('Nikon');
  });
});

describe('export: metadata modes', () => {
  const parse = (p: string) => exifr.parse(p, { gps: true, tiff: true, xmp: true, ifd0: true } as never);
  it('all: camera, GPS, copyright, and the asked-for XMP (title, keywords, rating)', async () => {
    const f = only(await run([1], { quality: 90, metadata: 'all' }, outDir()));
    const t = await parse(f.path);
    expect(t.Make).toBe('Nikon');
    expect(t.latitude).toBeCloseTo(48.856, 2);
    const bytes = fs.readFileSync(f.path).toString('latin1');
    expect(bytes).toContain('xmp:Rating="4"');
    expect(bytes).toContain('<rdf:li>paris</rdf:li>');
    expect(bytes).toContain('Quai');
  });

  it('no-gps: everything but the location', async () => {
    const f = only(await run([1], { quality: 90, metadata: 'no-gps' }, outDir()));
    const t = await parse(f.path);
    expect(t.latitude).toBeUndefined();
    expect(t.GPSLatitude).toBeUndefined();
    expect(t.Make).toBe('Nikon');
    expect(t.Copyright).toBe('Jane Doe 2024');
  });

  it('copyright: only the copyright and artist', async () => {
    const f = only(await run([1], { quality: 90, metadata: 'copyright' }, outDir()));
    const t = await parse(f.path);
    expect(t.Copyright).toBe('Jane Doe 2024');
    expect(t.Artist).toBe('Jane');
    expect(t.Make).toBeUndefined();
    expect(t.latitude).toBeUndefined();
    expect(fs.readFileSync(f.path).toString('latin1')).not.toContain('xmp:Rating');
  });

  it('none: no EXIF, no XMP, only the colour profile', async () => {
    const f = only(await run([1], { quality: 90, metadata: 'none' }, outDir()));
    const m = await sharp(f.path).metadata();
    expect(m.exif).toBeUndefined();
    expect(m.xmp).toBeUndefined();
    expect(iccDescription(m.icc)).toMatch(/sRGB/);
  });
});

describe('export: names, atomic writes, failures', () => {
  it('resolves name collisions with a suffix and never overwrites', async () => {
    const d = outDir();
    fs.writeFileSync(path.join(d, 'photo-001.jpg'), 'precious');
    const s = await run([1, 1, 3], { quality: 80, nameTemplate: '{name}-{seq:3}' }, d);
    expect(s.failed).toEqual([]);
    expect(jpgs(d)).toEqual(['big-003.jpg', 'photo-001-2.jpg', 'photo-001.jpg', 'photo-002.jpg']);
    expect(fs.readFileSync(path.join(d, 'photo-001.jpg'), 'utf8')).toBe('precious');
  });

  it('a failure mid-write leaves no partial file (disk full), and the batch goes on', async () => {
    const d = outDir();
    const realOpen = fsp.open;
    let failed = false;
    vi.spyOn(fsp, 'open').mockImplementation(async (...args: Parameters<typeof fsp.open>) => {
      const fh = await realOpen(...args);
      if (!failed && String(args[0]).endsWith('.tmp')) {
        failed = true;
        fh.writeFile = async (data: unknown) => {
          const b = data as Uint8Array;
          await fh.write(b.subarray(0, b.length >> 1));
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        };
      }
      return fh;
    });
    const s = await run([3, 1], { quality: 90 }, d);
    expect(s.failed).toEqual([{ photoId: 3, error: expect.stringMatching(/^disk full/) }]);
    expect(fs.readdirSync(d)).toEqual(['photo.jpg']); // no temporary, no truncated big.jpg
  });

  it('a read-only destination is a clear error for each photo', async () => {
    const d = outDir();
    const realOpen = fsp.open;
    vi.spyOn(fsp, 'open').mockImplementation(async (...args: Parameters<typeof fsp.open>) => {
      if (String(args[0]).endsWith('.tmp')) throw Object.assign(new Error(`EROFS: read-only file system, open '${args[0]}'`), { code: 'EROFS' });
      return realOpen(...args);
    });
    const s = await run([1, 3], { quality: 90 }, d);
    expect(s.written).toBe(0);
    expect(s.failed).toHaveLength(2);
    for (const f of s.failed) expect(f.error).toBe(`destination is read-only: ${d}`);
  });

  it.skipIf(process.getuid?.() === 0)('a folder without write permission is a clear error (not as root)', async () => {
    const d = outDir();
    fs.chmodSync(d, 0o555);
    try {
      const s = await run([1], { quality: 90 }, d);
      expect(s.failed[0].error).toMatch(/not writable|read-only/);
    } finally {
      fs.chmodSync(d, 0o755);
    }
  });

  it('a vanished destination and a missing source fail their photo; the others are written', async () => {
    const gone = path.join(tmp, 'gone');
    const s1 = await run([1], { quality: 90 }, gone);
    expect(s1.failed[0].error).toBe(`destination folder does not exist (removed or unmounted?): ${gone}`);
    const d = outDir();
    const s = await run([9, 1, 8], { quality: 90 }, d, { 9: { path: path.join(tmp, 'nope.jpg') } });
    expect(s.failed).toEqual([
      { photoId: 9, error: `source photo is missing: ${path.join(tmp, 'nope.jpg')}` },
      { photoId: 8, error: 'photo 8: not in the catalog' },
    ]);
    expect(s.written).toBe(1);
  });

  it('reports progress and can be cancelled; nothing partial is left', async () => {
    const d = outDir();
    const ctrl = new AbortController();
    const seen: { done: number; total: number; current?: number; etaSeconds?: number }[] = [];
    const s = await exportBatch([1, 3, 1, 3], fakeSource({ 1: { path: src }, 3: { path: big } }), {
      outDir: d,
      settings: { quality: 90 },
      concurrency: 1,
      signal: ctrl.signal,
      onProgress: (p) => {
        seen.push(p);
        if (p.done === 2) ctrl.abort();
      },
    });
    expect(s.cancelled).toBe(true);
    expect(s.written).toBe(2);
    expect(jpgs(d)).toHaveLength(2);
    expect(fs.readdirSync(d).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(seen[0]).toMatchObject({ done: 0, total: 4, current: 1 });
    expect(seen.some((p) => p.done === 1 && p.etaSeconds !== undefined && p.etaSeconds > 0)).toBe(true);
  });

  it('by default has two photos in flight; every photo gets its result and its own file', async () => {
    expect(DEFAULT_CONCURRENCY).toBe(2);
    const d = outDir();
    const results: number[] = [];
    const s = await exportBatch([1, 3, 2, 1], fakeSource({ 1: { path: src }, 2: { path: rotated }, 3: { path: big } }), {
      outDir: d,
      settings: { quality: 90 },
      onResult: (r) => results.push(r.photoId),
    });
    expect(s.written).toBe(4);
    expect(s.failed).toEqual([]);
    expect(results.sort()).toEqual([1, 1, 2, 3]);
    expect(new Set(s.files.map((f) => f.path)).size).toBe(4);
    expect(jpgs(d)).toHaveLength(4);
  });

  it('removes temporaries of dead exports only', async () => {
    const d = outDir();
    fs.writeFileSync(path.join(d, '.a.jpg.999999.abc.tmp'), 'x'); // no such process
    fs.writeFileSync(path.join(d, `.b.jpg.${process.pid}.abc.tmp`), 'x'); // ours: alive
    fs.writeFileSync(path.join(d, 'c.jpg'), 'x');
    expect(await removeStaleTemps(d)).toBe(1);
    expect(fs.readdirSync(d).sort()).toEqual([`.b.jpg.${process.pid}.abc.tmp`, 'c.jpg']);
  });

  it('rejects bad settings before exporting anything', async () => {
    await expect(run([1], { quality: 0 }, outDir())).rejects.toThrow(/quality/);
    await expect(run([1], { quality: 90, nameTemplate: '{lens}' }, outDir())).rejects.toThrow(/unknown token/);
  });
});

