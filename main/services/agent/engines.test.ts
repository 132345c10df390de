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
