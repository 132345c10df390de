import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { bundleWorkerCode, bundledWorker, cacheFile } from './worker-bundle.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('bundledWorker', () => {
  it('bundles the render worker into one module file that starts without tsx', async () => {
    const url = bundledWorker(path.join(here, 'render-worker.ts'));
    expect(url?.protocol).toBe('file:');
    expect(fs.readFileSync(url!, 'utf8')).toContain('render-worker.ts');
    expect(bundledWorker(path.join(here, 'render-worker.ts'))).toBe(url); // once per process
    const w = new Worker(url!, { execArgv: [] });
    try {
      // Its first message says the pipeline loaded.
      const reply = await new Promise<{ type: string }>((resolve, reject) => {
        w.once('message', resolve);
        w.once('error', reject);
      });
      expect(reply.type).toBe('ready');
    } finally {
      await w.terminate();
    }
  });

  it('refuses code that imports a package (the module could not resolve it) and files it cannot build', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-bundle-'));
    try {
      const withPackage = path.join(dir, 'uses-package.ts');
      fs.writeFileSync(withPackage, "import sharp from 'sharp';\nconsole.log(sharp);\n");
      expect(bundledWorker(withPackage)).toBeNull();
      const broken = path.join(dir, 'broken.ts');
      fs.writeFileSync(broken, 'export const = ;\n');
      expect(bundledWorker(broken)).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is kept between processes while its sources are unchanged', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-bundle-'));
    const entry = path.join(dir, 'entry.ts');
    try {
      fs.writeFileSync(path.join(dir, 'dep.ts'), 'export const value: number = 1;\n');
      fs.writeFileSync(entry, "import { value } from './dep.ts';\nconsole.log(value);\n");
      const code = (u: URL) => fs.readFileSync(u, 'utf8');
      const first = bundleWorkerCode(entry)!;
      expect(first.cached).toBe(false);
      const again = bundleWorkerCode(entry)!;
      expect(again.cached).toBe(true);
      expect(code(again.url)).toBe(code(first.url));
      fs.writeFileSync(path.join(dir, 'dep.ts'), 'export const value: number = 12345;\n');
      const changed = bundleWorkerCode(entry)!;
      expect(changed.cached).toBe(false);
      expect(code(changed.url)).toContain('12345');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(cacheFile(entry), { force: true });
    }
  });
});
