/**
 * `npm run bench:ui`: the desktop UI's benchmarks, in Debian's Chromium (SwiftShader WebGL2
 * here; a GPU where the browser has one), printed as a markdown table.
 *
 * 1. Preview: median time per frame of the full develop pipeline (every operation active, masks
 *    included) versus a pass-through shader, on a 2 MP image in the same browser
 *    (renderer/gl/bench.ts through the GL test page). The ratio is the number that travels.
 * 2. Slider input → painted frame: in the real app (`npm run web`), a 2 MP photo open in Develop,
 *    an `input` event on the exposure slider until the next animation frame after the preview
 *    has drawn the new value (includes the histogram read-back the app does per frame).
 * 3. Grid: a catalog of 100k synthetic photos (each with its own thumbnail URL), scrolled by
 *    requestAnimationFrame-timed steps — a steady scroll and scrollbar-style jumps across the
 *    whole range — counting dropped frames (each interval of k refresh periods drops k − 1),
 *    with an idle run as this machine's baseline.
 *
 * Env: BENCH_ROWS (default 100000), BENCH_ONLY (preview | slider | grid), BENCH_NO_THUMBS=1
 * (thumbnails answered 404: the grid's own cost without image fetch and decode), TW_CHROMIUM.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { openCatalog } from '../main/services/catalog/catalog.ts';
import { fileData } from '../main/repositories/testing.ts';
import { renderPath } from '../main/services/import/render-cache.ts';
import { CHROMIUM, CHROMIUM_ARGS, buildRenderer, chromiumMissing, startWeb } from '../test/e2e/harness.ts';
import { openGlPage } from '../test/gl/harness.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const rows: string[] = [];
const row = (what: string, value: string, note = '') => {
  rows.push(`| ${what} | ${value} | ${note} |`);
  console.log(`  ${what}: ${value} ${note}`);
};
/** tsx (esbuild keepNames) wraps named functions in __name(); give evaluated page code one. */
const defineName = (page: Page) => page.evaluate('globalThis.__name = (f) => f');

async function benchPreview(): Promise<void> {
  const gl = await openGlPage();
  try {
    const r = await gl.bench(10);
    row('Preview, full pipeline (every op + masks), 2 MP', `${r.fullMs.toFixed(1)} ms/frame`, r.gpu);
    row('Preview, default settings (no-op pipeline), 2 MP', `${r.defaultMs.toFixed(1)} ms/frame`);
    row('Preview, pass-through shader, 2 MP', `${r.passThroughMs.toFixed(1)} ms/frame`);
    row('**Full pipeline / pass-through**', `**${r.ratio.toFixed(1)}×**`, `${r.width}×${r.height}, median of ${r.frames} frames`);
  } finally {
    await gl.close();
  }
}

/** A 2 MP photo-like JPEG (gradients, edges, texture). */
async function photo2mp(path: string): Promise<void> {
  const w = 1728, h = 1152;
  const data = Buffer.alloc(w * h * 3);
  for (let y = 0, i = 0; y < h; y++)
    for (let x = 0; x < w; x++, i += 3) {
      const n = ((x * 7919 + y * 104729) % 17) - 8;
      const sky = y < h * 0.55;
      data[i] = Math.max(0, Math.min(255, (sky ? 90 + 80 * (y / h) : 70 + 40 * Math.sin(x / 41)) + n));
      data[i + 1] = Math.max(0, Math.min(255, (sky ? 130 + 70 * (y / h) : 95 + 30 * Math.sin(y / 19)) + n));
      data[i + 2] = Math.max(0, Math.min(255, (sky ? 210 : 50) + n));
    }
  await sharp(data, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 90 }).toFile(path);
}

