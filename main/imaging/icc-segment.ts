/**
 * Attaching an ICC profile to an encoded JPEG without converting its pixels. sharp's
 * withIccProfile() also runs the whole image through lcms from sRGB to that profile — an identity
 * for 'srgb' that doubles the encode's time, and a second conversion for pixels the export already
 * converted to Display P3. Here the profile's APP2 segments are taken once from a 1×1 encode by
 * sharp (the very bytes it would write) and inserted into the stream.
 */
import sharp from 'sharp';

const cache = new Map<string, Promise<Buffer>>();

/** The APP2 "ICC_PROFILE" segments (markers included) sharp writes for a named profile. */
export function iccSegments(name: 'srgb' | 'p3'): Promise<Buffer> {
  let p = cache.get(name);
  if (!p) {
    p = sharp(Buffer.alloc(3), { raw: { width: 1, height: 1, channels: 3 } })
      .jpeg()
      .withIccProfile(name)
      .toBuffer()
      .then((jpeg) => {
        const segs = leadingSegments(jpeg).filter((s) => isIcc(s));
        if (segs.length === 0) throw new Error(`sharp wrote no ICC profile for '${name}'`);
        return Buffer.concat(segs);
      });
    p.catch(() => cache.delete(name));
    cache.set(name, p);
  }
  return p;
}

/** The APPn and COM segments at the start of a JPEG stream (after SOI), each with its marker. */
function leadingSegments(jpeg: Buffer): Buffer[] {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG stream');
  const out: Buffer[] = [];
  let at = 2;
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff) {
    const marker = jpeg[at + 1];
    if (!((marker >= 0xe0 && marker <= 0xef) || marker === 0xfe)) break;
    const len = jpeg.readUInt16BE(at + 2);
    out.push(jpeg.subarray(at, at + 2 + len));
    at += 2 + len;
  }
  return out;
}

function isIcc(seg: Buffer): boolean {
  return seg[1] === 0xe2 && seg.subarray(4, 16).toString('latin1') === 'ICC_PROFILE\0';
}

/**
 * The stream with `icc` (APP2 segments) after its leading APPn/COM segments, replacing any ICC
 * segments it had.
 */
export function insertIccSegments(jpeg: Buffer, icc: Buffer): Buffer {
  const lead = leadingSegments(jpeg);
  const end = 2 + lead.reduce((n, s) => n + s.length, 0);
  return Buffer.concat([jpeg.subarray(0, 2), ...lead.filter((s) => !isIcc(s)), icc, jpeg.subarray(end)]);
}
