/** Folders: one row per folder that holds (or held) photos, with its parent chain. */
import path from 'node:path';
import type { Db } from '../db/connection.ts';

export interface FolderRecord {
  id: number;
  path: string;
  parentId: number | null;
}

interface Row {
  id: number;
  path: string;
  parent_id: number | null;
}

const toRecord = (r: Row): FolderRecord => ({ id: r.id, path: r.path, parentId: r.parent_id });

export class FoldersRepository {
  private readonly byPathStmt;
  private readonly insertStmt;

  constructor(private readonly db: Db) {
    this.byPathStmt = db.prepare<[string], Row>('SELECT id, path, parent_id FROM folders WHERE path = ?');
    this.insertStmt = db.prepare<[string, number | null]>('INSERT INTO folders (path, parent_id) VALUES (?, ?)');
  }

  byPath(folderPath: string): FolderRecord | undefined {
    const r = this.byPathStmt.get(folderPath);
    return r && toRecord(r);
  }

  /**
   * The folder's id, creating it (and its ancestors down from `root`, when given) if needed.
   * Ancestors above `root` are not created; the top folder then has no parent.
   */
  ensure(folderPath: string, root?: string): number {
    const existing = this.byPathStmt.get(folderPath);
    if (existing) return existing.id;
    const parentPath = path.dirname(folderPath);
    const withinRoot = root !== undefined && folderPath !== root && parentPath !== folderPath && folderPath.startsWith(root);
    const parentId = withinRoot ? this.ensure(parentPath, root) : (this.byPathStmt.get(parentPath)?.id ?? null);
    return Number(this.insertStmt.run(folderPath, parentId).lastInsertRowid);
  }

  list(): FolderRecord[] {
    return this.db.prepare<[], Row>('SELECT id, path, parent_id FROM folders ORDER BY path').all().map(toRecord);
  }

  children(parentId: number | null): FolderRecord[] {
    const rows =
      parentId === null
        ? this.db.prepare<[], Row>('SELECT id, path, parent_id FROM folders WHERE parent_id IS NULL ORDER BY path').all()
        : this.db.prepare<[number], Row>('SELECT id, path, parent_id FROM folders WHERE parent_id = ? ORDER BY path').all(parentId);
    return rows.map(toRecord);
  }

  /** Photo counts per folder (direct children only). */
  counts(): Map<number, number> {
    const rows = this.db.prepare<[], { folder_id: number; n: number }>('SELECT folder_id, count(*) AS n FROM photos GROUP BY folder_id').all();
    return new Map(rows.map((r) => [r.folder_id, r.n]));
  }
}
