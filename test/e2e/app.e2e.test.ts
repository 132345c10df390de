/**
 * End-to-end: Debian's Chromium against `npm run web` (browser mode) with a temp catalog.
 * Import a folder → thumbnails → open a photo → a slider changes the preview → "warmer and
 * brighter" → agent steps and a changed preview → undo one step reverts it → export writes a
 * JPEG of the expected size. Screenshots go to test-artifacts/e2e/. Then the keyboard, history
 * jumps, snapshots and the token guard.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumMissing, openSession, previewStats, setSlider, settledPreview, shot, type CanvasStats, type Session } from './harness.ts';
import { makePhotoFolder, type E2ePhotos } from './photos.ts';

if (chromiumMissing) console.warn(`[e2e] ${chromiumMissing}`);

const luma = (s: CanvasStats) => 0.2126 * s.r + 0.7152 * s.g + 0.0722 * s.b;
const warmth = (s: CanvasStats) => s.warmth;

const renders = (page: Page) => previewStats(page).then((s) => s.renders);

describe.skipIf(chromiumMissing !== null)('browser mode end to end (Chromium)', () => {
  let s: Session;
  let photos: E2ePhotos;
  let page: Page;
  const seen: Record<string, CanvasStats> = {};

  beforeAll(async () => {
    s = await openSession();
    page = s.page;
    photos = await makePhotoFolder(join(s.workDir, 'photos'));
  }, 240_000);

  afterAll(async () => {
    await s?.close();
  });

  it('imports a folder through the import dialog and shows the thumbnails', async () => {
    await page.getByTestId('import-button').click();
    await page.getByTestId('import-path').fill(photos.dir);
    await page.getByTestId('import-confirm').click();
    await expect.poll(() => page.getByTestId('progress').count(), { timeout: 20_000 }).toBe(1);
    await page.getByText(/^Done: /).waitFor({ timeout: 120_000 });
    const text = await page.locator('.progress-text').textContent();
    expect(text).toContain(`${photos.files.length} imported`);
    await shot(page, '01-import-done');
    await page.getByRole('button', { name: 'Close' }).click();

    const tiles = page.getByTestId('photo-tile');
    await expect.poll(() => tiles.count(), { timeout: 20_000 }).toBe(photos.files.length);
    // Every thumbnail really decoded (a broken media URL gives naturalWidth 0).
    await page.waitForFunction(
      (n) => [...document.querySelectorAll<HTMLImageElement>('[data-testid="photo-tile"] img')].filter((i) => i.complete && i.naturalWidth > 0).length === n,
      photos.files.length,
      { timeout: 30_000 },
    );
    await shot(page, '02-library');
  });

  it('opens a photo in Develop and draws the preview', async () => {
    await page.getByTestId('photo-tile').first().dblclick();
    await page.getByTestId('develop-view').waitFor();
    await page.waitForSelector('[data-testid="preview-canvas"][data-ready="1"]', { timeout: 60_000 });
    seen.original = await settledPreview(page, 0, 60_000);
    expect(seen.original.width).toBeGreaterThan(200);
    expect(luma(seen.original)).toBeGreaterThan(5);
    await expect.poll(() => page.getByTestId('histogram').count()).toBe(1);
    await shot(page, '03-develop-open');
  });

  it('moving the exposure slider changes the preview and adds one history step', async () => {
    const before = await renders(page);
    const items = await page.getByTestId('history-item').count();
    await setSlider(page, 'slider-tone-exposure', 0.3);
    seen.exposure = await settledPreview(page, before);
    expect(luma(seen.exposure)).toBeGreaterThan(luma(seen.original) + 5);
    expect(seen.exposure.medianLuma).toBeGreaterThan(seen.original.medianLuma + 5);
    await expect.poll(() => page.getByTestId('history-item').count()).toBe(items + 1);
    await shot(page, '04-exposure');
  });

  it('"warmer and brighter" adds agent steps that warm the preview and raise the exposure', async () => {
    const before = await renders(page);
    await page.getByTestId('chat-input').fill('warmer and brighter');
    await page.getByTestId('chat-send').click();
    await expect.poll(() => page.getByTestId('agent-step').count(), { timeout: 120_000 }).toBeGreaterThan(0);
    seen.agent = await settledPreview(page, before);
    expect(warmth(seen.agent)).toBeGreaterThan(warmth(seen.exposure) + 2);
    // "Brighter": the median brightens, or at least the exposure goes above the slider's +0.3 EV
    // (the planner pairs exposure with a highlights guard, which on a sky-filled photo can pull
    // the median down; see the report on issue 4).
    const titles = await page.getByTestId('agent-step').locator('.step-title').allTextContents();
    const ev = Number(titles.map((t) => /Exposure \+?(-?[\d.]+)/.exec(t)?.[1]).find(Boolean) ?? 0);
    expect(seen.agent.medianLuma > seen.exposure.medianLuma || ev > 0.3, `${titles.join(' | ')}; median ${seen.exposure.medianLuma} → ${seen.agent.medianLuma}`).toBe(true);
    expect(await page.getByTestId('turn-undo').count()).toBe(1);
    await shot(page, '05-agent');
  });

  it('undoing one agent step reverts that step in the preview', async () => {
    const cards = page.getByTestId('agent-step');
    const n = await cards.count();
    const titles = await cards.locator('.step-title').allTextContents();
    // Undo the warming step (white balance) so the effect is easy to read: warmth drops back.
    let k = titles.findIndex((t) => /white balance|temp/i.test(t));
    if (k < 0) k = n - 1;
    const before = await renders(page);
    await cards.nth(k).getByTestId('step-undo').click();
    seen.undone = await settledPreview(page, before);
    await expect.poll(() => cards.nth(k).getAttribute('class')).toMatch(/off|undone/);
    if (/white balance|temp/i.test(titles[k])) {
      expect(warmth(seen.undone)).toBeLessThan(warmth(seen.agent) - 2);
      expect(Math.abs(warmth(seen.undone) - warmth(seen.exposure))).toBeLessThan(Math.abs(warmth(seen.agent) - warmth(seen.exposure)) / 2);
    } else {
      expect(Math.abs(luma(seen.undone) - luma(seen.agent)) + Math.abs(warmth(seen.undone) - warmth(seen.agent))).toBeGreaterThan(1);
    }
    await shot(page, '06-step-undone');
  });

  it('a masked edit lists its mask, and "Show mask" paints it red on the preview (O toggles)', async () => {
    const cards = page.getByTestId('agent-step');
    const n = await cards.count();
    await page.getByTestId('chat-input').fill('darken the sky');
    await page.getByTestId('chat-send').click();
    await expect.poll(() => cards.count(), { timeout: 120_000 }).toBeGreaterThan(n);
    await expect.poll(() => page.getByTestId('mask-item').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const plain = await settledPreview(page, await renders(page) - 1);
    let before = await renders(page);
    await page.getByTestId('mask-overlay').first().click();
    const shown = await settledPreview(page, before);
    expect(await page.getByTestId('preview-canvas').getAttribute('data-overlay')).not.toBe('');
    // The overlay tints the masked area red: red rises against green and blue.
    expect(shown.r - (shown.g + shown.b) / 2).toBeGreaterThan(plain.r - (plain.g + plain.b) / 2 + 3);
    await shot(page, '06b-mask-overlay');
    before = await renders(page);
    await page.locator('body').press('o');
    await settledPreview(page, before);
    expect(await page.getByTestId('preview-canvas').getAttribute('data-overlay')).toBe('');
    // Leave the state as the next tests expect it: this turn undone.
    before = await renders(page);
    await page.getByTestId('turn-undo').last().click();
    await settledPreview(page, before);
  });

  it('exports a JPEG of the requested size that matches the preview', async () => {
    const dest = join(s.workDir, 'export');
    mkdirSync(dest);
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-destination').fill(dest);
    await page.getByTestId('export-long-edge').fill('640');
    await page.getByTestId('export-confirm').click();
    await page.getByTestId('export-results').waitFor({ timeout: 120_000 });
    await shot(page, '07-export-done');
    const text = (await page.getByTestId('export-results').textContent()) ?? '';
    const path = /(\/\S+\.jpe?g)/i.exec(text)?.[1];
    expect(path, text).toBeDefined();
    expect(existsSync(path!)).toBe(true);
    const meta = await sharp(path!).metadata();
    expect(meta.format).toBe('jpeg');
    const src = photos.files[0];
    const long = Math.max(meta.width!, meta.height!);
    expect(long).toBe(640);
    expect(Math.abs(meta.width! / meta.height! - src.width / src.height)).toBeLessThan(0.01);
    // Preview = export: the mean colour of the file agrees with the preview canvas.
    const st = await sharp(path!).stats();
    const [r, g, b] = st.channels.map((c) => c.mean);
    const p = seen.undone;
    expect(Math.abs(r - p.r) + Math.abs(g - p.g) + Math.abs(b - p.b)).toBeLessThan(6);
    await page.getByRole('button', { name: 'Close' }).click();
  });

  it('history: clicking an item jumps to that state; a snapshot is saved and listed', async () => {
    const items = page.getByTestId('history-item');
    let before = await renders(page);
    await items.first().click();
    const original = await settledPreview(page, before);
    expect(Math.abs(luma(original) - luma(seen.original))).toBeLessThan(1.5);
    expect(await items.first().getAttribute('class')).toContain('current');
    before = await renders(page);
    await items.nth(1).click();
    const afterExposure = await settledPreview(page, before);
    expect(Math.abs(luma(afterExposure) - luma(seen.exposure))).toBeLessThan(1.5);

    await page.getByPlaceholder('Snapshot name').fill('Bright version');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.snapshots li', { hasText: 'Bright version' }).waitFor();
    await shot(page, '08-history-snapshot');
  });

  it('keyboard: Ctrl+Z / Shift+Ctrl+Z, \\ before/after, arrows, G and D', async () => {
    await page.locator('.develop-toolbar .file-name').click();
    const current = () => page.locator('[data-testid="history-item"].current').textContent();
    const at = await current();
    let before = await renders(page);
    await page.keyboard.press('Control+z');
    await expect.poll(current).not.toBe(at);
    const undone = await settledPreview(page, before);
    before = undone.renders;
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(current).toBe(at);
    const edited = await settledPreview(page, before);
    expect(Math.abs(luma(edited) - luma(undone))).toBeGreaterThan(1);

    before = edited.renders;
    await page.keyboard.press('\\');
    const beforeView = await settledPreview(page, before);
    expect(Math.abs(luma(beforeView) - luma(seen.original))).toBeLessThan(1.5);
    before = beforeView.renders;
    await page.keyboard.press('\\');
    const back = await settledPreview(page, before);
    expect(Math.abs(luma(back) - luma(edited))).toBeLessThan(1.5);

    const name = () => page.locator('.develop-toolbar .file-name').textContent();
    const first = await name();
    await page.keyboard.press('ArrowRight');
    await expect.poll(name).not.toBe(first);
    await page.waitForSelector('[data-testid="preview-canvas"][data-ready="1"]', { timeout: 60_000 });
    await page.keyboard.press('ArrowLeft');
    await expect.poll(name).toBe(first);

    await page.keyboard.press('g');
    await page.getByTestId('library-view').waitFor();
    await page.keyboard.press('d');
    await page.getByTestId('develop-view').waitFor();
    await page.keyboard.press('g');
    await page.getByTestId('library-view').waitFor();
  });

  it('keyboard in the library: arrows move the focus, 0–5 rate, P flags', async () => {
    const focusedId = () => page.locator('[data-testid="photo-tile"].focused').getAttribute('data-photo-id');
    const start = await focusedId();
    await page.keyboard.press('ArrowRight');
    await expect.poll(focusedId).not.toBe(start);
    const id = Number(await focusedId());
    await page.keyboard.press('4');
    await expect.poll(() => page.locator('[data-testid="photo-tile"].focused .stars').textContent()).toBe('★★★★');
    await page.keyboard.press('p');
    await expect.poll(() => page.locator('[data-testid="photo-tile"].focused .flag.pick').count()).toBe(1);
    // Stored in the catalog, not only in the grid.
    const detail = await page.evaluate(
      async ({ id, token }) => {
        const r = await fetch('/api/invoke/library.photo', { method: 'POST', headers: { 'content-type': 'application/json', 'x-tonewright-token': token }, body: JSON.stringify({ photoId: id }) });
        return (await r.json()) as { ok: boolean; value: { rating: number; flag: string | null } };
      },
      { id, token: s.web.token },
    );
    expect(detail.value.rating).toBe(4);
    expect(detail.value.flag).toBe('pick');
    await page.keyboard.press('0');
    await expect.poll(() => page.locator('[data-testid="photo-tile"].focused .stars').textContent()).toBe('');
    await shot(page, '09-library-marks');
  });

  it('the browser saw no errors or failed requests', () => {
    expect(s.problems).toEqual([]);
  });

  it('the API refuses requests without the token, from another origin, or for another host', async () => {
    const invoke = (headers: Record<string, string>) =>
      fetch(`${s.web.origin}/api/invoke/app.info`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' }).then((r) => r.status);
    expect(await invoke({})).toBe(401);
    expect(await invoke({ 'x-tonewright-token': 'wrong' })).toBe(401);
    expect(await invoke({ 'x-tonewright-token': s.web.token, origin: 'http://evil.example' })).toBe(403);
    expect(await invoke({ 'x-tonewright-token': s.web.token })).toBe(200);
    // DNS rebinding: the right token under a foreign Host name is refused.
    const port = Number(new URL(s.web.origin).port);
    const rebound = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/invoke/app.info', method: 'POST', headers: { host: `evil.example:${port}`, 'content-type': 'application/json', 'x-tonewright-token': s.web.token } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('{}');
    });
    expect(rebound).toBe(421);
    // The page's own fetch without the header is refused too (the cookie is not enough for the API).
    const status = await page.evaluate(() => fetch('/api/invoke/app.info', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then((r) => r.status));
    expect(status).toBe(401);
    // The shell without the token (a fresh browser profile) is refused.
    const other = await s.browser.newContext();
    const res = await (await other.newPage()).goto(`${s.web.origin}/`);
    expect(res?.status()).toBe(401);
    await other.close();
  });

});
