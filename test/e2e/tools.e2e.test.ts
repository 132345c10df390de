/**
 * End-to-end for the hand tools on the preview (Chromium against browser mode): the crop tool
 * (drag a handle → Done → one history step, the preview's aspect changes → undo restores it;
 * Esc cancels without a step), a radial mask drawn by dragging with a local exposure slider
 * (the preview brightens inside the ellipse, not outside), and the library thumbnail showing
 * the edit; the import dialog's Lightroom sidecar offer and an export into a folder that does
 * not exist yet. Screenshots go to test-artifacts/e2e/ (10-… onwards).
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumMissing, openSession, previewStats, setSlider, settledPreview, shot, type Session } from './harness.ts';
import { makePhotoFolder, type E2ePhotos } from './photos.ts';

if (chromiumMissing) console.warn(`[e2e] ${chromiumMissing}`);

/** Mean luma (0..255) of a box (fractions of its size) of a canvas or image as the browser draws it. */
function drawnLuma(page: Page, selector: string, box: [number, number, number, number] = [0, 0, 1, 1]): Promise<number> {
  return page.evaluate(
    ({ selector, box: [x0, y0, x1, y1] }) => {
      const el = document.querySelector(selector) as HTMLCanvasElement | HTMLImageElement;
      const w = el instanceof HTMLImageElement ? el.naturalWidth : el.width;
      const h = el instanceof HTMLImageElement ? el.naturalHeight : el.height;
      const ctx = new OffscreenCanvas(w, h).getContext('2d')!;
      ctx.drawImage(el, 0, 0);
      const d = ctx.getImageData(Math.round(x0 * w), Math.round(y0 * h), Math.max(1, Math.round((x1 - x0) * w)), Math.max(1, Math.round((y1 - y0) * h))).data;
      let s = 0;
      for (let i = 0; i < d.length; i += 4) s += 0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2];
      return s / (d.length / 4);
    },
    { selector, box },
  );
}
const regionLuma = (page: Page, box: [number, number, number, number]) => drawnLuma(page, '[data-testid="preview-canvas"]', box);
const thumbLuma = (page: Page) => drawnLuma(page, '[data-testid="photo-tile"] img');

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
}

const centre = async (page: Page, testId: string) => {
  const b = (await page.getByTestId(testId).boundingBox())!;
  return { x: b.x + b.width / 2, y: b.y + b.height / 2, box: b };
};
/** History items up to the current state (undone steps stay listed until replaced). */
const applied = (page: Page) => page.locator('[data-testid="history-item"]:not(.redo)').count();
const SIDECAR = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
 <rdf:Description rdf:about="" xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/" crs:Version="15.0" crs:Exposure2012="+1.00" crs:Saturation="-100"/>
