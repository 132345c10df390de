#!/usr/bin/env node
/**
 * `npm run build:native` (also run by `npm install`, as postinstall with --optional): compiles
 * the pixel kernels written on simd.h (shared/pixel/kernels/c) natively, as N-API modules the
 * render loads instead of the WebAssembly build when one fits the CPU:
 *
 *   x64:   avx512vbmi (AVX-512 with byte permutes: Ice Lake, Zen 4 and later), avx512 (AVX-512, 16
 *          lanes), avx2 (AVX2 + FMA-capable CPUs, 8 lanes), sse41 (4 lanes)
 *   arm64: neon (4 lanes)          other: generic (4 lanes, plain C)
 *
 * into dist/native/tonewright-kernels-<isa>.node, with dist/native/manifest.json. Each module
 * carries the hash of the kernel sources it was built from; the loader
 * (main/imaging/native-kernels.ts) only takes a module whose hash matches the WebAssembly
 * module's (the same sources), so a stale build is never used. Rebuilds only when the sources,
 * the compiler or the flags changed.
 *
 * Needs a C compiler (cc, gcc or clang; $CC wins) and Node's headers (include/node of the running
 * Node, or $npm_config_nodedir). Without them, --optional prints why and exits 0: the render then
 * runs on the WebAssembly kernels (slower, same results).
 *
 *   node scripts/build-native.mjs [--optional] [--force] [--out DIR] [--isa a,b]
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { kernelSourceHash } from './kernel-source-hash.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const KERNELS = path.join(ROOT, 'shared/pixel/kernels/c');
const GLUE = path.join(ROOT, 'main/imaging/native/kernels-napi.c');

const argv = process.argv.slice(2);
const optional = argv.includes('--optional');
const force = argv.includes('--force');
const outArg = argv.indexOf('--out');
const OUT = outArg >= 0 ? path.resolve(argv[outArg + 1]) : path.join(ROOT, 'dist/native');
const isaArg = argv.indexOf('--isa');

/** Instruction-set variants per architecture: flags for the kernels, lanes, and the glue's define. */
const VARIANTS = {
  x64: [
    // AVX-512 with byte permutes (Ice Lake, Zen 4 and later): 8-bit RGB split by one vpermb.
    { isa: 'avx512vbmi', vw: 16, define: 'TW_ISA_AVX512VBMI', flags: ['-mavx512f', '-mavx512bw', '-mavx512dq', '-mavx512vl', '-mavx512vbmi', '-mavx2', '-mfma', '-mbmi2', '-mf16c', '-mpopcnt', '-msse4.2'] },
    { isa: 'avx512', vw: 16, define: 'TW_ISA_AVX512', flags: ['-mavx512f', '-mavx512bw', '-mavx512dq', '-mavx512vl', '-mavx2', '-mfma', '-mbmi2', '-mf16c', '-mpopcnt', '-msse4.2'] },
    { isa: 'avx2', vw: 8, define: 'TW_ISA_AVX2', flags: ['-mavx2', '-mfma', '-mbmi2', '-mf16c', '-mpopcnt', '-msse4.2'] },
    { isa: 'sse41', vw: 4, define: 'TW_ISA_SSE41', flags: ['-msse4.1', '-mpopcnt'] },
  ],
  arm64: [{ isa: 'neon', vw: 4, define: 'TW_ISA_NEON', flags: [] }],
};

function fail(message) {
  if (optional) {
    console.warn(`build-native: skipped (${message}); the render uses the WebAssembly kernels.`);
    process.exit(0);
  }
  console.error(`build-native: ${message}`);
  process.exit(1);
}

