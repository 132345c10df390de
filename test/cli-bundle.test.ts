import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module without types (it runs before tsx is registered)
import { importBundled } from '../bin/cli-bundle.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'tonewright');
const list = () => (fs.existsSync(CACHE) ? fs.readdirSync(CACHE) : []);

// The bundles of this test's temporary entries are removed afterwards (the CLI's own stay).
let before: Set<string>;
beforeAll(() => {
  before = new Set(list());
});
afterAll(() => {
  for (const f of list()) if (!before.has(f) && !f.includes('.tmp')) fs.rmSync(path.join(CACHE, f), { force: true });
});

describe('the CLI bundle (bin/cli-bundle.mjs)', () => {
  it('keeps each source’s import.meta.url, and is rebuilt when a source changes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-cli-bundle-'));
    try {
      const entry = path.join(dir, 'entry.ts');
      const dep = path.join(dir, 'dep.ts');
      fs.writeFileSync(dep, 'export const value: number = 1;\nexport const depUrl = import.meta.url;\n');
      fs.writeFileSync(entry, "export { value, depUrl } from './dep.ts';\nexport const entryUrl: string = import.meta.url;\n");
      const rel = path.relative(ROOT, entry);
      const first = await importBundled(rel);
      expect(first.value).toBe(1);
      expect(first.entryUrl).toBe(pathToFileURL(entry).href);
      expect(first.depUrl).toBe(pathToFileURL(dep).href);
      // A new process would take the cached bundle: the same module again.
      expect(await importBundled(rel)).toBe(first);
      fs.writeFileSync(dep, 'export const value: number = 22;\nexport const depUrl = import.meta.url;\n');
      const changed = await importBundled(rel);
      expect(changed.value).toBe(22);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives null (the caller falls back to tsx) for an entry that does not build', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-cli-bundle-'));
    try {
      const entry = path.join(dir, 'broken.ts');
      fs.writeFileSync(entry, 'export const = ;\n');
      expect(await importBundled(path.relative(ROOT, entry))).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
