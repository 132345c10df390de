/**
 * The grid's queries on a catalog of 100k synthetic photos: first page of a folder, a date range,
 * a keyword search, everything sorted by capture time; p50/p95 over repeated runs with varying
 * arguments; file size and memory. Prints a markdown table.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCatalog } from '../main/services/catalog/catalog.ts';
import type { PhotoFileData } from '../main/repositories/index.ts';

const N = Number(process.env.BENCH_ROWS ?? 100_000);
const FOLDERS = 400;
const CAMERAS = ['Canon EOS R5', 'NIKON Z 6', 'ILCE-7M3', 'X-T4', 'iPhone 13 Pro', 'E-M1MarkII', 'DC-G9', 'EOS 5D Mark IV'];
const WORDS = 'beach sunset mountain city portrait family wedding forest snow river night street dog cat bird flower car train bridge lake'.split(' ');

// Deterministic pseudo-random numbers.
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-catbench-'));
const file = path.join(tmp, 'catalog.db');
const cat = openCatalog(file);
const t0 = performance.now();
const start = Date.UTC(2014, 0, 1);
const span = 10 * 365 * 86400_000;
cat.transaction(() => {
  const folderIds = Array.from({ length: FOLDERS }, (_, i) => cat.folders.ensure(`/photos/${2014 + (i % 10)}/shoot-${i}`));
  for (let i = 0; i < N; i++) {
    const f = i % FOLDERS;
    const t = new Date(start + rnd() * span).toISOString().slice(0, 23);
    const data: PhotoFileData = {
      path: `/photos/${2014 + (f % 10)}/shoot-${f}/IMG_${String(i).padStart(6, '0')}.jpg`,
      fileName: `IMG_${String(i).padStart(6, '0')}.jpg`,
      hash: i.toString(16).padStart(64, '0'),
      size: 5_000_000,
      mtimeMs: Date.parse(t + 'Z'),
      width: 6000,
      height: 4000,
      orientation: 1,
      format: 'jpeg',
      captureTime: t,
      cameraMake: null,
      cameraModel: CAMERAS[i % CAMERAS.length],
      lens: null,
      iso: 100 * (1 + (i % 32)),
      aperture: 2.8,
      shutter: 1 / 250,
      focalLength: 50,
      gpsLat: null,
      gpsLon: null,
      gpsAlt: null,
      title: null,
      caption: null,
    };
    const id = cat.photos.insert(data, folderIds[f]);
    cat.keywords.setForPhoto(id, [WORDS[Math.floor(rnd() * WORDS.length)], WORDS[Math.floor(rnd() * WORDS.length)]]);
    if (i % 7 === 0) cat.photos.setRating(id, 1 + (i % 5));
  }
});
const buildSecs = (performance.now() - t0) / 1000;
cat.db.pragma('optimize');
cat.db.pragma('wal_checkpoint(TRUNCATE)');

const RUNS = 200;
const cases: [string, () => unknown][] = [
  ['first page of a folder (100, by capture time)', () => cat.photos.query({ folderId: 1 + Math.floor(rnd() * FOLDERS), limit: 100 })],
  ['a date range (one month, first 100)', () => {
    const from = new Date(start + rnd() * (span - 31 * 86400_000));
    return cat.photos.query({ from: from.toISOString().slice(0, 10), to: new Date(+from + 30 * 86400_000).toISOString().slice(0, 10), limit: 100 });
  }],
  ['a keyword search (FTS5, first 100 by capture time)', () => cat.photos.query({ search: WORDS[Math.floor(rnd() * WORDS.length)], limit: 100 })],
  ['a keyword filter (exact keyword, first 100 by capture time)', () => cat.photos.query({ keyword: WORDS[Math.floor(rnd() * WORDS.length)], limit: 100 })],
  ['a rare-word search (one match)', () => cat.photos.query({ search: `IMG_${String(Math.floor(rnd() * N)).padStart(6, '0')}`, limit: 100 })],
  ['all photos sorted by capture time (a page deep in)', () => cat.photos.query({ limit: 100, offset: Math.floor(rnd() * 1000) * 100 })],
  ['folder page + its count', () => { const id = 1 + Math.floor(rnd() * FOLDERS); return [cat.photos.query({ folderId: id, limit: 100 }), cat.photos.count({ folderId: id })]; }],
  ['rating ≥ 3, first 100', () => cat.photos.query({ minRating: 3, limit: 100 })],
];
console.log(`\n### Catalog queries: ${N.toLocaleString('en')} photos, ${FOLDERS} folders, 2 keywords each (built in ${buildSecs.toFixed(1)} s)\n`);
console.log('| query | p50 ms | p95 ms | rows |');
console.log('|---|---:|---:|---:|');
for (const [name, fn] of cases) {
  for (let i = 0; i < 10; i++) fn(); // warm the page cache
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const r = fn();
    times.push(performance.now() - t);
    rows = Array.isArray(r) ? (Array.isArray(r[0]) ? r[0].length : r.length) : 0;
  }
  console.log(`| ${name} | ${pct(times, 50).toFixed(2)} | ${pct(times, 95).toFixed(2)} | ${rows} |`);
}
cat.close();
const size = fs.statSync(file).size;
console.log(`\nCatalog file: ${(size / 1e6).toFixed(1)} MB (${(size / N).toFixed(0)} bytes/photo); process RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB, JS heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB; load average ${os.loadavg()[0].toFixed(1)}.`);
fs.rmSync(tmp, { recursive: true, force: true });
