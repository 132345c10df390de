/**
 * `tonewright export` and `tonewright xmp` end to end on a real catalog: selections, options,
 * the export history, sidecars both ways — and kill -9 in the middle of a write leaving no
 * truncated JPEG (the next export cleans the dead process's temporary file).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../main/cli/index.ts';
import { openCatalog } from '../main/services/catalog/catalog.ts';
import { DevelopService } from '../main/services/develop/develop-service.ts';
import { writeFixture } from '../main/services/export/testing.ts';
import { photoData } from './helpers/catalog-fixture.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
let tmp: string;
let db: string;
let ids: number[];

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: tmp });
  return { code, out, err };
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-export-cli-'));
  db = path.join(tmp, 'catalog.db');
  const a = await writeFixture(path.join(tmp, 'lib', 'a.jpg'), { width: 320, height: 240 });
  const b = await writeFixture(path.join(tmp, 'lib', 'sub', 'b.jpg'), { width: 240, height: 320, seed: 3 });
  const catalog = openCatalog(db);
  try {
    ids = [a, b].map((p) => catalog.transaction(() => catalog.photos.insert(photoData(p, { cameraMake: 'Nikon', cameraModel: 'Z 6' }), catalog.folders.ensure(path.dirname(p)))));
    new DevelopService(catalog).commit(ids[0], 'tone', { exposure: 0.5, contrast: 15 });
    new DevelopService(catalog).commit(ids[0], 'pointCurve', { master: [[0, 0], [0.3, 0.25], [0.7, 0.78], [1, 1]] });
  } finally {
    catalog.close();
  }
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('tonewright export', () => {
  it('exports a selection with size, quality and a name template, and records the history', async () => {
    const out = path.join(tmp, 'out1');
    fs.mkdirSync(out);
    const r = await cli('export', '--catalog', db, '--all', '-o', out, '--long-edge', '160', '--quality', '85', '--name', '{name}-{camera}-{seq:2}', '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out);
    expect(summary.written).toBe(2);
    expect(fs.readdirSync(out).sort()).toEqual(['a-Nikon Z 6-01.jpg', 'b-Nikon Z 6-02.jpg']);
    const m = await sharp(path.join(out, 'a-Nikon Z 6-01.jpg')).metadata();
    expect([m.width, m.height]).toEqual([160, 120]);
    const catalog = openCatalog(db);
    try {
      expect(catalog.exports.forPhoto(ids[0]).map((e) => e.status)).toContain('done');
    } finally {
      catalog.close();
    }
  });

  it('--folder, --max-kb and a human summary; bad input is exit status 2', async () => {
    const out = path.join(tmp, 'out2');
    fs.mkdirSync(out);
    const r = await cli('export', '--catalog', db, '--folder', path.join(tmp, 'lib', 'sub'), '-o', out, '--max-kb', '20', '--quality', '98');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/wrote .*b\.jpg \(240×320, quality \d+, \d+ KB\)/);
    expect(fs.statSync(path.join(out, 'b.jpg')).size).toBeLessThanOrEqual(20 * 1024);
    expect((await cli('export', '--catalog', db, '--all', '-o', out, '--metadata', 'some')).code).toBe(2);
    expect((await cli('export', '--catalog', db, '-o', out)).err).toMatch(/exactly one of/);
    expect((await cli('export', '--catalog', db, '--all', '-o', path.join(tmp, 'nowhere'))).err).toMatch(/does not exist/);
    expect((await cli('export', '--catalog', db, '--all', '-o', out, '--name', '{lens}')).err).toMatch(/unknown token/);
  });

  it('saves a preset and exports with it (command-line options override it)', async () => {
    const out = path.join(tmp, 'out-preset');
    fs.mkdirSync(out);
    const save = await cli('export', '--catalog', db, '--photo', String(ids[1]), '-o', out, '--long-edge', '100', '--quality', '70', '--name', 'p-{seq}', '--save-preset', 'Tiny', '--json');
    expect(save.code).toBe(0);
    const r = await cli('export', '--catalog', db, '--photo', String(ids[1]), '-o', out, '--preset', 'tiny', '--quality', '60', '--json');
    const f = JSON.parse(r.out).files[0];
    expect(path.basename(f.path)).toBe('p-1-2.jpg');
    expect([f.width, f.height, f.quality]).toEqual([75, 100, 60]);
    expect((await cli('export', '--catalog', db, '--all', '-o', out, '--preset', 'nope')).err).toMatch(/no preset named "nope" \(presets: Tiny\)/);
  });

  it('a missing source fails that photo (exit 1) and the others are written', async () => {
    const out = path.join(tmp, 'out3');
    fs.mkdirSync(out);
    const catalog = openCatalog(db);
    const ghost = catalog.transaction(() => catalog.photos.insert(photoData(path.join(tmp, 'lib', 'ghost.jpg')), catalog.folders.ensure(path.join(tmp, 'lib'))));
    catalog.close();
    const r = await cli('export', '--catalog', db, '--photo', String(ghost), '--photo', String(ids[1]), '-o', out);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`photo ${ghost} failed: source photo is missing`);
    expect(fs.readdirSync(out)).toEqual(['b.jpg']);
  });
});

describe('tonewright xmp', () => {
  it('writes a photo\'s edit as a sidecar, reads it back, and imports it into another photo', async () => {
    const w = await cli('xmp', 'write', '--catalog', db, '--photo', String(ids[0]));
    expect(w.code).toBe(0);
    const side = path.join(tmp, 'lib', 'a.xmp');
    expect(fs.readFileSync(side, 'utf8')).toContain('crs:Exposure2012="+0.5"');
    expect((await cli('xmp', 'write', '--catalog', db, '--photo', String(ids[0]))).err).toMatch(/already exists/);
    const r = await cli('xmp', 'read', side, '--json');
    const parsed = JSON.parse(r.out);
    expect(parsed.unmapped).toEqual([]);
    expect(parsed.steps.find((s: { op: string }) => s.op === 'tone').params).toMatchObject({ exposure: 0.5, contrast: 15 });
    const imp = await cli('xmp', 'import', '--catalog', db, '--photo', String(ids[1]), side, '--json');
    expect(imp.code).toBe(0);
    const catalog = openCatalog(db);
    try {
      const settings = new DevelopService(catalog).settings(ids[1]);
      expect(settings.ops.tone.exposure).toBe(0.5);
      expect(settings.ops.pointCurve.master).toEqual([[0, 0], [0.3, 0.25], [0.7, 0.78], [1, 1]]);
    } finally {
      catalog.close();
    }
    expect((await cli('xmp', 'read', path.join(tmp, 'none.xmp'))).err).toMatch(/no such file/);
  });
});

describe('kill -9 during an export', () => {
  it('leaves no truncated JPEG; the next export removes the dead temporary', { timeout: 180_000 }, async () => {
    const lib = path.join(tmp, 'big');
    fs.mkdirSync(lib);
    const catalog = openCatalog(db);
    const bigIds: number[] = [];
    for (let i = 0; i < 2; i++) {
      const file = path.join(lib, `noise${i}.jpg`);
      await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 100 + i * 10, sigma: 40 } } })
        .jpeg({ quality: 95 })
        .toFile(file);
      bigIds.push(catalog.transaction(() => catalog.photos.insert(photoData(file, { width: 3000, height: 2000 }), catalog.folders.ensure(lib))));
    }
    catalog.close();
    const out = path.join(tmp, 'out-kill');
    fs.mkdirSync(out);
    const args = ['--import', 'tsx', 'bin/tonewright.mjs', 'export', '--catalog', db, '-o', out, '--quality', '100', ...bigIds.flatMap((id) => ['--photo', String(id)])];
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let killedAt: string | undefined;
    // Kill the moment a temporary file appears: mid-write, the most dangerous instant.
    const watcher = fs.watch(out, (_event, name) => {
      if (!killedAt && name && String(name).endsWith('.tmp')) {
        killedAt = String(name);
        child.kill('SIGKILL');
      }
    });
    const status = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => child.on('close', (code, signal) => res({ code, signal })));
    watcher.close();
    expect(killedAt, 'the export was killed while writing').toBeDefined();
    expect(status.signal).toBe('SIGKILL');
    const left = fs.readdirSync(out);
    for (const f of left.filter((n) => n.endsWith('.jpg'))) {
      // Every visible JPEG is complete (decodes without a truncation error).
      await expect(sharp(path.join(out, f), { failOn: 'truncated' }).raw().toBuffer()).resolves.toBeInstanceOf(Buffer);
    }
    // Finish the job: the dead process's temporary is cleaned up, the finished files are kept.
    const r = await cli('export', '--catalog', db, '-o', out, '--photo', String(bigIds[1]), '--long-edge', '100');
    expect(r.code).toBe(0);
    expect(fs.readdirSync(out).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
