/**
 * Photo metadata: exifr for everything it reads (JPEG, TIFF, PNG, WebP, HEIC/AVIF, TIFF-based
 * RAW), and a normaliser that turns exifr's or exiftool's tags into the catalog's fields.
 */
import exifr from 'exifr';

export interface PhotoMetadata {
  captureTime: string | null;
  cameraMake: string | null;
  cameraModel: string | null;
  lens: string | null;
  iso: number | null;
  aperture: number | null;
  shutter: number | null;
  focalLength: number | null;
  gpsLat: number | null;
  gpsLon: number | null;
  gpsAlt: number | null;
  orientation: number | null;
  title: string | null;
  caption: string | null;
  keywords: string[];
  /** xmp:Rating when the file carries one (−1 = rejected in Lightroom → 0 here). */
  rating: number | null;
  /** Pixel size the metadata declares (RAW: the sensor image), if any. */
  width: number | null;
  height: number | null;
}

const EXIFR_OPTIONS = {
  tiff: true,
  exif: true,
  gps: true,
  xmp: true,
  iptc: true,
  icc: false,
  ifd1: false,
  interop: false,
  makerNote: false,
  userComment: false,
  translateValues: false,
  reviveValues: true,
  mergeOutput: true,
  multiSegment: true,
};

/** Reads a file's metadata with exifr; a file without (or with unreadable) metadata gives empty fields and a warning. */
export async function readMetadata(buf: Uint8Array): Promise<{ meta: PhotoMetadata; warning?: string }> {
  try {
    const tags = (await exifr.parse(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength), EXIFR_OPTIONS)) as Record<string, unknown> | undefined;
    return { meta: normaliseTags(tags ?? {}) };
  } catch (err) {
    return { meta: normaliseTags({}), warning: `metadata unreadable: ${(err as Error).message}` };
  }
}

const str = (v: unknown): string | null => {
  if (v == null) return null;
  if (typeof v === 'object' && v !== null && 'value' in v) return str((v as { value: unknown }).value);
  const s = String(v).replace(/\0/g, '').trim();
  return s ? s : null;
};

