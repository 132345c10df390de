/**
 * Session and web-contents hardening (Electron's security checklist): a CSP header on every
 * response, no permissions, no navigation away from the app, no new windows, no <webview>.
 */
import { app, type Session } from 'electron';
import { contentSecurityPolicy, isPermissionAllowed } from './policy.ts';
import { isAppUrl } from './protocol-paths.ts';

export function hardenSession(session: Session): void {
  const csp = contentSecurityPolicy();
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionAllowed(permission)));
  session.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    for (const key of Object.keys(headers)) if (key.toLowerCase() === 'content-security-policy') delete headers[key];
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
}

/** Applies to every web contents the app ever creates (windows, devtools excluded by Electron). */
export function hardenAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    // Navigation: the renderer is a single page; anything that would leave tw://app is refused.
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
