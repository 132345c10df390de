/**
 * `npm run bench:import`: imports 200+ photos (copies of ../shared/data/photos, each with a
 * unique trailer so their content hashes differ and dedupe cannot skip the work) and compares
 * the rate with vipsthumbnail making the same two sizes (2048 px and 256 px JPEGs) over the same
 * files, with the same number of parallel processes. Also runs the 100k-row catalog benchmark.
 * Prints markdown tables.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCatalog } from '../main/services/catalog/catalog.ts';
import { importFolders } from '../main/services/import/import-service.ts';
import { defaultPoolSize } from '../main/services/import/pool.ts';

const SRC = path.resolve(import.meta.dirname, '../../shared/data/photos');
const TARGET = Number(process.env.BENCH_PHOTOS ?? 234);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.(jpe?g|png)$/i.test(e.name) ? [p] : [];
  });
}

function makeLibrary(dest: string): string[] {
  const src = sources(SRC);
  const out: string[] = [];
  for (let i = 0; out.length < TARGET; i++) {
    const s = src[i % src.length];
    const p = path.join(dest, `set${Math.floor(i / src.length)}`, `${i}-${path.basename(s)}`);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    // Bytes after the image's end marker are ignored by decoders but change the content hash.
    fs.writeFileSync(p, Buffer.concat([fs.readFileSync(s), Buffer.from(`tonewright-bench-${i}`)]));
    out.push(p);
  }
  return out;
}

function vipsRun(files: string[], outDir: string, procs: number): number | null {
  if (spawnSync('vipsthumbnail', ['--vips-version']).status !== 0) return null;
  fs.mkdirSync(outDir, { recursive: true });
  const list = path.join(outDir, 'files.txt');
  fs.writeFileSync(list, files.join('\n'));
  const t = performance.now();
  // One vipsthumbnail call per file and size, `procs` at a time (like the import's workers).
  const script = `xargs -a "${list}" -d '\\n' -P ${procs} -I{} sh -c 'b=$(basename "{}"); vipsthumbnail "{}" -s 2048 -o "${outDir}/$b-p.jpg[Q=85]" && vipsthumbnail "{}" -s 256 -o "${outDir}/$b-t.jpg[Q=80]"'`;
  execFileSync('sh', ['-c', script], { stdio: ['ignore', 'inherit', 'ignore'] }); // libvips warns about odd EXIF on stderr
  return (performance.now() - t) / 1000;
}

async function main() {
  if (!fs.existsSync(SRC)) {
    console.log(`bench:import skipped: ${SRC} is not there`);
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-bench-'));
  const files = makeLibrary(path.join(tmp, 'lib'));
  const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
  const procs = defaultPoolSize();
  const load = os.loadavg()[0];

  const vips = vipsRun(files, path.join(tmp, 'vips'), procs);

  const cat = openCatalog(path.join(tmp, 'catalog.db'));
  const t = performance.now();
  const s = await importFolders(cat, { roots: [path.join(tmp, 'lib')], cacheDir: path.join(tmp, 'cache') });
  const secs = (performance.now() - t) / 1000;
  cat.close();
  if (s.imported !== files.length) console.warn(`warning: imported ${s.imported} of ${files.length}`, s.failed.slice(0, 5));

  const rate = files.length / secs;
  console.log(`\n### Import: ${files.length} photos (${(bytes / 1e6).toFixed(0)} MB, 1.3–20 MP JPEGs), ${procs} workers, ${os.cpus().length} cores, load average ${load.toFixed(1)} at start\n`);
  console.log('| run | seconds | photos/s | ratio |');
  console.log('|---|---:|---:|---:|');
  console.log(`| tonewright import (hash + EXIF + 2048 px preview + 256 px thumb + catalog) | ${secs.toFixed(1)} | ${rate.toFixed(2)} | ${vips ? (rate / (files.length / vips)).toFixed(2) + '×' : '—'} |`);
  if (vips) console.log(`| vipsthumbnail -s 2048 and -s 256, ${procs} at a time | ${vips.toFixed(1)} | ${(files.length / vips).toFixed(2)} | 1.00× |`);
  else console.log('| vipsthumbnail | not installed (apt-get install libvips-tools) | | |');
  fs.rmSync(tmp, { recursive: true, force: true });
}

await main();
await import('./catalog-query.bench.ts');
