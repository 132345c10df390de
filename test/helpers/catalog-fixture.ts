/** A temporary catalog with a few photo rows (no files needed) for service tests. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCatalog, type Catalog } from '../../main/services/catalog/catalog.ts';
import { fileData } from '../../main/repositories/testing.ts';
import type { PhotoFileData } from '../../main/repositories/index.ts';

/** A photo row for `path` with a hex content hash derived from it (the media guard wants hex). */
export function photoData(path: string, overrides: Partial<PhotoFileData> = {}): PhotoFileData {
  return fileData({ path, hash: Buffer.from(path).toString('hex').padEnd(64, '0').slice(0, 64), ...overrides });
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
