/**
 * An import worker process: takes ProcessTask messages, answers Processed messages.
 * It is a separate process (not a thread) so a decoder crash on a hostile file — a segfault in
 * native code, or running out of memory — costs one file, never the import.
 */
import sharp from 'sharp';
import { ExifTool } from 'exiftool-vendored';
import { processFile, type ProcessTask } from './process-file.ts';

// One image at a time per worker, so N workers use N cores; no file cache (open handles).
sharp.concurrency(1);
sharp.cache({ memory: 64, files: 0, items: 20 });

let exiftool: ExifTool | undefined;
const getExiftool = () => (exiftool ??= new ExifTool({ maxProcs: 1, taskTimeoutMillis: 30_000 }));

let queue = Promise.resolve();

/** Sends to the pool unless it has gone (a closed pool must not crash a finishing worker). */
function reply(msg: object): void {
  if (process.connected) process.send?.(msg, undefined, {}, () => undefined);
}
process.on('error', () => undefined);

process.on('message', (msg: { id: number; task: ProcessTask }) => {
  queue = queue.then(async () => {
    const result = await processFile(msg.task, getExiftool);
    reply({ id: msg.id, result });
  });
});

process.on('disconnect', () => {
  void queue.finally(async () => {
    await exiftool?.end().catch(() => undefined);
    process.exit(0);
  });
});

reply({ ready: true });
