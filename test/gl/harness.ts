/**
 * Test harness for the WebGL2 preview: bundles test/gl/page.ts with esbuild into a temp dir,
 * serves it on 127.0.0.1 and drives Debian's Chromium (SwiftShader WebGL2, no GPU needed)
 * through playwright-core. Tests skip when /usr/bin/chromium is absent.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { RenderOpts } from '../../renderer/gl/preview.ts';
import type { BenchResult } from '../../renderer/gl/bench.ts';
import type { ResolvedSettings, SourceImage } from '../../shared/pixel/pipeline/types.ts';

export const CHROMIUM = process.env.TW_CHROMIUM ?? '/usr/bin/chromium';
export const chromiumMissing = existsSync(CHROMIUM) ? null : `Chromium not found at ${CHROMIUM} (set TW_CHROMIUM); WebGL preview tests skipped`;

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
];

export interface GlPage {
  page: Page;
  setSource(src: SourceImage): Promise<void>;
  render(settings: ResolvedSettings, opts?: RenderOpts): Promise<{ width: number; height: number; data: Float32Array; ms: number }>;
  bench(frames: number, perOp?: boolean): Promise<BenchResult>;
  info(): Promise<{ vendor: string; renderer: string }>;
  close(): Promise<void>;
}

async function bundle(dir: string): Promise<void> {
  const { build } = await import('esbuild');
  const entry = fileURLToPath(new URL('./page.ts', import.meta.url));
  await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'browser', target: 'es2022', outfile: join(dir, 'page.js'), logLevel: 'error' });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><meta charset="utf-8"><title>loading</title></head><body><script type="module" src="page.js"></script></body></html>');
}

function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const name = req.url === '/' ? 'index.html' : (req.url ?? '').replace(/^\/+/, '').split('?')[0];
    if (name !== 'index.html' && name !== 'page.js') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': name.endsWith('.js') ? 'text/javascript' : 'text/html' });
    res.end(readFileSync(join(dir, name)));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const addr = server.address();
    resolve({ server, url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/` });
  }));
}

export async function openGlPage(): Promise<GlPage> {
  const dir = mkdtempSync(join(tmpdir(), 'tw-gl-'));
  await bundle(dir);
  const { server, url } = await serve(dir);
  const { chromium } = await import('playwright-core');
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.waitForFunction(() => document.title === 'ready' || document.title === 'failed', null, { timeout: 30_000 }).catch(() => {
      throw new Error(`GL test page did not load: ${errors.join('; ')}`);
    });
    const b = browser;
    return {
      page,
      async setSource(src) {
        const bytes = src.bits === 8 ? Buffer.from(src.data.buffer, src.data.byteOffset, src.data.byteLength) : Buffer.from(src.data.buffer, src.data.byteOffset, src.data.byteLength);
        await page.evaluate(([b64, w, h, bits]) => (window as any).tw.setSource(b64, w, h, bits), [bytes.toString('base64'), src.width, src.height, src.bits] as const);
      },
      async render(settings, opts = {}) {
        const r = await page.evaluate(([s, o]) => (window as any).tw.render(s, o), [settings, opts] as const);
        const buf = Buffer.from(r.rgb, 'base64');
        const data = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
        return { width: r.width, height: r.height, data, ms: r.ms };
      },
      bench: (frames, perOp = false) => page.evaluate(([n, p]) => (window as any).tw.bench(n, p), [frames, perOp] as const),
      info: () => page.evaluate(() => (window as any).tw.info()),
      async close() {
        await b.close();
        server.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await browser?.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
