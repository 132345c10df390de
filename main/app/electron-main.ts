/**
 * Electron entry point (bundled by scripts/start.mjs to dist/main/app/electron-main.js). Thin on
 * purpose: lifecycle, one window, the protocol and the hardening. Services and IPC handlers
 * live in main/services and main/ipc; desktop-services.ts composes them and is loaded here from
 * the TypeScript sources through tsx (as the CLI runs), then connected through ipc-bridge.ts.
 */
import { app, BrowserWindow, dialog, session } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DesktopServices } from './desktop-services.ts';
import { forwardEvents, installIpcBridge } from './ipc-bridge.ts';
import { handleAppProtocol, registerAppScheme } from './protocol.ts';
import { hardenAllWebContents, hardenSession } from './security.ts';
import { createMainWindow } from './window.ts';

// Bundled layout: dist/main/app/electron-main.js, dist/main/preload/index.cjs, dist/renderer/.
const here = dirname(fileURLToPath(import.meta.url));
const distDir = join(here, '..', '..');
const preloadPath = join(distDir, 'main', 'preload', 'index.cjs');
const rendererDir = join(distDir, 'renderer');
// The package root (package.json, main/, shared/, models/): the sources the services run from.
const appRoot = join(distDir, '..');

/** The services, from the TypeScript sources (tsx is a runtime dependency, as for the CLI). */
async function loadServices(): Promise<DesktopServices> {
  const tsx = (await import('tsx/esm/api')) as { register: () => unknown };
  tsx.register();
  const mod = (await import(pathToFileURL(join(appRoot, 'main', 'app', 'desktop-services.ts')).href)) as typeof import('./desktop-services.ts');
  return mod.startDesktopServices({ dataDir: app.getPath('userData') });
}

app.enableSandbox();
registerAppScheme();
hardenAllWebContents();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (mainWindow && !mainWindow.isDestroyed()) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });

  let services: DesktopServices | null = null;
  void app.whenReady().then(async () => {
    hardenSession(session.defaultSession);
    try {
      services = await loadServices();
    } catch (err) {
      dialog.showErrorBox('Tonewright cannot start', `The catalog and services failed to start: ${(err as Error).message}`);
      app.exit(1);
      return;
    }
    const s = services;
    handleAppProtocol(session.defaultSession, rendererDir, { file: (kind, hash, version) => s.media(kind, hash, version) });
    installIpcBridge(s.dispatch);
    const open = (): BrowserWindow => {
      const win = createMainWindow(preloadPath);
      forwardEvents(s.bus, win.webContents);
      return win;
    };
    mainWindow = open();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = open();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Finish running jobs and close the catalog before quitting (committed steps are already on disk).
  let closing = false;
  app.on('before-quit', (event) => {
    if (!services || closing) return;
    event.preventDefault();
    closing = true;
    void services.close().finally(() => app.quit());
  });
}
