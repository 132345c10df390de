/**
 * Where Tonewright keeps its own files (catalog default, thumbnail/preview cache, models).
 * $TONEWRIGHT_DATA wins; otherwise the platform's user data folder:
 * Linux $XDG_DATA_HOME/tonewright (default ~/.local/share/tonewright), macOS
 * ~/Library/Application Support/Tonewright, Windows %APPDATA%\Tonewright.
 */
import os from 'node:os';
import path from 'node:path';

export interface PathEnv {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
}

export function userDataDir(opts: PathEnv = {}): string {
  const env = opts.env ?? process.env;
  const platform = opts.platform ?? process.platform;
  const home = opts.home ?? os.homedir();
  if (env.TONEWRIGHT_DATA) return path.resolve(env.TONEWRIGHT_DATA);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Tonewright');
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Tonewright');
  const xdg = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.join(home, '.local', 'share');
  return path.join(xdg, 'tonewright');
}

/** The default catalog file. */
export function defaultCatalogPath(opts: PathEnv = {}): string {
  return path.join(userDataDir(opts), 'catalog.db');
}

/** The render cache (thumbnails and previews keyed by content hash). */
export function cacheDir(opts: PathEnv = {}): string {
  return path.join(userDataDir(opts), 'cache');
}
