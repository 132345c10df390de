/**
 * Minimal EXIF (TIFF structure) patching for re-embedding a source's EXIF block in a rendered
 * JPEG: the orientation is reset to 1 (the render applied it) and the pixel dimensions are set
 * to the output's. Everything else — camera, lens, exposure, GPS, maker notes — is kept byte for
 * byte. No parsing library is needed for this and none may reorder or drop tags.
 */

const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00]; // "Exif\0\0"
const TAG_ORIENTATION = 0x0112;
const TAG_EXIF_IFD = 0x8769;
const TAG_PIXEL_X = 0xa002;
const TAG_PIXEL_Y = 0xa003;
const TYPE_SHORT = 3;
const TYPE_LONG = 4;
/** The largest payload of one JPEG APP1 segment (65535 − 2 length bytes). */
export const MAX_APP1_PAYLOAD = 65533;

function hasExifHeader(b: Uint8Array): boolean {
  return b.length >= 6 && EXIF_HEADER.every((v, i) => b[i] === v);
}

/**
 * Returns a patched copy of an EXIF block ("Exif\0\0" + TIFF, as sharp's metadata().exif gives
 * it; a bare TIFF block is accepted and the header added). Returns undefined when the block is
 * not a valid TIFF structure (then it should not be embedded).
 */
export function patchExifForOutput(exif: Uint8Array, size: { width: number; height: number }): Buffer | undefined {
  const withHeader = hasExifHeader(exif) ? Buffer.from(exif) : Buffer.concat([Buffer.from(EXIF_HEADER), exif]);
  const tiff = withHeader.subarray(6);
  if (tiff.length < 8) return undefined;
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return undefined;
  const le = order === 'II';
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const u16 = (at: number) => view.getUint16(at, le);
  const u32 = (at: number) => view.getUint32(at, le);
  if (u16(2) !== 42) return undefined;

  const visit = (ifd: number, fn: (tag: number, type: number, count: number, valueAt: number) => void) => {
    if (ifd < 8 || ifd + 2 > tiff.length) return;
    const n = u16(ifd);
    if (ifd + 2 + n * 12 > tiff.length) return;
    for (let i = 0; i < n; i++) {
      const e = ifd + 2 + i * 12;
      fn(u16(e), u16(e + 2), u32(e + 4), e + 8);
    }
  };
  const setInt = (type: number, count: number, valueAt: number, v: number) => {
    if (count !== 1) return;
    if (type === TYPE_SHORT) view.setUint16(valueAt, Math.min(v, 0xffff), le);
    else if (type === TYPE_LONG) view.setUint32(valueAt, v, le);
  };

  let exifIfd = 0;
  visit(u32(4), (tag, type, count, valueAt) => {
    if (tag === TAG_ORIENTATION) setInt(type, count, valueAt, 1);
    if (tag === TAG_EXIF_IFD && count === 1) exifIfd = u32(valueAt);
  });
  visit(exifIfd, (tag, type, count, valueAt) => {
    if (tag === TAG_PIXEL_X) setInt(type, count, valueAt, size.width);
    if (tag === TAG_PIXEL_Y) setInt(type, count, valueAt, size.height);
  });
  return withHeader;
}

/** Reads IFD0's orientation tag (1..8), or undefined. */
export function readExifOrientation(exif: Uint8Array): number | undefined {
  const tiff = hasExifHeader(exif) ? exif.subarray(6) : exif;
  if (tiff.length < 8) return undefined;
  const le = tiff[0] === 0x49;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const ifd = view.getUint32(4, le);
  if (ifd + 2 > tiff.length) return undefined;
  const n = view.getUint16(ifd, le);
  for (let i = 0; i < n; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > tiff.length) break;
    if (view.getUint16(e, le) === TAG_ORIENTATION) return view.getUint16(e + 8, le);
  }
  return undefined;
}

/**
 * Inserts an APP1 EXIF segment into a JPEG, after SOI and a JFIF APP0 if present, replacing any
 * EXIF APP1 already there. Throws if the JPEG does not start with SOI.
 */
export function insertExifSegment(jpeg: Buffer, exif: Buffer): Buffer {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG stream');
  if (exif.length > MAX_APP1_PAYLOAD) throw new Error(`EXIF block too large for one APP1 segment (${exif.length} bytes)`);
  const segments: Buffer[] = [jpeg.subarray(0, 2)];
  let at = 2;
  let insertAt = 1; // after SOI, or after a JFIF APP0
  // Walk the leading APPn/COM segments: keep them, drop an existing EXIF APP1.
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff) {
    const marker = jpeg[at + 1];
    const isApp = marker >= 0xe0 && marker <= 0xef;
    if (!isApp && marker !== 0xfe) break;
    const len = jpeg.readUInt16BE(at + 2);
    const seg = jpeg.subarray(at, at + 2 + len);
    const isExif = marker === 0xe1 && hasExifHeader(seg.subarray(4));
    if (!isExif) segments.push(seg);
    if (marker === 0xe0 && !isExif) insertAt = segments.length;
    at += 2 + len;
  }
  const header = Buffer.alloc(4);
  header[0] = 0xff;
  header[1] = 0xe1;
  header.writeUInt16BE(exif.length + 2, 2);
  const app1 = Buffer.concat([header, exif]);
  return Buffer.concat([...segments.slice(0, insertAt), app1, ...segments.slice(insertAt), jpeg.subarray(at)]);
}
