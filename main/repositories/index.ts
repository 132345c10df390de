/** Every repository over one catalog connection. */
import type { Db } from '../db/connection.ts';
import { PhotosRepository } from './photos.ts';
import { FoldersRepository } from './folders.ts';
import { KeywordsRepository } from './keywords.ts';
import { CollectionsRepository } from './collections.ts';
import { EditsRepository } from './edits.ts';
import { SnapshotsRepository } from './snapshots.ts';
import { ChatRepository } from './chat.ts';
import { ExportsRepository } from './exports.ts';
import { JobsRepository } from './jobs.ts';

export interface Repositories {
  db: Db;
  photos: PhotosRepository;
  folders: FoldersRepository;
  keywords: KeywordsRepository;
  collections: CollectionsRepository;
  edits: EditsRepository;
  snapshots: SnapshotsRepository;
  chat: ChatRepository;
  exports: ExportsRepository;
  jobs: JobsRepository;
  /** Runs `fn` in one (immediate) transaction. */
  transaction<T>(fn: () => T): T;
  /** `PRAGMA integrity_check`: 'ok' or the problems found. */
  integrityCheck(): string;
}

export function createRepositories(db: Db): Repositories {
  return {
    db,
    photos: new PhotosRepository(db),
    folders: new FoldersRepository(db),
    keywords: new KeywordsRepository(db),
    collections: new CollectionsRepository(db),
    edits: new EditsRepository(db),
    snapshots: new SnapshotsRepository(db),
    chat: new ChatRepository(db),
    exports: new ExportsRepository(db),
    jobs: new JobsRepository(db),
    transaction: <T>(fn: () => T): T => db.transaction(fn).immediate(),
    integrityCheck: () => (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; '),
  };
}

export type { PhotoRecord, PhotoFileData, Flag, ColorLabel } from './photo-record.ts';
export type { PhotoQuery, FileState, DuplicateRecord } from './photos.ts';
export type { StoredStep, StoredStack } from './edits.ts';
export type { JobRecord, JobStatus } from './jobs.ts';
