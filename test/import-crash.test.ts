/**
 * kill -9 during an import, then a restart: the catalog passes PRAGMA integrity_check, holds no
 * duplicate or half-imported photos, and the import resumes where it stopped.
 */
import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import Database from 'better-sqlite3';

const ROOT = path.resolve(import.meta.dirname, '..');
const N = 30;

function startImport(dir: string, db: string, data: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/run-cli-command.ts', 'import', dir, '--catalog', db, '--json', '--workers', '2'], {
    cwd: ROOT,
    env: { ...process.env, TONEWRIGHT_DATA: data },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, out, err })));
  return { child, done };
}

const photoCount = (db: string): number => {
  if (!fs.existsSync(db)) return 0;
  try {
    const c = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (c.prepare('SELECT count(*) AS n FROM photos').get() as { n: number }).n;
    } finally {
      c.close();
    }
  } catch {
    return 0; // not created yet, or mid-migration
  }
};

describe('import after kill -9', () => {
  it('leaves a sound catalog and resumes without redoing committed files', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-crash-'));
    const lib = path.join(tmp, 'lib');
    const db = path.join(tmp, 'catalog.db');
    const data = path.join(tmp, 'data');
    // Distinct, not-too-small images (noise compresses badly, so each one takes real work).
    for (let i = 0; i < N; i++) {
      const noise = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 40 + i * 5, sigma: 30 } } }).jpeg({ quality: 92 }).toBuffer();
      fs.mkdirSync(path.join(lib, `roll${i % 3}`), { recursive: true });
      fs.writeFileSync(path.join(lib, `roll${i % 3}`, `img${String(i).padStart(2, '0')}.jpg`), noise);
    }

    const first = startImport(lib, db, data);
    const deadline = Date.now() + 120_000;
    let before = 0;
    while (Date.now() < deadline) {
      before = photoCount(db);
      if (before >= 4) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    process.kill(-first.child.pid!, 'SIGKILL'); // the whole group: the CLI and its workers
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');

    const c = new Database(db);
    expect(c.pragma('integrity_check', { simple: true })).toBe('ok');
    const committed = (c.prepare('SELECT count(*) AS n FROM photos').get() as { n: number }).n;
    expect(committed).toBeGreaterThanOrEqual(4);
    expect(committed).toBeLessThan(N); // it really was stopped mid-way
    // No half-written photos: every row has its folder and its text-index row; no content twice.
    expect(c.prepare('SELECT count(*) AS n FROM photos p LEFT JOIN folders f ON f.id = p.folder_id WHERE f.id IS NULL').get()).toEqual({ n: 0 });
    expect(c.prepare('SELECT count(*) AS n FROM photo_text').get()).toEqual({ n: committed });
    expect(c.prepare('SELECT count(*) AS n FROM (SELECT hash FROM photos GROUP BY hash HAVING count(*) > 1)').get()).toEqual({ n: 0 });
    expect(c.prepare("SELECT status FROM jobs WHERE kind = 'import'").all()).toEqual([{ status: 'running' }]);
    const firstIds = c.prepare('SELECT id, path, imported_at FROM photos ORDER BY id').all();
    c.close();

    const second = await startImport(lib, db, data).done;
    expect(second.code, second.err).toBe(0);
    const summary = JSON.parse(second.out);
    expect(summary).toMatchObject({ resumed: true, imported: N - committed, unchanged: committed, duplicates: 0, failed: [] });

    const d = new Database(db, { readonly: true });
    expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(d.prepare('SELECT count(*) AS n FROM photos').get()).toEqual({ n: N });
    expect(d.prepare('SELECT count(DISTINCT hash) AS n FROM photos').get()).toEqual({ n: N });
    // The photos committed before the crash are the same rows, untouched.
    expect(d.prepare(`SELECT id, path, imported_at FROM photos WHERE id <= ? ORDER BY id`).all((firstIds.at(-1) as { id: number }).id)).toEqual(firstIds);
    expect(d.prepare("SELECT status FROM jobs WHERE kind = 'import'").all()).toEqual([{ status: 'done' }]);
    d.close();
  }, 300_000);
});
