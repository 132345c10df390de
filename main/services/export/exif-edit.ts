/**
 * EXIF edits for export privacy modes, on the raw block ("Exif\0\0" + TIFF) that
 * main/imaging/exif.ts re-embeds:
 * - stripGps: removes the GPS IFD pointer from IFD0 and zeroes the GPS IFD and every value it
 *   points to, so the coordinates are gone from the bytes, not merely unlinked;
 * - readIfd0Text: Artist / Copyright (ASCII tags of IFD0);
 * - buildExif: a minimal block with only the given IFD0 text tags (the "copyright only" mode).
 */
const HEADER = Buffer.from('Exif\0\0', 'latin1');
export const TAG_ARTIST = 0x013b;
export const TAG_COPYRIGHT = 0x8298;
const TAG_GPS_IFD = 0x8825;
const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8 };

interface Tiff {
  buf: Buffer; // the whole block, header included
  tiff: Buffer;
  view: DataView;
  le: boolean;
}

function open(exif: Uint8Array): Tiff | undefined {
  const head = Buffer.from(exif.buffer, exif.byteOffset, Math.min(6, exif.byteLength));
  const buf = head.equals(HEADER) ? Buffer.from(exif) : Buffer.concat([HEADER, exif]);
  const tiff = buf.subarray(6);
  if (tiff.length < 8) return undefined;
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return undefined;
  const le = order === 'II';
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  if (view.getUint16(2, le) !== 42) return undefined;
  return { buf, tiff, view, le };
}

/** A copy of the block without GPS data; the input is returned unchanged (copied) when it has none. */
export function stripGps(exif: Uint8Array): Buffer | undefined {
  const t = open(exif);
  if (!t) return undefined;
  const { tiff, view, le } = t;
  const ifd0 = view.getUint32(4, le);
  if (ifd0 + 2 > tiff.length) return undefined;
  const n = view.getUint16(ifd0, le);
  if (ifd0 + 2 + n * 12 + 4 > tiff.length) return undefined;
  for (let i = 0; i < n; i++) {
    const e = ifd0 + 2 + i * 12;
    if (view.getUint16(e, le) !== TAG_GPS_IFD) continue;
    const gps = view.getUint32(e + 8, le);
    zeroIfd(t, gps);
    // Remove the entry: shift the later entries and the next-IFD offset up, then zero the freed slot.
    tiff.copy(tiff, e, e + 12, ifd0 + 2 + n * 12 + 4);
    tiff.fill(0, ifd0 + 2 + (n - 1) * 12 + 4, ifd0 + 2 + n * 12 + 4);
    view.setUint16(ifd0, n - 1, le);
    break;
  }
  return t.buf;
}

function zeroIfd(t: Tiff, at: number): void {
  const { tiff, view, le } = t;
  if (at < 8 || at + 2 > tiff.length) return;
  const n = view.getUint16(at, le);
  const end = at + 2 + n * 12;
  if (end > tiff.length) return;
  for (let i = 0; i < n; i++) {
    const e = at + 2 + i * 12;
    const size = (TYPE_SIZES[view.getUint16(e + 2, le)] ?? 1) * view.getUint32(e + 4, le);
    if (size > 4) {
      const off = view.getUint32(e + 8, le);
      if (off + size <= tiff.length) tiff.fill(0, off, off + size);
    }
  }
  tiff.fill(0, at, Math.min(tiff.length, end + 4));
}

/** ASCII tags of IFD0 (e.g. TAG_COPYRIGHT), trimmed; missing ones are absent. */
export function readIfd0Text(exif: Uint8Array, tags: readonly number[]): Map<number, string> {
  const out = new Map<number, string>();
  const t = open(exif);
  if (!t) return out;
  const { tiff, view, le } = t;
  const ifd0 = view.getUint32(4, le);
  if (ifd0 + 2 > tiff.length) return out;
  const n = view.getUint16(ifd0, le);
  for (let i = 0; i < n; i++) {
    const e = ifd0 + 2 + i * 12;
    if (e + 12 > tiff.length) break;
    const tag = view.getUint16(e, le);
    if (!tags.includes(tag) || view.getUint16(e + 2, le) !== 2) continue;
    const count = view.getUint32(e + 4, le);
    const off = count > 4 ? view.getUint32(e + 8, le) : e + 8;
    if (off + count > tiff.length) continue;
    const s = tiff.toString('utf8', off, off + count).replace(/\0[\s\S]*$/, '').trim();
    if (s) out.set(tag, s);
  }
  return out;
}

/** A minimal little-endian EXIF block holding only these IFD0 ASCII tags. */
export function buildExif(text: ReadonlyMap<number, string>): Buffer {
  const entries = [...text.entries()].filter(([, v]) => v.length > 0).sort((a, b) => a[0] - b[0]);
  const values = entries.map(([, v]) => Buffer.from(v + '\0', 'utf8'));
  const ifdSize = 2 + entries.length * 12 + 4;
  let dataAt = 8 + ifdSize;
  const tiff = Buffer.alloc(dataAt + values.reduce((s, v) => s + (v.length > 4 ? v.length + (v.length & 1) : 0), 0));
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(entries.length, 8);
  entries.forEach(([tag], i) => {
    const e = 10 + i * 12;
    const v = values[i];
    tiff.writeUInt16LE(tag, e);
    tiff.writeUInt16LE(2, e + 2);
    tiff.writeUInt32LE(v.length, e + 4);
    if (v.length <= 4) v.copy(tiff, e + 8);
    else {
      tiff.writeUInt32LE(dataAt, e + 8);
      v.copy(tiff, dataAt);
      dataAt += v.length + (v.length & 1);
    }
  });
  return Buffer.concat([HEADER, tiff]);
}
