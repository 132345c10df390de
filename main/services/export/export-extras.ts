/**
 * The export channels of the IPC contract (shared/ipc/contract.ts): `export.start` runs a batch
 * in the background and answers with a job id at once; `export.progress` events follow, then
 * `export.done` with the summary; `export.cancel` aborts it. Each outcome is recorded in the
 * catalog's export history.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { IpcFailure, type Handlers } from '../../ipc/dispatch.ts';
import type { CoreServices } from '../app-services.ts';
import { catalogExportSource, recordExport } from './catalog-source.ts';
import { completeSettings, exportBatch } from './service.ts';
import type { ExportSettings } from './types.ts';

/**
 * Checks the destination before a job starts, so the dialog can say what is wrong at once:
 * an absolute path to a folder, created (with its parents) when `create` is set.
 */
export function prepareDestination(destination: string, create: boolean): string {
  const dir = destination.trim();
  if (!path.isAbsolute(dir)) throw new IpcFailure('invalid-input', `the destination must be an absolute folder path, got "${dir}"`);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(dir);
  } catch {
    stat = undefined;
  }
  if (stat && !stat.isDirectory()) throw new IpcFailure('invalid-input', `the destination is a file, not a folder: ${dir}`);
  if (!stat) {
    if (!create) throw new IpcFailure('invalid-input', `the destination folder does not exist: ${dir} (choose "create the folder")`);
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'read-only file system' : code === 'ENOTDIR' ? 'a parent is a file' : (e as Error).message;
      throw new IpcFailure('invalid-input', `cannot create the destination folder ${dir}: ${why}`);
    }
  }
  return dir;
}

export function exportExtras(core: CoreServices): Partial<Handlers> {
  const jobs = new Map<string, AbortController>();
  return {
    'export.start': ({ photoIds, options }) => {
      const settings: Partial<ExportSettings> = {
        quality: options.quality,
        maxKb: options.maxKb,
        nameTemplate: options.nameTemplate,
        metadata: options.metadata,
        ...(options.longEdge ? { size: { mode: 'longEdge', pixels: options.longEdge } } : {}),
      };
      try {
        completeSettings(settings);
      } catch (e) {
        throw new IpcFailure('invalid-input', (e as Error).message);
      }
      const outDir = prepareDestination(options.destination, options.createFolder === true);
      const jobId = randomUUID();
      const ctrl = new AbortController();
      jobs.set(jobId, ctrl);
      const t0 = performance.now();
      void exportBatch(photoIds, catalogExportSource(core.catalog), {
        outDir,
        settings,
        signal: ctrl.signal,
        onProgress: (p) => {
          const secs = (performance.now() - t0) / 1000;
          core.bus.emit('export.progress', {
            jobId,
            done: p.done,
            total: p.total,
            current: p.current === undefined ? null : String(p.current),
            rate: secs > 0 ? (p.done / secs) * 60 : 0,
            etaSeconds: p.etaSeconds ?? null,
          });
        },
        onResult: (r) => {
          try {
            recordExport(core.catalog, settings, r);
          } catch {
            /* the history is a convenience; the files are what matter */
          }
        },
      })
        .then((s) => {
          jobs.delete(jobId);
          core.bus.emit('export.done', {
            jobId,
            result: {
              written: s.files.map((f) => ({ photoId: f.photoId, path: f.path, bytes: f.bytes, width: f.width, height: f.height })),
              failed: s.failed,
              seconds: s.seconds,
            },
          });
        })
        .catch((e: unknown) => {
          jobs.delete(jobId);
          core.bus.emit('export.done', { jobId, result: { written: [], failed: photoIds.map((photoId) => ({ photoId, error: (e as Error).message })), seconds: 0 } });
        });
      return { jobId };
    },
    'export.cancel': ({ jobId }) => {
      const ctrl = jobs.get(jobId);
      if (!ctrl) return { cancelled: false };
      ctrl.abort();
      return { cancelled: true };
    },
  };
}
