/** The photo row as the rest of the app sees it, and its mapping from SQL. */
export type Flag = 'pick' | 'reject';
export type ColorLabel = 'red' | 'yellow' | 'green' | 'blue' | 'purple';
export const COLOR_LABELS: readonly ColorLabel[] = ['red', 'yellow', 'green', 'blue', 'purple'];

/** What an import reads from a file: everything but the user's own marks. */
export interface PhotoFileData {
  path: string;
  fileName: string;
  hash: string;
  size: number;
  mtimeMs: number;
  /** Displayed size (orientation applied). */
  width: number | null;
  height: number | null;
  orientation: number;
  format: string;
  /** Local capture time as ISO text without zone ('2024-05-01T10:20:30.000'), or null. */
  captureTime: string | null;
  cameraMake: string | null;
  cameraModel: string | null;
  lens: string | null;
  iso: number | null;
  aperture: number | null;
  /** Seconds. */
  shutter: number | null;
  focalLength: number | null;
  gpsLat: number | null;
  gpsLon: number | null;
  gpsAlt: number | null;
  title: string | null;
  caption: string | null;
}

export interface PhotoRecord extends PhotoFileData {
  id: number;
  folderId: number;
  sortTime: string;
  rating: number;
  flag: Flag | null;
  label: ColorLabel | null;
  missing: boolean;
  importedAt: string;
  updatedAt: string;
}

export interface PhotoRow {
  id: number;
  path: string;
  folder_id: number;
  file_name: string;
  hash: string;
  size: number;
  mtime_ms: number;
  width: number | null;
  height: number | null;
  orientation: number;
  format: string;
  capture_time: string | null;
  sort_time: string;
  camera_make: string | null;
  camera_model: string | null;
  lens: string | null;
  iso: number | null;
  aperture: number | null;
  shutter: number | null;
  focal_length: number | null;
  gps_lat: number | null;
  gps_lon: number | null;
  gps_alt: number | null;
  title: string | null;
  caption: string | null;
  rating: number;
  flag: Flag | null;
  label: ColorLabel | null;
  missing: number;
  imported_at: string;
  updated_at: string;
}

export function toPhotoRecord(r: PhotoRow): PhotoRecord {
  return {
    id: r.id,
    path: r.path,
    folderId: r.folder_id,
    fileName: r.file_name,
    hash: r.hash,
    size: r.size,
    mtimeMs: r.mtime_ms,
    width: r.width,
    height: r.height,
    orientation: r.orientation,
    format: r.format,
    captureTime: r.capture_time,
    sortTime: r.sort_time,
    cameraMake: r.camera_make,
    cameraModel: r.camera_model,
    lens: r.lens,
    iso: r.iso,
    aperture: r.aperture,
    shutter: r.shutter,
    focalLength: r.focal_length,
    gpsLat: r.gps_lat,
    gpsLon: r.gps_lon,
    gpsAlt: r.gps_alt,
    title: r.title,
    caption: r.caption,
    rating: r.rating,
    flag: r.flag,
    label: r.label,
    missing: r.missing === 1,
    importedAt: r.imported_at,
    updatedAt: r.updated_at,
  };
}

/** The named parameters the INSERT/UPDATE statements bind. */
export function fileDataParams(p: PhotoFileData, folderId: number, now: string) {
  return {
    path: p.path,
    folder_id: folderId,
    file_name: p.fileName,
    hash: p.hash,
    size: p.size,
    mtime_ms: Math.trunc(p.mtimeMs),
    width: p.width,
    height: p.height,
    orientation: p.orientation >= 1 && p.orientation <= 8 ? Math.trunc(p.orientation) : 1,
    format: p.format,
    capture_time: p.captureTime,
    sort_time: p.captureTime ?? new Date(p.mtimeMs).toISOString().slice(0, 23),
    camera_make: p.cameraMake,
    camera_model: p.cameraModel,
    lens: p.lens,
    iso: p.iso == null ? null : Math.round(p.iso),
    aperture: p.aperture,
    shutter: p.shutter,
    focal_length: p.focalLength,
    gps_lat: p.gpsLat,
    gps_lon: p.gpsLon,
    gps_alt: p.gpsAlt,
    title: p.title,
    caption: p.caption,
    now,
  };
}
