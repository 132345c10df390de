import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { main } from '../main/cli/index.ts';
import { openCatalog } from '../main/services/catalog/catalog.ts';
import { DevelopService } from '../main/services/develop/develop-service.ts';

const SIDECAR = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
 <rdf:Description rdf:about="" xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/"
  crs:Version="15.0" crs:ProcessVersion="11.0" crs:Exposure2012="+0.50" crs:Contrast2012="+20" crs:Vibrance="+15"/>
</rdf:RDF></x:xmpmeta>`;

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd: process.cwd() });
  return { code, out, err };
}

describe('import with Lightroom sidecars', () => {
  it('lists sidecars, and applies them as one undoable import turn with --sidecars', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-sc-'));
    process.env.TONEWRIGHT_DATA = join(dir, 'data');
    const lib = join(dir, 'lib');
    mkdirSync(lib);
    const px = Buffer.alloc(64 * 48 * 3, 100);
    await sharp(px, { raw: { width: 64, height: 48, channels: 3 } }).jpeg().toFile(join(lib, 'IMG_0001.jpg'));
    await sharp(Buffer.alloc(64 * 48 * 3, 150), { raw: { width: 64, height: 48, channels: 3 } }).jpeg().toFile(join(lib, 'IMG_0002.jpg'));
    writeFileSync(join(lib, 'IMG_0001.xmp'), SIDECAR);
    const db = join(dir, 'cat.db');

    const first = await run(['import', lib, '--catalog', db, '--json', '--workers', '1']);
    expect(first.code).toBe(0);
    const s1 = JSON.parse(first.out);
    expect(s1.imported).toBe(2);
    expect(s1.sidecars.found).toEqual([join(lib, 'IMG_0001.xmp')]);

    const second = await run(['import', lib, '--catalog', db, '--json', '--workers', '1', '--sidecars']);
    const s2 = JSON.parse(second.out);
    expect(s2.sidecars.applied).toHaveLength(1);
    const cat = openCatalog(db);
    try {
      const id = cat.photos.byPath(join(lib, 'IMG_0001.jpg'))!.id;
      const develop = new DevelopService(cat);
      const settings = develop.settings(id);
      expect(settings.ops.tone.exposure).toBe(0.5);
      expect(settings.ops.tone.contrast).toBe(20);
      expect(settings.ops.color.vibrance).toBe(15);
      expect(develop.stack(id).steps.every((s) => s.source === 'import')).toBe(true);
      develop.undo(id, 'turn');
      expect(develop.settings(id).ops.tone.exposure).toBe(0);
    } finally {
      cat.close();
    }
    // A photo with edits is never overwritten by its sidecar.
    const third = JSON.parse((await run(['import', lib, '--catalog', db, '--json', '--workers', '1', '--sidecars'])).out);
    expect(third.sidecars.found ?? third.sidecars.applied).toEqual([]);
  }, 120_000);
});
