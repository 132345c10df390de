/**
 * The contract's handlers: each channel → one service call. Hosts (Electron's ipc-bridge,
 * browser mode's server) wrap these with createDispatcher, which validates both ways.
 */
import type { Handlers } from './dispatch.ts';
import { IpcFailure } from './dispatch.ts';
import type { DevelopService } from '../services/develop/develop-service.ts';
import { NotFoundError } from '../services/develop/develop-service.ts';
import type { LibraryService } from '../services/library/library-service.ts';
import type { ImportJobs } from '../services/jobs/import-jobs.ts';

export interface AppServices {
  info: { version: string; catalogPath: string; dataDir: string; mode: 'desktop' | 'web' };
  library: LibraryService;
  develop: DevelopService;
  imports: ImportJobs;
  /** Optional parts: their channels answer "not available" when absent. */
  agentHandlers?: Partial<Handlers>;
  exportHandlers?: Partial<Handlers>;
}

function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof NotFoundError) throw new IpcFailure('not-found', err.message);
    if (err instanceof Error && (err.name === 'ParamError' || err instanceof RangeError)) throw new IpcFailure('invalid-input', err.message);
    throw err;
  }
}

export function createHandlers(s: AppServices): Partial<Handlers> {
  return {
    'app.info': () => s.info,
    'library.folders': () => s.library.folders(),
    'library.query': (q) => s.library.query(q),
    'library.photo': ({ photoId }) => {
      const p = s.library.photo(photoId);
      if (!p) throw new IpcFailure('not-found', `photo ${photoId} is not in the catalog`);
      return p;
    },
    'library.setMarks': ({ photoIds, ...marks }) => ({ updated: s.library.setMarks(photoIds, marks) }),
    'import.start': ({ paths }) => ({ jobId: s.imports.start(paths) }),
    'import.cancel': ({ jobId }) => ({ cancelled: s.imports.cancel(jobId) }),
    'develop.load': ({ photoId }) => guard(() => s.develop.view(photoId)),
    'develop.commit': ({ photoId, op, params, mask }) => guard(() => s.develop.commit(photoId, op, params, mask)),
    'develop.undo': ({ photoId, scope }) => guard(() => s.develop.undo(photoId, scope)),
    'develop.redo': ({ photoId, scope }) => guard(() => s.develop.redo(photoId, scope)),
    'develop.toggleStep': ({ photoId, stepId, enabled }) => guard(() => s.develop.toggle(photoId, stepId, enabled)),
    'develop.jumpTo': ({ photoId, cursor }) => guard(() => s.develop.jumpTo(photoId, cursor)),
    'develop.snapshots': ({ photoId }) => guard(() => s.develop.snapshots(photoId)),
    'develop.saveSnapshot': ({ photoId, name }) => guard(() => ({ id: s.develop.saveSnapshot(photoId, name) })),
    'develop.pasteSettings': ({ fromPhotoId, toPhotoIds, ops }) => guard(() => ({ updated: s.develop.paste(fromPhotoId, toPhotoIds, ops) })),
    ...s.agentHandlers,
    ...s.exportHandlers,
  };
}
