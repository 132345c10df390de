import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tinyGgufBuffer, writeTinyGguf } from '../../../test/helpers/tiny-gguf.ts';
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
});
