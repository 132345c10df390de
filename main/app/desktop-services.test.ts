import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { startDesktopServices, type DesktopServices } from './desktop-services.ts';

const dirs: string[] = [];
const running: DesktopServices[] = [];
afterAll(async () => {
  for (const s of running) await s.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-desktop-'));
  dirs.push(d);
  return d;
};

describe('the desktop composition root', () => {
  it('answers the contract with the real services, imports a folder, and serves only media the catalog knows', async () => {
    const data = tmp();
    const photos = tmp();
    const raw = Buffer.alloc(64 * 48 * 3, 90);
    await sharp(raw, { raw: { width: 64, height: 48, channels: 3 } }).jpeg().toFile(path.join(photos, 'a.jpg'));
    const s = startDesktopServices({ dataDir: data });
    running.push(s);
    expect(s.catalogFile.startsWith(data)).toBe(true);
    const done = new Promise<void>((resolve) => s.bus.subscribe((event) => event === 'import.done' && resolve()));
    const started = await s.dispatch('import.start', { paths: [photos] });
    expect(started.ok).toBe(true);
    await done;
    const page = await s.dispatch('library.query', { limit: 10 });
    expect(page.ok).toBe(true);
    const photo = (page as { ok: true; value: { photos: { hash: string; thumbUrl: string }[] } }).value.photos[0];
    expect(photo.thumbUrl.startsWith('/media/thumb/')).toBe(true);
    const file = await s.media('thumb', photo.hash);
    expect(file && fs.existsSync(file)).toBe(true);
    expect(await s.media('thumb', 'ab'.repeat(16))).toBeNull();
    const bad = await s.dispatch('library.query', { limit: 0 });
    expect(bad.ok).toBe(false);
  });
});
