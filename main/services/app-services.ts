/**
 * The composition root shared by the desktop app and browser mode: opens the catalog and wires
 * every service onto the contract's handlers. No Electron, no HTTP here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventBus } from '../ipc/dispatch.ts';
import { createHandlers, type AppServices } from '../ipc/handlers.ts';
import { openCatalog, type Catalog } from './catalog/catalog.ts';
import { DevelopService } from './develop/develop-service.ts';
import { LibraryService, type MediaUrl } from './library/library-service.ts';
import { ImportJobs } from './jobs/import-jobs.ts';
import { renderPath } from './import/render-cache.ts';
import { EditedThumbs } from './thumbs/edited-thumbs.ts';
import { importExtras } from './import/import-extras.ts';
import { cacheDir as defaultCacheDir, defaultCatalogPath, userDataDir } from './paths.ts';
import type { Handlers } from '../ipc/dispatch.ts';

export interface AppOptions {
  mode: 'desktop' | 'web';
  catalogPath?: string;
  dataDir?: string;
  mediaUrl: MediaUrl;
  /** Builders for the optional parts, given the core services (agent, export). */
  extras?: ((core: CoreServices) => Partial<Handlers>)[];
}

export interface CoreServices {
  catalog: Catalog;
  bus: EventBus;
  dataDir: string;
  cacheDir: string;
  library: LibraryService;
  develop: DevelopService;
  imports: ImportJobs;
  thumbs: EditedThumbs;
}

export interface App extends CoreServices {
  handlers: Partial<Handlers>;
  /**
   * The cached thumbnail/preview file for a hash the catalog knows, else null; `version` (the
   * thumbnail URL's `?v=`) asks for the thumbnail with the edits of that version.
   */
  resolveMedia(kind: string, key: string, version?: string | null): string | null;
  close(): Promise<void>;
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(fileURLToPath(new URL('../..', import.meta.url)), 'package.json'), 'utf8')) as { version: string };
    return pkg.version;
  } catch {
    return '0.0.0';
  }
}

export function createApp(o: AppOptions): App {
  const dataDir = o.dataDir ?? userDataDir();
  const cache = o.dataDir ? join(o.dataDir, 'cache') : defaultCacheDir();
  const catalogPath = o.catalogPath ?? (o.dataDir ? join(o.dataDir, 'catalog.db') : defaultCatalogPath());
  const catalog = openCatalog(catalogPath);
  const bus = new EventBus();
  // The develop service tells the thumbnails about every change; they read its settings back.
  let thumbs: EditedThumbs | undefined;
  const develop = new DevelopService(catalog, (photoId) => thumbs?.schedule(photoId));
  thumbs = new EditedThumbs({
    repos: catalog,
    settings: (id) => develop.settings(id),
    cacheDir: cache,
    bus,
    onError: (id, err) => console.warn(`edited thumbnail of photo ${id}: ${err.message}`),
  });
  const core: CoreServices = {
    catalog,
    bus,
    dataDir,
    cacheDir: cache,
    library: new LibraryService(catalog, o.mediaUrl, (p) => thumbs.urlVersion(p)),
    develop,
    imports: new ImportJobs(catalog, cache, bus),
    thumbs,
  };
  const extra = Object.assign({}, importExtras(core), ...(o.extras ?? []).map((build) => build(core))) as Partial<Handlers>;
  const services: AppServices = {
    info: { version: packageVersion(), catalogPath, dataDir, mode: o.mode },
    library: core.library,
    develop: core.develop,
    imports: core.imports,
    agentHandlers: extra,
  };
  return {
    ...core,
    handlers: createHandlers(services),
    resolveMedia(kind, key, version) {
      if (!/^[0-9a-f]{16,128}$/.test(key)) return null;
      const dir = kind === 'thumb' ? 'thumbs' : kind === 'preview' ? 'previews' : null;
      if (!dir || catalog.photos.byHash(key).length === 0) return null;
      return dir === 'thumbs' ? core.thumbs.file(key, version) : renderPath(cache, dir, key);
    },
    async close() {
      await core.imports.drain();
      await core.thumbs.idle();
      catalog.close();
    },
  };
}
