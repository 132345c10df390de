/**
 * A worker thread's TypeScript sources as one plain-JavaScript module, bundled once per process
 * with esbuild (which tsx depends on) and handed to `new Worker` as a module file in the cache
 * folder (moduleUrl; a data: URL where that folder cannot be written).
 *
 * Why: a worker does not inherit the parent's module hooks, so a TypeScript worker has to
 * register tsx itself, and then every one of its ~60 imports is resolved and transformed through
 * tsx's hook thread. Measured on the 2-core machine: two render workers ready in 370–500 ms
 * through tsx, 46 ms from the bundle (bundling takes ~80 ms, once per process).
 *
 * The bundle is kept in node_modules/.cache/tonewright with the size and modification time of
 * every source it was built from; a later process re-uses it while they all match (checking them
 * costs ~1 ms; bundling ~80 ms of the main thread while the source decodes).
 *
 * Only for workers whose code imports nothing but Node built-ins (the module lies outside the
 * project's node_modules, and a data: URL has no directory to resolve packages from); the bundle
 * is refused otherwise, and the caller falls back to its
 * tsx entry, as it does when esbuild is missing or fails.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUNDLE_CACHE_DIR, NODE_BUNDLE_OPTIONS, stamp, stampsMatch, writeAtomic, type Stamp } from '../bundling/bundle-cache.mjs';

interface EsbuildLike {
  buildSync(options: Record<string, unknown>): {
    outputFiles?: { text: string }[];
    metafile?: { inputs: Record<string, { bytes: number; imports: { path: string; external?: boolean }[] }> };
  };
}

const bundles = new Map<string, URL | null>();

/** The bundled worker for a TypeScript entry file (absolute path), or null when it cannot be bundled. */
export function bundledWorker(entryPath: string): URL | null {
  let url = bundles.get(entryPath);
  if (url === undefined) {
    url = bundleWorkerCode(entryPath)?.url ?? null;
    bundles.set(entryPath, url);
  }
  return url;
}

interface Cached {
  /** Absolute source path → its stamp when bundled. */
  inputs: Record<string, Stamp>;
  code: string;
}

/** Where the bundle of an entry is kept between processes (where that is read-only, nothing is kept). */
export function cacheFile(entryPath: string): string {
  const key = createHash('sha256').update(`${entryPath}\0${process.version}`).digest('hex').slice(0, 16);
  return path.join(BUNDLE_CACHE_DIR, `worker-${key}.json`);
}

function fromCache(file: string): string | null {
  try {
    const c = JSON.parse(fs.readFileSync(file, 'utf8')) as Cached;
    return typeof c.code === 'string' && stampsMatch(c.inputs) ? c.code : null;
  } catch {
    return null;
  }
}

/**
 * The bundle as a module URL: a file in the cache folder named by the code's hash (so it is the
 * code, whatever else writes there), else a data: URL. A file keeps the worker's stack traces
 * (and profiles) readable: with a data: URL every frame would spell out the whole bundle.
 */
function moduleUrl(code: string): URL {
  const file = path.join(BUNDLE_CACHE_DIR, `worker-${createHash('sha256').update(code).digest('hex').slice(0, 20)}.mjs`);
  try {
    if (!fs.existsSync(file)) {
      writeAtomic(file, code);
      pruneModules(file);
    }
    return pathToFileURL(file);
  } catch {
    return new URL(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  }
}

/** The bundle (not memoised), and whether it came from the cache; null when it cannot be made. */
/** Removes bundled worker modules other than `keep` not written for a week (earlier versions of the code). */
function pruneModules(keep: string): void {
  const weekAgo = Date.now() - 7 * 24 * 3600 * 1000;
  for (const name of fs.readdirSync(BUNDLE_CACHE_DIR)) {
    const f = path.join(BUNDLE_CACHE_DIR, name);
    if (!/^worker-[0-9a-f]+\.mjs$/.test(name) || f === keep) continue;
    try {
      if (fs.statSync(f).mtimeMs < weekAgo) fs.rmSync(f, { force: true });
    } catch {
      /* gone meanwhile */
    }
  }
}

export function bundleWorkerCode(entryPath: string): { url: URL; cached: boolean } | null {
  if (process.env.TONEWRIGHT_NO_BUNDLE === '1') return null;
  const cache = cacheFile(entryPath);
  const hit = fromCache(cache);
  if (hit !== null) return { url: moduleUrl(hit), cached: true };
  let esbuild: EsbuildLike;
  try {
    esbuild = createRequire(import.meta.url)('esbuild') as EsbuildLike;
  } catch {
    return null;
  }
  try {
    const root = path.dirname(entryPath);
    const r = esbuild.buildSync({ ...NODE_BUNDLE_OPTIONS, absWorkingDir: root, entryPoints: [entryPath] });
    const text = r.outputFiles?.[0]?.text;
    if (!text || !r.metafile) return null;
    const externals = Object.values(r.metafile.inputs).flatMap((i) => i.imports.filter((m) => m.external).map((m) => m.path));
    if (externals.some((p) => !p.startsWith('node:'))) return null;
    // Kept only when every source still has the size esbuild read (not saved meanwhile).
    const inputs: Cached['inputs'] = {};
    let stable = true;
    for (const [rel, info] of Object.entries(r.metafile.inputs)) {
      const st = stamp(path.resolve(root, rel));
      if (!st || st[0] !== info.bytes) stable = false;
      else inputs[path.resolve(root, rel)] = st;
    }
    if (stable) {
      try {
        writeAtomic(cache, JSON.stringify({ inputs, code: text } satisfies Cached));
      } catch {
        /* a read-only cache folder: bundled again next time */
      }
    }
    return { url: moduleUrl(text), cached: false };
  } catch {
    return null;
  }
}
