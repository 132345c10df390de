import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../ipc/dispatch.ts';
import { openCatalog, type Catalog } from '../catalog/catalog.ts';
import { DevelopService } from '../develop/develop-service.ts';
import { ImportJobs } from '../jobs/import-jobs.ts';
import { importExtras } from './import-extras.ts';

const SIDECAR = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
 <rdf:Description rdf:about="" xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/" crs:Version="15.0" crs:Exposure2012="+0.50" crs:Vibrance="+15"/>
</rdf:RDF></x:xmpmeta>`;

let cat: Catalog | undefined;
afterEach(() => cat?.close());

describe('import dialog: Lightroom sidecars', () => {
  it('the import job reports the sidecars it found; applying them is one import turn per photo, edited photos are skipped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-isc-'));
    const lib = join(dir, 'lib');
    mkdirSync(lib);
    for (const [name, v] of [['A.jpg', 100], ['B.jpg', 150], ['C.jpg', 90]] as const)
      await sharp(Buffer.alloc(64 * 48 * 3, v), { raw: { width: 64, height: 48, channels: 3 } }).jpeg().toFile(join(lib, name));
    writeFileSync(join(lib, 'A.xmp'), SIDECAR);
    writeFileSync(join(lib, 'C.xmp'), SIDECAR);
    cat = openCatalog(join(dir, 'cat.db'));
    const bus = new EventBus();
    const done = new Promise<{ sidecars?: { photoId: number; sidecar: string }[] }>((res) =>
      bus.subscribe((e, p) => e === 'import.done' && res((p as { summary: { sidecars?: { photoId: number; sidecar: string }[] } }).summary)),
    );
    new ImportJobs(cat, join(dir, 'cache'), bus).start([lib]);
    const summary = await done;
    expect(summary.sidecars?.map((s) => s.sidecar).sort()).toEqual([join(lib, 'A.xmp'), join(lib, 'C.xmp')]);

    const develop = new DevelopService(cat);
    const [a, b, c] = ['A.jpg', 'B.jpg', 'C.jpg'].map((n) => cat!.photos.byPath(join(lib, n))!.id);
    develop.commit(c, 'tone', { exposure: -1 });
    const h = importExtras({ catalog: cat, develop });
    const r = await h['import.applySidecars']!({ photoIds: [a, b, c] });
    expect(r.applied.map((x) => x.photoId)).toEqual([a]);
    expect(r.failed.map((f) => f.error).join('; ')).toMatch(/no sidecar.*|already has edits/);
    expect(r.failed).toHaveLength(2);
    expect(develop.settings(a).ops.tone.exposure).toBe(0.5);
    expect(develop.settings(c).ops.tone.exposure).toBe(-1);
    // One undoable step turn: undoing the turn removes the sidecar's edits.
    develop.undo(a, 'turn');
    expect(develop.settings(a).ops.tone.exposure).toBe(0);
    await expect(async () => h['import.applySidecars']!({ photoIds: [9999] })).rejects.toThrow(/not in the catalog/);
  }, 60_000);
});