/** Numbers from numbers, "1/200", "50.0 mm", "f/2.8". */
export function num(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (Array.isArray(v)) return num(v[0]);
  if (typeof v !== 'string') return null;
  const frac = v.match(/^\s*(-?\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)/);
  if (frac) return Number(frac[2]) === 0 ? null : Number(frac[1]) / Number(frac[2]);
  const m = v.match(/-?\d+(?:\.\d+)?/);
  return m ? Number(m[0]) : null;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A capture time as local wall-clock ISO text ('2024-05-01T10:20:30.054'), or null if implausible. */
export function toLocalIso(v: unknown, subSec?: unknown): string | null {
  let y, mo, d, h, mi, s, ms;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    // exifr builds dates from EXIF's zone-less text in local time: read them back the same way.
    [y, mo, d, h, mi, s, ms] = [v.getFullYear(), v.getMonth() + 1, v.getDate(), v.getHours(), v.getMinutes(), v.getSeconds(), v.getMilliseconds()];
  } else if (typeof v === 'object' && v !== null && 'rawValue' in v) {
    return toLocalIso((v as { rawValue: unknown }).rawValue, subSec);
  } else if (typeof v === 'string') {
    const m = v.match(/^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.(\d+))?/);
    if (!m) return null;
    [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
    ms = m[7] ? Math.round(Number('0.' + m[7]) * 1000) : 0;
  } else return null;
  const sub = str(subSec);
  if (sub && /^\d+$/.test(sub) && ms === 0) ms = Math.min(999, Math.round(Number('0.' + sub) * 1000));
  if (y < 1800 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(Math.min(s, 59))}.${pad(ms, 3)}`;
}

function gps(v: unknown, ref: unknown, neg: string): number | null {
  let n: number | null = null;
  if (Array.isArray(v) && v.length >= 1) n = (num(v[0]) ?? 0) + (num(v[1]) ?? 0) / 60 + (num(v[2]) ?? 0) / 3600;
  else n = num(v);
  if (n === null) return null;
  if (typeof ref === 'string' && ref.toUpperCase().startsWith(neg) && n > 0) n = -n;
  return n;
}

function keywords(tags: Record<string, unknown>): string[] {
  const out = new Map<string, string>();
  for (const key of ['subject', 'Subject', 'Keywords', 'keywords', 'HierarchicalSubject']) {
    const v = tags[key];
    const list = Array.isArray(v) ? v : v == null ? [] : [v];
    for (const item of list) {
      const s = str(item);
      if (!s) continue;
      const leaf = key === 'HierarchicalSubject' ? s.split('|').pop()!.trim() : s;
      if (leaf && !out.has(leaf.toLowerCase())) out.set(leaf.toLowerCase(), leaf);
    }
  }
  return [...out.values()];
}

/** exifr (merged) or exiftool tags → the catalog's fields. Missing or nonsense values become null. */
export function normaliseTags(t: Record<string, unknown>): PhotoMetadata {
  const lat = gps(t.latitude ?? t.GPSLatitude, t.latitude === undefined ? t.GPSLatitudeRef : undefined, 'S');
  const lon = gps(t.longitude ?? t.GPSLongitude, t.longitude === undefined ? t.GPSLongitudeRef : undefined, 'W');
  const validGps = lat !== null && lon !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && !(lat === 0 && lon === 0);
  let alt = num(t.GPSAltitude);
  if (alt !== null && (num(t.GPSAltitudeRef) === 1 || (typeof t.GPSAltitudeRef === 'object' && (t.GPSAltitudeRef as Record<string, number>)?.[0] === 1))) alt = -alt;
  const orientation = num(t.Orientation);
  const rating = num(t.Rating);
  const make = str(t.Make);
  const model = str(t.Model);
  const iso = num(t.ISO ?? t.ISOSpeedRatings ?? t.PhotographicSensitivity);
  const aperture = num(t.FNumber) ?? (num(t.ApertureValue) !== null ? Math.pow(2, num(t.ApertureValue)! / 2) : null);
  const shutter = num(t.ExposureTime) ?? (num(t.ShutterSpeedValue) !== null ? Math.pow(2, -num(t.ShutterSpeedValue)!) : null);
  const width = num(t.ImageWidth ?? t.ExifImageWidth ?? t.PixelXDimension);
  const height = num(t.ImageHeight ?? t.ImageLength ?? t.ExifImageHeight ?? t.PixelYDimension);
  return {
    captureTime: toLocalIso(t.DateTimeOriginal, t.SubSecTimeOriginal) ?? toLocalIso(t.CreateDate, t.SubSecTimeDigitized) ?? toLocalIso(t.DateCreated),
    cameraMake: make,
    cameraModel: model,
    lens: str(t.LensModel) ?? str(t.Lens) ?? str(t.LensID),
    iso: iso !== null && iso > 0 && iso < 1e7 ? Math.round(iso) : null,
    aperture: aperture !== null && aperture > 0 && aperture < 1000 ? Math.round(aperture * 100) / 100 : null,
    shutter: shutter !== null && shutter > 0 && shutter < 1e5 ? shutter : null,
    focalLength: (() => {
      const f = num(t.FocalLength);
      return f !== null && f > 0 && f < 1e5 ? f : null;
    })(),
    gpsLat: validGps ? lat : null,
    gpsLon: validGps ? lon : null,
    gpsAlt: validGps && alt !== null && Math.abs(alt) < 1e6 ? alt : null,
    orientation: orientation !== null && Number.isInteger(orientation) && orientation >= 1 && orientation <= 8 ? orientation : null,
    title: str(t.title) ?? str(t.Title) ?? str(t.ObjectName) ?? str(t.Headline),
    caption: str(t.description) ?? str(t.Description) ?? str(t.ImageDescription) ?? str(t.Caption) ?? str(t['Caption-Abstract']),
    keywords: keywords(t),
    rating: rating !== null ? Math.max(0, Math.min(5, Math.round(rating))) : null,
    width: width !== null && width > 0 ? Math.round(width) : null,
    height: height !== null && height > 0 ? Math.round(height) : null,
  };
}
