/** The grid's filters → one parameterised SELECT that the photos indexes serve. */
import { pathRange } from './util.ts';
import { toFtsQuery } from './text-index.ts';
import type { ColorLabel, Flag } from './photo-record.ts';

export interface PhotoQuery {
  /** Photos directly in this folder (the grid's folder view; served by photos_folder_time). */
  folderId?: number;
  /** Photos in this folder and its subfolders. */
  under?: string;
  /** Minimum rating (Lightroom's "rating ≥"). */
  minRating?: number;
  flag?: Flag;
  label?: ColorLabel;
  /** Matches the camera make or model, case-insensitively, as a substring. */
  camera?: string;
  /** Inclusive bounds on the capture (sort) time; a bare date 'YYYY-MM-DD' covers the whole day. */
  from?: string;
  to?: string;
  /** Words matched (as prefixes) against file name, keywords, title, caption, camera and lens. */
  search?: string;
  /** An exact keyword (case-insensitive). */
  keyword?: string;
  collectionId?: number;
  /** Missing photos are listed by default (they keep their edits); false hides them. */
  includeMissing?: boolean;
  sort?: 'capture' | 'name' | 'rating' | 'imported';
  descending?: boolean;
  limit?: number;
  offset?: number;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export function normaliseBound(value: string, end: boolean): string {
  if (DATE_ONLY.test(value)) return end ? `${value}T23:59:59.999` : `${value}T00:00:00.000`;
  return value;
}

/**
 * `orderedWalk`: walk photos_time in capture order and probe the text/keyword match set, stopping
 * at the page's end — right for common words (thousands of matches); the default (collect the
 * matches, then sort) is right for rare ones. PhotosRepository.query decides by a bounded count.
 */
export function buildPhotoQuery(q: PhotoQuery, mode: 'rows' | 'count', opts: { orderedWalk?: boolean } = {}): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.folderId !== undefined) {
    where.push('p.folder_id = ?');
    params.push(q.folderId);
  }
  if (q.under !== undefined) {
    const [lo, hi] = pathRange(q.under);
    where.push('p.path >= ? AND p.path < ?');
    params.push(lo, hi);
  }
  if (q.minRating !== undefined && q.minRating > 0) {
    where.push('p.rating >= ?');
    params.push(q.minRating);
  }
  if (q.flag !== undefined) {
    where.push('p.flag = ?');
    params.push(q.flag);
  }
  if (q.label !== undefined) {
    where.push('p.label = ?');
    params.push(q.label);
  }
  if (q.camera) {
    where.push("(p.camera_model LIKE ? ESCAPE '\\' OR p.camera_make LIKE ? ESCAPE '\\')");
    const like = `%${q.camera.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    params.push(like, like);
  }
  if (q.from) {
    where.push('p.sort_time >= ?');
    params.push(normaliseBound(q.from, false));
  }
  if (q.to) {
    where.push('p.sort_time <= ?');
    params.push(normaliseBound(q.to, true));
  }
  if (q.search !== undefined) {
    const fts = toFtsQuery(q.search);
    if (fts === null) where.push('0');
    else {
      where.push('p.id IN (SELECT rowid FROM photo_text WHERE photo_text MATCH ?)');
      params.push(fts);
    }
  }
  if (q.keyword !== undefined) {
    where.push('p.id IN (SELECT pk.photo_id FROM photo_keywords pk JOIN keywords k ON k.id = pk.keyword_id WHERE k.name = ?)');
    params.push(q.keyword);
  }
  if (q.collectionId !== undefined) {
    where.push('p.id IN (SELECT photo_id FROM collection_photos WHERE collection_id = ?)');
    params.push(q.collectionId);
  }
  if (q.includeMissing === false) where.push('p.missing = 0');
  const whereSql = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  if (mode === 'count') return { sql: `SELECT count(*) AS n FROM photos p${whereSql}`, params };

  const dir = q.descending ? 'DESC' : 'ASC';
  const order =
    q.sort === 'name'
      ? `p.file_name ${dir}, p.id ${dir}`
      : q.sort === 'rating'
        ? `p.rating ${q.descending === false ? 'ASC' : 'DESC'}, p.sort_time ASC, p.id ASC`
        : q.sort === 'imported'
          ? `p.id ${dir}`
          : `p.sort_time ${dir}, p.id ${dir}`;
  const limit = Math.max(0, Math.min(q.limit ?? 100, 100_000));
  const offset = Math.max(0, q.offset ?? 0);
  params.push(limit, offset);
  const hint = opts.orderedWalk && (q.sort ?? 'capture') === 'capture' && q.folderId === undefined ? ' INDEXED BY photos_time' : '';
  return { sql: `SELECT p.* FROM photos p${hint}${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`, params };
}
