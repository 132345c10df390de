import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE_FLAGS, PORTABLE_FLAGS, buildVisionRuntime, progress } from './runtime-build.ts';
import { BUILD_INFO_FILE, SERVER_BINARY, llamaSource } from './runtime-paths.ts';

describe('buildVisionRuntime', () => {
  it('builds offline without the web UI or video, portable first', () => {
    for (const f of ['-DLLAMA_USE_PREBUILT_UI=OFF', '-DLLAMA_BUILD_UI=OFF', '-DLLAMA_OPENSSL=OFF', '-DMTMD_VIDEO=OFF', '-DGGML_NATIVE=OFF', '-DBUILD_SHARED_LIBS=ON']) expect(BASE_FLAGS).toContain(f);
    expect(PORTABLE_FLAGS).toEqual(['-DGGML_BACKEND_DL=ON', '-DGGML_CPU_ALL_VARIANTS=ON']);
  });

  it('reuses a complete cache folder for this llama.cpp version (and copies it for packaging)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tw-vb-'));
    const folder = join(root, llamaSource().version);
    mkdirSync(join(folder, 'bin'), { recursive: true });
    writeFileSync(join(folder, 'bin', SERVER_BINARY), 'x');
    writeFileSync(join(folder, BUILD_INFO_FILE), JSON.stringify({ version: llamaSource().version, buildSeconds: 42, portable: true }));
    const lines: string[] = [];
    const copyTo = join(root, 'pkg');
    const r = await buildVisionRuntime({ env: { TONEWRIGHT_VISION_DIR: root }, log: (l) => lines.push(l), copyTo });
    expect(r).toMatchObject({ reused: true, folder, info: { buildSeconds: 42 } });
    expect(lines.join('\n')).toMatch(/reusing .*built in 42 s/);
    const { existsSync } = await import('node:fs');
    expect(existsSync(join(copyTo, 'bin', SERVER_BINARY)) && existsSync(join(copyTo, BUILD_INFO_FILE))).toBe(true);
  });

  it('reports ninja and make progress at most once per 5 %', () => {
    const lines: string[] = [];
    const p = progress((l) => lines.push(l));
    for (let i = 1; i <= 100; i++) p(`[${i}/100] Building CXX object x.o`);
    expect(lines).toHaveLength(21);
    expect(lines[lines.length - 1]).toBe('vision build: 100/100 (100%)');
    const m: string[] = [];
    const q = progress((l) => m.push(l));
    q('[ 42%] Building C object');
    q('nothing here');
    expect(m).toEqual(['vision build: (42%)']);
  });
});

describe('the build lock', () => {
  it('refuses while another live build holds the lock', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tw-vl-'));
    const lock = join(root, `${llamaSource().version}.lock`);
    mkdirSync(lock);
    writeFileSync(join(lock, 'pid'), String(process.pid));
    await expect(buildVisionRuntime({ env: { TONEWRIGHT_VISION_DIR: root }, log: () => {} })).rejects.toThrow(/another vision build \(pid \d+\) is running/);
  });
});
