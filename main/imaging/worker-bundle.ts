/**
 * A worker thread's TypeScript sources as one plain-JavaScript module, bundled once per process
 * with esbuild (which tsx depends on) and handed to `new Worker` as a data: URL.
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
 * Only for workers whose code imports nothing but Node built-ins (a data: URL has no directory to
 * resolve packages from); the bundle is refused otherwise, and the caller falls back to its
 * tsx entry, as it does when esbuild is missing or fails.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
    url = bundle(entryPath);
    bundles.set(entryPath, url);
  }
  return url;
}

interface Cached {
  /** Absolute source path → [size, mtimeMs] when bundled. */
  inputs: Record<string, [number, number]>;
  code: string;
}

/**
 * Where the bundle of an entry is kept between processes: the project's node_modules/.cache
 * (as trusted as the code itself — never a shared temporary directory, where another user could
 * plant code for us to run). Where that is read-only (a packaged app), nothing is kept.
 */
export function cacheFile(entryPath: string): string {
  const key = createHash('sha256').update(`${entryPath}\0${process.version}`).digest('hex').slice(0, 16);
  return path.join(PROJECT_ROOT, 'node_modules', '.cache', 'tonewright', `worker-${key}.json`);
}

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function stamp(file: string): [number, number] | null {
  try {
    const st = fs.statSync(file);
    return [st.size, st.mtimeMs];
  } catch {
    return null;
  }
}

function fromCache(file: string): string | null {
  try {
    const c = JSON.parse(fs.readFileSync(file, 'utf8')) as Cached;
    if (typeof c.code !== 'string' || !c.inputs || Object.keys(c.inputs).length === 0) return null;
    for (const [src, [size, mtime]] of Object.entries(c.inputs)) {
      const now = stamp(src);
      if (!now || now[0] !== size || now[1] !== mtime) return null;
    }
    return c.code;
  } catch {
    return null;
  }
}

function toCache(file: string, c: Cached): void {
  const tmp = `${file}.${process.pid}.${Date.now().toString(36)}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, JSON.stringify(c));
    fs.renameSync(tmp, file);
  } catch {
    fs.rmSync(tmp, { force: true });
  }
}

function dataUrl(code: string): URL {
  return new URL(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

function bundle(entryPath: string): URL | null {
  return bundleWorkerCode(entryPath)?.url ?? null;
}

/** The bundle (not memoised), and whether it came from the cache; null when it cannot be made. */
export function bundleWorkerCode(entryPath: string): { url: URL; cached: boolean } | null {
  if (process.env.TONEWRIGHT_NO_BUNDLE === '1') return null;
  const cache = cacheFile(entryPath);
  const hit = fromCache(cache);
  if (hit !== null) return { url: dataUrl(hit), cached: true };
  let esbuild: EsbuildLike;
  try {
    esbuild = createRequire(import.meta.url)('esbuild') as EsbuildLike;
  } catch {
    return null;
  }
  try {
    const root = path.dirname(entryPath);
    const r = esbuild.buildSync({
      absWorkingDir: root,
      entryPoints: [entryPath],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      packages: 'external',
      metafile: true,
      logLevel: 'silent',
    });
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
    if (stable) toCache(cache, { inputs, code: text });
    return { url: dataUrl(text), cached: false };
  } catch {
    return null;
  }
}
