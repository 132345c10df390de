/** The one main window. */
import { BrowserWindow } from 'electron';
import { secureWebPreferences } from './policy.ts';
import { APP_ENTRY_URL } from './protocol-paths.ts';

export function createMainWindow(preloadPath: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Tonewright',
    backgroundColor: '#1b1b1d',
    webPreferences: secureWebPreferences(preloadPath),
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}
