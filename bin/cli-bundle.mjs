// The CLI's TypeScript sources as one JavaScript module, bundled with esbuild (which tsx depends
// on) and kept in node_modules/.cache/tonewright with the size and modification time of every
// source it was built from; re-used while they all match, rebuilt (~150 ms) when one changed.
//
// Why: through tsx every one of the ~190 modules a command loads is resolved and transformed via
// tsx's hook thread (~1 ms each, measured); from the bundle `tonewright render` of a 24 MP photo
// starts ~0.3–0.4 s sooner. Packages stay imports (resolved from the repository's node_modules,
// which is why the bundle lives inside it), and each source's `import.meta.url` is replaced by
// that source's own URL, so paths relative to a source (workers, manifests, migrations) resolve
// exactly as they do from the sources.
//
// Plain JavaScript: it runs before tsx is registered. Any failure returns null and the caller
// loads the sources through tsx as before; TONEWRIGHT_NO_BUNDLE=1 turns the bundle off.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUNDLE_CACHE_DIR, NODE_BUNDLE_OPTIONS, stamp, stampsMatch, writeAtomic } from '../main/bundling/bundle-cache.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A manifest whose bundle exists and whose sources are unchanged. */
function fresh(manifest) {
  return !!manifest && typeof manifest.bundle === 'string' && fs.existsSync(manifest.bundle) && stampsMatch(manifest.inputs);
}

/**
 * Replaces import.meta.url in the project's own sources by each file's URL, and stamps each
 * file (size, mtime) just before reading it: a file saved after that has another stamp, so the
 * next process rebuilds.
 */
function metaUrlPlugin(stamps) {
  return {
    name: 'tonewright-import-meta-url',
    setup(build) {
      build.onLoad({ filter: /\.(ts|mts|js|mjs|json)$/ }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const st = stamp(args.path);
        if (st) stamps.set(args.path, st);
        const source = await fs.promises.readFile(args.path, 'utf8');
        const loader = args.path.endsWith('.json') ? 'json' : /\.m?ts$/.test(args.path) ? 'ts' : 'js';
        return { contents: loader === 'json' ? source : source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader };
      });
    },
  };
}

/** The module of `entry` (a path relative to the repository) from its bundle, or null. */
export async function importBundled(entry) {
  if (process.env.TONEWRIGHT_NO_BUNDLE === '1') return null;
  try {
    const entryPath = path.join(ROOT, entry);
    const key = createHash('sha256').update(`${entryPath}\0${process.version}`).digest('hex').slice(0, 12);
    const dir = BUNDLE_CACHE_DIR;
    const manifestFile = path.join(dir, `bundle-${key}.json`);
    let manifest = null;
    try {
      manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    } catch {
      manifest = null;
    }
    if (!fresh(manifest)) manifest = await rebuild(entryPath, dir, key, manifestFile);
    if (!manifest) return null;
    return await import(pathToFileURL(manifest.bundle).href);
  } catch {
    return null;
  }
}

async function rebuild(entryPath, dir, key, manifestFile) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return null;
  }
  const stamps = new Map();
  const r = await esbuild.build({ ...NODE_BUNDLE_OPTIONS, absWorkingDir: ROOT, entryPoints: [entryPath], plugins: [metaUrlPlugin(stamps)] });
  const code = r.outputFiles?.[0]?.text;
  if (!code) return null;
  const inputs = Object.fromEntries(stamps);
  // Every input must be stamped, or the cache could miss a change.
  const stable = Object.keys(r.metafile.inputs).every((rel) => stamps.has(path.resolve(ROOT, rel)));
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 12);
  const bundle = path.join(dir, `cli-${key}-${hash}.mjs`);
  if (!fs.existsSync(bundle)) writeAtomic(bundle, code);
  const manifest = { bundle, inputs };
  if (stable) {
    writeAtomic(manifestFile, JSON.stringify(manifest));
    // Older bundles of this entry (a process may still be loading one: only those an hour old).
    for (const f of fs.readdirSync(dir)) {
      const p = path.join(dir, f);
      if (f.startsWith(`cli-${key}-`) && p !== bundle && Date.now() - fs.statSync(p).mtimeMs > 3_600_000) fs.rmSync(p, { force: true });
    }
  }
  return manifest;
}
