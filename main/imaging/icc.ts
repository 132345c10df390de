/**
 * Reads the human-readable description of an ICC profile (the `desc` tag), e.g.
 * "sRGB IEC61966-2.1" or "Display P3". Handles the v2 `desc` (textDescriptionType) and the
 * v4 `mluc` (multiLocalizedUnicodeType) encodings. Returns undefined when absent or malformed.
 */
export function iccDescription(icc: Uint8Array | undefined): string | undefined {
  if (!icc || icc.length < 132) return undefined;
  const view = new DataView(icc.buffer, icc.byteOffset, icc.byteLength);
  const tagCount = view.getUint32(128);
  if (tagCount > 1000 || 132 + tagCount * 12 > icc.length) return undefined;
  for (let i = 0; i < tagCount; i++) {
    const at = 132 + i * 12;
    if (ascii(icc, at, 4) !== 'desc') continue;
    const offset = view.getUint32(at + 4);
    const size = view.getUint32(at + 8);
    if (offset + size > icc.length || size < 12) return undefined;
    const type = ascii(icc, offset, 4);
    if (type === 'desc') {
      const count = view.getUint32(offset + 8);
      if (12 + count > size) return undefined;
      return clean(ascii(icc, offset + 12, count));
    }
    if (type === 'mluc') {
      const records = view.getUint32(offset + 8);
      const recordSize = view.getUint32(offset + 12);
      if (records < 1 || recordSize < 12) return undefined;
      // Prefer English, else the first record.
      let chosen = offset + 16;
      for (let r = 0; r < records; r++) {
        const rec = offset + 16 + r * recordSize;
        if (rec + 12 > offset + size) break;
        if (ascii(icc, rec, 2) === 'en') {
          chosen = rec;
          break;
        }
      }
      const len = view.getUint32(chosen + 4);
      const strOffset = offset + view.getUint32(chosen + 8);
      if (strOffset + len > icc.length) return undefined;
      let s = '';
      for (let k = 0; k + 1 < len; k += 2) s += String.fromCharCode(view.getUint16(strOffset + k));
      return clean(s);
    }
    return undefined;
  }
  return undefined;
}

function ascii(bytes: Uint8Array, at: number, n: number): string {
  let s = '';
  for (let i = 0; i < n && at + i < bytes.length; i++) s += String.fromCharCode(bytes[at + i]);
  return s;
}

function clean(s: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const t = s.replace(/\u0000+$/g, '').replace(/[\u0000-\u001f]/g, ' ').trim();
  return t.length > 0 ? t : undefined;
}
