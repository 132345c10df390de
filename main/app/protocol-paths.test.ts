import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAppUrl, joinInside, mediaUrl, resolveProtocolPath, uiContentType } from './protocol-paths.ts';

const HASH = 'a3f1c9e0b2d4f6a8a3f1c9e0b2d4f6a8a3f1c9e0b2d4f6a8a3f1c9e0b2d4f6a8';

const status = (url: string): number | 'ok' => {
  const r = resolveProtocolPath(url);
  return r.ok ? 'ok' : r.status;
};

describe('resolveProtocolPath', () => {
  it('resolves renderer files, defaulting to index.html', () => {
    expect(resolveProtocolPath(APP_ENTRY_URL)).toEqual({ ok: true, target: { kind: 'ui', path: 'index.html' } });
    expect(resolveProtocolPath('tw://app/')).toEqual({ ok: true, target: { kind: 'ui', path: 'index.html' } });
    expect(resolveProtocolPath('tw://app')).toEqual({ ok: true, target: { kind: 'ui', path: 'index.html' } });
    expect(resolveProtocolPath('tw://app/assets/index-B3xk_9.js?v=2#x')).toEqual({
      ok: true,
      target: { kind: 'ui', path: 'assets/index-B3xk_9.js' },
    });
  });

  it('resolves thumbnails and previews by content hash', () => {
    expect(resolveProtocolPath(`tw://app/media/thumb/${HASH}`)).toEqual({ ok: true, target: { kind: 'thumb', hash: HASH } });
    // An edited thumbnail's version (?v=settings digest) is passed on; a bad one is refused.
    expect(resolveProtocolPath(`tw://app/media/thumb/${HASH}?v=3f9a0c`)).toEqual({ ok: true, target: { kind: 'thumb', hash: HASH, version: '3f9a0c' } });
    expect(resolveProtocolPath(`tw://app/media/thumb/${HASH}?v=../x`)).toMatchObject({ ok: false, status: 400 });
    expect(resolveProtocolPath(`tw://app/media/preview/${HASH.toUpperCase()}.jpg?t=1`)).toEqual({
      ok: true,
      target: { kind: 'preview', hash: HASH },
    });
    expect(resolveProtocolPath('tw://app/media/thumb/0123456789abcdef.webp')).toEqual({
      ok: true,
      target: { kind: 'thumb', hash: '0123456789abcdef' },
    });
  });

  it('rejects path traversal in every spelling', () => {
    for (const url of [
      'tw://app/../../../etc/passwd',
      'tw://app/assets/../../main.js',
      'tw://app/%2e%2e/%2e%2e/etc/passwd',
      'tw://app/%2E%2E%2Fsecret.txt',
      'tw://app/assets%2f..%2f..%2fx.js',
      'tw://app/..%5c..%5cwin.ini',
      'tw://app\\..\\x.js',
      'tw://app/./index.html',
      'tw://app/a.js%00.png',
      `tw://app/media/thumb/../${HASH}`,
      `tw://app/media/../media/thumb/${HASH}`,
      `tw://app/../media/thumb/${HASH}`,
    ]) {
      expect(status(url), url).toBe(403);
    }
  });

  it('rejects unknown kinds, hosts and schemes', () => {
    expect(status(`tw://app/media/original/${HASH}`)).toBe(404);
    expect(status('tw://app/media/')).toBe(404);
    expect(status('tw://app/media')).toBe(404);
    expect(status('tw://app/api/invoke/app.info')).toBe(404);
    expect(status(`tw://evil/media/thumb/${HASH}`)).toBe(403);
    expect(status(`tw://user:pw@app/media/thumb/${HASH}`)).toBe(403);
    expect(status(`file:///media/thumb/${HASH}`)).toBe(400);
    expect(status(`https://app/media/thumb/${HASH}`)).toBe(400);
    expect(status('not a url')).toBe(400);
  });

  it('rejects non-hex, short, long or extra-segment hashes', () => {
    expect(status('tw://app/media/thumb/xyz0123456789abcdef')).toBe(400);
    expect(status('tw://app/media/thumb/0123456789abcde')).toBe(400);
    expect(status(`tw://app/media/thumb/${HASH}${HASH}${HASH}`)).toBe(400);
    expect(status(`tw://app/media/thumb/${HASH}.png`)).toBe(400);
    expect(status(`tw://app/media/thumb/${HASH}/x`)).toBe(404);
    expect(status('tw://app/media/preview/')).toBe(400);
    expect(status('tw://app/media/thumb/%zz')).toBe(400);
  });

  it('rejects hidden files and file types the renderer does not ship', () => {
    expect(status('tw://app/.env')).toBe(403);
    expect(status('tw://app/assets/.git')).toBe(403);
    expect(status('tw://app/main.ts')).toBe(403);
    expect(status('tw://app/catalog.db')).toBe(403);
    expect(status('tw://app/README')).toBe(403);
    expect(status('tw://app/a b.js')).toBe(400);
  });
});

describe('helpers', () => {
  it('builds media URLs that resolve back', () => {
    const url = mediaUrl('preview', HASH);
    expect(resolveProtocolPath(url)).toEqual({ ok: true, target: { kind: 'preview', hash: HASH } });
    expect(() => mediaUrl('thumb', '../x')).toThrow(/content hash/);
  });

  it('maps content types', () => {
    expect(uiContentType('index.html')).toMatch(/^text\/html/);
    expect(uiContentType('assets/a.JS')).toMatch(/^text\/javascript/);
    expect(uiContentType('x.bin')).toBe('application/octet-stream');
  });

  it('joinInside keeps paths inside the root', () => {
    const root = resolve('/srv/ui');
    expect(joinInside(root, 'assets/a.js')).toBe(join(root, 'assets', 'a.js'));
    expect(joinInside(root, '../secret')).toBeNull();
    expect(joinInside(root, '/etc/passwd')).toBeNull();
    expect(joinInside(root, '')).toBeNull();
    expect(joinInside(root, 'a/../../b')).toBeNull();
  });

  it('recognises the app origin only', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('tw://app/media/thumb/x')).toBe(true);
    expect(isAppUrl('tw://app.evil.com/')).toBe(false);
    expect(isAppUrl('https://example.com/')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('garbage')).toBe(false);
  });
});
