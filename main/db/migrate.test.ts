import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from './connection.ts';
import { migrate, schemaVersion, SCHEMA_VERSION, CatalogVersionError, type Migration } from './migrate.ts';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'tw-db-'));

describe('catalog migrations', () => {
  it('creates a WAL catalog with foreign keys at the newest version, and is idempotent', () => {
    const file = path.join(tmp(), 'c.db');
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const strict = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%STRICT%'").all() as { name: string }[];
    expect(strict.map((t) => t.name)).toEqual(expect.arrayContaining(['photos', 'folders', 'edit_steps', 'jobs', 'chat_turns', 'exports', 'snapshots']));
    db.close();
    const again = openDatabase(file);
    expect(migrate(again)).toEqual([]);
    again.close();
  });

  it('refuses a catalog from a newer version, naming both versions', () => {
    const file = path.join(tmp(), 'new.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 3}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(CatalogVersionError);
    expect(() => openDatabase(file)).toThrow(new RegExp(`version ${SCHEMA_VERSION + 3}.*version ${SCHEMA_VERSION}`));
    expect(() => openDatabase(file, { readonly: true })).toThrow(CatalogVersionError);
  });

  it('rolls a failing migration back completely', () => {
    const db = new Database(':memory:');
    const bad: Migration[] = [
      { version: 1, name: 'a', sql: 'CREATE TABLE a (x INTEGER) STRICT;' },
      { version: 2, name: 'b', sql: 'CREATE TABLE b (x INTEGER) STRICT; INSERT INTO nope VALUES (1);' },
    ];
    expect(() => migrate(db, bad)).toThrow();
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'b'").get()).toEqual({ n: 0 });
  });

  it('rejects migrations out of order', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [{ version: 2, name: 'x', sql: '' }])).toThrow(/expected 1/);
  });
});
