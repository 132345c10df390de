import { describe, it, expect, beforeAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { openCatalog, type Catalog } from '../catalog/catalog.ts';
import { importFolders, type ImportProgress } from './import-service.ts';
import { nodeScanFs, type ScanFs } from './scanner.ts';
import { renderPath } from './render-cache.ts';

async function jpeg(file: string, w: number, h: number, colour: string, exif?: Record<string, Record<string, string>>, orientation?: number) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let img = sharp({ create: { width: w, height: h, channels: 3, background: colour } }).jpeg({ quality: 90 });
  if (exif) img = img.withExif(exif);
  if (orientation) img = img.withMetadata({ orientation });
  await img.toFile(file);
}

/** A PNG whose header declares width×height, with no pixel data worth the name. */
export function bombPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.alloc(100))), chunk('IEND', Buffer.alloc(0))]);
}

let dir: string;
let lib: string;
let cache: string;
let cat: Catalog;
const run = (extra: Partial<Parameters<typeof importFolders>[1]> = {}) => importFolders(cat, { roots: [lib], cacheDir: cache, ...extra });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-import-'));
  lib = path.join(dir, 'lib');
  cache = path.join(dir, 'cache');
  await jpeg(path.join(lib, 'a.jpg'), 640, 480, '#c04040', { IFD0: { Make: 'Canon', Model: 'EOS R5' }, IFD2: { DateTimeOriginal: '2023:07:14 18:30:05', ISOSpeedRatings: '200' } }, 6);
  await jpeg(path.join(lib, 'trip', 'b.jpg'), 3000, 2000, '#4080c0');
  await sharp({ create: { width: 300, height: 200, channels: 4, background: { r: 0, g: 255, b: 0, alpha: 0.5 } } }).png().toFile(path.join(lib, 'trip', 'c.png'));
  fs.copyFileSync(path.join(lib, 'trip', 'b.jpg'), path.join(lib, 'b-copy.jpg'));
  fs.writeFileSync(path.join(lib, 'empty.jpg'), '');
  fs.writeFileSync(path.join(lib, 'notes.txt'), 'not a photo');
  fs.writeFileSync(path.join(lib, 'bomb.png'), bombPng(100_000, 100_000));
  fs.writeFileSync(path.join(lib, 'fake.jpg'), 'GIF89a but not really');
  fs.symlinkSync('..', path.join(lib, 'trip', 'loop'));
  fs.symlinkSync(path.join(lib, 'nowhere.jpg'), path.join(lib, 'dangling.jpg'));
  cat = openCatalog(path.join(dir, 'catalog.db'));
}, 60_000);

