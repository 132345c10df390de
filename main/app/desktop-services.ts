/**
 * The desktop app's composition root: the same services, handlers and event bus as browser mode
 * (main/web/main.ts), plus the MediaSource the `tw://` protocol serves thumbnails and previews
 * from. No Electron here: electron-main.ts (bundled) loads this module from the TypeScript
 * sources through tsx, as the CLI does, so every path the services find relative to their own
 * files (render and import workers, the models manifest, the vision runtime) is the same in the
 * desktop app, in browser mode and in the CLI.
 */
import { createApp } from '../services/app-services.ts';
import { agentExtras } from '../services/agent/agent-extras.ts';
import { exportExtras } from '../services/export/export-extras.ts';
import { createDispatcher, type Dispatch, type EventBus } from '../ipc/dispatch.ts';
import type { MediaKind } from './protocol-paths.ts';

export interface DesktopServices {
  dispatch: Dispatch;
  bus: EventBus;
  /** The cached file for a media request the catalog knows (the protocol's MediaSource), else null. */
  media(kind: MediaKind, hash: string, version?: string | null): Promise<string | null>;
  catalogFile: string;
  close(): Promise<void>;
}

export function startDesktopServices(o: { dataDir?: string; catalogPath?: string } = {}): DesktopServices {
  const app = createApp({
    mode: 'desktop',
    dataDir: o.dataDir,
    catalogPath: o.catalogPath,
    // Relative: the renderer is served from tw://app, so /media/… is tw://app/media/….
    mediaUrl: (kind, hash) => `/media/${kind}/${hash}`,
    extras: [agentExtras, exportExtras],
  });
  return {
    dispatch: createDispatcher(app.handlers),
    bus: app.bus,
    media: async (kind, hash, version) => app.resolveMedia(kind, hash, version),
    catalogFile: app.catalog.file,
    close: () => app.close(),
  };
}
