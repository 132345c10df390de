import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { tempCatalog } from '../../test/helpers/catalog-fixture.ts';
import { ExportPresetsRepository } from './export-presets.ts';

describe('export presets', () => {
  const { catalog, dir } = tempCatalog([]);
  afterAll(() => {
    catalog.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const repo = new ExportPresetsRepository(catalog.db);

  it('saves, replaces by name (case-insensitive), lists and removes', () => {
    const id = repo.save('Web 2048', { quality: 85, size: { mode: 'longEdge', pixels: 2048 } });
    expect(repo.save('web 2048', { quality: 80 })).toBe(id);
    repo.save('Print', { quality: 100, sharpen: { medium: 'matte', amount: 'standard' } });
    expect(repo.list().map((p) => p.name)).toEqual(['Print', 'Web 2048']);
    expect(repo.byName('WEB 2048')!.settings).toEqual({ quality: 80 });
    expect(repo.remove('print')).toBe(true);
    expect(repo.remove('print')).toBe(false);
    expect(() => repo.save('  ', {})).toThrow(/name/);
  });
});
