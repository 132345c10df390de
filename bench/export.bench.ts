/**
 * `npm run bench:export`: the export service on a 24 MP JPEG with the 10-operation edit of
 * bench/render.bench.ts (whose helpers this reuses), and a batch.
 *
 * Single photo (median of N runs, each in a fresh child process so peak RSS is per run):
 *   sharp's bare decode + q90 encode (the floor), a tonewright export (decode → develop on all
 *   cores → encode → atomic write, full size, q90, metadata all), the same with a long edge of
 *   2048 px + screen sharpening, and darktable-cli / rawtherapee-cli with the equivalent edit
 *   when installed.
 * Batch: `--batch N` photos (default 50) of `--batch-mp M` megapixels (default 24), exported
 *   full size with concurrency 1 and 2; photos per minute.
 *
 * Usage: tsx bench/export.bench.ts [--runs N] [--batch N] [--batch-mp M] [--keep]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import sharp from 'sharp';
import { SETS, makeInput, measure, median, resultRows, runChild, which, type BenchRow, type Sample } from './render.bench.ts';
import { darktableXmp, rawtherapeePp3 } from './sidecars.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SELF = fileURLToPath(import.meta.url);

async function settingsOfSets() {
  const { loadSettings } = await import('../main/cli/settings.ts');
  return (await loadSettings({ sets: SETS })).resolved;
}

/** Child: one export batch of the given files, prints {seconds, maxRssMB}. */
async function child(kind: string, outDir: string, files: string[]): Promise<void> {
  sharp.cache(false);
  const t0 = performance.now();
  const { exportBatch } = await import('../main/services/export/service.ts');
  const settings = await settingsOfSets();
  const source = {
    get: async (id: number) => ({ photoId: id, path: files[id - 1], settings, metadata: { name: `p${id}` } }),
  };
  const exportSettings =
    kind === 'small'
      ? { quality: 90, size: { mode: 'longEdge' as const, pixels: 2048 }, sharpen: { medium: 'screen' as const, amount: 'standard' as const } }
      : { quality: 90 };
  const concurrency = kind === 'batch2' ? 2 : 1;
  const s = await exportBatch(files.map((_, i) => i + 1), source, { outDir, settings: exportSettings, concurrency });
  if (s.failed.length) throw new Error(`export failed: ${JSON.stringify(s.failed)}`);
  process.stdout.write(JSON.stringify({ seconds: (performance.now() - t0) / 1000, maxRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n');
}

function runExportChild(kind: string, outDir: string, files: string[]): Sample {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const tsxCli = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
  const r = spawnSync(process.execPath, [tsxCli, SELF, '--child', kind, outDir, ...files], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`child ${kind} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Sample;
}

async function parent(argv: string[]): Promise<void> {
  const arg = (name: string, d: number) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : d;
  };
  const runs = Math.max(1, arg('--runs', 3));
  const batchN = Math.max(1, arg('--batch', 50));
  const batchMp = arg('--batch-mp', 24);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-export-bench-'));
  const { file: input, origin } = await makeInput(dir);
  console.error(`input: ${origin}; machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);

  const rows: BenchRow[] = [];
  const bench = (tool: string, fn: (i: number) => Sample) => {
    const samples: Sample[] = [];
    for (let i = 0; i < runs; i++) {
      samples.push(fn(i));
      console.error(`  ${tool} run ${i + 1}: ${samples[i].seconds.toFixed(2)} s`);
    }
    rows.push({ tool, samples });
  };
  bench('sharp decode + encode q90 (bare)', () => runChild('bare', input, path.join(dir, 'bare.jpg')));
  bench('tonewright export, full size q90', () => runExportChild('full', path.join(dir, 'full'), [input]));
  bench('tonewright export, long edge 2048 + screen sharpening', () => runExportChild('small', path.join(dir, 'small'), [input]));
  const dt = which('darktable-cli');
  if (dt) {
    const xmp = path.join(dir, 'edit.xmp');
    fs.writeFileSync(xmp, darktableXmp());
    bench('darktable-cli (equivalent edit)', (i) =>
      measure(dt, [input, xmp, path.join(dir, `dt-${i}.jpg`), '--core', '--configdir', path.join(dir, 'dtconf'), '--conf', 'plugins/imageio/format/jpeg/quality=90', '--conf', 'opencl=false']),
    );
  } else rows.push({ tool: 'darktable-cli', samples: [], note: 'not installed' });
  const rt = which('rawtherapee-cli');
  if (rt) {
    const pp3 = path.join(dir, 'edit.pp3');
    fs.writeFileSync(pp3, rawtherapeePp3());
    bench('rawtherapee-cli (equivalent edit)', (i) => measure(rt, ['-o', path.join(dir, `rt-${i}.jpg`), '-p', pp3, '-j90', '-js3', '-Y', '-q', '-c', input]));
  } else rows.push({ tool: 'rawtherapee-cli', samples: [], note: 'not installed' });

  // Batch: distinct files (so no cache helps), of the requested size.
  const scale = Math.sqrt((batchMp * 1e6) / (6000 * 4000));
  const bw = Math.round(6000 * scale);
  const bh = Math.round(4000 * scale);
  const batchFiles: string[] = [];
  const base = await sharp(input).resize(bw, bh).raw().toBuffer();
  for (let i = 0; i < batchN; i++) {
    const f = path.join(dir, 'batch-src', `b${i}.jpg`);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    await sharp(base, { raw: { width: bw, height: bh, channels: 3 } }).modulate({ brightness: 0.9 + (i % 10) / 50 }).jpeg({ quality: 92 }).toFile(f);
    batchFiles.push(f);
  }
  const batch: { conc: number; s: Sample }[] = [];
  for (const conc of [1, 2]) {
    const s = runExportChild(conc === 2 ? 'batch2' : 'full', path.join(dir, `batch-out-${conc}`), batchFiles);
    console.error(`  batch of ${batchN} (${bw}×${bh}), concurrency ${conc}: ${s.seconds.toFixed(1)} s`);
    batch.push({ conc, s });
  }

  const bare = median(rows[0].samples.map((s) => s.seconds));
  const lines = [
    `Export of a 24 MP JPEG (${origin}), ${SETS.length} parameters in 10 operations, q90; median of ${runs} runs; ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}.`,
    '',
    ...resultRows(rows, bare),
  ];
  lines.push('', `| batch of ${batchN} × ${bw}×${bh} (${batchMp} MP), full size q90 | seconds | photos/minute | peak RSS MB |`, '|---|---:|---:|---:|');
  for (const b of batch) lines.push(`| concurrency ${b.conc} | ${b.s.seconds.toFixed(1)} | ${((batchN / b.s.seconds) * 60).toFixed(1)} | ${b.s.maxRssMB?.toFixed(0) ?? 'n/a'} |`);
  console.log(lines.join('\n'));
  if (argv.includes('--keep')) console.error(`kept ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') await child(argv[1], argv[2], argv.slice(3));
else await parent(argv);
