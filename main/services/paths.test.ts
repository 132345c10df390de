import { describe, it, expect } from 'vitest';
import { userDataDir, defaultCatalogPath, cacheDir } from './paths.ts';

describe('userDataDir', () => {
  it('prefers $TONEWRIGHT_DATA', () => {
    expect(userDataDir({ env: { TONEWRIGHT_DATA: '/x/tw', XDG_DATA_HOME: '/y' }, platform: 'linux', home: '/h' })).toBe('/x/tw');
  });
  it('uses XDG data home on Linux, with the spec default', () => {
    expect(userDataDir({ env: { XDG_DATA_HOME: '/y' }, platform: 'linux', home: '/h' })).toBe('/y/tonewright');
    expect(userDataDir({ env: {}, platform: 'linux', home: '/h' })).toBe('/h/.local/share/tonewright');
    // A relative XDG_DATA_HOME is invalid per the spec and ignored.
    expect(userDataDir({ env: { XDG_DATA_HOME: 'rel' }, platform: 'linux', home: '/h' })).toBe('/h/.local/share/tonewright');
  });
  it('uses the platform folders on macOS and Windows', () => {
    expect(userDataDir({ env: {}, platform: 'darwin', home: '/Users/a' })).toBe('/Users/a/Library/Application Support/Tonewright');
    expect(userDataDir({ env: { APPDATA: 'C:/AppData' }, platform: 'win32', home: 'C:/h' })).toContain('Tonewright');
  });
  it('derives the catalog and cache paths', () => {
    const o = { env: { TONEWRIGHT_DATA: '/d' }, platform: 'linux' as const, home: '/h' };
    expect(defaultCatalogPath(o)).toBe('/d/catalog.db');
    expect(cacheDir(o)).toBe('/d/cache');
  });
});
