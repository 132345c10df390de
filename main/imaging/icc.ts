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

/** sRGB's colorants adapted to D50 (the PCS white), as an sRGB matrix/TRC profile stores them. */
const SRGB_COLORANTS: Record<string, readonly [number, number, number]> = {
  rXYZ: [0.436066, 0.222488, 0.013916],
  gXYZ: [0.385147, 0.716873, 0.097076],
  bXYZ: [0.143066, 0.060608, 0.714096],
};
const COLORANT_TOLERANCE = 0.003;
/** Largest difference from the sRGB transfer curve, in linear light, at 17 sample points. */
const TRC_TOLERANCE = 0.003;

function srgbEotf(v: number): number {
  return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
}

/**
 * Whether an ICC profile describes sRGB itself: an RGB matrix/TRC profile (no lookup-table
 * transforms, which would take precedence) whose colorants and three tone curves match sRGB's
 * within a fraction of an 8-bit code. Converting such an image "from its profile to sRGB" is an
 * identity (up to the colour engine's rounding), so the decoder can skip it — a quarter of a
 * camera JPEG's decode time. Anything else, or anything malformed, is false.
 */
export function isSrgbProfile(icc: Uint8Array | undefined): boolean {
  if (!icc || icc.length < 132) return false;
  const view = new DataView(icc.buffer, icc.byteOffset, icc.byteLength);
  if (ascii(icc, 36, 4) !== 'acsp' || ascii(icc, 16, 4) !== 'RGB ' || ascii(icc, 20, 4) !== 'XYZ ') return false;
  const tagCount = view.getUint32(128);
  if (tagCount > 1000 || 132 + tagCount * 12 > icc.length) return false;
  const tags = new Map<string, { offset: number; size: number }>();
  for (let i = 0; i < tagCount; i++) {
    const at = 132 + i * 12;
    const offset = view.getUint32(at + 4);
    const size = view.getUint32(at + 8);
    if (offset + size > icc.length) return false;
    tags.set(ascii(icc, at, 4), { offset, size });
  }
  // Lookup-table transforms take precedence over the matrix in a colour engine: not this shortcut.
  for (const t of ['A2B0', 'A2B1', 'A2B2', 'B2A0', 'B2A1', 'B2A2', 'D2B0', 'B2D0']) if (tags.has(t)) return false;
  const s15 = (at: number) => view.getInt32(at) / 65536;
  for (const [sig, want] of Object.entries(SRGB_COLORANTS)) {
    const t = tags.get(sig);
    if (!t || t.size < 20 || ascii(icc, t.offset, 4) !== 'XYZ ') return false;
    for (let k = 0; k < 3; k++) if (!(Math.abs(s15(t.offset + 8 + 4 * k) - want[k]) <= COLORANT_TOLERANCE)) return false;
  }
  for (const sig of ['rTRC', 'gTRC', 'bTRC']) {
    const t = tags.get(sig);
    if (!t) return false;
    const curve = toneCurve(icc, view, t.offset, t.size);
    if (!curve) return false;
    for (let k = 0; k <= 16; k++) if (!(Math.abs(curve(k / 16) - srgbEotf(k / 16)) <= TRC_TOLERANCE)) return false;
  }
  return true;
}

/** A `curv` (table or gamma) or `para` tone curve as a function on [0, 1]; null if unsupported. */
function toneCurve(icc: Uint8Array, view: DataView, at: number, size: number): ((x: number) => number) | null {
  const type = ascii(icc, at, 4);
  if (type === 'curv') {
    if (size < 12) return null;
    const n = view.getUint32(at + 8);
    if (12 + 2 * n > size) return null;
    if (n === 0) return (x) => x;
    if (n === 1) {
      const g = view.getUint16(at + 12) / 256;
      return (x) => Math.pow(x, g);
    }
    return (x) => {
      const f = x * (n - 1);
      const i = Math.min(n - 2, Math.floor(f));
      const a = view.getUint16(at + 12 + 2 * i) / 65535;
      const b = view.getUint16(at + 14 + 2 * i) / 65535;
      return a + (b - a) * (f - i);
    };
  }
  if (type === 'para') {
    if (size < 12) return null;
    const fn = view.getUint16(at + 8);
    const count = [1, 3, 4, 5, 7][fn];
    if (count === undefined || 12 + 4 * count > size) return null;
    const p = Array.from({ length: 7 }, (_, k) => (k < count ? view.getInt32(at + 12 + 4 * k) / 65536 : 0));
    const [g, a, b, c, d, e, f] = p;
    const pow = (v: number) => (v > 0 ? Math.pow(v, g) : 0);
    switch (fn) {
      case 0:
        return (x) => pow(x);
      case 1:
        return (x) => (x >= -b / a ? pow(a * x + b) : 0);
      case 2:
        return (x) => (x >= -b / a ? pow(a * x + b) + c : c);
      case 3:
        return (x) => (x >= d ? pow(a * x + b) : c * x);
      default:
        return (x) => (x >= d ? pow(a * x + b) + e : c * x + f);
    }
  }
  return null;
}
