/**
 * Walks import roots recursively: image files (by extension, or by their first bytes when the
 * extension says nothing), image formats we cannot read yet (reported), unreadable folders
 * (reported; files under them are not marked missing), symbolic-link loops (reported, not
 * followed), hidden folders (skipped). The file system is injectable so tests can fail it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { classifyName, sniffFormat, worthSniffing, extensionOf } from './formats.ts';
import { ImportError } from './errors.ts';

export interface ScanFs {
  readdir(dir: string): Promise<fs.Dirent[]>;
  stat(p: string): Promise<fs.Stats>;
  realpath(p: string): Promise<string>;
  readHead(p: string, bytes: number): Promise<Uint8Array>;
}

export const nodeScanFs: ScanFs = {
  readdir: (dir) => fs.promises.readdir(dir, { withFileTypes: true }),
  stat: (p) => fs.promises.stat(p),
  realpath: (p) => fs.promises.realpath(p),
  readHead: async (p, bytes) => {
    const fh = await fs.promises.open(p, 'r');
    try {
      const buf = Buffer.alloc(bytes);
      const { bytesRead } = await fh.read(buf, 0, bytes, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  },
};

export interface ScannedFile {
  path: string;
  size: number;
  mtimeMs: number;
}

export interface ScanResult {
  files: ScannedFile[];
  /** Files and folders that could not be taken in, with the reason ("code: detail"). */
  failed: { path: string; error: string }[];
  /** Folders that could not be read: nothing under them may be called missing. */
  unreadable: string[];
  /** Files that are not images (sidecars, documents…). */
  ignored: number;
}

export async function scan(roots: readonly string[], opts: { fs?: ScanFs; signal?: AbortSignal } = {}): Promise<ScanResult> {
  const sfs = opts.fs ?? nodeScanFs;
  const out: ScanResult = { files: [], failed: [], unreadable: [], ignored: 0 };
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();
  const fail = (p: string, e: ImportError): void => {
    out.failed.push({ path: p, error: e.reason });
  };

  const addFile = async (p: string, st: fs.Stats) => {
    if (seenFiles.has(p)) return;
    seenFiles.add(p);
    const c = classifyName(p);
    if (c.kind === 'unsupported') return fail(p, new ImportError('unsupported', `${c.what} is not supported yet`));
    if (c.kind === 'other') {
      if (!worthSniffing(p) || st.size === 0) {
        out.ignored++;
        return;
      }
      let head: Uint8Array;
      try {
        head = await sfs.readHead(p, 64);
      } catch (err) {
        return fail(p, ImportError.fromFs(err));
      }
      const f = sniffFormat(head, extensionOf(p));
      if (f === null) {
        out.ignored++;
        return;
      }
      if (f === 'unsupported') return fail(p, new ImportError('unsupported', 'this image format is not supported yet'));
    }
    out.files.push({ path: p, size: st.size, mtimeMs: st.mtimeMs });
  };

  // Each entry: a folder to read and the real paths of the folders above it (for loop detection).
  const walk = async (dir: string, ancestors: readonly string[]): Promise<void> => {
    if (opts.signal?.aborted) return;
    let real: string;
    try {
      real = await sfs.realpath(dir);
    } catch (err) {
      out.unreadable.push(dir);
      return fail(dir, ImportError.fromFs(err));
    }
    if (ancestors.includes(real)) return fail(dir, new ImportError('symlink-loop', `links back to ${real}; not followed`));
    if (seenDirs.has(real)) return; // reached twice through links: its files are already listed
    seenDirs.add(real);
    let entries: fs.Dirent[];
    try {
      entries = await sfs.readdir(dir);
    } catch (err) {
      out.unreadable.push(dir);
      const e = ImportError.fromFs(err);
      return fail(dir, e.code === 'permission-denied' ? new ImportError('permission-denied', 'no permission to read this folder') : e);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    const stats = await Promise.all(
      entries.map(async (ent) => {
        const p = path.join(dir, ent.name);
        if (ent.isDirectory()) return { p, dir: !ent.name.startsWith('.') };
        if (!ent.isFile() && !ent.isSymbolicLink()) return null; // sockets, fifos, devices
        try {
          const st = await sfs.stat(p);
          if (st.isDirectory()) return { p, dir: !ent.name.startsWith('.') };
          return st.isFile() ? { p, st } : null;
        } catch (err) {
          const e = ImportError.fromFs(err);
          if (ent.isSymbolicLink() && e.code === 'vanished') {
            return classifyName(p).kind === 'image' ? { p, error: new ImportError('vanished', 'broken symbolic link') } : null;
          }
          return { p, error: e };
        }
      }),
    );
    for (const s of stats) {
      if (!s) continue;
      if ('error' in s && s.error) fail(s.p, s.error);
      else if ('st' in s && s.st) await addFile(s.p, s.st);
      else if ('dir' in s && s.dir) subdirs.push(s.p);
    }
    for (const sub of subdirs) await walk(sub, [...ancestors, real]);
  };

  for (const root of roots) {
    let st: fs.Stats;
    try {
      st = await sfs.stat(root);
    } catch (err) {
      const e = ImportError.fromFs(err);
      fail(root, e.code === 'vanished' ? new ImportError('vanished', 'no such file or folder') : e);
      continue;
    }
    if (st.isDirectory()) await walk(root, []);
    else if (st.isFile()) await addFile(root, st);
  }
  return out;
}
