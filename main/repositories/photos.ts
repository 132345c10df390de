/** Photos: rows, file state for re-scans, duplicates, user marks, and the grid's queries. */
import type { Db } from '../db/connection.ts';
import { nowIso, pathRange } from './util.ts';
import { refreshPhotoText, toFtsQuery } from './text-index.ts';
import { type ColorLabel, type Flag, type PhotoFileData, type PhotoRecord, type PhotoRow, fileDataParams, toPhotoRecord } from './photo-record.ts';
import { buildPhotoQuery, type PhotoQuery } from './photo-query.ts';

export type { PhotoQuery } from './photo-query.ts';

export interface FileState {
  id: number;
  path: string;
  size: number;
  mtimeMs: number;
  hash: string;
  missing: boolean;
}

export interface DuplicateRecord {
  path: string;
  photoId: number;
  /** The content hash of this copy when it was recorded. */
  hash: string;
  size: number;
  mtimeMs: number;
  foundAt: string;
}

interface DupRow {
  path: string;
  photo_id: number;
  hash: string;
  size: number;
  mtime_ms: number;
  found_at: string;
}

const toDup = (r: DupRow): DuplicateRecord => ({ path: r.path, photoId: r.photo_id, hash: r.hash, size: r.size, mtimeMs: r.mtime_ms, foundAt: r.found_at });

const FILE_COLUMNS = `path, folder_id, file_name, hash, size, mtime_ms, width, height, orientation, format, capture_time, sort_time,
  camera_make, camera_model, lens, iso, aperture, shutter, focal_length, gps_lat, gps_lon, gps_alt, title, caption`;
const FILE_VALUES = FILE_COLUMNS.split(',').map((c) => '@' + c.trim()).join(', ');
const FILE_SET = FILE_COLUMNS.split(',').map((c) => `${c.trim()} = @${c.trim()}`).join(', ');