async function benchSlider(page: Page, work: string): Promise<void> {
  const dir = join(work, 'slider-photo');
  mkdirSync(dir);
  await photo2mp(join(dir, 'bench-2mp.jpg'));
  await page.getByTestId('import-button').click();
  await page.getByTestId('import-path').fill(dir);
  await page.getByTestId('import-confirm').click();
  await page.getByText(/^Done: /).waitFor({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Close' }).click();
  await page.getByTestId('photo-tile').first().dblclick();
  await page.waitForSelector('[data-testid="preview-canvas"][data-ready="1"]', { timeout: 60_000 });
  await page.waitForFunction(() => Number((document.querySelector('[data-testid="preview-canvas"]') as HTMLElement).dataset.renders ?? 0) > 0);
  await defineName(page);
  const times = await page.evaluate(async (n) => {
    const el = document.querySelector('[data-testid="slider-tone-exposure"]') as HTMLInputElement;
    const canvas = document.querySelector('[data-testid="preview-canvas"]') as HTMLCanvasElement;
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      await frame();
      const before = Number(canvas.dataset.renders);
      const t0 = performance.now();
      setter.call(el, String(0.05 * ((i % 20) + 1)));
      el.dispatchEvent(new Event('input', { bubbles: true }));
      while (Number(canvas.dataset.renders) <= before) await frame();
      await frame(); // the frame after the draw: the new pixels are on screen
      out.push(performance.now() - t0);
    }
    return out;
  }, 30);
  const size = await page.evaluate(() => {
    const c = document.querySelector('[data-testid="preview-canvas"]') as HTMLCanvasElement;
    return `${c.width}×${c.height}`;
  });
  row('Slider input → painted frame (exposure drag), p50', `${pct(times, 50).toFixed(1)} ms`, `2 MP source drawn at the fit size (${size} canvas), ${times.length} inputs, histogram included`);
  row('Slider input → painted frame, p95', `${pct(times, 95).toFixed(1)} ms`);
}

async function syntheticCatalog(dataDir: string): Promise<string> {
  const file = join(dataDir, 'catalog.db');
  const cacheDir = join(dataDir, 'cache');
  const thumb = join(dataDir, 'thumb.jpg');
  await sharp({ create: { width: 256, height: 171, channels: 3, background: { r: 120, g: 140, b: 170 } } }).jpeg({ quality: 80 }).toFile(thumb);
  const cat = openCatalog(file);
  const start = Date.UTC(2014, 0, 1);
  cat.transaction(() => {
    const folders = Array.from({ length: 100 }, (_, i) => cat.folders.ensure(`/photos/${2014 + (i % 10)}/shoot-${i}`));
    for (let i = 0; i < ROWS; i++) {
      const hash = (i + 1).toString(16).padStart(64, '0');
      const t = new Date(start + i * 3_600_000).toISOString().slice(0, 23);
      const f = i % folders.length;
      cat.photos.insert(fileData({ path: `/photos/${2014 + (f % 10)}/shoot-${f}/IMG_${String(i).padStart(6, '0')}.jpg`, hash, captureTime: t, width: 6000, height: 4000 }), folders[f]);
    }
  });
  cat.close();
  // Every photo has its own thumbnail URL (so the browser fetches and decodes as it would), all
  // backed by one small file.
  for (let i = 0; i < ROWS; i++) {
    const p = renderPath(cacheDir, 'thumbs', (i + 1).toString(16).padStart(64, '0'));
    if (i % 256 === 0 || i < 256) mkdirSync(dirname(p), { recursive: true });
    symlinkSync(thumb, p);
  }
  return file;
}

interface ScrollResult { frames: number; dropped: number; p50: number; p95: number; max: number; refresh: number }

async function scroll(page: Page, mode: 'idle' | 'steady' | 'jumps', seconds: number): Promise<ScrollResult> {
  await defineName(page);
  return page.evaluate(
    async ({ mode, seconds }) => {
      const grid = document.querySelector('[data-testid="grid"]') as HTMLElement;
      const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
      // The display's refresh period, measured while idle.
      const idle: number[] = [];
      let t = await frame();
      for (let i = 0; i < 30; i++) {
        const n = await frame();
        idle.push(n - t);
        t = n;
      }
      idle.sort((a, b) => a - b);
      const refresh = idle[15];
      const intervals: number[] = [];
      const end = t + seconds * 1000;
      const range = grid.scrollHeight - grid.clientHeight;
      let seed = 7;
      while (t < end) {
        if (mode === 'idle') void 0;
        else if (mode === 'steady') grid.scrollTop += 4000 * (refresh / 1000); // 4000 px/s, a brisk wheel scroll
        else grid.scrollTop = ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * range; // scrollbar drag
        const n = await frame();
        intervals.push(n - t);
        t = n;
      }
      const s = [...intervals].sort((a, b) => a - b);
      const dropped = intervals.reduce((acc, d) => acc + Math.max(0, Math.round(d / refresh) - 1), 0);
      return { frames: intervals.length, dropped, p50: s[s.length >> 1], p95: s[Math.floor(s.length * 0.95)], max: s[s.length - 1], refresh };
    },
    { mode, seconds },
  );
}

async function main(): Promise<void> {
  if (chromiumMissing) {
    console.log(chromiumMissing);
    return;
  }
  const work = mkdtempSync(join(os.tmpdir(), 'tw-uibench-'));
  try {
    const only = process.env.BENCH_ONLY; // preview | slider | grid
    if (!only || only === 'preview') {
      console.log('Preview shaders…');
      await benchPreview();
    }

    console.log('Building the renderer…');
    const rendererDir = join(work, 'renderer');
    await buildRenderer(rendererDir);
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      if (!only || only === 'slider') {
      console.log('Slider latency…');
      mkdirSync(join(work, 'small'));
      const small = await startWeb({ dataDir: join(work, 'small'), rendererDir });
      try {
        const page = await browser.newPage({ viewport: { width: 1600, height: 960 } });
        await page.goto(small.url);
        await benchSlider(page, work);
        await page.close();
      } finally {
        await small.stop();
      }
      }
      if (!only || only === 'grid') {

      console.log(`Grid: building a ${ROWS.toLocaleString('en')}-photo catalog…`);
      const bigDir = join(work, 'big');
      mkdirSync(bigDir);
      await syntheticCatalog(bigDir);
      const big = await startWeb({ dataDir: bigDir, rendererDir });
      try {
        const page = await browser.newPage({ viewport: { width: 1600, height: 960 } });
        // Diagnosis: BENCH_NO_THUMBS=1 answers thumbnail requests with an empty 404 (layout and
        // React cost without image fetch and decode).
        if (process.env.BENCH_NO_THUMBS) await page.route('**/media/**', (r) => r.fulfill({ status: 404, body: '' }));
        await page.goto(big.url);
        await page.waitForFunction((n) => document.querySelector('.library-count')?.textContent?.replace(/\D/g, '') === String(n), ROWS, { timeout: 60_000 });
        await page.waitForTimeout(1000);
        const tiles = await page.getByTestId('photo-tile').count();
        for (const [mode, label] of [['idle', 'idle, no scrolling (baseline of this machine)'], ['steady', 'steady scroll, 4000 px/s'], ['jumps', 'scrollbar jumps across the whole catalog, one per frame']] as const) {
          const r = await scroll(page, mode, 8);
          row(`Grid, ${ROWS.toLocaleString('en')} photos: ${label}`, `${r.dropped} dropped / ${r.frames} frames`, `frame p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, max ${r.max.toFixed(0)} ms (refresh ${r.refresh.toFixed(1)} ms); ${tiles} tiles in the DOM`);
        }
        await page.close();
      } finally {
        await big.stop();
      }
      }
    } finally {
      await browser.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`\n### UI benchmarks (Chromium ${CHROMIUM}; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs)\n`);
  console.log('| measure | value | notes |');
  console.log('|---|---:|---|');
  for (const r of rows) console.log(r);
}

await main();
