import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tinyGgufBuffer, writeTinyGguf } from '../../../test/helpers/tiny-gguf.ts';
import { tinyMmprojBuffer, writeTinyVisionPair } from '../../../test/helpers/tiny-vision-pair.ts';
import { readGgufHeader } from './gguf-header.ts';
import { ModelManager, type ManifestModel } from './manager.ts';

const manifest: ManifestModel[] = [{ id: 'tiny', name: 'Tiny', file: 'tiny.gguf', url: 'https://models.invalid/tiny.gguf', sha256: null }];

describe('readGgufHeader', () => {
  it('reads architecture and name', async () => {
    const p = writeTinyGguf(join(mkdtempSync(join(tmpdir(), 'tw-g-')), 't.gguf'));
    const h = await readGgufHeader(p);
    expect(h.architecture).toBe('llama');
    expect(h.name).toBe('tonewright-tiny-test');
    expect(h.tensorCount).toBeGreaterThan(3);
  });
  it.each([
    ['not gguf', Buffer.from('hello world, this is not a model at all')],
    ['truncated', tinyGgufBuffer().subarray(0, 40)],
  ])('rejects %s', async (_n, buf) => {
    const p = join(mkdtempSync(join(tmpdir(), 'tw-g-')), 'x.gguf');
    writeFileSync(p, buf);
    await expect(readGgufHeader(p)).rejects.toThrow(/GGUF/);
  });
});

describe('ModelManager', () => {
  it('adds a local GGUF, lists it and makes it active', async () => {
    const data = mkdtempSync(join(tmpdir(), 'tw-m-'));
    const m = new ModelManager(data, manifest);
    const p = writeTinyGguf(join(data, 'mine.gguf'));
    const info = await m.addLocal(p);
    expect(info.available).toBe(true);
    await m.setActive(info.id);
    expect((await m.active())?.path).toBe(p);
    const list = await m.list();
    expect(list.find((x) => x.id === 'tiny')?.available).toBe(false);
  });
  it('refuses a file that is not a GGUF', async () => {
    const data = mkdtempSync(join(tmpdir(), 'tw-m-'));
    const p = join(data, 'fake.gguf');
    writeFileSync(p, 'not a model');
    await expect(new ModelManager(data, manifest).addLocal(p)).rejects.toThrow(/cannot add .*bad magic/);
  });
  it('offline download gives a clear error and leaves no partial file', async () => {
    const data = mkdtempSync(join(tmpdir(), 'tw-m-'));
    const offline = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    await expect(new ModelManager(data, manifest, offline).download('tiny')).rejects.toThrow(/no connection to models.invalid/);
    expect(existsSync(join(data, 'models', 'tiny.gguf.part'))).toBe(false);
  });
  it('downloads with progress and verifies the header', async () => {
    const data = mkdtempSync(join(tmpdir(), 'tw-m-'));
    const body = tinyGgufBuffer();
    const fake = (async () => new Response(new Uint8Array(body), { headers: { 'content-length': String(body.length) } })) as unknown as typeof fetch;
    const seen: number[] = [];
    const info = await new ModelManager(data, manifest, fake).download('tiny', (p) => seen.push(p.received));
    expect(info.available).toBe(true);
    expect(seen[seen.length - 1]).toBe(body.length);
  });

  describe('vision pairs', () => {
    const visionManifest: ManifestModel[] = [
      {
        id: 'tiny-vl',
        name: 'Tiny VL',
        file: 'tiny-vl.gguf',
        url: 'https://models.invalid/tiny-vl.gguf',
        vision: true,
        mmproj: { file: 'mmproj-tiny-vl.gguf', url: 'https://models.invalid/mmproj-tiny-vl.gguf', projector: 'mlp' },
      },
    ];
    it('a manifest pair is available only when both files are there', async () => {
      const data = mkdtempSync(join(tmpdir(), 'tw-m-'));
      const m = new ModelManager(data, visionManifest);
      const dir = join(data, 'models', 'tiny-vl');
      const { mkdirSync } = await import('node:fs');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'tiny-vl.gguf'), tinyGgufBuffer());
      expect((await m.list())[0]).toMatchObject({ available: false, vision: true });
      writeFileSync(join(dir, 'mmproj-tiny-vl.gguf'), tinyMmprojBuffer());
      expect((await m.list())[0]).toMatchObject({ available: true, mmprojPath: join(dir, 'mmproj-tiny-vl.gguf') });
    });
    it('adds a local pair, and refuses a projector from another model or a projector as the model', async () => {
      const data = mkdtempSync(join(tmpdir(), 'tw-m-'));
      const m = new ModelManager(data, []);
      const pair = writeTinyVisionPair(data);
      const info = await m.addLocal(pair.model, pair.mmproj);
      expect(info).toMatchObject({ vision: true, mmprojPath: pair.mmproj });
      expect((await m.list())[0]).toMatchObject({ vision: true, available: true, mmprojPath: pair.mmproj });
      const other = join(data, 'other.gguf');
      writeFileSync(other, tinyMmprojBuffer({ projectionDim: 32 }));
      await expect(m.addLocal(pair.model, other)).rejects.toThrow(/does not belong/);
      await expect(m.addLocal(pair.mmproj)).rejects.toThrow(/is a projector \(mmproj\)/);
      await expect(m.addLocal(pair.model, join(data, 'missing.gguf'))).rejects.toThrow(/mmproj.*file not found/);
    });
    it('downloads both files with combined progress and checks the projector family', async () => {
      const data = mkdtempSync(join(tmpdir(), 'tw-m-'));
      const bodies: Record<string, Buffer> = { 'tiny-vl.gguf': tinyGgufBuffer(), 'mmproj-tiny-vl.gguf': tinyMmprojBuffer() };
      const fake = (async (url: string) => {
        const b = bodies[url.split('/').pop()!];
        return new Response(new Uint8Array(b), { headers: { 'content-length': String(b.length) } });
      }) as unknown as typeof fetch;
      const seen: number[] = [];
      const info = await new ModelManager(data, visionManifest, fake).download('tiny-vl', (p) => seen.push(p.received));
      expect(info).toMatchObject({ available: true, vision: true });
      expect(seen[seen.length - 1]).toBe(bodies['tiny-vl.gguf'].length + bodies['mmproj-tiny-vl.gguf'].length);
      const wrongFamily = [{ ...visionManifest[0], mmproj: { ...visionManifest[0].mmproj!, projector: 'qwen2.5vl_merger' } }];
      await expect(new ModelManager(mkdtempSync(join(tmpdir(), 'tw-m-')), wrongFamily, fake).download('tiny-vl')).rejects.toThrow(/declares projector "mlp".*expects "qwen2.5vl_merger"/);
    });
  });
});
