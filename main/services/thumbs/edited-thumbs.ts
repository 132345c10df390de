/**
 * Library thumbnails that show the edits: for a photo whose develop settings differ from the
 * defaults, the cached preview is developed with those settings into a 256 px JPEG, cached by
 * content hash + a digest of the settings (<cache>/edited/ab/<hash>-<version>.jpg), so the
 * grid never re-renders while it scrolls and an edit renders once. The grid's URL carries the
 * version (`?v=`) only once that file exists, so a browser never caches a stale answer under
 * the new URL; until then the plain thumbnail is shown and a render is queued. When a render
 * lands, `catalog.changed` names the photo so the grid refreshes that tile.
 *
 * Renders are queued one at a time (they run on the service's thread: a 512 px source and a
 * 256 px output take a few tens of milliseconds) and a newer edit of the same photo replaces a
 * queued one.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSettings, type ResolvedSettings } from '../../../shared/develop/defaults.ts';
import { planRender } from '../../../shared/pixel/pipeline.ts';
import { decodeImage } from '../../imaging/decode.ts';
import { encodeJpeg } from '../../imaging/encode.ts';
import { renderInline } from '../../imaging/render.ts';
import type { EventBus } from '../../ipc/dispatch.ts';
import type { PhotoRecord, Repositories } from '../../repositories/index.ts';
import { renderPath, THUMB_SIZE, writeAtomic } from '../import/render-cache.ts';

/** Source edge the thumbnail is developed from (enough for clarity and texture to read right). */
const SOURCE_EDGE = 512;
export const VERSION_RE = /^[0-9a-f]{16}$/;

export interface EditedThumbsDeps {
  repos: Pick<Repositories, 'photos' | 'edits'>;
  settings(photoId: number): ResolvedSettings;
  cacheDir: string;
  bus?: EventBus;
  onError?(photoId: number, err: Error): void;
}

/** Digest of settings that differ from the defaults, or null when they do not. */
export function settingsVersion(settings: ResolvedSettings, defaults = JSON.stringify(defaultSettings())): string | null {
  const json = JSON.stringify(settings);
  if (json === defaults) return null;
  return createHash('sha256').update(json).digest('hex').slice(0, 16);
}

export function editedThumbPath(cacheDir: string, hash: string, version: string): string {
  return join(cacheDir, 'edited', hash.slice(0, 2), `${hash}-${version}.jpg`);
}

/** Develops the cached preview of a photo into a thumbnail JPEG. */
export async function renderEditedThumb(previewFile: string, settings: ResolvedSettings, photo: Pick<PhotoRecord, 'width' | 'height'>): Promise<Buffer> {
  const decoded = await decodeImage(previewFile, { longEdge: SOURCE_EDGE });
  const src = decoded.image;
  const srcLong = Math.max(src.width, src.height);
  const origLong = photo.width && photo.height ? Math.max(photo.width, photo.height) : srcLong;
  const sourceScale = Math.min(1, srcLong / origLong);
  // Size the cropped result's long edge to the thumbnail, as the plain thumbnails are.
  const full = planRender(settings, src.width, src.height, { scale: 1, sourceScale: 1, rendered: true });
  const fit = Math.min(1, THUMB_SIZE / Math.max(full.width, full.height));
  const out = renderInline({ settings, source: src, options: { scale: sourceScale * fit, sourceScale, rendered: true }, outBits: 8 });
  const { jpeg } = await encodeJpeg({ width: out.width, height: out.height, data: out.data as Uint8Array }, { quality: 85 });
  return jpeg;
}

export class EditedThumbs {
  private readonly defaults = JSON.stringify(defaultSettings());
  private readonly queued = new Map<number, string>();
  private running: Promise<void> | null = null;

  constructor(private readonly d: EditedThumbsDeps) {}

  /** The photo's settings version, or null when it has no effective edits. */
  version(photoId: number): string | null {
    // No stored edits (most photos): no need to resolve anything.
    const stored = this.d.repos.edits.load(photoId);
    if (!stored || stored.cursor === 0) return null;
    return settingsVersion(this.d.settings(photoId), this.defaults);
  }

  /**
   * The version to put in the thumbnail URL: the current one when its file exists, else null
   * (the plain thumbnail) and the render is queued.
   */
  urlVersion(photo: Pick<PhotoRecord, 'id' | 'hash'>): string | null {
    const v = this.version(photo.id);
    if (!v) return null;
    if (existsSync(editedThumbPath(this.d.cacheDir, photo.hash, v))) return v;
    this.schedule(photo.id);
    return null;
  }

  /** The file for a thumbnail request: the edited one when asked for and present, else the plain one. */
  file(hash: string, version: string | null | undefined): string {
    if (version && VERSION_RE.test(version)) {
      const f = editedThumbPath(this.d.cacheDir, hash, version);
      if (existsSync(f)) return f;
    }
    return renderPath(this.d.cacheDir, 'thumbs', hash);
  }

  /** Queue a render of the photo's current settings (after an edit). */
  schedule(photoId: number): void {
    const v = this.version(photoId);
    if (!v) {
      // Back to no edits: the plain thumbnail is right, the grid just needs to know.
      this.d.bus?.emit('catalog.changed', { photoIds: [photoId] });
      return;
    }
    this.queued.set(photoId, v);
    this.running ??= this.drain().finally(() => (this.running = null));
  }

  /** Resolves when every queued render has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const next = this.queued.entries().next();
      if (next.done) return;
      const [photoId, version] = next.value;
      this.queued.delete(photoId);
      try {
        await this.renderOne(photoId, version);
      } catch (err) {
        this.d.onError?.(photoId, err as Error);
      }
    }
  }

  private async renderOne(photoId: number, version: string): Promise<void> {
    const photo = this.d.repos.photos.byId(photoId);
    if (!photo) return;
    const target = editedThumbPath(this.d.cacheDir, photo.hash, version);
    if (!existsSync(target)) {
      const preview = renderPath(this.d.cacheDir, 'previews', photo.hash);
      if (!existsSync(preview)) throw new Error(`no cached preview for photo ${photoId} (${preview}); re-import the folder`);
      // The settings may have moved on while queued: render what the version names.
      const settings = this.d.settings(photoId);
      if (settingsVersion(settings, this.defaults) !== version) return;
      await writeAtomic(target, await renderEditedThumb(preview, settings, photo));
    }
    this.d.bus?.emit('catalog.changed', { photoIds: [photoId] });
  }
}
