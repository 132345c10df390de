/**
 * Build the vision runtime (`llama-server` + libmtmd) from the llama.cpp source bundle that ships
 * inside node-llama-cpp — offline: `git clone` of the bundle, CMake with downloads switched off,
 * into the cache folder for that llama.cpp version (see runtime-paths.ts). A complete folder is
 * reused; an interrupted build leaves only `<version>.partial/`, which the next run starts over.
 *
 * Portable first: `GGML_BACKEND_DL=ON GGML_CPU_ALL_VARIANTS=ON` builds one CPU backend per x86/ARM
 * feature level and picks the best at run time (`GGML_NATIVE=OFF` alone still assumes AVX2). When
 * that configuration fails here, it falls back to the plain `GGML_NATIVE=OFF` build and records why.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { BUILD_INFO_FILE, SERVER_BINARY, cacheRoot, llamaSource, readBuildInfo, type BuildInfo } from './runtime-paths.ts';

/** Offline, CPU-only, no web UI download, no video (ffprobe) path, no tests/examples. */
export const BASE_FLAGS = [
  '-DCMAKE_BUILD_TYPE=Release',
  '-DGGML_NATIVE=OFF',
  '-DBUILD_SHARED_LIBS=ON',
  '-DLLAMA_OPENSSL=OFF',
  '-DLLAMA_USE_PREBUILT_UI=OFF',
  '-DLLAMA_BUILD_UI=OFF',
  '-DLLAMA_BUILD_TESTS=OFF',
  '-DLLAMA_BUILD_EXAMPLES=OFF',
  '-DLLAMA_BUILD_APP=OFF',
  '-DMTMD_VIDEO=OFF',
  // The copied bin/ folder finds its shared libraries beside the executable.
  '-DCMAKE_BUILD_RPATH_USE_ORIGIN=ON',
];
export const PORTABLE_FLAGS = ['-DGGML_BACKEND_DL=ON', '-DGGML_CPU_ALL_VARIANTS=ON'];
export const TARGETS = ['llama-server', 'mtmd'];

export interface BuildOptions {
  force?: boolean;
  jobs?: number;
  /** Try the portable CPU-variants build first (default true). */
  portable?: boolean;
  /** Keep the source and build tree (for incremental rebuilds while debugging). */
  keepTree?: boolean;
  /** Also copy the finished runtime here (e.g. out/vision-runtime for electron-builder). */
  copyTo?: string;
  env?: NodeJS.ProcessEnv;
  /** Progress lines ("vision build: 120/410 (29%)"). */
  log?: (line: string) => void;
}

export interface BuildResult {
  folder: string;
  serverPath: string;
  reused: boolean;
  info: BuildInfo;
}

const SHARED_LIB = /\.(so(\.\d+)*|dylib|dll)$/;

