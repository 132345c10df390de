/**
 * Request guards for browser mode, which must behave like a local service: a random token per
 * start required on every API request, and Host/Origin checks so that neither another website
 * in the user's browser (CSRF) nor DNS rebinding can drive it.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export const TOKEN_HEADER = 'x-tonewright-token';
export const TOKEN_COOKIE = 'tw_token';

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface GuardConfig {
  token: string;
  /** host:port values the server answers to (e.g. 127.0.0.1:5173, localhost:5173). */
  allowedHosts: Set<string>;
}

export function allowedHostsFor(host: string, port: number): Set<string> {
  const names = new Set([host, '127.0.0.1', 'localhost', '[::1]']);
  if (host === '0.0.0.0' || host === '::') names.delete(host);
  return new Set([...names].map((h) => `${h.includes(':') && !h.startsWith('[') ? `[${h}]` : h}:${port}`));
}

export function cookieToken(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === TOKEN_COOKIE) return v.join('=');
  }
  return undefined;
}

export type GuardVerdict = { ok: true } | { ok: false; status: number; message: string };

/** Host must be one of ours (DNS rebinding); a present Origin must be our own (CSRF). */
export function checkHostAndOrigin(req: IncomingMessage, cfg: GuardConfig): GuardVerdict {
  const host = req.headers.host ?? '';
  if (!cfg.allowedHosts.has(host.toLowerCase())) return { ok: false, status: 421, message: `unexpected Host "${host}"` };
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    let originHost = '';
    try {
      originHost = new URL(origin).host.toLowerCase();
    } catch {
      return { ok: false, status: 403, message: 'malformed Origin' };
    }
    if (!cfg.allowedHosts.has(originHost)) return { ok: false, status: 403, message: `cross-origin request from ${origin} refused` };
  } else if (origin === 'null') {
    return { ok: false, status: 403, message: 'opaque origin refused' };
  }
  return { ok: true };
}

/** The token: the custom header for API calls, the SameSite=Strict cookie for images and the event stream. */
export function checkToken(req: IncomingMessage, cfg: GuardConfig, opts: { allowCookie: boolean; queryToken?: string | null }): GuardVerdict {
  const candidates = [req.headers[TOKEN_HEADER], opts.allowCookie ? cookieToken(req) : undefined, opts.queryToken ?? undefined];
  for (const c of candidates) if (typeof c === 'string' && safeEqual(c, cfg.token)) return { ok: true };
  return { ok: false, status: 401, message: 'missing or wrong token: open the URL printed by `npm run web`' };
}
