/**
 * Opens a catalog: WAL, foreign keys on, a busy timeout, and migrations applied.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate, schemaVersion, SCHEMA_VERSION, CatalogVersionError } from './migrate.ts';

export type Db = Database.Database;

export interface OpenOptions {
  readonly?: boolean;
}

export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  if (file !== ':memory:' && !opts.readonly) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  try {
    db.pragma('busy_timeout = 5000');
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      // NORMAL is durable against application crashes (kill -9) in WAL mode; only an OS crash
      // can lose the last transactions, never corrupt the file.
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('temp_store = MEMORY');
    if (!opts.readonly) migrate(db);
    else if (schemaVersion(db) > SCHEMA_VERSION) throw new CatalogVersionError(file, schemaVersion(db), SCHEMA_VERSION);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
