/** Named export presets: settings of the export service stored as JSON, names unique (case-insensitive). */
import type { Db } from '../db/connection.ts';
import { nowIso, parseJson } from './util.ts';

export interface ExportPresetRecord {
  id: number;
  name: string;
  settings: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: number;
  name: string;
  settings: string;
  created_at: string;
  updated_at: string;
}

const toRecord = (r: Row): ExportPresetRecord => ({
  id: r.id,
  name: r.name,
  settings: parseJson(r.settings, {}),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export class ExportPresetsRepository {
  constructor(private readonly db: Db) {}

  /** Creates or replaces the preset of that name; returns its id. */
  save(name: string, settings: Record<string, unknown>): number {
    const clean = name.trim();
    if (!clean) throw new RangeError('a preset needs a name');
    const now = nowIso();
    this.db
      .prepare(
        `INSERT INTO export_presets (name, settings, created_at, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(name) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`,
      )
      .run(clean, JSON.stringify(settings), now, now);
    return this.byName(clean)!.id;
  }

  byName(name: string): ExportPresetRecord | undefined {
    const r = this.db.prepare<[string], Row>('SELECT * FROM export_presets WHERE name = ?').get(name.trim());
    return r ? toRecord(r) : undefined;
  }

  list(): ExportPresetRecord[] {
    return this.db.prepare<[], Row>('SELECT * FROM export_presets ORDER BY name COLLATE NOCASE').all().map(toRecord);
  }

  remove(name: string): boolean {
    return this.db.prepare('DELETE FROM export_presets WHERE name = ?').run(name.trim()).changes > 0;
  }
}
