/** Snapshots: a named state of a photo's stack (cursor + a frozen copy of the applied steps). */
import type { Db } from '../db/connection.ts';
import type { StoredStep } from './edits.ts';
import { nowIso, parseJson } from './util.ts';

export interface SnapshotRecord {
  id: number;
  photoId: number;
  name: string;
  cursor: number;
  steps: StoredStep[];
  createdAt: string;
}

interface Row {
  id: number;
  photo_id: number;
  name: string;
  cursor: number;
  steps: string;
  created_at: string;
}

const toRecord = (r: Row): SnapshotRecord => ({ id: r.id, photoId: r.photo_id, name: r.name, cursor: r.cursor, steps: parseJson(r.steps, []), createdAt: r.created_at });

export class SnapshotsRepository {
  constructor(private readonly db: Db) {}

  create(photoId: number, name: string, cursor: number, steps: readonly StoredStep[]): number {
    if (!name.trim()) throw new RangeError('A snapshot needs a name');
    const applied = steps.slice(0, cursor);
    return Number(
      this.db.prepare('INSERT INTO snapshots (photo_id, name, cursor, steps, created_at) VALUES (?, ?, ?, ?, ?)').run(photoId, name.trim(), cursor, JSON.stringify(applied), nowIso())
        .lastInsertRowid,
    );
  }

  list(photoId: number): SnapshotRecord[] {
    return this.db.prepare<[number], Row>('SELECT * FROM snapshots WHERE photo_id = ? ORDER BY created_at, id').all(photoId).map(toRecord);
  }

  get(id: number): SnapshotRecord | undefined {
    const r = this.db.prepare<[number], Row>('SELECT * FROM snapshots WHERE id = ?').get(id);
    return r && toRecord(r);
  }

  rename(id: number, name: string): void {
    this.db.prepare('UPDATE snapshots SET name = ? WHERE id = ?').run(name.trim(), id);
  }

  delete(id: number): void {
    this.db.prepare('DELETE FROM snapshots WHERE id = ?').run(id);
  }
}
