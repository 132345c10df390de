import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTinyVisionPair } from '../../test/helpers/tiny-vision-pair.ts';
import { visionRuntimeForTests } from '../../test/helpers/vision-runtime.ts';
import { VisionSupervisor } from './supervisor.ts';

const { runtime, skip } = visionRuntimeForTests('vision supervisor');

async function exited(s: VisionSupervisor, pid: number): Promise<void> {
  process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 200 && s.pid === pid; i++) await new Promise((r) => setTimeout(r, 10));
}

describe.skipIf(!!skip)(`VisionSupervisor on the real llama-server${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const pair = writeTinyVisionPair(mkdtempSync(join(tmpdir(), 'tw-sup-')));
  const make = () => new VisionSupervisor({ serverPath: runtime!.serverPath, binDir: runtime!.binDir, model: pair.model, mmproj: pair.mmproj, threads: 1, contextSize: 1024, backoffMs: [20, 40] });

  it('restarts after each crash with a new port and API key, and gives up after the back-off runs out', async () => {
    const s = make();
    try {
      const first = await s.ready();
      await exited(s, first.pid!);
      const second = await s.ready();
      expect(second.pid).not.toBe(first.pid);
      expect(second.apiKey).not.toBe(first.apiKey);
      await exited(s, second.pid!);
      const third = await s.ready();
      expect(s.launches).toBe(3);
      await exited(s, third.pid!);
      await expect(s.ready()).rejects.toThrow(/crashed 3 times in a row; giving up/);
    } finally {
      await s.shutdown();
    }
  }, 60_000);

  it('refuses to serve after shutdown', async () => {
    const s = make();
    await s.ready();
    await s.shutdown();
    expect(s.pid).toBeUndefined();
    await expect(s.ready()).rejects.toThrow(/shut down/);
  });
});
