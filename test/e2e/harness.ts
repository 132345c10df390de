/**
 * End-to-end harness: builds the renderer with vite into a temp folder, starts `npm run web`'s
 * entry (main/web/main.ts) as a child process on a free port with a temp data dir, and drives
 * Debian's Chromium (SwiftShader WebGL2, no GPU needed) through playwright-core against the
 * printed URL. Everything skips with a clear message when /usr/bin/chromium is absent.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM = process.env.TW_CHROMIUM ?? '/usr/bin/chromium';
export const chromiumMissing = existsSync(CHROMIUM) ? null : `Chromium not found at ${CHROMIUM} (set TW_CHROMIUM); end-to-end UI tests skipped`;
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'e2e');

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
];

function runNode(args: string[], cwd: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`node ${args.join(' ')} exited with ${code}:\n${out}`));
    });
  });
}

/** `vite build` of the current renderer sources into a fresh folder (never a stale dist/). */
export async function buildRenderer(outDir: string): Promise<void> {
  await runNode([join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], ROOT, 180_000);
  if (!existsSync(join(outDir, 'index.html'))) throw new Error(`vite build wrote no index.html into ${outDir}`);
}

export interface WebApp {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  log(): string;
  stop(): Promise<void>;
}

/** Starts browser mode (`npm run web -- --port 0 --data DIR`) and waits for its printed URL. */
export async function startWeb(opts: { dataDir: string; rendererDir: string; extraArgs?: string[] }): Promise<WebApp> {
  const args = ['--import', 'tsx', join(ROOT, 'main', 'web', 'main.ts'), '--port', '0', '--data', opts.dataDir, '--renderer-dir', opts.rendererDir, ...(opts.extraArgs ?? [])];
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not print its URL in 90 s:\n${out}`)), 90_000);
    const onData = (d: Buffer) => {
      out += d;
      const m = /Open (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += d));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited with ${code} before it was ready:\n${out}`));
    });
  });
  const u = new URL(url);
  return {
    url,
    origin: u.origin,
    token: u.searchParams.get('token') ?? '',
    dataDir: opts.dataDir,
    log: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

export interface Session {
  web: WebApp;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Browser console errors and failed requests seen so far. */
  problems: string[];
  workDir: string;
  close(): Promise<void>;
}

/** Renderer build + server + Chromium page at the app's URL. */
export async function openSession(viewport = { width: 1600, height: 960 }): Promise<Session> {
  const workDir = mkdtempSync(join(tmpdir(), 'tw-e2e-'));
  const rendererDir = join(workDir, 'renderer');
  await buildRenderer(rendererDir);
  const dataDir = join(workDir, 'data');
  mkdirSync(dataDir);
  const web = await startWeb({ dataDir, rendererDir });
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => !r.url().includes('/api/events') && problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  await page.goto(web.url);
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    web,
    browser,
    context,
    page,
    problems,
    workDir,
    async close() {
      await browser.close().catch(() => undefined);
      await web.stop();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

export async function shot(page: Page, name: string): Promise<string> {
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

export interface CanvasStats {
  /** Mean sRGB-encoded R, G, B (0..255) of the preview canvas. */
  r: number;
  g: number;
  b: number;
  /** Median Rec.709 luma (0..255) of the encoded values. */
  medianLuma: number;
  /** Mean R − B over pixels with no channel clipped (a warm/cool reading that clipping does not fool). */
  warmth: number;
  /** How many frames the canvas has drawn (data-renders). */
  renders: number;
  width: number;
  height: number;
}

/** Reads the preview canvas back (it keeps its drawing buffer) through a small 2D canvas. */
export async function previewStats(page: Page): Promise<CanvasStats> {
  return page.evaluate(() => {
    const c = document.querySelector('[data-testid="preview-canvas"]') as HTMLCanvasElement;
    const w = 128;
    const h = Math.max(1, Math.round((w * c.height) / Math.max(1, c.width)));
    const ctx = new OffscreenCanvas(w, h).getContext('2d')!;
    ctx.drawImage(c, 0, 0, w, h);
    const d = ctx.getImageData(0, 0, w, h).data;
    let r = 0, g = 0, b = 0, warm = 0, unclipped = 0;
    const hist = new Uint32Array(256);
    for (let i = 0; i < d.length; i += 4) {
      r += d[i];
      g += d[i + 1];
      b += d[i + 2];
      hist[Math.round(0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2])]++;
      const hi = Math.max(d[i], d[i + 1], d[i + 2]);
      const lo = Math.min(d[i], d[i + 1], d[i + 2]);
      if (hi < 250 && lo > 5) {
        warm += d[i] - d[i + 2];
        unclipped++;
      }
    }
    const n = d.length / 4;
    let acc = 0, medianLuma = 0;
    while (medianLuma < 255 && (acc += hist[medianLuma]) < n / 2) medianLuma++;
    return {
      r: r / n, g: g / n, b: b / n, medianLuma, warmth: unclipped ? warm / unclipped : 0,
      renders: Number(c.dataset.renders ?? 0), width: c.width, height: c.height,
    };
  });
}

/** Waits until the preview has drawn more frames than `after` and its pixels settle. */
export async function settledPreview(page: Page, after: number, timeoutMs = 30_000): Promise<CanvasStats> {
  await page.waitForFunction(
    (n) => Number((document.querySelector('[data-testid="preview-canvas"]') as HTMLElement | null)?.dataset.renders ?? 0) > n,
    after,
    { timeout: timeoutMs },
  );
  // A drag or a new stack can queue one more frame; wait until two reads a frame apart agree.
  let prev = await previewStats(page);
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(150);
    const cur = await previewStats(page);
    if (cur.renders === prev.renders) return cur;
    prev = cur;
  }
  return prev;
}

/** Moves a range input like a finished drag: value, `input`, then `change` (one history step). */
export async function setSlider(page: Page, testId: string, value: number): Promise<void> {
  await page.locator(`[data-testid="${testId}"]`).evaluate((el, v) => {
    const input = el as HTMLInputElement;
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, String(v));
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
}
