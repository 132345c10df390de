/** Collections: user-made groups of photos (nestable), with a manual order. */
import type { Db } from '../db/connection.ts';
import { nowIso } from './util.ts';

export interface CollectionRecord {
  id: number;
  name: string;
  parentId: number | null;
  createdAt: string;
  count: number;
}

export class CollectionsRepository {
  constructor(private readonly db: Db) {}

  create(name: string, parentId: number | null = null): number {
    if (!name.trim()) throw new RangeError('A collection needs a name');
    return Number(this.db.prepare('INSERT INTO collections (name, parent_id, created_at) VALUES (?, ?, ?)').run(name.trim(), parentId, nowIso()).lastInsertRowid);
  }

  rename(id: number, name: string): void {
    this.db.prepare('UPDATE collections SET name = ? WHERE id = ?').run(name.trim(), id);
  }

  /** Deletes the collection (and its sub-collections); photos stay in the catalog. */
  delete(id: number): void {
    this.db.prepare('DELETE FROM collections WHERE id = ?').run(id);
  }

  list(): CollectionRecord[] {
    return this.db
      .prepare<[], { id: number; name: string; parent_id: number | null; created_at: string; count: number }>(
        'SELECT c.id, c.name, c.parent_id, c.created_at, (SELECT count(*) FROM collection_photos cp WHERE cp.collection_id = c.id) AS count FROM collections c ORDER BY c.name COLLATE NOCASE, c.id',
      )
      .all()
      .map((r) => ({ id: r.id, name: r.name, parentId: r.parent_id, createdAt: r.created_at, count: r.count }));
  }

  /** Adds photos at the end, in the given order; photos already in it keep their place. */
  add(collectionId: number, photoIds: readonly number[]): void {
    this.db.transaction(() => {
      const max = (this.db.prepare('SELECT coalesce(max(position), -1) AS m FROM collection_photos WHERE collection_id = ?').get(collectionId) as { m: number }).m;
      const ins = this.db.prepare('INSERT OR IGNORE INTO collection_photos (collection_id, photo_id, position) VALUES (?, ?, ?)');
      let pos = max + 1;
      for (const id of photoIds) if (ins.run(collectionId, id, pos).changes) pos++;
    })();
  }

  remove(collectionId: number, photoIds: readonly number[]): void {
    const del = this.db.prepare('DELETE FROM collection_photos WHERE collection_id = ? AND photo_id = ?');
    this.db.transaction(() => photoIds.forEach((id) => del.run(collectionId, id)))();
  }

  photoIds(collectionId: number): number[] {
    return this.db
      .prepare<[number], { photo_id: number }>('SELECT photo_id FROM collection_photos WHERE collection_id = ? ORDER BY position')
      .all(collectionId)
      .map((r) => r.photo_id);
  }
}
