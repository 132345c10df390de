/**
 * Migration 1: the whole catalog. STRICT tables; times are ISO-8601 text; JSON is text.
 * Photo width/height are the displayed size (orientation applied); `orientation` is EXIF 1..8.
 * `sort_time` is the capture time, or the file's mtime when the photo has none, so the grid
 * can sort and page every photo through one index.
 */
export const version = 1;
export const name = 'initial';
export const sql = /* sql */ `
CREATE TABLE folders (
  id        INTEGER PRIMARY KEY,
  path      TEXT NOT NULL UNIQUE,
  parent_id INTEGER REFERENCES folders(id) ON DELETE SET NULL
) STRICT;
CREATE INDEX folders_parent ON folders(parent_id);

CREATE TABLE photos (
  id           INTEGER PRIMARY KEY,
  path         TEXT NOT NULL UNIQUE,
  folder_id    INTEGER NOT NULL REFERENCES folders(id),
  file_name    TEXT NOT NULL,
  hash         TEXT NOT NULL,
  size         INTEGER NOT NULL,
  mtime_ms     INTEGER NOT NULL,
  width        INTEGER,
  height       INTEGER,
  orientation  INTEGER NOT NULL DEFAULT 1 CHECK (orientation BETWEEN 1 AND 8),
  format       TEXT NOT NULL,
  capture_time TEXT,
  sort_time    TEXT NOT NULL,
  camera_make  TEXT,
  camera_model TEXT,
  lens         TEXT,
  iso          INTEGER,
  aperture     REAL,
  shutter      REAL,
  focal_length REAL,
  gps_lat      REAL,
  gps_lon      REAL,
  gps_alt      REAL,
  title        TEXT,
  caption      TEXT,
  rating       INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
  flag         TEXT CHECK (flag IN ('pick', 'reject')),
  label        TEXT CHECK (label IN ('red', 'yellow', 'green', 'blue', 'purple')),
  missing      INTEGER NOT NULL DEFAULT 0 CHECK (missing IN (0, 1)),
  imported_at  TEXT NOT NULL,
  updated_at   TEXT NOT NULL
) STRICT;
CREATE INDEX photos_folder_time ON photos(folder_id, sort_time, id);
CREATE INDEX photos_time ON photos(sort_time, id);
CREATE INDEX photos_hash ON photos(hash);
CREATE INDEX photos_rating ON photos(rating, sort_time);
CREATE INDEX photos_flag ON photos(flag, sort_time) WHERE flag IS NOT NULL;
CREATE INDEX photos_label ON photos(label, sort_time) WHERE label IS NOT NULL;
CREATE INDEX photos_camera ON photos(camera_model, sort_time);
CREATE INDEX photos_name ON photos(file_name, id);

-- Extra paths whose content equals a photo's (a copy of the same file is one photo).
CREATE TABLE photo_duplicates (
  path      TEXT PRIMARY KEY,
  photo_id  INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
  hash      TEXT NOT NULL,
  size      INTEGER NOT NULL,
  mtime_ms  INTEGER NOT NULL,
  found_at  TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX photo_duplicates_photo ON photo_duplicates(photo_id);

CREATE TABLE keywords (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE
) STRICT;
CREATE TABLE photo_keywords (
  photo_id   INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
  keyword_id INTEGER NOT NULL REFERENCES keywords(id) ON DELETE CASCADE,
  PRIMARY KEY (photo_id, keyword_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX photo_keywords_keyword ON photo_keywords(keyword_id, photo_id);

-- Full-text index over each photo's words; rowid = photos.id, maintained by the repositories.
CREATE VIRTUAL TABLE photo_text USING fts5(file_name, keywords, title, caption, camera, tokenize = 'unicode61 remove_diacritics 2');

CREATE TABLE collections (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  parent_id  INTEGER REFERENCES collections(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL
) STRICT;
CREATE TABLE collection_photos (
  collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
  photo_id      INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  PRIMARY KEY (collection_id, photo_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX collection_photos_photo ON collection_photos(photo_id);

-- The edit stack of a photo: its cursor and marks, and one row per step.
CREATE TABLE edit_stacks (
  photo_id       INTEGER PRIMARY KEY REFERENCES photos(id) ON DELETE CASCADE,
  format_version INTEGER NOT NULL,
  cursor         INTEGER NOT NULL CHECK (cursor >= 0),
  marks          TEXT NOT NULL DEFAULT '[]',
  updated_at     TEXT NOT NULL
) STRICT;
CREATE TABLE edit_steps (
  photo_id   INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL CHECK (position >= 0),
  step_id    TEXT NOT NULL,
  op         TEXT NOT NULL,
  op_version INTEGER NOT NULL,
  params     TEXT NOT NULL,
  mask       TEXT,
  source     TEXT NOT NULL CHECK (source IN ('user', 'agent', 'import')),
  turn_id    TEXT,
  reason     TEXT,
  enabled    INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  created_at TEXT NOT NULL,
  PRIMARY KEY (photo_id, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX edit_steps_turn ON edit_steps(turn_id) WHERE turn_id IS NOT NULL;

-- A named state of a stack: the cursor and a frozen copy of the steps up to it, so a snapshot
-- survives the redo tail being replaced.
CREATE TABLE snapshots (
  id         INTEGER PRIMARY KEY,
  photo_id   INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  cursor     INTEGER NOT NULL,
  steps      TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX snapshots_photo ON snapshots(photo_id, created_at);

CREATE TABLE chat_turns (
  seq        INTEGER PRIMARY KEY,
  turn_id    TEXT NOT NULL UNIQUE,
  photo_id   INTEGER REFERENCES photos(id) ON DELETE CASCADE,
  role       TEXT NOT NULL CHECK (role IN ('user', 'assistant', 'tool', 'system')),
  content    TEXT NOT NULL,
  data       TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX chat_turns_photo ON chat_turns(photo_id, seq);

CREATE TABLE exports (
  id         INTEGER PRIMARY KEY,
  photo_id   INTEGER REFERENCES photos(id) ON DELETE SET NULL,
  path       TEXT NOT NULL,
  format     TEXT NOT NULL,
  settings   TEXT NOT NULL,
  width      INTEGER,
  height     INTEGER,
  bytes      INTEGER,
  status     TEXT NOT NULL CHECK (status IN ('done', 'failed')),
  error      TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX exports_photo ON exports(photo_id, created_at);

CREATE TABLE jobs (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('running', 'done', 'cancelled', 'failed', 'interrupted')),
  params      TEXT NOT NULL,
  progress    TEXT NOT NULL DEFAULT '{}',
  error       TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  finished_at TEXT
) STRICT;
CREATE INDEX jobs_status ON jobs(kind, status);
`;
