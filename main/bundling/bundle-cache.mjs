// What the project's esbuild bundles share (bin/cli-bundle.mjs for the CLI,
// main/imaging/worker-bundle.ts for the render worker): the build options, where bundles are
// kept, and the freshness rule — a bundle is re-used while every source it was built from has
// the size and modification time recorded when it was built.
//
// Plain JavaScript: the CLI loads it before tsx is registered.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The project's own cache folder (node_modules/.cache/tonewright): as trusted as the code itself
 * — never a shared temporary directory, where another user could plant code for us to run.
 */
export const BUNDLE_CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'tonewright');

/** esbuild options of a Node bundle kept in memory; packages stay imports. */
export const NODE_BUNDLE_OPTIONS = Object.freeze({
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  write: false,
  packages: 'external',
  metafile: true,
  logLevel: 'silent',
});

/** [size, mtimeMs] of a file, or null when it cannot be read. */
export function stamp(file) {
  try {
    const st = fs.statSync(file);
    return [st.size, st.mtimeMs];
  } catch {
    return null;
  }
}

/** Whether every recorded source (absolute path → stamp) still has its stamp (false when none). */
export function stampsMatch(inputs) {
  const entries = Object.entries(inputs ?? {});
  if (entries.length === 0) return false;
  for (const [file, [size, mtime]] of entries) {
    const now = stamp(file);
    if (!now || now[0] !== size || now[1] !== mtime) return false;
  }
  return true;
}

/** Writes a file through a temporary and a rename (readers see the old or the new, whole). */
export function writeAtomic(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now().toString(36)}.tmp`;
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
