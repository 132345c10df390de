/**
 * The `tw://` protocol's URL grammar, pure and testable (no Electron, no I/O).
 *
 * Everything the window loads lives on one origin, `tw://app`, laid out like browser mode's
 * HTTP server (main/web/server.ts), so the renderer uses the same origin-relative paths in both
 * hosts and thumbnails are same-origin for `<img>` and WebGL textures alike:
 *
 *   tw://app/                    → index.html of the built renderer (dist/renderer)
 *   tw://app/<file>              a file of the built renderer (e.g. /assets/index-x.js)
 *   tw://app/media/thumb/<hash>  the 256 px thumbnail of the photo with that content hash
 *   tw://app/media/preview/<hash> the ~2048 px preview of the photo with that content hash
 *
 * `<hash>` is the catalog's hex content hash (16–128 hex digits), optionally followed by `.jpg`
 * or `.webp`. `/api/…` is browser mode's HTTP API and is refused here (Electron uses IPC).
 * Anything else — another scheme or host, an unknown media kind, a non-hex hash, dot segments
 * or encoded separators (path traversal), hidden files, file types the renderer does not ship —
 * is refused with a status and a reason. Query strings and fragments are ignored.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';

export const APP_SCHEME = 'tw';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export type MediaKind = 'thumb' | 'preview';

export type ProtocolTarget =
  | { kind: 'ui'; path: string }
  /** `version`: the URL's `?v=` (an edited thumbnail's settings digest), when it has a valid one. */
  | { kind: MediaKind; hash: string; version?: string };

export type ProtocolResolution =
  | { ok: true; target: ProtocolTarget }
  | { ok: false; status: 400 | 403 | 404; reason: string };

const HASH = /^[0-9a-f]{16,128}$/;
const MEDIA_SUFFIX = /\.(?:jpg|webp)$/;
const VERSION = /^[0-9A-Za-z_-]{1,64}$/;
const UI_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.@+-]*$/;

export const UI_CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  map: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  ico: 'image/x-icon',
  woff: 'font/woff',
  woff2: 'font/woff2',
  wasm: 'application/wasm',
  txt: 'text/plain; charset=utf-8',
};

const fail = (status: 400 | 403 | 404, reason: string): ProtocolResolution => ({ ok: false, status, reason });

/** Resolve a `tw://` URL to what it names, or say why it is refused. */
export function resolveProtocolPath(url: string): ProtocolResolution {
  // Check the raw text first: the URL parser would silently fold `..` and `%2e%2e` away, and a
  // request that tries them is hostile whatever it would fold to.
  const rawPath = url.replace(/[?#].*$/s, '');
  if (/(^|[/\\])\.\.?([/\\]|$)|%2e|%2f|%5c|%00|\\/i.test(rawPath.slice(rawPath.indexOf('://') + 3))) {
    return fail(403, 'path traversal');
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail(400, 'malformed URL');
  }
  if (parsed.protocol !== `${APP_SCHEME}:`) return fail(400, `wrong scheme ${parsed.protocol}`);
  if (parsed.host !== APP_HOST || parsed.username || parsed.password) return fail(403, `unknown host ${parsed.host}`);

  const segments: string[] = [];
  for (const raw of parsed.pathname.split('/').slice(1)) {
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return fail(400, 'bad percent-encoding');
    }
    if (seg === '.' || seg === '..' || /[/\\\0]/.test(seg)) return fail(403, 'path traversal');
    segments.push(seg);
  }
  const [first, ...rest] = segments;

  if (first === 'media') {
    const [kind, ...hashParts] = rest;
    if (kind !== 'thumb' && kind !== 'preview') return fail(404, `unknown media kind ${kind || '(none)'}`);
    if (hashParts.length !== 1) return fail(404, `${kind} takes exactly one hash`);
    const hash = hashParts[0].toLowerCase().replace(MEDIA_SUFFIX, '');
    if (!HASH.test(hash)) return fail(400, 'hash must be 16-128 hex digits');
    const v = parsed.searchParams.get('v');
    if (v !== null && !VERSION.test(v)) return fail(400, 'version must be 1-64 letters or digits');
    return { ok: true, target: v === null ? { kind, hash } : { kind, hash, version: v } };
  }
  if (first === 'api') return fail(404, 'the HTTP API exists only in browser mode');

  const parts = segments.length === 0 || (segments.length === 1 && segments[0] === '') ? ['index.html'] : segments;
  for (const p of parts) {
    if (p.startsWith('.')) return fail(403, 'hidden file');
    if (!UI_SEGMENT.test(p)) return fail(400, 'bad file name');
  }
  const name = parts[parts.length - 1];
  const ext = name.includes('.') ? (name.split('.').pop() ?? '').toLowerCase() : '';
  if (!(ext in UI_CONTENT_TYPES)) return fail(403, 'file type not served');
  return { ok: true, target: { kind: 'ui', path: parts.join('/') } };
}

/** The absolute URL of a thumbnail or preview (its path alone works in browser mode too). */
export function mediaUrl(kind: MediaKind, hash: string): string {
  if (!HASH.test(hash)) throw new Error(`not a content hash: ${hash}`);
  return `${APP_ORIGIN}/media/${kind}/${hash}`;
}

/** Content type of a renderer file by extension. */
export function uiContentType(path: string): string {
  const ext = path.split('.').pop()?.toLowerCase() ?? '';
  return UI_CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

/**
 * Join a resolved relative path onto a root directory, or null if the result would leave it
 * (a second line of defence behind resolveProtocolPath).
 */
export function joinInside(root: string, relPath: string): string | null {
  const full = resolve(root, relPath);
  const rel = relative(resolve(root), full);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  return full;
}

/** Whether a URL belongs to the app's own origin (navigation and IPC sender checks use it). */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && !u.username && !u.password;
  } catch {
    return false;
  }
}
