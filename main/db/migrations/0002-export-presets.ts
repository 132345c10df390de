/** Migration 2: named export presets (the settings of main/services/export as JSON). */
export const version = 2;
export const name = 'export-presets';
export const sql = /* sql */ `
CREATE TABLE export_presets (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
  settings   TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
`;
