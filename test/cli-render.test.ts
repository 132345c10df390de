/**
 * `tonewright render` and `tonewright params`, end to end: exit statuses and one-line messages
 * for every kind of bad input, clamping warnings, --overwrite, the input never written, and the
 * launcher (bin/tonewright.mjs) itself.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import exifr from 'exifr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../main/cli/index.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
let tmp: string;
let input: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: tmp });
  return { code, stdout, stderr };
}

/** Exactly one line on stderr, starting with "tonewright: " and containing `re`. */
function expectOneLineError(r: Run, re: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^tonewright: /);
  expect(lines[0]).toMatch(re);
}

const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-cli-'));
  input = path.join(tmp, 'in.jpg');
  // 300×200 stored, EXIF orientation 6 → renders upright as 200×300, with camera tags.
  const w = 300;
  const h = 200;
  const px = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) px.set([(x * 255) / w, (y * 255) / h, 90], (y * w + x) * 3);
  await sharp(px, { raw: { width: w, height: h, channels: 3 } })
    .jpeg({ quality: 92 })
    .withExif({ IFD0: { Make: 'TestCam', Model: 'TW-1' } })
    .withMetadata({ orientation: 6 })
    .toFile(input);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('tonewright render', () => {
  it('renders a JPEG: upright, EXIF kept with orientation 1, sRGB profile, input untouched', async () => {
    const before = sha(input);
    const out = path.join(tmp, 'out.jpg');
    const r = await cli('render', 'in.jpg', '-o', 'out.jpg', '--set', 'tone.exposure=0.5', '--set', 'color.vibrance=20', '--quality', '92');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^wrote out\.jpg \(200×300, quality 92\)/);
    const m = await sharp(out).metadata();
    expect([m.width, m.height]).toEqual([200, 300]);
    expect(m.orientation).toBe(1);
    expect(m.chromaSubsampling).toBe('4:4:4');
    expect(m.icc).toBeDefined();
    const tags = await exifr.parse(out);
    expect(tags.Make).toBe('TestCam');
    // +0.5 EV made it brighter than the source.
    const [src, dst] = await Promise.all([sharp(input).rotate().stats(), sharp(out).stats()]);
    expect(dst.channels[1].mean).toBeGreaterThan(src.channels[1].mean + 5);
    expect(sha(input)).toBe(before);
    expect(fs.readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('--long-edge fits the output, never upscales', async () => {
    const r = await cli('render', 'in.jpg', '-o', 'small.jpg', '--long-edge', '150');
    expect(r.code, r.stderr).toBe(0);
    const m = await sharp(path.join(tmp, 'small.jpg')).metadata();
    expect([m.width, m.height]).toEqual([100, 150]);
    const r2 = await cli('render', 'in.jpg', '-o', 'big.jpg', '--long-edge', '5000');
    expect(r2.code, r2.stderr).toBe(0);
    const m2 = await sharp(path.join(tmp, 'big.jpg')).metadata();
    expect([m2.width, m2.height]).toEqual([200, 300]);
    // With a crop, the long edge is the cropped output's: the left half of 200×300 is 100×300.
    const r3 = await cli('render', 'in.jpg', '-o', 'crop.jpg', '--long-edge', '150', '--set', 'crop.right=0.5');
    expect(r3.code, r3.stderr).toBe(0);
    const m3 = await sharp(path.join(tmp, 'crop.jpg')).metadata();
    expect([m3.width, m3.height]).toEqual([50, 150]);
  });

  it('an existing output is kept without --overwrite (exit 2) and replaced with it', async () => {
    const out = path.join(tmp, 'exists.jpg');
    fs.writeFileSync(out, 'precious');
    const r = await cli('render', 'in.jpg', '-o', 'exists.jpg');
    expectOneLineError(r, /already exists.*--overwrite/);
    expect(fs.readFileSync(out, 'utf8')).toBe('precious');
    const r2 = await cli('render', 'in.jpg', '-o', 'exists.jpg', '--overwrite');
    expect(r2.code, r2.stderr).toBe(0);
    expect((await sharp(out).metadata()).format).toBe('jpeg');
  });

  it('never writes the input, not even with --overwrite', async () => {
    const copy = path.join(tmp, 'self.jpg');
    fs.copyFileSync(input, copy);
    const before = sha(copy);
    const r = await cli('render', 'self.jpg', '-o', 'self.jpg', '--overwrite');
    expectOneLineError(r, /overwrite the input/);
    expect(sha(copy)).toBe(before);
  });

  it('clamps out-of-range values with a warning and still renders', async () => {
    const r = await cli('render', 'in.jpg', '-o', 'clamped.jpg', '--set', 'tone.exposure=9');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^tonewright: warning: tone\.exposure=9 is out of range \[-5, 5\]; clamped to 5\n$/);
    expect(fs.existsSync(path.join(tmp, 'clamped.jpg'))).toBe(true);
  });

  it('bad input files: missing, a directory, unreadable, not an image, corrupt', async () => {
    expectOneLineError(await cli('render', 'nope.jpg', '-o', 'x.jpg'), /input file not found: .*nope\.jpg/);
    // The missing input is the error that matters, even when the output exists.
    expectOneLineError(await cli('render', 'nope.jpg', '-o', 'out.jpg'), /input file not found/);
    fs.mkdirSync(path.join(tmp, 'dir.jpg'), { recursive: true });
    expectOneLineError(await cli('render', 'dir.jpg', '-o', 'x.jpg'), /not a regular file/);
    fs.writeFileSync(path.join(tmp, 'text.jpg'), 'hello, not an image\n');
    expectOneLineError(await cli('render', 'text.jpg', '-o', 'x.jpg'), /not a supported image format/);
    const bytes = fs.readFileSync(input);
    fs.writeFileSync(path.join(tmp, 'cut.jpg'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    expectOneLineError(await cli('render', 'cut.jpg', '-o', 'x.jpg'), /corrupt or truncated/);
    if (process.getuid?.() !== 0) {
      const locked = path.join(tmp, 'locked.jpg');
      fs.copyFileSync(input, locked);
      fs.chmodSync(locked, 0o000);
      expectOneLineError(await cli('render', 'locked.jpg', '-o', 'x.jpg'), /permission denied/);
    }
    expect(fs.existsSync(path.join(tmp, 'x.jpg'))).toBe(false);
  });

  it('bad --set: unknown op, unknown param (with a suggestion), malformed, not a number', async () => {
    expectOneLineError(await cli('render', 'in.jpg', '-o', 'x.jpg', '--set', 'tonez.exposure=1'), /unknown operation "tonez".*did you mean "tone"/);
    expectOneLineError(await cli('render', 'in.jpg', '-o', 'x.jpg', '--set', 'tone.exposur=1'), /unknown parameter "tone\.exposur".*did you mean "exposure"/);
    expectOneLineError(await cli('render', 'in.jpg', '-o', 'x.jpg', '--set', 'exposure'), /op\.param=value/);
    expectOneLineError(await cli('render', 'in.jpg', '-o', 'x.jpg', '--set', 'tone.exposure=bright'), /must be a number/);
    expect(fs.existsSync(path.join(tmp, 'x.jpg'))).toBe(false);
  });

  it('edits files: applied, then --set on top; missing or invalid ones are exit 2', async () => {
    const edits = path.join(tmp, 'steps.json');
    fs.writeFileSync(edits, JSON.stringify([{ op: 'tone', params: { exposure: -1 } }]));
    const r = await cli('render', 'in.jpg', '-o', 'edited.jpg', '--edits', 'steps.json');
    expect(r.code, r.stderr).toBe(0);
    const r2 = await cli('render', 'in.jpg', '-o', 'edited2.jpg', '--edits', 'steps.json', '--set', 'tone.exposure=0');
    expect(r2.code, r2.stderr).toBe(0);
    const [dark, neutral] = await Promise.all([sharp(path.join(tmp, 'edited.jpg')).stats(), sharp(path.join(tmp, 'edited2.jpg')).stats()]);
    expect(dark.channels[1].mean).toBeLessThan(neutral.channels[1].mean - 10);

    expectOneLineError(await cli('render', 'in.jpg', '-o', 'x.jpg', '--edits', 'none.json'), /edits file not found/);
    fs.writeFileSync(path.join(tmp, 'bad.json'), '{ not json');
    expectOneLineError(await cli('render', 'in.jpg', '-o', 'x.jpg', '--edits', 'bad.json'), /invalid edits file/);
    fs.writeFileSync(path.join(tmp, 'badop.json'), JSON.stringify([{ op: 'teleport', params: {} }]));
    expectOneLineError(await cli('render', 'in.jpg', '-o', 'x.jpg', '--edits', 'badop.json'), /invalid edits file.*unknown operation "teleport"/);
    fs.writeFileSync(path.join(tmp, 'future.json'), JSON.stringify({ format: 999, cursor: 0, marks: [], steps: [] }));
    expectOneLineError(await cli('render', 'in.jpg', '-o', 'x.jpg', '--edits', 'future.json'), /invalid edits file/);
  });

  it('bad arguments: no input, no output, not .jpg, bad numbers, unknown flags', async () => {
    expectOneLineError(await cli('render'), /no input file/);
    expectOneLineError(await cli('render', 'in.jpg'), /no output file/);
    expectOneLineError(await cli('render', 'in.jpg', '-o', 'out.png'), /\.jpg or \.jpeg/);
    expectOneLineError(await cli('render', 'in.jpg', '-o', 'x.jpg', '--quality', '0'), /--quality must be an integer in 1\.\.100/);
    expectOneLineError(await cli('render', 'in.jpg', '-o', 'x.jpg', '--long-edge', 'big'), /--long-edge/);
    expectOneLineError(await cli('render', 'in.jpg', '-o', 'x.jpg', '--frobnicate'), /render: .*frobnicate/);
    expectOneLineError(await cli('render', 'a.jpg', 'b.jpg', '-o', 'x.jpg'), /one input file expected/);
    expectOneLineError(await cli('frobnicate'), /unknown command "frobnicate"/);
  });
});

describe('tonewright params', () => {
  it('--json prints one object per parameter with the documented shape', async () => {
    const r = await cli('params', '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThan(60);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(['default', 'description', 'group', 'label', 'max', 'min', 'op', 'param', 'step', 'unit'].sort());
      expect(typeof row.op).toBe('string');
      expect(typeof row.description).toBe('string');
      expect((row.description as string).length).toBeGreaterThan(10);
    }
    const exposure = rows.find((p) => p.op === 'tone' && p.param === 'exposure');
    expect(exposure).toMatchObject({ min: -5, max: 5, default: 0, unit: 'EV' });
    // Every op.param it lists is accepted by --set.
    const some = rows.filter((p) => typeof p.default === 'number').slice(0, 5);
    const sets = some.flatMap((p) => ['--set', `${p.op}.${p.param}=${p.default}`]);
    const r2 = await cli('render', 'in.jpg', '-o', 'defaults.jpg', ...sets);
    expect(r2.code, r2.stderr).toBe(0);
  });

  it('prints a readable table without --json, and rejects unknown flags', async () => {
    const r = await cli('params');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^parameter\s+range\s+default/);
    expect(r.stdout).toMatch(/tone\.exposure\s+-5\.\.5\s+0\s+/);
    expectOneLineError(await cli('params', '--yaml'), /yaml/);
  });
});

describe('the launcher bin/tonewright.mjs', () => {
  const bin = path.join(ROOT, 'bin/tonewright.mjs');
  const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: tmp, encoding: 'utf8' });

  it('--version, --help, and exit status 2 with one line for bad input', () => {
    const v = run('--version');
    expect(v.status).toBe(0);
    expect(v.stdout).toMatch(/^tonewright \d+\.\d+\.\d+/);
    const h = run('--help');
    expect(h.status).toBe(0);
    expect(h.stdout).toMatch(/render/);
    expect(h.stdout).toMatch(/params/);
    const bad = run('render', 'missing.jpg', '-o', 'fresh-out.jpg');
    expect(bad.status).toBe(2);
    expect(bad.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/input file not found/);
  });

  it('renders through the real process (worker threads load the TypeScript sources)', async () => {
    const big = path.join(tmp, 'big-src.jpg');
    // Large enough (> 1 MP) to use the worker pool.
    await sharp({ create: { width: 1400, height: 1000, channels: 3, background: { r: 90, g: 120, b: 160 } } })
      .jpeg()
      .toFile(big);
    const r = run('render', 'big-src.jpg', '-o', 'big-out.jpg', '--set', 'presence.clarity=30', '--set', 'sharpening.amount=50');
    expect(r.status, r.stderr).toBe(0);
    expect((await sharp(path.join(tmp, 'big-out.jpg')).metadata()).width).toBe(1400);
  });
});
