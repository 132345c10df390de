/** The FTS5 index `photo_text` (rowid = photos.id): file name, keywords, title, caption, camera. */
import type { Db } from '../db/connection.ts';

const cache = new WeakMap<Db, { del: ReturnType<Db['prepare']>; ins: ReturnType<Db['prepare']> }>();

function statements(db: Db) {
  let s = cache.get(db);
  if (!s) {
    s = {
      del: db.prepare('DELETE FROM photo_text WHERE rowid = ?'),
      ins: db.prepare(`INSERT INTO photo_text (rowid, file_name, keywords, title, caption, camera)
        SELECT p.id, p.file_name,
          coalesce((SELECT group_concat(k.name, ' ') FROM photo_keywords pk JOIN keywords k ON k.id = pk.keyword_id WHERE pk.photo_id = p.id), ''),
          coalesce(p.title, ''), coalesce(p.caption, ''),
          trim(coalesce(p.camera_make, '') || ' ' || coalesce(p.camera_model, '') || ' ' || coalesce(p.lens, ''))
        FROM photos p WHERE p.id = ?`),
    };
    cache.set(db, s);
  }
  return s;
}

/** Rewrites the text row of one photo from its current columns and keywords. */
export function refreshPhotoText(db: Db, photoId: number): void {
  const s = statements(db);
  s.del.run(photoId);
  s.ins.run(photoId);
}

export function deletePhotoText(db: Db, photoId: number): void {
  statements(db).del.run(photoId);
}

/**
 * Turns what a user typed into a safe FTS5 query: each word becomes a quoted prefix term, all
 * required. Returns null when nothing searchable is left.
 */
export function toFtsQuery(text: string): string | null {
  const words = text.normalize('NFC').match(/[\p{L}\p{N}_]+/gu) ?? [];
  if (!words.length) return null;
  return words.map((w) => `"${w}"*`).join(' ');
}
