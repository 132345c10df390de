/** The export history: what was written where, with which settings. */
import type { Db } from '../db/connection.ts';
import { nowIso, parseJson } from './util.ts';

export interface ExportRecord {
  id: number;
  photoId: number | null;
  path: string;
  format: string;
  settings: unknown;
  width: number | null;
  height: number | null;
  bytes: number | null;
  status: 'done' | 'failed';
  error: string | null;
  createdAt: string;
}

interface Row {
  id: number;
  photo_id: number | null;
  path: string;
  format: string;
  settings: string;
  width: number | null;
  height: number | null;
  bytes: number | null;
  status: 'done' | 'failed';
  error: string | null;
  created_at: string;
}

const toRecord = (r: Row): ExportRecord => ({
  id: r.id,
  photoId: r.photo_id,
  path: r.path,
  format: r.format,
  settings: parseJson(r.settings, {}),
  width: r.width,
  height: r.height,
  bytes: r.bytes,
  status: r.status,
  error: r.error,
  createdAt: r.created_at,
});

export class ExportsRepository {
  constructor(private readonly db: Db) {}

  add(e: Omit<ExportRecord, 'id' | 'createdAt'> & { createdAt?: string }): number {
    return Number(
      this.db
        .prepare('INSERT INTO exports (photo_id, path, format, settings, width, height, bytes, status, error, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(e.photoId, e.path, e.format, JSON.stringify(e.settings ?? {}), e.width, e.height, e.bytes, e.status, e.error, e.createdAt ?? nowIso()).lastInsertRowid,
    );
  }

  forPhoto(photoId: number): ExportRecord[] {
    return this.db.prepare<[number], Row>('SELECT * FROM exports WHERE photo_id = ? ORDER BY created_at, id').all(photoId).map(toRecord);
  }

  recent(limit = 100): ExportRecord[] {
    return this.db.prepare<[number], Row>('SELECT * FROM exports ORDER BY id DESC LIMIT ?').all(limit).map(toRecord);
  }
}
