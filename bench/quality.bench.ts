/**
 * `npm run bench:quality`: the agent's quality benchmark (issue 4), printed as markdown tables.
 *
 *   (a) "enhance" on ../shared/data/fivek-dev (input vs expert C): PSNR, SSIM (luminance, 11×11
 *       Gaussian σ 1.5) and mean ΔE2000 of the built-in planner and of the whole loop, beside the
 *       input's own scores; dev and held-out pairs reported separately (data.ts isHeldOut).
 *   (b) parameter-fit ceiling: our own parameters fitted to each target (fit.ts).
 *   (c) instruction following on ../shared/data/photos (≈ 384 px): fixing known damage, and
 *       phrasings × photos moving the measured quantity the asked way (follow.ts).
 *   (d) latency: planner, loop with 4 candidates at 512 px, llama.cpp path with a tiny GGUF.
 *
 * Usage: tsx bench/quality.bench.ts [--only enhance,fit,follow,latency] [--photos N] [--fit-passes N]
 * Sections whose data is absent are skipped with a message.
 */
import path from 'node:path';
import { loadPairs, loadRgb, photoFiles, FIVEK, PHOTOS } from './quality/data.ts';
import { enhanceTables, runEnhance } from './quality/enhance.ts';
import { fitTables, runFit } from './quality/fit.ts';
import { dirTables, fixTables, runDirections, runFixes } from './quality/follow.ts';
import { runLatency } from './quality/latency.ts';
import os from 'node:os';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const only = new Set((opt('only') ?? 'enhance,fit,follow,latency').split(','));
const nPhotos = Number(opt('photos') ?? 6);
const t0 = performance.now();
const out = (s: string): void => void process.stdout.write(`${s}\n`);
const elapsed = (): string => `${((performance.now() - t0) / 1000).toFixed(0)} s`;

out(`# Tonewright quality benchmark\n\nNode ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)} at start.\n`);

const pairs = only.has('enhance') || only.has('fit') ? await loadPairs() : null;
if ((only.has('enhance') || only.has('fit')) && !pairs) out(`Skipping (a) and (b): ${FIVEK} not found (the FiveK dev pairs live beside the checkout).\n`);

if (pairs && only.has('enhance')) {
  out('## (a) "enhance" vs the expert (FiveK dev, expert C)\n');
  out(enhanceTables(await runEnhance(pairs)));
  out(`\nReference points (a different 400-image FiveK split, indicative): RetouchIQ 23.14 dB / 0.86 SSIM, MonetGPT 23.10 dB, JarvisArt 21.03 dB. Goal ≥ 23 dB. (${elapsed()})\n`);
}

if (pairs && only.has('fit')) {
  out('## (b) Parameter-fit ceiling (our parameters fitted to each target; goal ≥ 27 dB)\n');
  out(fitTables(await runFit(pairs, { maxPasses: Number(opt('fit-passes') ?? 5) })));
  out(`\nCoordinate descent on a ≤ 192 px downscale, scored at full size. (${elapsed()})\n`);
}

const files = photoFiles();
const loadPhotos = async (n: number, side: number): Promise<{ name: string; img: Awaited<ReturnType<typeof loadRgb>> }[]> => {
  // Spread the picks over the folders: every k-th file.
  const step = Math.max(1, Math.floor(files.length / n));
  const picked = files.filter((_, i) => i % step === 0).slice(0, n);
  return Promise.all(picked.map(async (f) => ({ name: path.basename(f).replace(/\.[a-z]+$/i, ''), img: await loadRgb(f, side) })));
};

if (only.has('follow')) {
  if (!files.length) out(`Skipping (c): ${PHOTOS} not found.\n`);
  else {
    const photos = await loadPhotos(nPhotos, 384);
    out(`## (c) Instruction following (${photos.length} photos at ≤ 384 px, built-in planner)\n`);
    out('Fixing known damage (goal ≥ 90% improved):\n');
    out(fixTables(runFixes(photos)));
    out('\nPhrasings × photos, measured change in the asked direction (goal ≥ 95%):\n');
    out(dirTables(runDirections(photos)));
    out(`\n(${elapsed()})\n`);
  }
}

if (only.has('latency')) {
  const photos = files.length ? (await loadPhotos(3, 512)).map((p) => p.img) : pairs?.slice(0, 3).map((p) => p.input) ?? [];
  if (!photos.length) out('Skipping (d): no photos found.\n');
  else {
    out(`## (d) Latency (load average ${os.loadavg()[0].toFixed(1)})\n`);
    out(await runLatency(photos));
    out(`\n(${elapsed()})\n`);
  }
}
out(`Total ${elapsed()}.`);
