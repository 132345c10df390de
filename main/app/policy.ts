/**
 * The window's security policy as plain data (no Electron import, so it is testable here and
 * browser mode can send the same Content-Security-Policy).
 *
 * Where the CSP is applied: as an HTTP response header, never a meta tag. The `tw://` protocol
 * handler (protocol.ts) puts it on every renderer file it serves, and security.ts adds it to
 * every other response the session sees through `session.webRequest.onHeadersReceived`.
 */

export interface CspOptions {
  /** Extra `connect-src` sources (browser mode adds its WebSocket URL, e.g. ws://127.0.0.1:5173). */
  connect?: string[];
}

/** A strict CSP: only the app's own scripts, no eval, no plugins, no framing, no forms. */
export function contentSecurityPolicy(opts: CspOptions = {}): string {
  const directives: [string, string[]][] = [
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    // React sets style properties through the CSSOM, which CSP does not govern; 'unsafe-inline'
    // here only allows <style> elements, never scripts.
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'blob:', 'data:']],
    ['font-src', ["'self'"]],
    ['connect-src', ["'self'", ...(opts.connect ?? [])]],
    ['worker-src', ["'self'", 'blob:']],
    ['media-src', ["'self'", 'blob:']],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** Parse a CSP header back into directive → sources (used by tests and by browser mode's tests). */
export function parseCsp(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), values);
  }
  return map;
}

/** The BrowserWindow `webPreferences` every Tonewright window uses. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  } as const;
}

/** Permissions the renderer may be granted. None: the app needs no camera, geolocation, etc. */
export function isPermissionAllowed(_permission: string): boolean {
  return false;
}
