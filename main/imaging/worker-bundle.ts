/**
 * A worker thread's TypeScript sources as one plain-JavaScript module, bundled once per process
 * with esbuild (which tsx depends on) and handed to `new Worker` as a data: URL.
 *
 * Why: a worker does not inherit the parent's module hooks, so a TypeScript worker has to
 * register tsx itself, and then every one of its ~60 imports is resolved and transformed through
 * tsx's hook thread. Measured on the 2-core machine: two render workers ready in 370–500 ms
 * through tsx, 46 ms from the bundle (bundling takes ~80 ms, once per process).
 *
 * Only for workers whose code imports nothing but Node built-ins (a data: URL has no directory to
 * resolve packages from); the bundle is refused otherwise, and the caller falls back to its
 * tsx entry, as it does when esbuild is missing or fails.
 */
import { createRequire } from 'node:module';

interface EsbuildLike {
  buildSync(options: Record<string, unknown>): {
    outputFiles?: { text: string }[];
    metafile?: { inputs: Record<string, { imports: { path: string; external?: boolean }[] }> };
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

function bundle(entryPath: string): URL | null {
  if (process.env.TONEWRIGHT_NO_WORKER_BUNDLE === '1') return null;
  let esbuild: EsbuildLike;
  try {
    esbuild = createRequire(import.meta.url)('esbuild') as EsbuildLike;
  } catch {
    return null;
  }
  try {
    const r = esbuild.buildSync({
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
    return new URL(`data:text/javascript;base64,${Buffer.from(text).toString('base64')}`);
  } catch {
    return null;
  }
}