describe('importFolders', () => {
  it('imports, dedupes, reports every bad file with a reason, renders both sizes', async () => {
    const seen: ImportProgress[] = [];
    const s = await run({ onProgress: (p) => seen.push(p) });
    expect(s).toMatchObject({ imported: 3, duplicates: 1, updated: 0, missing: 0, cancelled: false, resumed: false });
    const reasons = Object.fromEntries(s.failed.map((f) => [path.relative(lib, f.path), f.error.split(':')[0]]));
    expect(reasons).toEqual({ 'empty.jpg': 'empty', 'bomb.png': 'too-large', 'fake.jpg': 'corrupt', 'dangling.jpg': 'vanished', 'trip/loop': 'symlink-loop' });
    expect(s.ignored).toBe(1);

    const a = cat.photos.byPath(path.join(lib, 'a.jpg'))!;
    expect(a).toMatchObject({ width: 480, height: 640, orientation: 6, cameraModel: 'EOS R5', captureTime: '2023-07-14T18:30:05.000', format: 'jpeg', iso: 200 });
    // The two copies are one photo (whichever committed first) and one duplicate path.
    const copies = [path.join(lib, 'trip', 'b.jpg'), path.join(lib, 'b-copy.jpg')];
    const b = (cat.photos.byPath(copies[0]) ?? cat.photos.byPath(copies[1]))!;
    expect(cat.photos.byHash(b.hash)).toHaveLength(1);
    expect(cat.photos.duplicatesOf(b.id).map((d) => d.path)).toEqual(copies.filter((c) => c !== b.path));
    const prev = await sharp(renderPath(cache, 'previews', b.hash)).metadata();
    const thumb = await sharp(renderPath(cache, 'thumbs', b.hash)).metadata();
    expect([prev.width, prev.height]).toEqual([2048, 1365]);
    expect([thumb.width, thumb.height]).toEqual([256, 171]);
    const at = await sharp(renderPath(cache, 'thumbs', a.hash)).metadata();
    expect([at.width, at.height]).toEqual([192, 256]); // upright
    expect(cat.folders.list().map((f) => path.relative(lib, f.path))).toEqual(['', 'trip']);

    const last = seen[seen.length - 1];
    expect(last.done).toBe(last.total);
    expect(seen.some((p) => p.current !== null)).toBe(true);
    expect(cat.jobs.get(s.jobId)!.status).toBe('done');
  });

  it('is idempotent: a second run changes nothing', async () => {
    const s = await run();
    expect(s).toMatchObject({ imported: 0, duplicates: 0, updated: 0, moved: 0, missing: 0, unchanged: 4 });
  });

  it('recognises moved files by content, keeping marks and edits; re-reads changed files', async () => {
    const a = cat.photos.byPath(path.join(lib, 'a.jpg'))!;
    cat.photos.setRating(a.id, 5);
    cat.edits.append(a.id, [{ id: 's1', op: 'tone', opVersion: 1, params: { exposure: 1 }, source: 'user', enabled: true, createdAt: 'now' }], 1);
    fs.mkdirSync(path.join(lib, 'moved'));
    fs.renameSync(path.join(lib, 'a.jpg'), path.join(lib, 'moved', 'a.jpg'));
    await jpeg(path.join(lib, 'trip', 'b.jpg'), 800, 600, '#ffffff');
    const s = await run();
    // b.jpg's old content lives on as b-copy.jpg: both are photos now. (When b.jpg was the
    // photo, it is updated and its duplicate b-copy.jpg becomes a photo; when it was the
    // duplicate, it becomes a new photo.)
    expect(s).toMatchObject({ imported: 1, moved: 1, missing: 0 });
    expect(s.updated).toBeLessThanOrEqual(1);
    const moved = cat.photos.byId(a.id)!;
    expect(moved).toMatchObject({ path: path.join(lib, 'moved', 'a.jpg'), rating: 5, missing: false });
    expect(cat.edits.load(a.id)!.steps).toHaveLength(1);
    expect(cat.photos.byPath(path.join(lib, 'trip', 'b.jpg'))).toMatchObject({ width: 800, height: 600 });
    expect(cat.photos.byPath(path.join(lib, 'b-copy.jpg'))).toMatchObject({ width: 3000 });
  });

  it('marks missing files missing without deleting them, and finds them again', async () => {
    const p = path.join(lib, 'trip', 'c.png');
    const c = cat.photos.byPath(p)!;
    fs.renameSync(p, path.join(dir, 'c.png'));
    expect(await run()).toMatchObject({ missing: 1, imported: 0 });
    expect(cat.photos.byId(c.id)!.missing).toBe(true);
    fs.renameSync(path.join(dir, 'c.png'), p);
    expect(await run()).toMatchObject({ missing: 0, imported: 0 });
    expect(cat.photos.byId(c.id)!.missing).toBe(false);
  });

  it('reports an unreadable folder and a file that vanishes, and never marks what it could not see missing', async () => {
    const trip = path.join(lib, 'trip');
    const ghost = path.join(lib, 'ghost.jpg');
    const failing: ScanFs = {
      ...nodeScanFs,
      readdir: async (d) => {
        if (d === trip) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES', syscall: 'scandir' });
        const entries = await nodeScanFs.readdir(d);
        if (d !== lib) return entries;
        // A file that is listed, then gone before it is read.
        const fake = Object.assign(Object.create(Object.getPrototypeOf(entries[0])), { name: 'ghost.jpg', parentPath: lib, path: lib, [Symbol.for('type')]: 1 });
        fake.isFile = () => true;
        fake.isDirectory = () => false;
        fake.isSymbolicLink = () => false;
        return [...entries, fake];
      },
      stat: async (p) => (p === ghost ? { ...(await nodeScanFs.stat(path.join(lib, 'b-copy.jpg'))), isFile: () => true, isDirectory: () => false } as fs.Stats : nodeScanFs.stat(p)),
    };
    const s = await run({ scanFs: failing });
    const reasons = Object.fromEntries(s.failed.map((f) => [path.relative(lib, f.path), f.error]));
    expect(reasons['trip']).toMatch(/^permission-denied: /);
    expect(reasons['ghost.jpg']).toMatch(/^vanished: /);
    expect(s.missing).toBe(0);
    expect(cat.photos.byPath(path.join(trip, 'b.jpg'))!.missing).toBe(false);
  });

  it('cancels between files, leaving only whole photos, and the next run finishes the job', async () => {
    const big = path.join(dir, 'big');
    for (let i = 0; i < 8; i++) await jpeg(path.join(big, `p${i}.jpg`), 1200, 800, `#${(i * 30).toString(16).padStart(2, '0')}8040`);
    const ctrl = new AbortController();
    const s1 = await importFolders(cat, { roots: [big], cacheDir: cache, signal: ctrl.signal, onProgress: (p) => p.done >= 2 && ctrl.abort() });
    expect(s1.cancelled).toBe(true);
    expect(cat.jobs.get(s1.jobId)!.status).toBe('cancelled');
    const after1 = cat.photos.count({ under: big });
    expect(after1).toBeGreaterThanOrEqual(2);
    expect(after1).toBeLessThan(8);
    const s2 = await importFolders(cat, { roots: [big], cacheDir: cache });
    expect(s2.imported).toBe(8 - after1);
    expect(s2.unchanged).toBe(after1);
    expect(cat.integrityCheck()).toBe('ok');
  });
});
