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
});
