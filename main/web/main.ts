/**
 * `npm run web -- [--port N] [--host H] [--catalog file.db] [--data DIR]`: browser mode. Serves
 * the same renderer and the same services behind the same contract on loopback, and prints the
 * URL (with this start's token) to open.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createApp } from '../services/app-services.ts';
import { agentExtras } from '../services/agent/agent-extras.ts';
import { exportExtras } from '../services/export/export-extras.ts';
import { createDispatcher } from '../ipc/dispatch.ts';
import { startWebServer } from './server.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Newest modification time under the folders the renderer bundle is built from. */
function newestSource(dirs: string[]): number {
  let newest = 0;
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of dirs) {
    if (!existsSync(d)) continue;
    const st = statSync(d);
    if (st.isDirectory()) walk(d);
    else newest = Math.max(newest, st.mtimeMs);
  }
  return newest;
}

/** Builds the renderer on first run, and again whenever its sources are newer than the build. */
async function buildRendererIfStale(outDir: string, checkSources: boolean): Promise<void> {
  const index = join(outDir, 'index.html');
  if (existsSync(index)) {
    if (!checkSources) return;
    const built = statSync(index).mtimeMs;
    if (newestSource([join(root, 'renderer'), join(root, 'shared'), join(root, 'vite.config.ts')]) <= built) return;
    console.log('Rebuilding the renderer (its sources changed)…');
  } else console.log('Building the renderer (first run)…');
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.config.ts'), root: join(root, 'renderer'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '5317' },
      host: { type: 'string', default: '127.0.0.1' },
      catalog: { type: 'string' },
      data: { type: 'string' },
      'renderer-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('usage: npm run web -- [--port N] [--host ADDRESS] [--catalog file.db] [--data DIR]');
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${values.port}`);
  const staticDir = resolve(values['renderer-dir'] ?? join(root, 'dist', 'renderer'));
  // A folder given with --renderer-dir is served as it is; the default one is kept up to date.
  await buildRendererIfStale(staticDir, values['renderer-dir'] === undefined);
  const app = createApp({
    mode: 'web',
    catalogPath: values.catalog ? resolve(values.catalog) : undefined,
    dataDir: values.data ? resolve(values.data) : undefined,
    mediaUrl: (kind, hash) => `/media/${kind}/${hash}`,
    extras: [agentExtras, exportExtras],
  });
  const server = await startWebServer({
    dispatch: createDispatcher(app.handlers),
    bus: app.bus,
    staticDir,
    resolveMedia: (kind, key, version) => app.resolveMedia(kind, key, version),
    port,
    host: values.host,
  });
  if (values.host !== '127.0.0.1' && values.host !== 'localhost' && values.host !== '::1')
    console.warn(`Warning: listening on ${values.host}; anyone who can reach it and has the token can use your catalog.`);
  console.log(`Tonewright is running in browser mode. Catalog: ${app.catalog.file}`);
  console.log(`Open ${server.url}`);
  const stop = async () => {
    await server.close();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: Error) => {
    console.error(`tonewright web: ${err.message}`);
    process.exit(2);
  });
}
