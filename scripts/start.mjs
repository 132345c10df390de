#!/usr/bin/env node
/**
 * `npm start`: build the Electron shell (main + preload with esbuild, the renderer with Vite)
 * into dist/ and launch Electron on it.
 *
 *   node scripts/start.mjs               build, then launch (needs the Electron binary)
 *   node scripts/start.mjs --build-only  build only (works without the binary; used by tests)
 *   node scripts/start.mjs --out DIR     build into DIR instead of dist/
 *   node scripts/start.mjs --no-renderer build main and preload only (with --build-only)
 *
 * When the Electron binary is missing (npm does not run electron's install script here, see
 * "allowScripts" in package.json) it says so and how to get it, and exits with status 1.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

/** Path of the Electron executable, or null with the reason it is unusable. */
export function findElectron() {
  let path;
  try {
    path = require('electron');
  } catch (err) {
    return { path: null, reason: `the electron package has no binary (${err.message.split('\n')[0]})` };
  }
  if (typeof path !== 'string' || !existsSync(path)) return { path: null, reason: `the Electron binary is not at ${path}` };
  return { path, reason: '' };
}

const MISSING_HELP = (reason) =>
  `Tonewright: cannot start the desktop app because ${reason}. npm does not run electron's ` +
  'download script in this project ("allowScripts" in package.json denies it, so `npm install` ' +
  'works offline and on machines where the binary cannot be fetched). On a desktop machine, allow ' +
  'it once with `npm install-scripts approve electron` and then `npm rebuild electron`, and run ' +
  '`npm start` again. Without Electron, the same app runs in your browser with `npm run web` ' +
  '(see the README for its status), and every engine feature is available from the CLI ' +
  '(`npx tonewright --help`).';

/** Bundle main and preload; build the renderer if it exists. Returns the output folder. */
export async function build(outDir, { renderer = true } = {}) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    throw new Error('esbuild is not installed (it comes with tsx); run `npm install`');
  }
  rmSync(join(outDir, 'main'), { recursive: true, force: true });
  const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', absWorkingDir: root };
  await esbuild.build({
    ...common,
    entryPoints: [join(root, 'main/app/electron-main.ts')],
    outfile: join(outDir, 'main/app/electron-main.js'),
    format: 'esm',
    // Dependencies (native modules included) load from node_modules at run time; electron-builder
    // ships them and unpacks the native ones from the asar.
    packages: 'external',
  });
  await esbuild.build({
    ...common,
    entryPoints: [join(root, 'main/preload/index.ts')],
    outfile: join(outDir, 'main/preload/index.cjs'),
    // A sandboxed preload is a CommonJS script that may require only 'electron'.
    format: 'cjs',
    external: ['electron'],
  });
  if (renderer) await buildRenderer(outDir);
  return outDir;
}

async function buildRenderer(outDir) {
  const rendererOut = join(outDir, 'renderer');
  if (!existsSync(join(root, 'renderer', 'index.html'))) {
    mkdirSync(rendererOut, { recursive: true });
    writeFileSync(
      join(rendererOut, 'index.html'),
      '<!doctype html><meta charset="utf-8"><title>Tonewright</title>' +
        '<p style="font:16px system-ui;margin:2em">The Tonewright UI (renderer/) is not in this checkout yet.</p>\n',
    );
    console.warn('start: renderer/index.html not found; dist/renderer has a placeholder page.');
    return;
  }
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  // vite.config.ts sets root 'renderer', base './' and the React plugin; only the output moves.
  const r = spawnSync(process.execPath, [vite, 'build', '--config', join(root, 'vite.config.ts'), '--outDir', rendererOut, '--emptyOutDir'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`the renderer build failed (vite exited with ${r.status})`);
}

async function main(argv) {
  const buildOnly = argv.includes('--build-only');
  const outIndex = argv.indexOf('--out');
  const outDir = outIndex >= 0 && argv[outIndex + 1] ? resolve(argv[outIndex + 1]) : join(root, 'dist');
  const electron = findElectron();
  if (!buildOnly && !electron.path) {
    console.error(MISSING_HELP(electron.reason));
    return 1;
  }
  try {
    await build(outDir, { renderer: !(buildOnly && argv.includes('--no-renderer')) });
  } catch (err) {
    console.error(`start: build failed: ${err.message}`);
    return 1;
  }
  if (buildOnly) {
    console.log(`start: built the Electron shell into ${outDir}`);
    return 0;
  }
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(electron.path, [join(outDir, 'main/app/electron-main.js')], { cwd: root, stdio: 'inherit', env });
  return await new Promise((done) => {
    child.on('exit', (code, signal) => done(signal ? 1 : (code ?? 0)));
    child.on('error', (err) => {
      console.error(`start: could not launch Electron: ${err.message}`);
      done(1);
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
