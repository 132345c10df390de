/**
 * Browser mode's HTTP server: the renderer's static files, the IPC contract over HTTP
 * (POST /api/invoke/<channel>), events over Server-Sent Events (GET /api/events) and catalog
 * media (GET /media/<kind>/<key>). Loopback only unless a host is given; every request passes
 * the guards in guard.ts.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import type { Dispatch, EventBus } from '../ipc/dispatch.ts';
import { allowedHostsFor, checkHostAndOrigin, checkToken, newToken, TOKEN_COOKIE, type GuardConfig } from './guard.ts';

export interface WebServerOptions {
  dispatch: Dispatch;
  bus: EventBus;
  /** Folder with the built renderer (index.html and assets). */
  staticDir: string;
  /** Maps a media request to a file the catalog knows, or null (404). */
  resolveMedia: (kind: string, key: string, version?: string | null) => Promise<string | null> | string | null;
  port?: number;
  host?: string;
  token?: string;
  maxBodyBytes?: number;
}

export interface RunningWebServer {
  server: Server;
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
};

const CSP = "default-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json');
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error(`request body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function serveFile(res: ServerResponse, path: string, extraHeaders: Record<string, string> = {}): Promise<boolean> {
  const st = await stat(path).catch(() => null);
  if (!st || !st.isFile()) return false;
  res.writeHead(200, {
    'content-type': MIME[extname(path).toLowerCase()] ?? 'application/octet-stream',
    'content-length': String(st.size),
    'x-content-type-options': 'nosniff',
    ...extraHeaders,
  });
  createReadStream(path).pipe(res);
  return true;
}

export async function startWebServer(o: WebServerOptions): Promise<RunningWebServer> {
  const host = o.host ?? '127.0.0.1';
  const token = o.token ?? newToken();
  const cfg: GuardConfig = { token, allowedHosts: new Set() };
  const staticRoot = normalize(o.staticDir + sep);
  const clients = new Set<ServerResponse>();
  const unsubscribe = o.bus.subscribe((event, payload) => {
    const frame = `event: message\ndata: ${JSON.stringify({ event, payload })}\n\n`;
    for (const c of clients) c.write(frame);
  });

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://local');
      const hostCheck = checkHostAndOrigin(req, cfg);
      if (!hostCheck.ok) return send(res, hostCheck.status, hostCheck.message);

      if (url.pathname.startsWith('/api/invoke/')) {
        if (req.method !== 'POST') return send(res, 405, 'POST only');
        const tok = checkToken(req, cfg, { allowCookie: false });
        if (!tok.ok) return send(res, tok.status, tok.message);
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'application/json only');
        let input: unknown;
        try {
          const body = await readBody(req, o.maxBodyBytes ?? 4 * 1024 * 1024);
          input = body ? JSON.parse(body) : {};
        } catch (err) {
          return sendJson(res, 400, { ok: false, error: { kind: 'invalid-input', message: (err as Error).message } });
        }
        const result = await o.dispatch(decodeURIComponent(url.pathname.slice('/api/invoke/'.length)), input);
        return sendJson(res, result.ok ? 200 : result.error.kind === 'invalid-input' ? 400 : result.error.kind === 'not-found' ? 404 : 500, result);
      }

      if (url.pathname === '/api/events') {
        const tok = checkToken(req, cfg, { allowCookie: true });
        if (!tok.ok) return send(res, tok.status, tok.message);
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': connected\n\n');
        clients.add(res);
        res.on('close', () => clients.delete(res));
        return;
      }

      if (url.pathname.startsWith('/media/')) {
        const tok = checkToken(req, cfg, { allowCookie: true });
        if (!tok.ok) return send(res, tok.status, tok.message);
        const [, , kind, key] = url.pathname.split('/');
        // `?v=` names a version (an edited thumbnail); the same URL always means the same image.
        const file = kind && key ? await o.resolveMedia(kind, decodeURIComponent(key), url.searchParams.get('v')) : null;
        if (!file || !(await serveFile(res, file, { 'cache-control': 'private, max-age=3600' }))) return send(res, 404, 'not found');
        return;
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
      // The app shell: index.html needs the token (query on first load, then the cookie).
      const isIndex = url.pathname === '/' || url.pathname === '/index.html';
      if (isIndex) {
        const tok = checkToken(req, cfg, { allowCookie: true, queryToken: url.searchParams.get('token') });
        if (!tok.ok) return send(res, tok.status, tok.message);
        const ok = await serveFile(res, join(staticRoot, 'index.html'), {
          'set-cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          'content-security-policy': CSP,
          'cache-control': 'no-store',
        });
        if (!ok) send(res, 500, 'the renderer is not built: run `npm run build:renderer`');
        return;
      }
      const file = normalize(join(staticRoot, decodeURIComponent(url.pathname)));
      if (!file.startsWith(staticRoot)) return send(res, 403, 'path outside the app');
      if (!(await serveFile(res, file, { 'cache-control': 'no-cache' }))) send(res, 404, 'not found');
    } catch (err) {
      if (!res.headersSent) send(res, 500, (err as Error).message);
      else res.end();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  for (const h of allowedHostsFor(host, port)) cfg.allowedHosts.add(h);
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    server,
    token,
    port,
    url: `http://${shownHost}:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const c of clients) c.end();
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}
