/**
 * `npm run build:vision`: build llama.cpp's `llama-server` (with mtmd, for images) from the source
 * bundled in node-llama-cpp, offline, into the per-version cache folder; reuse it when present.
 *
 *   --force          rebuild even when the cache folder is complete
 *   --jobs N         parallel compile jobs (default 2, or $TONEWRIGHT_VISION_JOBS)
 *   --no-portable    skip the GGML_BACKEND_DL / GGML_CPU_ALL_VARIANTS build
 *   --keep-tree      keep the source and build tree
 *   --copy-to DIR    also copy the runtime to DIR (out/vision-runtime is what electron-builder ships)
 *
 * Cache root: $TONEWRIGHT_VISION_DIR, default ~/.cache/tonewright/vision.
 */
import { buildVisionRuntime } from '../main/vision/runtime-build.ts';

const args = process.argv.slice(2);
const value = (flag: string): string | undefined => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const known = new Set(['--force', '--jobs', '--no-portable', '--keep-tree', '--copy-to']);
for (let i = 0; i < args.length; i++) {
  if (!known.has(args[i])) {
    console.error(`build:vision: unknown option ${args[i]} (known: ${[...known].join(', ')})`);
    process.exit(2);
  }
  if (args[i] === '--jobs' || args[i] === '--copy-to') i++;
}
const jobs = value('--jobs') === undefined ? undefined : Number(value('--jobs'));
if (jobs !== undefined && !(Number.isInteger(jobs) && jobs > 0)) {
  console.error(`build:vision: --jobs needs a positive integer, got ${value('--jobs')}`);
  process.exit(2);
}
try {
  const result = await buildVisionRuntime({
    force: args.includes('--force'),
    jobs,
    portable: args.includes('--no-portable') ? false : undefined,
    keepTree: args.includes('--keep-tree'),
    copyTo: value('--copy-to'),
  });
  console.log(JSON.stringify({ built: true, reused: result.reused, path: result.serverPath, version: result.info.version, portable: result.info.portable, buildSeconds: result.info.buildSeconds }));
} catch (err) {
  console.error(`build:vision failed: ${(err as Error).message}`);
  process.exit(1);
}
