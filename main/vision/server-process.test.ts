import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeTinyVisionPair } from '../../test/helpers/tiny-vision-pair.ts';
import { visionRuntimeForTests } from '../../test/helpers/vision-runtime.ts';
import { ServerProcess } from './server-process.ts';

const { runtime, skip } = visionRuntimeForTests('llama-server process');
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.skipIf(!!skip)(`ServerProcess${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const pair = writeTinyVisionPair(mkdtempSync(join(tmpdir(), 'tw-sp-')));

  it('passes the API key in the environment, not on the command line, and binds loopback only', () => {
    const p = new ServerProcess({ serverPath: runtime!.serverPath, binDir: runtime!.binDir, model: pair.model, mmproj: pair.mmproj, port: 1, threads: 1, contextSize: 512 });
    expect(p.args().join(' ')).not.toContain(p.apiKey);
    expect(p.args()).toEqual(expect.arrayContaining(['--host', '127.0.0.1', '--offline', '--no-webui']));
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('the child dies with its parent on %s', async (sig) => {
    const script = `
      import { ServerProcess } from './main/vision/server-process.ts';
      import { freeLoopbackPort } from './main/vision/free-port.ts';
      const p = new ServerProcess({ serverPath: ${JSON.stringify(runtime!.serverPath)}, binDir: ${JSON.stringify(runtime!.binDir)}, model: ${JSON.stringify(pair.model)}, mmproj: ${JSON.stringify(pair.mmproj)}, port: await freeLoopbackPort(), threads: 1, contextSize: 512 });
      await p.start();
      console.log(p.pid);
      setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const pid = await new Promise<number>((resolve, reject) => {
      parent.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim())));
      parent.once('exit', (code) => reject(new Error(`parent exited early (${code})`)));
    });
    expect(alive(pid)).toBe(true);
    const exited = new Promise((r) => parent.once('exit', (_c, s) => r(s)));
    parent.kill(sig);
    expect(await exited).toBe(sig);
    for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 20));
    expect(alive(pid)).toBe(false);
  }, 60_000);
});
