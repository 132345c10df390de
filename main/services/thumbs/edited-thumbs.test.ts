import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { tempCatalog } from '../../../test/helpers/catalog-fixture.ts';
import { EventBus } from '../../ipc/dispatch.ts';
import { DevelopService } from '../develop/develop-service.ts';
import { renderPath, writeAtomic } from '../import/render-cache.ts';
import { LibraryService } from '../library/library-service.ts';
import { EditedThumbs, editedThumbPath, settingsVersion } from './edited-thumbs.ts';
import { defaultSettings } from '../../../shared/develop/defaults.ts';

let close: (() => void) | undefined;
afterEach(() => close?.());

async function setup() {
  const t = tempCatalog();
  close = () => t.catalog.close();
  const cacheDir = join(t.dir, 'cache');
  // A 600×400 preview: left half mid grey, right half darker, so exposure shows.
  const w = 600, h = 400;
  const raw = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.fill(x < w / 2 ? 120 : 60, 3 * (y * w + x), 3 * (y * w + x) + 3);
  for (const id of t.ids) {
    const p = t.catalog.photos.byId(id)!;
    const jpeg = await sharp(raw, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 95 }).toBuffer();
    await writeAtomic(renderPath(cacheDir, 'previews', p.hash), jpeg);
    await writeAtomic(renderPath(cacheDir, 'thumbs', p.hash), jpeg);
  }
  const bus = new EventBus();
  const events: (number[] | undefined)[] = [];
  bus.subscribe((name, e) => name === 'catalog.changed' && events.push((e as { photoIds?: number[] }).photoIds));
  let thumbs: EditedThumbs | undefined;
  const develop = new DevelopService(t.catalog, (id) => thumbs?.schedule(id));
  thumbs = new EditedThumbs({ repos: t.catalog, settings: (id) => develop.settings(id), cacheDir, bus });
  const library = new LibraryService(t.catalog, (k, hash) => `/media/${k}/${hash}`, (p) => thumbs!.urlVersion(p));
  return { ...t, cacheDir, develop, thumbs, library, events };
}

describe('edited thumbnails', () => {
  it('a photo without edits keeps the plain thumbnail and never renders', async () => {
    const { ids, library, thumbs, cacheDir, catalog } = await setup();
    expect(thumbs.version(ids[0])).toBeNull();
    const p = catalog.photos.byId(ids[0])!;
    expect(library.summary(p).thumbUrl).toBe(`/media/thumb/${p.hash}`);
    expect(thumbs.file(p.hash, null)).toBe(renderPath(cacheDir, 'thumbs', p.hash));
  });

  it('an edit renders a developed thumbnail once, cached by hash + settings; the URL names it only when it exists', async () => {
    const { ids, library, thumbs, develop, cacheDir, catalog, events } = await setup();
    const p = catalog.photos.byId(ids[0])!;
    develop.commit(ids[0], 'tone', { exposure: 1 });
    const v = thumbs.version(ids[0])!;
    expect(v).toMatch(/^[0-9a-f]{16}$/);
    await thumbs.idle();
    const file = editedThumbPath(cacheDir, p.hash, v);
    expect(existsSync(file)).toBe(true);
    expect(events).toContainEqual([ids[0]]);
    expect(library.summary(p).thumbUrl).toBe(`/media/thumb/${p.hash}?v=${v}`);
    expect(thumbs.file(p.hash, v)).toBe(file);
    // Developed: +1 EV is clearly brighter than the plain thumbnail; the long edge is 256.
    const [edited, plain] = await Promise.all([sharp(file).stats(), sharp(renderPath(cacheDir, 'thumbs', p.hash)).stats()]);
    expect(edited.channels[0].mean).toBeGreaterThan(plain.channels[0].mean + 25);
    expect((await sharp(file).metadata()).width).toBe(256);
    // A crop changes the version and the thumbnail's shape.
    develop.commit(ids[0], 'crop', { right: 0.5 });
    await thumbs.idle();
    const v2 = thumbs.version(ids[0])!;
    expect(v2).not.toBe(v);
    const meta = await sharp(editedThumbPath(cacheDir, p.hash, v2)).metadata();
    expect(meta.height).toBe(256);
    expect(meta.width).toBeLessThan(256);
    // Undo all the way: back to the plain thumbnail.
    develop.undo(ids[0]);
    develop.undo(ids[0]);
    await thumbs.idle();
    expect(library.summary(p).thumbUrl).toBe(`/media/thumb/${p.hash}`);
  });

  it('a version that does not exist (or is not a version) falls back to the plain thumbnail', async () => {
    const { thumbs, cacheDir, catalog, ids } = await setup();
    const p = catalog.photos.byId(ids[1])!;
    expect(thumbs.file(p.hash, '0123456789abcdef')).toBe(renderPath(cacheDir, 'thumbs', p.hash));
    expect(thumbs.file(p.hash, '../../etc/passwd')).toBe(renderPath(cacheDir, 'thumbs', p.hash));
  });

  it('settingsVersion is null for the defaults and stable for equal settings', () => {
    expect(settingsVersion(defaultSettings())).toBeNull();
    const s = defaultSettings();
    s.ops.tone.exposure = 0.5;
    expect(settingsVersion(s)).toBe(settingsVersion(structuredClone(s)));
  });
});
