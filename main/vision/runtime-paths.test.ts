import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_INFO_FILE, SERVER_BINARY, cacheRoot, findRuntime, llamaSource } from './runtime-paths.ts';

function fakeRuntime(folder: string, version: string): void {
  mkdirSync(join(folder, 'bin'), { recursive: true });
  writeFileSync(join(folder, 'bin', SERVER_BINARY), '#!/bin/sh\n');
  writeFileSync(join(folder, BUILD_INFO_FILE), JSON.stringify({ version, portable: true, buildSeconds: 1 }));
}

describe('vision runtime location', () => {
  it('keys the cache by the bundled llama.cpp tag and commit', () => {
    const src = llamaSource();
    expect(src.bundle).toMatch(/gitRelease\.bundle$/);
    expect(src.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(src.version).toBe(`${src.tag}-${src.commit.slice(0, 12)}`);
    // Read from the bundle header without git; git agrees.
    expect(execFileSync('git', ['bundle', 'list-heads', src.bundle], { encoding: 'utf8' })).toContain(`${src.commit} HEAD`);
  });

  it('a packaged app without the source bundle still finds its shipped runtime', () => {
    const resources = mkdtempSync(join(tmpdir(), 'tw-res-'));
    fakeRuntime(join(resources, 'vision'), 'v9');
    const noBundle = () => {
      throw new Error('llama.cpp source bundle missing');
    };
    expect(findRuntime({ env: {}, resourcesDir: resources, source: noBundle })).toMatchObject({ built: true, version: 'v9', source: 'resources' });
    expect(() => findRuntime({ env: {}, resourcesDir: mkdtempSync(join(tmpdir(), 'tw-res-')), source: noBundle })).toThrow(/source bundle missing/);
  });

  it('honours TONEWRIGHT_VISION_DIR, then XDG_CACHE_HOME', () => {
    expect(cacheRoot({ TONEWRIGHT_VISION_DIR: '/x/v' })).toBe('/x/v');
    expect(cacheRoot({ XDG_CACHE_HOME: '/c' })).toBe(join('/c', 'tonewright', 'vision'));
  });

  it('a folder without its build-info marker (an interrupted build) is not "built"', () => {
    const root = mkdtempSync(join(tmpdir(), 'tw-rt-'));
    mkdirSync(join(root, 'v1', 'bin'), { recursive: true });
    writeFileSync(join(root, 'v1', 'bin', SERVER_BINARY), '');
    const r = findRuntime({ env: { TONEWRIGHT_VISION_DIR: root }, version: 'v1' });
    expect(r).toMatchObject({ built: false, source: 'cache', serverPath: join(root, 'v1', 'bin', SERVER_BINARY) });
  });

  it('prefers the cache, then a prebuilt runtime in the app resources; an explicit binary wins', () => {
    const root = mkdtempSync(join(tmpdir(), 'tw-rt-'));
    const resources = mkdtempSync(join(tmpdir(), 'tw-res-'));
    fakeRuntime(join(resources, 'vision'), 'v1');
    expect(findRuntime({ env: { TONEWRIGHT_VISION_DIR: root }, version: 'v1', resourcesDir: resources })).toMatchObject({ built: true, source: 'resources' });
    fakeRuntime(join(root, 'v1'), 'v1');
    expect(findRuntime({ env: { TONEWRIGHT_VISION_DIR: root }, version: 'v1', resourcesDir: resources })).toMatchObject({ built: true, source: 'cache', info: { portable: true } });
    expect(findRuntime({ env: { TONEWRIGHT_LLAMA_SERVER: '/nowhere/llama-server' }, version: 'v1' })).toMatchObject({ built: false, source: 'env' });
  });
});

describe('packaging', () => {
  it('electron-builder ships out/vision-runtime as resources/vision, where findRuntime looks', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseYaml } = await import('../../test/support/mini-yaml.ts');
    const config = parseYaml(readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8')) as { extraResources?: { from: string; to: string }[] };
    expect(config.extraResources).toContainEqual({ from: 'out/vision-runtime', to: 'vision' });
  });
});
