/**
 * The catalog side of an export: photo ids for a selection, and each photo's file, resolved
 * develop settings (DevelopService, stack upgrades included) and metadata. Also records each
 * finished export in the catalog's export history (ExportsRepository).
 */
import path from 'node:path';
import type { Repositories } from '../../repositories/index.ts';
import { DevelopService } from '../develop/develop-service.ts';
import type { ExportSettings, ExportSource, ExportedFile } from './types.ts';

export type ExportSelection = { photoIds: readonly number[] } | { folder: string } | { collectionId: number } | { all: true };

export function selectPhotoIds(repos: Pick<Repositories, 'photos' | 'collections'>, sel: ExportSelection): number[] {
  if ('photoIds' in sel) return [...sel.photoIds];
  if ('collectionId' in sel) return repos.collections.photoIds(sel.collectionId);
  const q = 'folder' in sel ? { under: path.resolve(sel.folder) } : {};
  return repos.photos.query({ ...q, includeMissing: true, limit: 100_000 }).map((p) => p.id);
}

export function catalogExportSource(repos: Pick<Repositories, 'photos' | 'edits' | 'snapshots' | 'keywords' | 'transaction'>): ExportSource {
  const develop = new DevelopService(repos);
  return {
    async get(photoId) {
      const p = repos.photos.byId(photoId);
      if (!p) throw new Error(`not in the catalog`);
      return {
        photoId,
        path: p.path,
        settings: develop.settings(photoId),
        metadata: {
          name: path.parse(p.fileName).name,
          captureTime: p.captureTime,
          rating: p.rating,
          cameraMake: p.cameraMake,
          cameraModel: p.cameraModel,
          title: p.title,
          keywords: repos.keywords.forPhoto(photoId),
        },
      };
    },
  };
}

/** Records the outcome of one photo in the export history. */
export function recordExport(
  repos: Pick<Repositories, 'exports'>,
  settings: Partial<ExportSettings>,
  r: { photoId: number; file?: ExportedFile; error?: string },
): void {
  repos.exports.add({
    photoId: r.photoId,
    path: r.file?.path ?? '',
    format: 'jpeg',
    settings: { ...settings, quality: r.file?.quality ?? settings.quality },
    width: r.file?.width ?? null,
    height: r.file?.height ?? null,
    bytes: r.file?.bytes ?? null,
    status: r.file ? 'done' : 'failed',
    error: r.error ?? null,
  });
}