export async function buildVisionRuntime(options: BuildOptions = {}): Promise<BuildResult> {
  const log = options.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const env = options.env ?? process.env;
  const src = llamaSource();
  const root = cacheRoot(env);
  const folder = join(root, src.version);
  const existing = readBuildInfo(folder);
  if (existing && existsSync(join(folder, 'bin', SERVER_BINARY)) && !options.force) {
    log(`vision build: reusing ${folder} (llama.cpp ${src.version}, built in ${existing.buildSeconds.toFixed(0)} s)`);
    if (options.copyTo) copyRuntime(folder, options.copyTo);
    return { folder, serverPath: join(folder, 'bin', SERVER_BINARY), reused: true, info: existing };
  }
  for (const tool of ['git', 'cmake']) {
    if (spawnSync(tool, ['--version'], { stdio: 'ignore' }).status !== 0) throw new Error(`building the vision runtime needs ${tool} on PATH`);
  }
  mkdirSync(root, { recursive: true });
  const lock = join(root, `${src.version}.lock`);
  takeLock(lock);
  try {
    const work = join(root, `${src.version}.partial`);
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    const logFile = createWriteStream(join(work, 'build.log'));
    const started = Date.now();
    log(`vision build: llama.cpp ${src.version} → ${folder}`);
    log('vision build: cloning the bundled source (offline)');
    await run('git', ['clone', '--quiet', '--no-checkout', src.bundle, join(work, 'src')], logFile);
    await run('git', ['-C', join(work, 'src'), 'checkout', '--quiet', src.commit], logFile);
    const jobs = options.jobs ?? (Number(env.TONEWRIGHT_VISION_JOBS) || 2);
    const generator = spawnSync('ninja', ['--version'], { stdio: 'ignore' }).status === 0 ? ['-G', 'Ninja'] : [];
    let portable = options.portable ?? env.TONEWRIGHT_VISION_PORTABLE !== '0';
    let portableNote: string | undefined = portable ? undefined : 'portable build switched off (TONEWRIGHT_VISION_PORTABLE=0 or --no-portable)';
    let flags: string[] = [];
    for (;;) {
      flags = [...BASE_FLAGS, ...(portable ? PORTABLE_FLAGS : [])];
      const build = join(work, 'build');
      rmSync(build, { recursive: true, force: true });
      try {
        log(`vision build: configuring (${portable ? 'portable CPU variants' : 'GGML_NATIVE=OFF'})`);
        await run('cmake', ['-S', join(work, 'src'), '-B', build, ...generator, ...flags], logFile);
        log(`vision build: compiling ${TARGETS.join(', ')} with ${jobs} job(s) at nice 10`);
        await run('nice', ['-n', '10', 'cmake', '--build', build, '--target', ...TARGETS, '-j', String(jobs)], logFile, progress(log));
        break;
      } catch (err) {
        if (!portable) throw err;
        portableNote = `portable configuration failed here (${(err as Error).message.split('\n')[0]}); built with GGML_NATIVE=OFF only`;
        log(`vision build: ${portableNote}`);
        portable = false;
      }
    }
    const bin = join(work, 'bin');
    mkdirSync(bin, { recursive: true });
    const built = join(work, 'build', 'bin');
    for (const name of readdirSync(built)) {
      if (name === SERVER_BINARY || SHARED_LIB.test(name)) copyFileSync(join(built, name), join(bin, name));
    }
    if (!existsSync(join(bin, SERVER_BINARY))) throw new Error(`the build finished but ${join(built, SERVER_BINARY)} is missing; see ${join(work, 'build.log')}`);
    const info: BuildInfo = {
      version: src.version,
      commit: src.commit,
      tag: src.tag,
      portable,
      cmakeFlags: flags,
      targets: TARGETS,
      buildSeconds: (Date.now() - started) / 1000,
      builtAt: new Date().toISOString(),
      ...(portableNote ? { portableNote } : {}),
    };
    writeFileSync(join(work, BUILD_INFO_FILE), `${JSON.stringify(info, null, 2)}\n`);
    await new Promise<void>((resolve) => logFile.end(resolve));
    if (!options.keepTree) {
      rmSync(join(work, 'src'), { recursive: true, force: true });
      rmSync(join(work, 'build'), { recursive: true, force: true });
    }
    rmSync(folder, { recursive: true, force: true });
    renameSync(work, folder);
    log(`vision build: done in ${info.buildSeconds.toFixed(0)} s → ${join(folder, 'bin', SERVER_BINARY)}`);
    if (options.copyTo) copyRuntime(folder, options.copyTo);
    return { folder, serverPath: join(folder, 'bin', SERVER_BINARY), reused: false, info };
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Copy bin/ and build-info.json (not the log) to a packaging folder. */
function copyRuntime(folder: string, dest: string): void {
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(join(dest, 'bin'), { recursive: true });
  for (const name of readdirSync(join(folder, 'bin'))) copyFileSync(join(folder, 'bin', name), join(dest, 'bin', name));
  copyFileSync(join(folder, BUILD_INFO_FILE), join(dest, BUILD_INFO_FILE));
}

/** A lock folder holding the builder's pid; a lock whose process is gone is taken over. */
function takeLock(lock: string): void {
  try {
    mkdirSync(lock);
  } catch {
    const pidFile = join(lock, 'pid');
    const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim() || NaN) : NaN;
    if (Number.isFinite(pid) && pid > 0 && alive(pid)) throw new Error(`another vision build (pid ${pid}) is running; lock ${lock}`);
    rmSync(lock, { recursive: true, force: true });
    mkdirSync(lock);
  }
  writeFileSync(join(lock, 'pid'), String(process.pid));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Ninja/Make progress ("[12/345]" or "[ 40%]") turned into at most one line per 5 % step. */
export function progress(log: (line: string) => void): (line: string) => void {
  let last = -5;
  return (line) => {
    const ninja = /^\[(\d+)\/(\d+)\]/.exec(line);
    const make = /^\[\s*(\d+)%\]/.exec(line);
    const pct = ninja ? (100 * Number(ninja[1])) / Number(ninja[2]) : make ? Number(make[1]) : NaN;
    if (Number.isFinite(pct) && pct >= last + 5) {
      last = Math.floor(pct / 5) * 5;
      log(`vision build: ${ninja ? `${ninja[1]}/${ninja[2]} ` : ''}(${pct.toFixed(0)}%)`);
    }
  };
}

/** Run a command, teeing its output to the log; reject with the tail of the output on failure. */
function run(cmd: string, args: string[], logFile: WriteStream, onLine?: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    logFile.write(`\n$ ${cmd} ${args.join(' ')}\n`);
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    let partial = '';
    const onData = (chunk: Buffer): void => {
      logFile.write(chunk);
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const l of lines) {
        tail.push(l);
        if (tail.length > 20) tail.shift();
        onLine?.(l);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (err) => reject(new Error(`${cmd} could not start: ${err.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${cmd} ${args.slice(0, 3).join(' ')}… failed (${signal ?? `exit ${code}`}):\n${tail.join('\n')}`));
    });
  });
}