function findCompiler() {
  const candidates = process.env.CC ? [process.env.CC] : ['cc', 'gcc', 'clang'];
  for (const cc of candidates) {
    try {
      const v = execFileSync(cc, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      return { cc, version: v.split('\n')[0] };
    } catch {
      /* next */
    }
  }
  return null;
}

function findNodeHeaders() {
  const dirs = [];
  if (process.env.npm_config_nodedir) dirs.push(path.join(process.env.npm_config_nodedir, 'include/node'));
  dirs.push(path.join(path.dirname(path.dirname(fs.realpathSync(process.execPath))), 'include/node'));
  return dirs.find((d) => fs.existsSync(path.join(d, 'node_api.h'))) ?? null;
}

/** The kernel sources written on simd.h (the others are WebAssembly-only). */
function portableSources() {
  return fs
    .readdirSync(KERNELS)
    .filter((f) => f.endsWith('.c'))
    .sort()
    .filter((f) => /#include "(simd|chain)\.h"/.test(fs.readFileSync(path.join(KERNELS, f), 'utf8')));
}

if (process.platform === 'win32') fail('native kernels are built on Linux and macOS only');
const variants = VARIANTS[process.arch] ?? [{ isa: 'generic', vw: 4, define: 'TW_ISA_GENERIC', flags: [] }];
const wanted = isaArg >= 0 ? argv[isaArg + 1].split(',') : null;
const chosen = wanted ? variants.filter((v) => wanted.includes(v.isa)) : variants;
if (chosen.length === 0) fail(`no variant among ${variants.map((v) => v.isa).join(', ')} matches --isa`);

const compiler = findCompiler();
if (!compiler) fail('no C compiler (cc, gcc or clang) found');
const headers = findNodeHeaders();
if (!headers) fail("Node's headers (include/node/node_api.h) were not found; set npm_config_nodedir");

const sources = portableSources();
const hash = kernelSourceHash(KERNELS);
const common = ['-O3', '-fPIC', '-fvisibility=hidden', '-ffp-contract=off', '-fno-math-errno', '-fno-strict-aliasing', '-Wall', '-Wno-psabi', '-Wno-unknown-pragmas'];
const linkFlags = process.platform === 'darwin' ? ['-bundle', '-undefined', 'dynamic_lookup'] : ['-shared'];
const stamp = createHash('sha256')
  .update(JSON.stringify({ hash, glue: fs.readFileSync(GLUE, 'utf8'), cc: compiler.version, common, chosen, sources, node: headers }))
  .digest('hex')
  .slice(0, 16);

const manifestPath = path.join(OUT, 'manifest.json');
if (!force && fs.existsSync(manifestPath)) {
  try {
    const m = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    if (m.stamp === stamp && m.modules.every((f) => fs.existsSync(path.join(OUT, f.file)))) {
      console.log(`build-native: up to date (${m.modules.map((f) => f.isa).join(', ')}; sources ${hash})`);
      process.exit(0);
    }
  } catch {
    /* rebuild */
  }
}

fs.mkdirSync(OUT, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-native-'));
const modules = [];
const t0 = performance.now();
try {
  for (const v of chosen) {
    const defs = [`-DVW=${v.vw}`, `-DTW_SOURCE_HASH="${hash}"`, `-DTW_ISA="${v.isa}"`, `-D${v.define}`];
    const objs = [];
    try {
      for (const s of sources) {
        const o = path.join(tmp, `${v.isa}-${s}.o`);
        execFileSync(compiler.cc, [...common, ...v.flags, ...defs, '-c', path.join(KERNELS, s), '-o', o], { stdio: ['ignore', 'inherit', 'inherit'] });
        objs.push(o);
      }
      const glue = path.join(tmp, `${v.isa}-glue.o`);
      // The glue is compiled for the baseline CPU: loading the module never runs a newer instruction.
      execFileSync(compiler.cc, [...common, ...defs, `-I${headers}`, '-c', GLUE, '-o', glue], { stdio: ['ignore', 'inherit', 'inherit'] });
      const file = `tonewright-kernels-${v.isa}.node`;
      const part = path.join(OUT, `${file}.${process.pid}.tmp`);
      execFileSync(compiler.cc, [...linkFlags, '-o', part, glue, ...objs], { stdio: ['ignore', 'inherit', 'inherit'] });
      fs.renameSync(part, path.join(OUT, file));
      modules.push({ isa: v.isa, lanes: v.vw, file });
    } catch (e) {
      // One variant the compiler cannot build (an old compiler without AVX-512, say) does not stop the others.
      console.warn(`build-native: the ${v.isa} variant failed to build (${e.message.split('\n')[0]})`);
    }
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
if (modules.length === 0) fail(`${compiler.cc} could not build any variant`);
fs.writeFileSync(manifestPath, JSON.stringify({ stamp, sourceHash: hash, compiler: compiler.version, modules }, null, 2) + '\n');
console.log(
  `build-native: ${modules.map((m) => m.isa).join(', ')} from ${sources.length} kernel sources (${hash}) with ${compiler.version} in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${path.relative(ROOT, OUT) || OUT}`,
);
