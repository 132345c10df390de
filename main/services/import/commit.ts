/**
 * Writes one processed file into the catalog, in one transaction: a new photo (with its
 * keywords and folder), a changed file re-read, a moved file recognised by its hash, or an
 * extra copy recorded as a duplicate. Nothing is half-written: the transaction commits whole.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Repositories, PhotoFileData } from '../../repositories/index.ts';
import type { ProcessedOk } from './process-file.ts';

export type CommitOutcome = 'imported' | 'updated' | 'moved' | 'duplicate';

export function toFileData(r: ProcessedOk): PhotoFileData {
  const m = r.meta;
  return {
    path: r.path,
    fileName: path.basename(r.path),
    hash: r.hash,
    size: r.size,
    mtimeMs: r.mtimeMs,
    width: r.width,
    height: r.height,
    orientation: r.orientation,
    format: r.format,
    captureTime: m.captureTime,
    cameraMake: m.cameraMake,
    cameraModel: m.cameraModel,
    lens: m.lens,
    iso: m.iso,
    aperture: m.aperture,
    shutter: m.shutter,
    focalLength: m.focalLength,
    gpsLat: m.gpsLat,
    gpsLon: m.gpsLon,
    gpsAlt: m.gpsAlt,
    title: m.title,
    caption: m.caption,
  };
}

export interface CommitContext {
  repos: Repositories;
  /** The import root the file was found under (folder rows are created down from it). */
  root: string;
  /** Photo ids that moved during this import (not to be marked missing). */
  moved: Set<number>;
  exists?: (p: string) => boolean;
}

export function commitProcessed(ctx: CommitContext, r: ProcessedOk): CommitOutcome {
  const { repos } = ctx;
  const exists = ctx.exists ?? fs.existsSync;
  return repos.transaction(() => {
    const folderId = repos.folders.ensure(path.dirname(r.path), ctx.root);
    const data = toFileData(r);
    const atPath = repos.photos.byPath(r.path);
    if (atPath) {
      // Same path, new content: re-read it; marks, keywords added in the app and edits stay.
      repos.photos.updateFile(atPath.id, data, folderId);
      mergeKeywords(repos, atPath.id, r.meta.keywords);
      return 'updated';
    }
    const sameContent = repos.photos.byHash(r.hash);
    const gone = sameContent.find((p) => p.path !== r.path && (p.missing || !exists(p.path)));
    if (gone) {
      repos.photos.move(gone.id, { path: r.path, folderId, fileName: data.fileName, size: r.size, mtimeMs: r.mtimeMs });
      ctx.moved.add(gone.id);
      return 'moved';
    }
    if (sameContent.length) {
      repos.photos.addDuplicate(r.path, sameContent[0].id, r.hash, r.size, r.mtimeMs);
      return 'duplicate';
    }
    // A recorded duplicate whose content changed becomes a photo of its own.
    if (repos.photos.duplicateByPath(r.path)) repos.photos.removeDuplicate(r.path);
    const id = repos.photos.insert(data, folderId);
    if (r.meta.keywords.length) repos.keywords.setForPhoto(id, r.meta.keywords);
    if (r.meta.rating) repos.photos.setRating(id, r.meta.rating);
    return 'imported';
  });
}

function mergeKeywords(repos: Repositories, id: number, fromFile: string[]): void {
  if (!fromFile.length) return;
  const have = repos.keywords.forPhoto(id);
  const lower = new Set(have.map((k) => k.toLowerCase()));
  const add = fromFile.filter((k) => !lower.has(k.toLowerCase()));
  if (add.length) repos.keywords.setForPhoto(id, [...have, ...add]);
}
