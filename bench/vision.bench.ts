/**
 * `npm run bench:vision`: the vision runtime's own costs with the tiny random-weight pair (so
 * the numbers are the plumbing, not a real model's compute), each against a baseline measured in
 * this same run:
 *
 * - server start → healthy (spawn, load model + projector, /health 200) vs node-llama-cpp
 *   loading the same tiny text model in-process;
 * - per-request time of an image request (448 px JPEG data: URI, JSON schema) vs the same request
 *   without the image on the same server, and vs the in-process llama engine (text only);
 * - the preview → data: URI encoding the engine does per image;
 * - peak memory of the llama-server child (VmHWM);
 * - the runtime's build time (recorded by build:vision in build-info.json).
 *
 * Prints a Markdown table. Single-threaded inference (threads 1) so a loaded machine moves the
 * numbers less; `uptime` load is printed with them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { LlamaEngine } from '../main/agent/engine/llama-engine.ts';
import type { ChatContentPart } from '../main/agent/engine/types.ts';
import { VisionEngine } from '../main/agent/engine/vision-engine.ts';
import { imageDataUri } from '../main/vision/preview-image.ts';
import { findRuntime } from '../main/vision/runtime-paths.ts';
import { banByteTokens, writeTinyVisionPair } from '../test/helpers/tiny-vision-pair.ts';
import { f1, f2, median, table } from './quality/table.ts';

const STARTS = Number(process.env.BENCH_VISION_STARTS ?? 5);
const REQUESTS = Number(process.env.BENCH_VISION_REQUESTS ?? 30);
const schema = { type: 'object', properties: { exposure: { type: 'integer', minimum: -5, maximum: 5 }, reply: { type: 'string', maxLength: 16 } }, required: ['exposure', 'reply'] };

async function timeIt<T>(f: () => Promise<T>): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

async function main(): Promise<void> {
  const runtime = findRuntime();
  if (!runtime.built) {
    console.error(`bench:vision: the vision runtime is not built (no ${runtime.serverPath}); run "npm run build:vision" first`);
    process.exit(1);
  }
  const dir = mkdtempSync(join(tmpdir(), 'tw-bench-vision-'));
  const pair = writeTinyVisionPair(dir);
  const photo = await sharp({ create: { width: 768, height: 512, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).jpeg({ quality: 90 }).toBuffer();
  const image: ChatContentPart = { type: 'image', mimeType: 'image/jpeg', data: new Uint8Array(photo) };
  const vision = () => new VisionEngine({ runtime, mmproj: pair.mmproj, threads: 1, contextSize: 2048, logitBias: banByteTokens() });
  const rows: (string | number)[][] = [];
  try {
    // Start → healthy, vs an in-process load of the same text model.
    const startMs: number[] = [];
    const loadMs: number[] = [];
    // One unmeasured round first: node-llama-cpp loads its native binding once per process,
    // and the first spawn pays for the page cache; a long-lived app pays both once.
    const reload = new LlamaEngine({ gpu: false, threads: 1, contextSize: 2048 });
    for (let i = -1; i < STARTS; i++) {
      const v = vision();
      const s = await timeIt(() => v.load(pair.model));
      await v.unload();
      const t = await timeIt(() => reload.load(pair.model));
      await reload.unload();
      if (i >= 0) {
        startMs.push(s);
        loadMs.push(t);
      }
    }
    rows.push(['server start → healthy (model + mmproj)', STARTS, f1(median(startMs)), 'in-process load of the text model (node-llama-cpp)', f1(median(loadMs)), f2(median(startMs) / median(loadMs))]);

    // Per request: image vs no image on the same server, and vs in-process text.
    const v = vision();
    await v.load(pair.model);
    const l = new LlamaEngine({ gpu: false, threads: 1, contextSize: 2048 });
    await l.load(pair.model);
    const ask = (engine: { chat: VisionEngine['chat'] }, withImage: boolean, seed: number) =>
      engine.chat([{ role: 'user', content: withImage ? [image, { type: 'text', text: 'brighter' }] : 'brighter' }], { jsonSchema: schema, maxTokens: 40, seed, temperature: 0 });
    for (let i = 0; i < 3; i++) {
      await ask(v, true, i);
      await ask(v, false, i);
      await ask(l, false, i);
    }
    const img: number[] = [];
    const txt: number[] = [];
    const inproc: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      img.push(await timeIt(() => ask(v, true, 100 + i)));
      txt.push(await timeIt(() => ask(v, false, 100 + i)));
      inproc.push(await timeIt(() => ask(l, false, 100 + i)));
    }
    rows.push(['image request (448 px data: URI, schema)', REQUESTS, f1(median(img)), 'same request without the image, same server', f1(median(txt)), f2(median(img) / median(txt))]);
    rows.push(['text request over HTTP to llama-server', REQUESTS, f1(median(txt)), 'same request in-process (node-llama-cpp)', f1(median(inproc)), f2(median(txt) / median(inproc))]);
    const enc: number[] = [];
    for (let i = 0; i < REQUESTS; i++) enc.push(await timeIt(() => imageDataUri(image as never)));
    rows.push(['preview → data: URI (768×512 JPEG → 448 px)', REQUESTS, f1(median(enc)), 'image request total', f1(median(img)), f2(median(enc) / median(img))]);
    const mem = await v.server!.memory();
    const self = process.resourceUsage().maxRSS / 1024;
    rows.push(['llama-server peak memory (VmHWM), MB', 1, mem ? f1(mem.peakBytes / 2 ** 20) : 'n/a', 'this Node process peak RSS, MB (holds node-llama-cpp)', f1(self), mem ? f2(mem.peakBytes / 2 ** 20 / self) : '']);
    await v.unload();
    await l.unload();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const info = runtime.info ?? JSON.parse(readFileSync(join(runtime.binDir, '..', 'build-info.json'), 'utf8'));
  rows.push(['runtime build (npm run build:vision, recorded)', 1, `${f1(info.buildSeconds / 60)} min`, info.portable ? 'portable: 14 CPU variants (GGML_CPU_ALL_VARIANTS)' : 'GGML_NATIVE=OFF only', '', '']);
  console.log(`bench:vision — tiny random pair, threads 1, llama.cpp ${runtime.version}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
  console.log(table(['measure', 'n', 'median ms', 'baseline (same run)', 'baseline ms', '× baseline'], rows));
}

await main();
