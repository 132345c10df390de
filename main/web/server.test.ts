import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, EventBus } from '../ipc/dispatch.ts';
import { startWebServer, type RunningWebServer } from './server.ts';

const dir = mkdtempSync(join(tmpdir(), 'tw-web-'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>tw</title>');
writeFileSync(join(dir, 'app.js'), 'console.log(1)');
const thumb = join(dir, 'thumb.jpg');
writeFileSync(thumb, 'jpegbytes');
const bus = new EventBus();
let srv: RunningWebServer;

function raw(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: srv.port, path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${srv.port}`, ...opts.headers } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

beforeAll(async () => {
  srv = await startWebServer({
    dispatch: createDispatcher({ 'library.setMarks': async (i) => ({ updated: i.photoIds.length }) }),
    bus,
    staticDir: dir,
    resolveMedia: (kind, key) => (kind === 'thumb' && key === 'abc123' ? thumb : null),
  });
});
afterAll(() => srv.close());

const api = (token: string | null, extra: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(token ? { 'x-tonewright-token': token } : {}), ...extra },
  body: JSON.stringify({ photoIds: [1, 2, 3] }),
});

describe('browser-mode server', () => {
  it('prints a loopback URL with the token', () => {
    expect(srv.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });
  it('serves the contract with the token', async () => {
    const r = await raw('/api/invoke/library.setMarks', api(srv.token));
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ ok: true, value: { updated: 3 } });
  });
  it('refuses API calls without or with a wrong token', async () => {
    expect((await raw('/api/invoke/library.setMarks', api(null))).status).toBe(401);
    expect((await raw('/api/invoke/library.setMarks', api('nope'))).status).toBe(401);
  });
  it('refuses a foreign Origin (CSRF) even with the cookie', async () => {
    const r = await raw('/api/invoke/library.setMarks', api(srv.token, { origin: 'https://evil.example' }));
    expect(r.status).toBe(403);
  });
  it('refuses a foreign Host (DNS rebinding)', async () => {
    const r = await raw('/api/invoke/library.setMarks', api(srv.token, { host: `evil.example:${srv.port}` }));
    expect(r.status).toBe(421);
  });
  it('the API does not accept the cookie alone', async () => {
    const r = await raw('/api/invoke/library.setMarks', api(null, { cookie: `tw_token=${srv.token}` }));
    expect(r.status).toBe(401);
  });
  it('index needs the token and sets a strict cookie and a CSP', async () => {
    expect((await raw('/')).status).toBe(401);
    const r = await raw(`/?token=${srv.token}`);
    expect(r.status).toBe(200);
    expect(String(r.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    expect(String(r.headers['content-security-policy'])).toMatch(/default-src 'self'/);
  });
  it('media only for files the catalog knows, with the cookie', async () => {
    expect((await raw('/media/thumb/abc123')).status).toBe(401);
    expect((await raw('/media/thumb/abc123', { headers: { cookie: `tw_token=${srv.token}` } })).body).toBe('jpegbytes');
    expect((await raw('/media/thumb/..%2F..%2Fetc%2Fpasswd', { headers: { cookie: `tw_token=${srv.token}` } })).status).toBe(404);
  });
  it('static files stay inside the app folder', async () => {
    expect((await raw('/app.js')).status).toBe(200);
    expect((await raw('/..%2F..%2Fetc%2Fpasswd')).status).toBe(403);
  });
  it('invalid input is a 400 with the field named', async () => {
    const r = await raw('/api/invoke/library.setMarks', { ...api(srv.token), body: JSON.stringify({ photoIds: [] }) });
    expect(r.status).toBe(400);
    expect(r.body).toMatch(/photoIds/);
  });
  it('streams events to SSE clients', async () => {
    const got = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: srv.port, path: '/api/events', headers: { host: `127.0.0.1:${srv.port}`, cookie: `tw_token=${srv.token}` } }, (res) => {
        let buf = '';
        res.on('data', (c) => {
          buf += c;
          if (buf.includes('agent.token')) {
            req.destroy();
            resolve(buf);
          }
        });
        setTimeout(() => bus.emit('agent.token', { photoId: 1, text: 'hello' }), 50);
      });
      req.on('error', (e) => (e.message.includes('aborted') ? undefined : reject(e)));
      req.end();
    });
    expect(got).toContain('"text":"hello"');
  });
});