export class PhotosRepository {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      insert: db.prepare(`INSERT INTO photos (${FILE_COLUMNS}, imported_at, updated_at) VALUES (${FILE_VALUES}, @now, @now)`),
      updateFile: db.prepare(`UPDATE photos SET ${FILE_SET}, missing = 0, updated_at = @now WHERE id = @id`),
      move: db.prepare('UPDATE photos SET path = ?, folder_id = ?, file_name = ?, size = ?, mtime_ms = ?, missing = 0, updated_at = ? WHERE id = ?'),
      byId: db.prepare<[number], PhotoRow>('SELECT * FROM photos WHERE id = ?'),
      byPath: db.prepare<[string], PhotoRow>('SELECT * FROM photos WHERE path = ?'),
      byHash: db.prepare<[string], PhotoRow>('SELECT * FROM photos WHERE hash = ? ORDER BY id'),
      under: db.prepare<[string, string], { id: number; path: string; size: number; mtime_ms: number; hash: string; missing: number }>(
        'SELECT id, path, size, mtime_ms, hash, missing FROM photos WHERE path >= ? AND path < ?',
      ),
      setMissing: db.prepare('UPDATE photos SET missing = ?, updated_at = ? WHERE id = ? AND missing != ?'),
      addDup: db.prepare('INSERT INTO photo_duplicates (path, photo_id, hash, size, mtime_ms, found_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET photo_id = excluded.photo_id, hash = excluded.hash, size = excluded.size, mtime_ms = excluded.mtime_ms'),
      dupByPath: db.prepare<[string], DupRow>('SELECT * FROM photo_duplicates WHERE path = ?'),
      dupsUnder: db.prepare<[string, string], DupRow>(
        'SELECT * FROM photo_duplicates WHERE path >= ? AND path < ?',
      ),
      dupsOf: db.prepare<[number], DupRow>('SELECT * FROM photo_duplicates WHERE photo_id = ? ORDER BY path'),
      delDup: db.prepare('DELETE FROM photo_duplicates WHERE path = ?'),
    };
  }

  /** Inserts a photo read from a file; its text index row is written too. Call inside a transaction. */
  insert(data: PhotoFileData, folderId: number): number {
    const id = Number(this.s.insert.run(fileDataParams(data, folderId, nowIso())).lastInsertRowid);
    refreshPhotoText(this.db, id);
    return id;
  }

  /** Re-reads a changed file into an existing photo; the user's marks and edits stay. */
  updateFile(id: number, data: PhotoFileData, folderId: number): void {
    this.s.updateFile.run({ ...fileDataParams(data, folderId, nowIso()), id });
    refreshPhotoText(this.db, id);
  }

  /** A file that moved (recognised by its hash): only its location changes. */
  move(id: number, to: { path: string; folderId: number; fileName: string; size: number; mtimeMs: number }): void {
    this.s.move.run(to.path, to.folderId, to.fileName, to.size, Math.trunc(to.mtimeMs), nowIso(), id);
    refreshPhotoText(this.db, id);
  }

  byId(id: number): PhotoRecord | undefined {
    const r = this.s.byId.get(id);
    return r && toPhotoRecord(r);
  }

  byPath(p: string): PhotoRecord | undefined {
    const r = this.s.byPath.get(p);
    return r && toPhotoRecord(r);
  }

  byHash(hash: string): PhotoRecord[] {
    return this.s.byHash.all(hash).map(toPhotoRecord);
  }

  /** The recorded file state of every photo inside `folder` (recursively). */
  fileStatesUnder(folder: string): FileState[] {
    return this.s.under.all(...pathRange(folder)).map((r) => ({ id: r.id, path: r.path, size: r.size, mtimeMs: r.mtime_ms, hash: r.hash, missing: r.missing === 1 }));
  }

  /** Marks a photo missing (or found again); returns whether anything changed. */
  setMissing(id: number, missing: boolean): boolean {
    const v = missing ? 1 : 0;
    return this.s.setMissing.run(v, nowIso(), id, v).changes > 0;
  }

  setRating(id: number, rating: number): void {
    if (!Number.isInteger(rating) || rating < 0 || rating > 5) throw new RangeError(`rating must be 0..5, got ${rating}`);
    this.db.prepare('UPDATE photos SET rating = ?, updated_at = ? WHERE id = ?').run(rating, nowIso(), id);
  }

  setFlag(id: number, flag: Flag | null): void {
    this.db.prepare('UPDATE photos SET flag = ?, updated_at = ? WHERE id = ?').run(flag, nowIso(), id);
  }

  setLabel(id: number, label: ColorLabel | null): void {
    this.db.prepare('UPDATE photos SET label = ?, updated_at = ? WHERE id = ?').run(label, nowIso(), id);
  }

  addDuplicate(path: string, photoId: number, hash: string, size: number, mtimeMs: number): void {
    this.s.addDup.run(path, photoId, hash, size, Math.trunc(mtimeMs), nowIso());
  }

  duplicateByPath(p: string): DuplicateRecord | undefined {
    const r = this.s.dupByPath.get(p);
    return r && toDup(r);
  }

  duplicatesUnder(folder: string): DuplicateRecord[] {
    return this.s.dupsUnder.all(...pathRange(folder)).map(toDup);
  }

  duplicatesOf(photoId: number): DuplicateRecord[] {
    return this.s.dupsOf.all(photoId).map(toDup);
  }

  removeDuplicate(p: string): void {
    this.s.delDup.run(p);
  }

  /** One page of the grid. */
  query(q: PhotoQuery = {}): PhotoRecord[] {
    const { sql, params } = buildPhotoQuery(q, 'rows', { orderedWalk: this.manyMatches(q) });
    return this.db.prepare<unknown[], PhotoRow>(sql).all(...params).map(toPhotoRecord);
  }

  /** Whether a text or keyword filter matches so many photos that walking in capture order beats sorting. */
  private manyMatches(q: PhotoQuery): boolean {
    if ((q.sort ?? 'capture') !== 'capture' || q.folderId !== undefined) return false;
    const LIMIT = 2000;
    let n = 0;
    if (q.search !== undefined) {
      const fts = toFtsQuery(q.search);
      if (fts === null) return false;
      n = (this.db.prepare('SELECT count(*) AS n FROM (SELECT rowid FROM photo_text WHERE photo_text MATCH ? LIMIT ?)').get(fts, LIMIT) as { n: number }).n;
    } else if (q.keyword !== undefined) {
      n = (this.db.prepare('SELECT count(*) AS n FROM (SELECT 1 FROM photo_keywords pk JOIN keywords k ON k.id = pk.keyword_id WHERE k.name = ? LIMIT ?)').get(q.keyword, LIMIT) as { n: number }).n;
    } else return false;
    return n >= LIMIT;
  }

  /** How many photos match (ignores sort, limit and offset). */
  count(q: PhotoQuery = {}): number {
    const { sql, params } = buildPhotoQuery(q, 'count');
    return (this.db.prepare<unknown[], { n: number }>(sql).get(...params) as { n: number }).n;
  }

  total(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM photos').get() as { n: number }).n;
  }
}