</rdf:RDF></x:xmpmeta>`;
const renders = (page: Page) => previewStats(page).then((s) => s.renders);

describe.skipIf(chromiumMissing !== null)('crop tool, hand-drawn masks and edited thumbnails (Chromium)', () => {
  let s: Session;
  let photos: E2ePhotos;
  let page: Page;
  let plainThumb = 0;
  let sidecarText = '';

  beforeAll(async () => {
    s = await openSession();
    page = s.page;
    photos = await makePhotoFolder(join(s.workDir, 'photos'));
    // A Lightroom sidecar beside the last photo (the first one stays unedited for the tools).
    writeFileSync(photos.files[photos.files.length - 1].path.replace(/\.jpe?g$/i, '.xmp'), SIDECAR);
    await page.getByTestId('import-button').click();
    await page.getByTestId('import-path').fill(photos.dir);
    await page.getByTestId('import-confirm').click();
    await page.getByText(/^Done: /).waitFor({ timeout: 120_000 });
    // The dialog offers the sidecar; applying it edits that photo (one import turn).
    await page.getByTestId('import-sidecars').waitFor();
    await page.getByTestId('import-apply-sidecars').click();
    await page.getByTestId('import-sidecars-result').waitFor();
    sidecarText = (await page.getByTestId('import-sidecars-result').textContent()) ?? '';
    await shot(page, '09b-import-sidecars');
    await page.getByRole('button', { name: 'Close' }).click();
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="photo-tile"] img');
      return !!img && img.complete && img.naturalWidth > 0;
    }, undefined, { timeout: 60_000 });
    plainThumb = await thumbLuma(page);
    await page.getByTestId('photo-tile').first().dblclick();
    await page.waitForSelector('[data-testid="preview-canvas"][data-ready="1"]', { timeout: 60_000 });
    await settledPreview(page, 0, 60_000);
  }, 300_000);

  afterAll(async () => {
    await s?.close();
  });

  it('import offered the Lightroom sidecar and applied it to its photo', () => {
    expect(sidecarText).toMatch(/^Applied to 1 photo\b/);
  });

  it('crop: drag a corner, Done → one step and the preview’s aspect changes; undo restores it', async () => {
    const original = await previewStats(page);
    const items = await applied(page);
    let before = original.renders;
    await page.keyboard.press('r');
    await page.getByTestId('crop-overlay').waitFor();
    // While cropping, the whole picture is shown under the rectangle.
    const tool = await settledPreview(page, before);
    expect(tool.width / tool.height).toBeCloseTo(original.width / original.height, 2);
    const se = await centre(page, 'crop-handle-se');
    const overlay = (await page.getByTestId('crop-overlay').boundingBox())!;
    // Pull the bottom-right corner in: 40% of the width, 10% of the height.
    await drag(page, se, { x: se.x - overlay.width * 0.4, y: se.y - overlay.height * 0.1 });
    await shot(page, '10-crop-dragging');
    before = await renders(page);
    await page.getByTestId('crop-done').click();
    const cropped = await settledPreview(page, before);
    await expect.poll(() => page.getByTestId('crop-overlay').count()).toBe(0);
    const expected = (original.width / original.height) * (0.6 / 0.9);
    expect(cropped.width / cropped.height).toBeCloseTo(expected, 1);
    await expect.poll(() => applied(page)).toBe(items + 1);
    await shot(page, '11-cropped');

    // Esc cancels: no step, no change.
    await page.getByTestId('crop-tool').click();
    await page.getByTestId('crop-overlay').waitFor();
    const nw = await centre(page, 'crop-handle-nw');
    await drag(page, nw, { x: nw.x + 60, y: nw.y + 60 });
    before = await renders(page);
    await page.keyboard.press('Escape');
    const cancelled = await settledPreview(page, before);
    expect(cancelled.width / cancelled.height).toBeCloseTo(cropped.width / cropped.height, 3);
    expect(await applied(page)).toBe(items + 1);

    before = await renders(page);
    await page.locator('.develop-toolbar .file-name').click();
    await page.keyboard.press('Control+z');
    const undone = await settledPreview(page, before);
    expect(undone.width / undone.height).toBeCloseTo(original.width / original.height, 2);
  });

  it('crop: straighten shrinks the frame and a preset locks the aspect', async () => {
    const original = await previewStats(page);
    await page.getByTestId('crop-tool').click();
    await page.getByTestId('crop-overlay').waitFor();
    await page.getByTestId('crop-aspect').selectOption('1:1');
    await setSlider(page, 'crop-angle', 6);
    await shot(page, '12-crop-straighten-square');
    const before = await renders(page);
    await page.keyboard.press('Enter');
    const square = await settledPreview(page, before);
    expect(square.width / square.height).toBeCloseTo(1, 1);
    expect(square.width).toBeLessThan(original.width);
    const b2 = await renders(page);
    await page.keyboard.press('Control+z');
    await settledPreview(page, b2);
  });

  it('draws a radial mask by dragging; its local exposure brightens inside, not outside', async () => {
    const items = await applied(page);
    const canvas = (await page.getByTestId('preview-canvas').boundingBox())!;
    const inside: [number, number, number, number] = [0.45, 0.45, 0.55, 0.55];
    const outside: [number, number, number, number] = [0.02, 0.02, 0.1, 0.1];
    const in0 = await regionLuma(page, inside);
    const out0 = await regionLuma(page, outside);
    await page.getByTestId('mask-add-radial').click();
    const c = { x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height / 2 };
    await drag(page, c, { x: c.x + canvas.width * 0.2, y: c.y + canvas.height * 0.2 });
    await page.getByTestId('mask-editor').waitFor();
    await expect.poll(() => page.getByTestId('mask-item').count()).toBe(1);
    await expect.poll(() => applied(page)).toBe(items + 1);
    expect(await page.getByTestId('mask-handle-center').count()).toBe(1);
    const before = await renders(page);
    await setSlider(page, 'slider-local-exposure', 1.5);
    await settledPreview(page, before);
    await expect.poll(() => applied(page)).toBe(items + 2);
    const in1 = await regionLuma(page, inside);
    const out1 = await regionLuma(page, outside);
    expect(in1).toBeGreaterThan(in0 + 15);
    expect(Math.abs(out1 - out0)).toBeLessThan(1.5);
    await shot(page, '13-radial-mask');

    // Move the ellipse by its centre handle to the top-left: the old centre darkens again.
    const h = await centre(page, 'mask-handle-center');
    const b2 = await renders(page);
    await drag(page, h, { x: canvas.x + canvas.width * 0.25, y: canvas.y + canvas.height * 0.3 });
    await settledPreview(page, b2);
    await expect.poll(() => applied(page)).toBe(items + 3);
    expect(await regionLuma(page, inside)).toBeLessThan(in1 - 5);
    // Intersect with a luminance range: a second component, one more step.
    await page.getByTestId('mask-add-mode').selectOption('intersect');
    await page.getByTestId('mask-component-add-luminance').click();
    await expect.poll(() => page.getByTestId('mask-component').count()).toBe(2);
    await expect.poll(() => applied(page)).toBe(items + 4);
    expect(await page.getByTestId('mask-component-mode').last().inputValue()).toBe('intersect');
    // O shows the selected mask in red.
    const b3 = await renders(page);
    await page.locator('.develop-toolbar .file-name').click();
    await page.keyboard.press('o');
    await settledPreview(page, b3);
    expect(await page.getByTestId('preview-canvas').getAttribute('data-overlay')).not.toBe('');
    await shot(page, '14-mask-moved-overlay');
    const b4 = await renders(page);
    await page.keyboard.press('o');
    await settledPreview(page, b4);
  });

  it('a colour range mask is picked by clicking the photo', async () => {
    const items = await applied(page);
    const canvas = (await page.getByTestId('preview-canvas').boundingBox())!;
    await page.getByTestId('mask-add-color').click();
    // Top centre of the photo: the sky in the team photos and in the synthetic scenes.
    await page.mouse.click(canvas.x + canvas.width * 0.6, canvas.y + canvas.height * 0.08);
    await expect.poll(() => page.getByTestId('mask-item').count()).toBe(2);
    await expect.poll(() => applied(page)).toBe(items + 1);
    expect(await page.locator('.mask-list li.selected .mask-name').textContent()).toMatch(/Colour range/);
    expect(await page.locator('.develop-toolbar .error').count()).toBe(0);
    await shot(page, '14b-colour-range');
  });

  it('a linear gradient is drawn by dragging; its exposure fades from the press to the release', async () => {
    const items = await applied(page);
    const canvas = (await page.getByTestId('preview-canvas').boundingBox())!;
    const top: [number, number, number, number] = [0.7, 0.02, 0.95, 0.1];
    const bottom: [number, number, number, number] = [0.7, 0.9, 0.95, 0.98];
    const [t0, b0] = [await regionLuma(page, top), await regionLuma(page, bottom)];
    await page.getByTestId('mask-add-linear').click();
    await drag(page, { x: canvas.x + canvas.width * 0.8, y: canvas.y + canvas.height * 0.3 }, { x: canvas.x + canvas.width * 0.8, y: canvas.y + canvas.height * 0.6 });
    await expect.poll(() => page.getByTestId('mask-item').count()).toBe(3);
    await expect.poll(() => applied(page)).toBe(items + 1);
    expect(await page.getByTestId('mask-handle-start').count()).toBe(1);
    const before = await renders(page);
    await setSlider(page, 'slider-local-exposure', -2);
    await settledPreview(page, before);
    // Full effect above the start (darker), none below the end.
    expect(await regionLuma(page, top)).toBeLessThan(t0 - 15);
    expect(Math.abs((await regionLuma(page, bottom)) - b0)).toBeLessThan(1.5);
    await shot(page, '14c-linear-gradient');
  });

  it('the library thumbnail shows the edit', async () => {
    await page.keyboard.press('g');
    await page.getByTestId('library-view').waitFor();
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="photo-tile"] img');
      return !!img && img.src.includes('?v=') && img.complete && img.naturalWidth > 0;
    }, undefined, { timeout: 60_000 });
    // The masks' local exposure (+1.5 EV radial, −2 EV gradient over the sky) shows in the tile.
    expect(Math.abs((await thumbLuma(page)) - plainThumb)).toBeGreaterThan(5);
    await shot(page, '15-library-edited-thumb');
  });

  it('exports into a destination folder that does not exist yet (the dialog creates it)', async () => {
    const dest = join(s.workDir, 'exports', 'new-folder');
    expect(existsSync(dest)).toBe(false);
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-destination').fill(dest);
    expect(await page.getByTestId('export-create-folder').isChecked()).toBe(true);
    await page.getByTestId('export-long-edge').fill('320');
    await page.getByTestId('export-confirm').click();
    await page.getByTestId('export-results').waitFor({ timeout: 120_000 });
    expect(readdirSync(dest).filter((f) => f.endsWith('.jpg'))).toHaveLength(1);
    await page.getByRole('button', { name: 'Close' }).click();
  });

  it('the browser saw no errors or failed requests', () => {
    expect(s.problems).toEqual([]);
  });
});
