/**
 * The export service's inputs and outputs. The service knows nothing of the catalog: it takes a
 * photo's file, its resolved develop settings and a little metadata through `ExportSource`.
 */
import type { ResolvedSettings } from '../../../shared/pixel/pipeline.ts';

/** Output size. Every mode fits the cropped picture; none upscales unless `allowUpscale`. */
export type ExportSize =
  | { mode: 'original' }
  | { mode: 'longEdge'; pixels: number }
  | { mode: 'shortEdge'; pixels: number }
  /** Fit inside a width × height box, either way round (Lightroom's "Dimensions"); aspect kept. */
  | { mode: 'dimensions'; width: number; height: number }
  | { mode: 'megapixels'; megapixels: number }
  | { mode: 'percent'; percent: number };

export type SharpenMedium = 'screen' | 'matte' | 'glossy';
export type SharpenAmount = 'low' | 'standard' | 'high';
export type MetadataMode = 'all' | 'no-gps' | 'copyright' | 'none';

export interface ExportSettings {
  /** JPEG quality 1..100 (default 90). */
  quality: number;
  /** Chroma subsampling; 'auto' = 4:4:4 at quality ≥ 90, else 4:2:0. */
  chroma?: 'auto' | '4:4:4' | '4:2:0';
  progressive?: boolean;
  /** mozjpeg's encoder (smaller files, slower). */
  mozjpeg?: boolean;
  /** Limit the file to this many KB (1 KB = 1024 bytes): the highest quality ≤ `quality` that fits. */
  maxKb?: number;
  size?: ExportSize;
  allowUpscale?: boolean;
  /** Output sharpening after the resize; absent = none. */
  sharpen?: { medium: SharpenMedium; amount: SharpenAmount };
  colorSpace?: 'srgb' | 'display-p3';
  metadata?: MetadataMode;
  /** Written as XMP (dc:title, dc:subject, xmp:Rating) when true; default: true for 'all' and 'no-gps'. */
  writeTitle?: boolean;
  writeKeywords?: boolean;
  writeRating?: boolean;
  /** Copyright notice to write (dc:rights and EXIF Copyright); default: the source's EXIF copyright. */
  copyright?: string;
  /** File-name template, e.g. "{name}-{seq:3}" (see naming.ts). Default "{name}". */
  nameTemplate?: string;
}

export interface PhotoMetadata {
  /** The source file's name without its extension. */
  name?: string;
  /** Capture time, ISO text ("2024-05-01T10:20:30" with or without zone), or null. */
  captureTime?: string | null;
  rating?: number;
  cameraMake?: string | null;
  cameraModel?: string | null;
  title?: string | null;
  keywords?: readonly string[];
}

export interface ExportItem {
  photoId: number;
  path: string;
  settings: ResolvedSettings;
  metadata: PhotoMetadata;
}

/** Where the batch gets each photo (the catalog adapter implements it; tests fake it). */
export interface ExportSource {
  get(photoId: number): Promise<ExportItem>;
}

export interface ExportedFile {
  photoId: number;
  path: string;
  width: number;
  height: number;
  bytes: number;
  /** The quality used (the chosen one under a size limit). */
  quality: number;
  warnings: string[];
}

export interface ExportProgress {
  done: number;
  total: number;
  failed: number;
  /** The photo being exported now (undefined once finished). */
  current?: number;
  /** Seconds left, estimated from the average so far (undefined before the first photo). */
  etaSeconds?: number;
}

export interface ExportSummary {
  written: number;
  files: ExportedFile[];
  failed: { photoId: number; error: string }[];
  cancelled: boolean;
  seconds: number;
}

export class ExportError extends Error {
  constructor(
    readonly code: 'SOURCE_MISSING' | 'DESTINATION' | 'DISK_FULL' | 'TOO_BIG' | 'CANCELLED' | 'FAILED',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ExportError';
  }
}

export const DEFAULT_SETTINGS: ExportSettings = { quality: 90, chroma: 'auto', metadata: 'all', nameTemplate: '{name}', colorSpace: 'srgb' };

/** Photos an export batch has in flight at once unless told otherwise (see service.ts). */
export const DEFAULT_CONCURRENCY = 2;
