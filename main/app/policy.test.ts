import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, isPermissionAllowed, parseCsp, secureWebPreferences } from './policy.ts';

describe('contentSecurityPolicy', () => {
  it('allows only the app origin to run scripts, with no inline or eval', () => {
    const csp = parseCsp(contentSecurityPolicy());
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    for (const [name, values] of csp) {
      if (name !== 'style-src') expect(values, name).not.toContain("'unsafe-inline'");
      expect(values, name).not.toContain("'unsafe-eval'");
      expect(values, name).not.toContain('*');
      expect(values.some((v) => /^https?:/.test(v)), name).toBe(false);
    }
    for (const name of ['object-src', 'base-uri', 'form-action', 'frame-src', 'frame-ancestors']) {
      expect(csp.get(name), name).toEqual(["'none'"]);
    }
  });

  it('adds connect sources for browser mode', () => {
    const csp = parseCsp(contentSecurityPolicy({ connect: ['ws://127.0.0.1:5173'] }));
    expect(csp.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:5173']);
  });
});

describe('secureWebPreferences', () => {
  it('isolates, sandboxes and never integrates Node', () => {
    const prefs = secureWebPreferences('/app/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('grants no permissions', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      expect(isPermissionAllowed(p)).toBe(false);
    }
  });
});
