/**
 * The privileged `tw://` protocol: the built renderer, thumbnails and previews, all on the one
 * origin `tw://app` (URL grammar and refusals in protocol-paths.ts).
 *
 * Thumbnails and previews are served only when the catalog knows the hash: the handler asks a
 * MediaSource (the catalog's thumbnail cache) for the file and never builds a path from the URL.
 */
import { readFile } from 'node:fs/promises';
import { realpath } from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { contentSecurityPolicy } from './policy.ts';
import { APP_SCHEME, joinInside, resolveProtocolPath, uiContentType, type MediaKind } from './protocol-paths.ts';

/** Where cached thumbnails and previews come from (the catalog implements it). */
export interface MediaSource {
  /** Absolute path of the cached JPEG/WebP for a known photo hash, or null if none. */
  file(kind: MediaKind, hash: string, version?: string): Promise<string | null>;
}

/** Until the catalog is connected, no media is known and every media request is a 404. */
export const noMedia: MediaSource = { file: async () => null };

/** Must run before `app.whenReady()`: makes `tw:` a standard, secure origin with fetch support. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
  ]);
}

const text = (status: number, body: string): Response =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' } });

function mediaType(file: string): string {
  return file.toLowerCase().endsWith('.webp') ? 'image/webp' : 'image/jpeg';
}

/** Serve `tw://` on a session: `uiDir` is the built renderer folder (dist/renderer). */
export function handleAppProtocol(session: Session, uiDir: string, media: MediaSource): void {
  const csp = contentSecurityPolicy();
  session.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'method not allowed');
    const resolved = resolveProtocolPath(request.url);
    if (!resolved.ok) return text(resolved.status, resolved.reason);
    const { target } = resolved;
    try {
      if (target.kind === 'ui') {
        const joined = joinInside(uiDir, target.path);
        // realpath: a symlink inside dist/renderer must not lead outside it either.
        const real = joined && joinInside(await realpath(uiDir), await realpath(joined));
        if (!real) return text(403, 'outside the renderer');
        return new Response(await readFile(real), {
          headers: {
            'content-type': uiContentType(target.path),
            'content-security-policy': csp,
            'x-content-type-options': 'nosniff',
            'cache-control': 'no-cache',
          },
        });
      }
      const file = await media.file(target.kind, target.hash, target.version);
      if (!file) return text(404, `no ${target.kind} for ${target.hash}`);
      return new Response(await readFile(file), {
        headers: { 'content-type': mediaType(file), 'x-content-type-options': 'nosniff', 'cache-control': 'private, max-age=31536000, immutable' },
      });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return code === 'ENOENT' ? text(404, 'not found') : text(500, 'read failed');
    }
  });
}
