/** Test helper: a complete PhotoFileData with defaults. */
import type { PhotoFileData } from './photo-record.ts';

export function fileData(p: Partial<PhotoFileData> & { path: string }): PhotoFileData {
  return {
    fileName: p.path.split('/').pop()!,
    hash: 'h-' + p.path,
    size: 100,
    mtimeMs: Date.UTC(2024, 0, 1),
    width: 600,
    height: 400,
    orientation: 1,
    format: 'jpeg',
    captureTime: null,
    cameraMake: null,
    cameraModel: null,
    lens: null,
    iso: null,
    aperture: null,
    shutter: null,
    focalLength: null,
    gpsLat: null,
    gpsLon: null,
    gpsAlt: null,
    title: null,
    caption: null,
    ...p,
  };
}
