/**
 * The team corpus of hostile and unusual files (../shared/data/malformed, raw, exif): every file
 * either imports or is reported with a specific reason, and the import never crashes.
 * Skips when the corpus is absent (a clean clone).
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCatalog } from '../main/services/catalog/catalog.ts';
import { importFolders } from '../main/services/import/import-service.ts';

const DATA = path.resolve(import.meta.dirname, '../../shared/data');
const ROOTS = ['malformed', 'raw', 'exif'].map((d) => path.join(DATA, d));
const present = ROOTS.every((r) => fs.existsSync(r));
const CODES = ['empty', 'vanished', 'permission-denied', 'unsupported', 'corrupt', 'too-large', 'no-preview', 'symlink-loop', 'io', 'timeout', 'decoder-crashed'];

function allFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? (e.name.startsWith('.') ? [] : allFiles(p)) : [p];
  });
}

describe.skipIf(!present)('import of the team corpus (malformed, raw, exif)', () => {
  if (!present) console.warn(`import-corpus: skipped, ${DATA} is not there`);

  it('imports or explains every file, and keeps going', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-corpus-'));
    const cat = openCatalog(path.join(tmp, 'c.db'));
    const s = await importFolders(cat, { roots: ROOTS, cacheDir: path.join(tmp, 'cache') });

    const files = ROOTS.flatMap(allFiles);
    const failed = new Map(s.failed.map((f) => [f.path, f.error]));
    const photos = new Set(cat.photos.query({ limit: 100_000 }).map((p) => p.path));
    const dups = new Set(ROOTS.flatMap((r) => cat.photos.duplicatesUnder(r).map((d) => d.path)));
    const unaccounted = files.filter((f) => !photos.has(f) && !dups.has(f) && !failed.has(f));
    // Only non-image files (ICC profiles, .bin payloads that are no image) may be left out, and they are counted.
    expect(unaccounted.every((f) => !/\.(jpe?g|png|tiff?|webp|avif|heic|gif|cr2|cr3|nef|arw|dng|raf|rw2|orf|crw|x3f|mrw|iiq|bmp)$/i.test(f)), unaccounted.join('\n')).toBe(true);
    expect(unaccounted.length).toBe(s.ignored);
    expect(photos.size + dups.size + failed.size + s.ignored).toBe(files.length);
    for (const [p, reason] of failed) {
      const [code, detail] = [reason.slice(0, reason.indexOf(':')), reason.slice(reason.indexOf(':') + 1).trim()];
      expect(CODES, `${p}: ${reason}`).toContain(code);
      expect(detail.length, p).toBeGreaterThan(5);
    }
    const reasonOf = (rel: string) => failed.get(path.join(DATA, rel))?.split(':')[0];
    expect(reasonOf('exif/exif-samples/jpg/corrupted.jpg')).toBe('corrupt');
    expect(reasonOf('exif/sharp_fixtures/test/fixtures/giant-image.jpg')).toBe('too-large');
    expect(reasonOf('raw/exiftool_stubs/Sigma.x3f')).toBe('unsupported');
    expect(reasonOf('raw/exiftool_stubs/Nikon.nef')).toBe('no-preview');

    // What should import does, with its metadata.
    const heic = cat.photos.byPath(path.join(DATA, 'exif/exif-samples/heic/IMG_5195.HEIC'));
    expect(heic).toMatchObject({ format: 'heic', cameraMake: 'Apple', captureTime: '2021-04-11T15:47:53.054' });
    expect(cat.photos.byPath(path.join(DATA, 'raw/exiv2/Canon-R6-pruned.CR3'))).toMatchObject({ format: 'cr3', cameraModel: 'Canon EOS R6' });
    const gps = cat.photos.byPath(path.join(DATA, 'exif/exif-samples/jpg/gps/DSCN0010.jpg'))!;
    expect(gps.gpsLat).toBeCloseTo(43.4674, 3);
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const p = cat.photos.byPath(path.join(DATA, `exif/exif-samples/jpg/orientation/landscape_${n}.jpg`));
      if (p) expect([p.orientation, p.width! > p.height!]).toEqual([n, true]);
    }
    expect(cat.integrityCheck()).toBe('ok');
    cat.close();
  }, 600_000);
});
