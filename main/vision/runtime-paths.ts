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
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
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
  // A git bundle starts with a text header ("# v2 git bundle", then "<sha> <ref>" lines): read
  // the HEAD commit from it directly, so locating the runtime needs no git on the user's machine.
  const head = readHead(bundle);
  const commit = /^([0-9a-f]{40}) HEAD$/m.exec(head)?.[1] ?? /^([0-9a-f]{40}) refs\//m.exec(head)?.[1];
  if (!/^# v[23] git bundle/.test(head) || !commit) throw new Error(`cannot read the commit of ${bundle}: not a git bundle header (${JSON.stringify(head.slice(0, 60))})`);
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
export function findRuntime(options: { env?: NodeJS.ProcessEnv; resourcesDir?: string; version?: string; source?: () => Pick<LlamaSource, 'version'> } = {}): RuntimeLocation {
  const env = options.env ?? process.env;
  const explicit = env.TONEWRIGHT_LLAMA_SERVER;
  if (explicit) {
    const binDir = dirname(explicit);
    return { built: existsSync(explicit), binDir, serverPath: explicit, version: readBuildInfo(dirname(binDir))?.version ?? 'unknown', info: readBuildInfo(dirname(binDir)), source: 'env' };
  }
  let version = options.version;
  let versionError: unknown;
  if (!version) {
    try {
      version = (options.source ?? llamaSource)().version;
    } catch (err) {
      versionError = err; // a packaged app has no source bundle: only its own prebuilt runtime
    }
  }
  const cached: RuntimeLocation | null = version
    ? { built: false, binDir: join(cacheRoot(env), version, 'bin'), serverPath: join(cacheRoot(env), version, 'bin', SERVER_BINARY), version, source: 'cache' }
    : null;
  const info = version ? readBuildInfo(join(cacheRoot(env), version)) : undefined;
  if (cached && info && existsSync(cached.serverPath)) return { ...cached, built: true, info };
  const resources = options.resourcesDir ?? (process as { resourcesPath?: string }).resourcesPath;
  if (resources) {
    const folder = join(resources, 'vision');
    const shipped = readBuildInfo(folder);
    const server = join(folder, 'bin', SERVER_BINARY);
    if (shipped && existsSync(server)) return { built: true, binDir: join(folder, 'bin'), serverPath: server, version: shipped.version, info: shipped, source: 'resources' };
  }
  if (!cached) throw versionError;
  return cached;
}

function readHead(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.toString('latin1', 0, n);
  } finally {
    closeSync(fd);
  }
}

/** `node_modules/<name>` in this module's folder or any folder above it (Node's lookup order). */
function findPackageDir(name: string): string | undefined {
  for (let d = dirname(fileURLToPath(import.meta.url)); ; d = dirname(d)) {
    const candidate = join(d, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(d) === d) return undefined;
  }
}
