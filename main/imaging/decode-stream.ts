/**
 * A decode whose rows arrive while libvips is still decoding. sharp hands its raw pixels over
 * only when the whole image is done, so a render could start on nothing before that. libvips'
 * own file format (.v: a 64-byte header, then the pixels row by row, then an XML extension) is
 * written sequentially, though: the pipeline is saved to a .v file on a RAM-backed file system
 * (tmpfs), and the rows are copied from it into the caller's shared array as the file grows,
 * a counter telling other threads how many rows are in (they start on the image — the
 * log-luminance grid — during the decode).
 *
 * Only on tmpfs: on a disk-backed folder the file would be written out to disk for nothing.
 * streamFolder() says where (or null: the caller decodes to a buffer as before).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type sharp from 'sharp';

const TMPFS_MAGIC = 0x01021994;
const HEADER_BYTES = 64;
/** VIPS_MAGIC_INTEL as it lies in the file: little-endian pixels. */
const MAGIC_LE = 0x08f2a6b6;
const POLL_MS = 4;

const FILE_PREFIX = 'tonewright-decode-';
const swept = new Set<string>();

/** A tmpfs folder with room for `bytes` (twice over), or null. TONEWRIGHT_STREAM_DECODE=0 turns streaming off. */
export function streamFolder(bytes: number): string | null {
  if (process.env.TONEWRIGHT_STREAM_DECODE === '0' || os.endianness() !== 'LE') return null;
  for (const dir of ['/dev/shm', process.env.XDG_RUNTIME_DIR]) {
    if (!dir) continue;
    try {
      const s = fs.statfsSync(dir);
      if (s.type === TMPFS_MAGIC && s.bavail * s.bsize >= 2 * bytes) {
        fs.accessSync(dir, fs.constants.W_OK);
        if (!swept.has(dir)) {
          swept.add(dir);
          sweepOrphans(dir);
        }
        return dir;
      }
    } catch {
      /* not there, or not ours to write */
    }
  }
  return null;
}

/**
 * Removes decode files a process that no longer runs left in `dir` (it crashed mid-decode: the
 * file would hold tens of megabytes of RAM until the next boot). Once per folder and process.
 */
export function sweepOrphans(dir: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = name.startsWith(FILE_PREFIX) ? /^(\d+)-[a-z0-9]+\.v$/.exec(name.slice(FILE_PREFIX.length)) : null;
    if (!m || Number(m[1]) === process.pid || alive(Number(m[1]))) continue;
    fs.rm(path.join(dir, name), { force: true }, () => {});
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // someone else's process
  }
}

/** Tells the threads waiting on `progress` that `rows` rows are in (−1: the decode failed). */
export function publishRows(progress: Int32Array, rows: number): void {
  Atomics.store(progress, 0, rows);
  Atomics.notify(progress, 0);
}

/** The decode's header did not describe the image the caller expected (e.g. it has an alpha band). */
export class StreamMismatch extends Error {}

export interface StreamTarget {
  /** Interleaved RGB of width × height, 8 or 16 bits per value (on a SharedArrayBuffer). */
  data: Uint8Array | Uint16Array;
  width: number;
  height: number;
  /** progress[0]: rows of data filled so far (Atomics.store and notify as they come). */
  progress?: Int32Array;
  /** Called on this thread after each batch of rows is in (e.g. to work on them meanwhile). */
  onRows?: (rows: number) => void;
}

/**
 * Runs `pipeline` (sharp, not yet started) into `target`, row by row as libvips writes them.
 * Rejects with StreamMismatch when the output is not the expected RGB image (nothing was
 * published to `progress` then), or with the pipeline's error. The temporary file is removed
 * (in the background).
 */
export async function decodeStreamed(pipeline: sharp.Sharp, folder: string, target: StreamTarget): Promise<void> {
  const { data, width, height, progress } = target;
  const bits = data.BYTES_PER_ELEMENT * 8;
  const rowBytes = width * 3 * data.BYTES_PER_ELEMENT;
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const file = path.join(folder, `${FILE_PREFIX}${process.pid}-${Math.random().toString(36).slice(2)}.v`);
  // Created here so the reading descriptor and libvips' writes share one file (libvips truncates it).
  const fd = fs.openSync(file, 'w+', 0o600);
  let done = 0;
  let checked = false;
  const readAvailable = () => {
    const size = fs.fstatSync(fd).size;
    if (!checked) {
      if (size < HEADER_BYTES) return;
      checkHeader(fd, width, height, bits);
      checked = true;
    }
    const rows = Math.min(height, Math.floor((size - HEADER_BYTES) / rowBytes));
    if (rows <= done) return;
    const from = done * rowBytes;
    const n = (rows - done) * rowBytes;
    let got = 0;
    while (got < n) {
      const r = fs.readSync(fd, bytes, from + got, n - got, HEADER_BYTES + from + got);
      if (r <= 0) throw new Error(`streamed decode: ${file} ended at ${from + got} of ${n} bytes`);
      got += r;
    }
    done = rows;
    if (progress) publishRows(progress, done);
    target.onRows?.(done);
  };
  try {
    let finished = false;
    const saving = pipeline.toFile(file).finally(() => (finished = true));
    saving.catch(() => {}); // awaited below
    while (!finished) {
      readAvailable();
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    await saving;
    readAvailable();
    if (done !== height) throw new StreamMismatch(`streamed decode: ${done} of ${height} rows written`);
    checkHeader(fd, width, height, bits);
  } finally {
    fs.closeSync(fd);
    // Freeing a 72 MB file's pages takes milliseconds: on a libuv thread, not on this one's path.
    fs.rm(file, { force: true }, () => {});
  }
}

/** The .v header describes width × height, 3 bands of 8- or 16-bit unsigned values, little-endian. */
function checkHeader(fd: number, width: number, height: number, bits: number): void {
  const h = Buffer.alloc(HEADER_BYTES);
  fs.readSync(fd, h, 0, HEADER_BYTES, 0);
  const magic = h.readUInt32LE(0);
  const [w, hh, bands, fmt, coding] = [h.readInt32LE(4), h.readInt32LE(8), h.readInt32LE(12), h.readInt32LE(20), h.readInt32LE(24)];
  // BandFmt 0: unsigned char, 2: unsigned short; Coding 0: none.
  const want = bits === 16 ? 2 : 0;
  if (magic !== MAGIC_LE || w !== width || hh !== height || bands !== 3 || fmt !== want || coding !== 0)
    throw new StreamMismatch(`streamed decode: got ${w}×${hh}, ${bands} bands of format ${fmt} (magic ${magic.toString(16)}), expected ${width}×${height} RGB of format ${want}`);
}
