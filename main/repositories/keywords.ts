/** Keywords (case-insensitive names) and their photos; every change refreshes the text index. */
import type { Db } from '../db/connection.ts';
import { refreshPhotoText } from './text-index.ts';

export class KeywordsRepository {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      find: db.prepare<[string], { id: number }>('SELECT id FROM keywords WHERE name = ?'),
      insert: db.prepare('INSERT INTO keywords (name) VALUES (?)'),
      link: db.prepare('INSERT OR IGNORE INTO photo_keywords (photo_id, keyword_id) VALUES (?, ?)'),
      unlinkAll: db.prepare('DELETE FROM photo_keywords WHERE photo_id = ?'),
      unlink: db.prepare('DELETE FROM photo_keywords WHERE photo_id = ? AND keyword_id = ?'),
      forPhoto: db.prepare<[number], { name: string }>(
        'SELECT k.name FROM photo_keywords pk JOIN keywords k ON k.id = pk.keyword_id WHERE pk.photo_id = ? ORDER BY k.name COLLATE NOCASE',
      ),
    };
  }

  /** The keyword's id, created if new. */
  ensure(name: string): number {
    const clean = name.trim();
    if (!clean) throw new RangeError('A keyword cannot be empty');
    return this.s.find.get(clean)?.id ?? Number(this.s.insert.run(clean).lastInsertRowid);
  }

  /** Replaces a photo's keywords. */
  setForPhoto(photoId: number, names: readonly string[]): void {
    this.db.transaction(() => {
      this.s.unlinkAll.run(photoId);
      for (const n of names) if (n.trim()) this.s.link.run(photoId, this.ensure(n));
      refreshPhotoText(this.db, photoId);
    })();
  }

  add(photoId: number, name: string): void {
    this.db.transaction(() => {
      this.s.link.run(photoId, this.ensure(name));
      refreshPhotoText(this.db, photoId);
    })();
  }

  remove(photoId: number, name: string): void {
    const k = this.s.find.get(name.trim());
    if (!k) return;
    this.db.transaction(() => {
      this.s.unlink.run(photoId, k.id);
      refreshPhotoText(this.db, photoId);
    })();
  }

  forPhoto(photoId: number): string[] {
    return this.s.forPhoto.all(photoId).map((r) => r.name);
  }

  /** Every keyword with its photo count, most used first. */
  list(): { name: string; count: number }[] {
    return this.db
      .prepare<[], { name: string; count: number }>(
        'SELECT k.name, count(pk.photo_id) AS count FROM keywords k LEFT JOIN photo_keywords pk ON pk.keyword_id = k.id GROUP BY k.id ORDER BY count DESC, k.name COLLATE NOCASE',
      )
      .all();
  }
}
