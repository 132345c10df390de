/**
 * Numbered migrations, each applied in its own transaction, tracked by `PRAGMA user_version`.
 * A catalog written by a newer Tonewright (user_version above the last migration here) is
 * refused rather than half-understood.
 */
import type Database from 'better-sqlite3';
import * as m0001 from './migrations/0001-initial.ts';
import * as m0002 from './migrations/0002-export-presets.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [m0001, m0002];
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export class CatalogVersionError extends Error {
  constructor(
    readonly file: string,
    readonly catalogVersion: number,
    readonly supportedVersion: number,
  ) {
    super(
      `The catalog ${file} has schema version ${catalogVersion}, written by a newer Tonewright; ` +
        `this version understands schema version ${supportedVersion} at most. Update Tonewright to open it.`,
    );
    this.name = 'CatalogVersionError';
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Brings `db` up to the newest schema; returns the versions applied. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  checkOrder(migrations);
  const latest = migrations.length ? migrations[migrations.length - 1].version : 0;
  const current = schemaVersion(db);
  if (current > latest) throw new CatalogVersionError(db.name, current, latest);
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
    applied.push(m.version);
  }
  return applied;
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} has version ${m.version}; expected ${i + 1}`);
  });
}
