import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { VisionEngine } from '../../agent/engine/vision-engine.ts';
import { writeTinyVisionPair } from '../../../test/helpers/tiny-vision-pair.ts';
import { Engines } from './engines.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-engines-'));
  dirs.push(d);
  return d;
}

/** A stand-in for the supervised llama-server engine: records what it was given. */
function fakeVision(log: string[]) {
  return (mmproj: string) => {
    let loadedPath: string | undefined;
    return {
      id: 'vision',
      get loaded() {
        return loadedPath !== undefined;
      },
      describe: () => `vision: ${path.basename(loadedPath ?? '')}`,
      load: async (p?: string) => {
        log.push(`load ${path.basename(p!)} + ${path.basename(mmproj)}`);
        loadedPath = p;
      },
      unload: async () => {
        log.push('unload');
        loadedPath = undefined;
      },
    } as unknown as VisionEngine;
  };
}

describe('Engines: the vision engine', () => {
  it('selects a registered vision pair, hands the agent that engine, and unloads it on dispose', async () => {
    const data = tmp();
    const pair = writeTinyVisionPair(tmp());
    const log: string[] = [];
    const engines = new Engines(data, undefined, fakeVision(log));
    const added = await engines.addModel(pair.model, pair.mmproj);
    expect(added.vision).toBe(true);
    const info = await engines.select('vision', added.id);
    expect(info.active).toBe('vision');
    expect(info.engines.map((e) => e.id)).toEqual(['builtin', 'llama', 'vision']);
    // The manifest's recommended pairs are listed too, as not downloaded.
    expect(info.engines[2].models.filter((m) => m.available).map((m) => m.id)).toEqual([added.id]);
    expect(info.engines[2].models.length).toBeGreaterThan(1);
    expect(log).toEqual([`load ${path.basename(pair.model)} + ${path.basename(pair.mmproj)}`]);
    expect(engines.current()?.id).toBe('vision');
    await engines.select('builtin');
    expect(engines.current()).toBeNull();
    await engines.dispose();
    expect(log).toContain('unload');
  });

  it('without a vision pair the choice fails with a clear message and the built-in planner stays', async () => {
    const engines = new Engines(tmp(), undefined, fakeVision([]));
    await expect(engines.select('vision')).rejects.toThrow(/no vision model is available.*--mmproj/);
    expect((await engines.info()).active).toBe('builtin');
    await expect(engines.select('telepathy')).rejects.toThrow(/unknown engine "telepathy" \(builtin, llama or vision\)/);
  });
});

describe('Engines: building the vision runtime on first use', () => {
  it('offers the build when the runtime is missing, builds once in the background, reports progress and the end', async () => {
    let built = false;
    let finish!: () => void;
    const builds: number[] = [];
    const build = (o: { log?: (l: string) => void }) => {
      builds.push(Date.now());
      o.log?.('vision build: 10/100 (10%)');
      return new Promise<void>((resolve) => {
        finish = () => {
          built = true;
          resolve();
        };
      });
    };
    const engines = new Engines(tmp(), undefined, fakeVision([]), build as never, () => built);
    const lines: Array<{ line: string; done: boolean; ok?: boolean }> = [];
    expect((await engines.info()).engines[2]).toMatchObject({ id: 'vision', needsRuntime: true, building: false });
    expect(engines.buildRuntime((p) => lines.push(p))).toEqual({ started: true, built: false });
    expect(engines.buildRuntime((p) => lines.push(p))).toEqual({ started: false, built: false });
    expect((await engines.info()).engines[2]).toMatchObject({ needsRuntime: true, building: true });
    finish();
    await new Promise((r) => setTimeout(r, 0));
    expect(builds).toHaveLength(1);
    expect(lines[0]).toEqual({ line: 'vision build: 10/100 (10%)', done: false });
    expect(lines.at(-1)).toMatchObject({ done: true, ok: true });
    expect((await engines.info()).engines[2]).toMatchObject({ needsRuntime: false, building: false });
    expect(engines.buildRuntime(() => {})).toEqual({ started: false, built: true });
  });

  it('a failed build says why and can be tried again', async () => {
    const engines = new Engines(tmp(), undefined, fakeVision([]), (() => Promise.reject(new Error('cmake not found'))) as never, () => false);
    const lines: Array<{ done: boolean; ok?: boolean; error?: string }> = [];
    engines.buildRuntime((p) => lines.push(p));
    await new Promise((r) => setTimeout(r, 0));
    expect(lines.at(-1)).toMatchObject({ done: true, ok: false, error: 'cmake not found' });
    expect(engines.buildRuntime(() => {}).started).toBe(true);
  });
});
