/**
 * Electron entry point (bundled by scripts/start.mjs to dist/main/app/electron-main.js). Thin on
 * purpose: lifecycle, one window, the protocol and the hardening. Services and IPC handlers
 * live in main/services and main/ipc and are connected here through ipc-bridge.ts.
 */
import { app, BrowserWindow, session } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDispatcher, EventBus } from '../ipc/dispatch.ts';
import { forwardEvents, installIpcBridge } from './ipc-bridge.ts';
import { handleAppProtocol, noMedia, registerAppScheme } from './protocol.ts';
import { hardenAllWebContents, hardenSession } from './security.ts';
import { createMainWindow } from './window.ts';

// Bundled layout: dist/main/app/electron-main.js, dist/main/preload/index.cjs, dist/renderer/.
const here = dirname(fileURLToPath(import.meta.url));
const distDir = join(here, '..', '..');
const preloadPath = join(distDir, 'main', 'preload', 'index.cjs');
const rendererDir = join(distDir, 'renderer');

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

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    handleAppProtocol(session.defaultSession, rendererDir, noMedia);
    // The services' handlers plug in here (createDispatcher(handlers)); until the composition
    // root exists every channel answers "not available in this build".
    const bus = new EventBus();
    installIpcBridge(createDispatcher({}));
    const open = (): BrowserWindow => {
      const win = createMainWindow(preloadPath);
      forwardEvents(bus, win.webContents);
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
}
