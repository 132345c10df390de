import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EventBus } from '../../ipc/dispatch.ts';
import type { CoreServices } from '../app-services.ts';
import { photoData, tempCatalog } from '../../../test/helpers/catalog-fixture.ts';
import { exportExtras } from './export-extras.ts';
import { writeFixture } from './testing.ts';

describe('export IPC channels', () => {
  const { catalog, dir } = tempCatalog([]);
  afterAll(() => {
    catalog.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts a job, emits progress and done, records the history', async () => {
    const file = await writeFixture(path.join(dir, 'lib', 'p.jpg'));
    const id = catalog.transaction(() => catalog.photos.insert(photoData(file), catalog.folders.ensure(path.dirname(file))));
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    const bus = new EventBus();
    const events: [string, unknown][] = [];
    const done = new Promise<unknown>((res) =>
      bus.subscribe((e, p) => {
        events.push([e, p]);
        if (e === 'export.done') res(p);
      }),
    );
    const h = exportExtras({ catalog, bus } as unknown as CoreServices);
    const { jobId } = await h['export.start']!({ photoIds: [id], options: { destination: out, quality: 90, nameTemplate: '{name}', metadata: 'all' } });
    const result = (await done) as { jobId: string; result: { written: { path: string }[] } };
    expect(result.jobId).toBe(jobId);
    expect(result.result.written.map((w) => path.basename(w.path))).toEqual(['p.jpg']);
    expect(events.some(([e]) => e === 'export.progress')).toBe(true);
    expect(catalog.exports.forPhoto(id)[0]).toMatchObject({ status: 'done', width: 64, height: 48 });
    expect(await h['export.cancel']!({ jobId })).toEqual({ cancelled: false });
  });

  it('rejects bad options as invalid input', async () => {
    const h = exportExtras({ catalog, bus: new EventBus() } as unknown as CoreServices);
    await expect(async () => h['export.start']!({ photoIds: [1], options: { destination: dir, quality: 90, nameTemplate: '{nope}', metadata: 'all' } })).rejects.toThrow(/unknown token/);
  });

  it('creates a missing destination folder when asked, and says what is wrong otherwise', async () => {
    const h = exportExtras({ catalog, bus: new EventBus() } as unknown as CoreServices);
    const opts = { quality: 90, nameTemplate: '{name}', metadata: 'all' as const };
    const missing = path.join(dir, 'new', 'deeper');
    await expect(async () => h['export.start']!({ photoIds: [1], options: { ...opts, destination: missing } })).rejects.toThrow(/does not exist/);
    expect(fs.existsSync(missing)).toBe(false);
    await expect(async () => h['export.start']!({ photoIds: [1], options: { ...opts, destination: 'relative/out', createFolder: true } })).rejects.toThrow(/absolute/);
    const file = path.join(dir, 'a-file');
    fs.writeFileSync(file, 'x');
    await expect(async () => h['export.start']!({ photoIds: [1], options: { ...opts, destination: file, createFolder: true } })).rejects.toThrow(/is a file/);
    await expect(async () => h['export.start']!({ photoIds: [1], options: { ...opts, destination: path.join(file, 'sub'), createFolder: true } })).rejects.toThrow(/cannot create/);
    const done = new Promise<void>((res) => { const bus = new EventBus(); bus.subscribe((e) => e === 'export.done' && res()); void exportExtras({ catalog, bus } as unknown as CoreServices)['export.start']!({ photoIds: [1], options: { ...opts, destination: missing, createFolder: true } }); });
    await done;
    expect(fs.statSync(missing).isDirectory()).toBe(true);
  });
});
