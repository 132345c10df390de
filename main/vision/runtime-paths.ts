/**
 * Where the vision runtime (llama.cpp's `llama-server`, built from the source bundle that ships
 * inside node-llama-cpp) lives: one cache folder per llama.cpp version, so a new node-llama-cpp
 * release builds afresh and an unchanged one is reused (locally and in CI).
 *
 *   $TONEWRIGHT_VISION_DIR/<version>/bin/llama-server     (default root ~/.cache/tonewright/vision)
 *
 * A packaged app may carry a prebuilt runtime instead (electron-builder `extraResources` →
 * `<resources>/vision/`); `findRuntime` prefers an explicit env path, then the cache, then that.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export const SERVER_BINARY = process.platform === 'win32' ? 'llama-server.exe' : 'llama-server';
/** Written last by the build; its presence means the folder is complete. */
export const BUILD_INFO_FILE = 'build-info.json';

export interface LlamaSource {
  /** Folder of node-llama-cpp's `llama/` (holds gitRelease.bundle and llama.cpp.info.json). */
  dir: string;
  bundle: string;
  /** The release tag node-llama-cpp records for its bundled llama.cpp (e.g. "v0.4.0"). */
  tag: string;
  /** Commit the bundle's HEAD points at. */
  commit: string;
  /** Cache key: tag plus the first 12 hex digits of the commit. */
  version: string;
}

export interface BuildInfo {
  version: string;
  commit: string;
  tag: string;
  portable: boolean;
  cmakeFlags: string[];
  targets: string[];
  buildSeconds: number;
  builtAt: string;
  /** Why the portable configuration was not used, when it was not. */
  portableNote?: string;
}

export interface RuntimeLocation {
  built: boolean;
  /** Folder holding llama-server and its shared libraries. */
  binDir: string;
  serverPath: string;
  version: string;
  info?: BuildInfo;
  source: 'env' | 'cache' | 'resources';
}

/** Locate node-llama-cpp's bundled llama.cpp source and derive the cache key from it. */
export function llamaSource(): LlamaSource {
  const pkgDir = findPackageDir('node-llama-cpp');
  if (!pkgDir) throw new Error('node-llama-cpp is not installed (no node_modules/node-llama-cpp above this folder), so there is no llama.cpp source to build from');
  const dir = join(pkgDir, 'llama');
  const bundle = join(dir, 'gitRelease.bundle');
  if (!existsSync(bundle)) throw new Error(`llama.cpp source bundle missing: ${bundle}`);
  const infoPath = join(dir, 'llama.cpp.info.json');
  const tag = existsSync(infoPath) ? String((JSON.parse(readFileSync(infoPath, 'utf8')) as { tag?: string }).tag ?? 'unknown') : 'unknown';
  const heads = execFileSync('git', ['bundle', 'list-heads', bundle], { encoding: 'utf8' });
  const commit = /^([0-9a-f]{40}) HEAD$/m.exec(heads)?.[1] ?? /^([0-9a-f]{40}) /m.exec(heads)?.[1];
  if (!commit) throw new Error(`cannot read the commit of ${bundle}: git bundle list-heads printed ${JSON.stringify(heads.slice(0, 200))}`);
  return { dir, bundle, tag, commit, version: `${tag.replace(/[^\w.-]/g, '_')}-${commit.slice(0, 12)}` };
}

export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.TONEWRIGHT_VISION_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'tonewright', 'vision');
}

export function readBuildInfo(folder: string): BuildInfo | undefined {
  const p = join(folder, BUILD_INFO_FILE);
  if (!existsSync(p)) return undefined;
  try {
    return JSON.parse(readFileSync(p, 'utf8')) as BuildInfo;
  } catch {
    return undefined;
  }
}

/**
 * The runtime to use: `TONEWRIGHT_LLAMA_SERVER` (an explicit binary) wins; then the cache folder for
 * the installed llama.cpp version; then a prebuilt one shipped in the app's resources.
 */
export function findRuntime(options: { env?: NodeJS.ProcessEnv; resourcesDir?: string; version?: string } = {}): RuntimeLocation {
  const env = options.env ?? process.env;
  const explicit = env.TONEWRIGHT_LLAMA_SERVER;
  if (explicit) {
    const binDir = dirname(explicit);
    return { built: existsSync(explicit), binDir, serverPath: explicit, version: readBuildInfo(dirname(binDir))?.version ?? 'unknown', info: readBuildInfo(dirname(binDir)), source: 'env' };
  }
  const version = options.version ?? llamaSource().version;
  const folder = join(cacheRoot(env), version);
  const cached: RuntimeLocation = { built: false, binDir: join(folder, 'bin'), serverPath: join(folder, 'bin', SERVER_BINARY), version, source: 'cache' };
  const info = readBuildInfo(folder);
  if (info && existsSync(cached.serverPath)) return { ...cached, built: true, info };
  const resources = options.resourcesDir ?? (process as { resourcesPath?: string }).resourcesPath;
  if (resources) {
    const folder2 = join(resources, 'vision');
    const info2 = readBuildInfo(folder2);
    const server = join(folder2, 'bin', SERVER_BINARY);
    if (info2 && existsSync(server)) return { built: true, binDir: join(folder2, 'bin'), serverPath: server, version: info2.version, info: info2, source: 'resources' };
  }
  return cached;
}

/** `node_modules/<name>` in this module's folder or any folder above it (Node's lookup order). */
function findPackageDir(name: string): string | undefined {
  for (let d = dirname(fileURLToPath(import.meta.url)); ; d = dirname(d)) {
    const candidate = join(d, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(d) === d) return undefined;
  }
}
