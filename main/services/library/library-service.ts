/**
 * The library as the UI sees it: folders with counts, paged photo queries, a photo's details,
 * and marks (rating / flag / label). Media URLs come from the host (tw:// in the desktop app,
 * /media/… in browser mode) so the same service serves both.
 */
import type { Folder, PhotoDetail, PhotoQueryInput, PhotoSummary } from '../../../shared/ipc/contract.ts';
import type { PhotoRecord, Repositories } from '../../repositories/index.ts';

export type MediaKind = 'thumb' | 'preview';
export type MediaUrl = (kind: MediaKind, hash: string) => string;

export class LibraryService {
  constructor(
    private readonly repos: Pick<Repositories, 'photos' | 'folders' | 'keywords' | 'transaction'>,
    private readonly mediaUrl: MediaUrl,
    /** The edited-thumbnail version of a photo for its URL (main/services/thumbs), or null. */
    private readonly thumbVersion: (p: PhotoRecord) => string | null = () => null,
  ) {}

  folders(): Folder[] {
    const counts = this.repos.folders.counts();
    return this.repos.folders.list().map((f) => ({ id: f.id, path: f.path, parentId: f.parentId ?? null, photoCount: counts.get(f.id) ?? 0 }));
  }

  summary(p: PhotoRecord): PhotoSummary {
    return {
      id: p.id,
      fileName: p.fileName,
      path: p.path,
      folderId: p.folderId,
      hash: p.hash,
      width: p.width,
      height: p.height,
      captureTime: p.captureTime,
      cameraModel: p.cameraModel,
      rating: p.rating,
      flag: p.flag,
      label: p.label,
      missing: p.missing,
      thumbUrl: this.thumbUrl(p),
    };
  }

  private thumbUrl(p: PhotoRecord): string {
    const v = this.thumbVersion(p);
    return v ? `${this.mediaUrl('thumb', p.hash)}?v=${v}` : this.mediaUrl('thumb', p.hash);
  }

  query(q: PhotoQueryInput): { total: number; photos: PhotoSummary[] } {
    const { includeSubfolders, folderId, limit, offset, ...rest } = q;
    const folder = folderId !== undefined ? this.repos.folders.list().find((f) => f.id === folderId) : undefined;
    const filter = { ...rest, ...(folder && includeSubfolders ? { under: folder.path } : folderId !== undefined ? { folderId } : {}) };
    const photos = this.repos.photos.query({ ...filter, limit: limit ?? 200, offset: offset ?? 0 });
    return { total: this.repos.photos.count(filter), photos: photos.map((p) => this.summary(p)) };
  }

  photo(id: number): PhotoDetail | undefined {
    const p = this.repos.photos.byId(id);
    if (!p) return undefined;
    return {
      ...this.summary(p),
      format: p.format,
      cameraMake: p.cameraMake,
      lens: p.lens,
      iso: p.iso,
      aperture: p.aperture,
      shutter: p.shutter,
      focalLength: p.focalLength,
      keywords: this.repos.keywords.forPhoto(p.id),
      previewUrl: this.mediaUrl('preview', p.hash),
    };
  }

  setMarks(ids: number[], marks: { rating?: number; flag?: 'pick' | 'reject' | 'none'; label?: string }): number {
    let n = 0;
    this.repos.transaction(() => {
      for (const id of ids) {
        if (!this.repos.photos.byId(id)) continue;
        if (marks.rating !== undefined) this.repos.photos.setRating(id, marks.rating);
        if (marks.flag !== undefined) this.repos.photos.setFlag(id, marks.flag === 'none' ? null : marks.flag);
        if (marks.label !== undefined) this.repos.photos.setLabel(id, marks.label === 'none' ? null : (marks.label as never));
        n++;
      }
    });
    return n;
  }
}
