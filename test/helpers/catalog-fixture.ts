/** A temporary catalog with a few photo rows (no files needed) for service tests. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCatalog, type Catalog } from '../../main/services/catalog/catalog.ts';
import type { PhotoFileData } from '../../main/repositories/index.ts';

export function photoData(path: string, overrides: Partial<PhotoFileData> = {}): PhotoFileData {
  return {
    path,
    fileName: path.split('/').pop()!,
    hash: Buffer.from(path).toString('hex').padEnd(64, '0').slice(0, 64),
    size: 1000,
    mtimeMs: 0,
    width: 64,
    height: 48,
    orientation: 1,
    format: 'jpeg',
    captureTime: '2024-05-01T10:20:30.000',
    cameraMake: null,
    cameraModel: null,
    lens: null,
    iso: null,
    aperture: null,
    shutter: null,
    focalLength: null,
    gpsLat: null,
    gpsLon: null,
    gpsAlt: null,
    title: null,
    caption: null,
    ...overrides,
  };
}

export function tempCatalog(photoPaths: string[] = ['/photos/a.jpg', '/photos/b.jpg']): { catalog: Catalog; ids: number[]; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tw-cat-'));
  const catalog = openCatalog(join(dir, 'catalog.db'));
  const ids = photoPaths.map((p) => {
    const folderId = catalog.folders.ensure(p.slice(0, p.lastIndexOf('/')));
    return catalog.photos.insert(photoData(p), folderId);
  });
  return { catalog, ids, dir };
}
