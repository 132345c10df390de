/**
 * Final pixels → JPEG bytes with the export's metadata mode and quality (or the best quality
 * under a file-size limit, found by binary search: quality → size is monotone enough in
 * libjpeg that the search finds the highest fitting quality within one step).
 */
import { encodeJpeg, type JpegOptions, type RgbImage8 } from '../../imaging/encode.ts';
import type { ImageMetadata } from '../../imaging/decode.ts';
import { TAG_ARTIST, TAG_COPYRIGHT, buildExif, readIfd0Text, stripGps } from './exif-edit.ts';
import { exportXmp } from './xmp-meta.ts';
import { ExportError, type ExportSettings, type PhotoMetadata } from './types.ts';

export interface EncodedExport {
  jpeg: Buffer;
  quality: number;
  /** Encodes tried (1 without a size limit). */
  attempts: number;
  warnings: string[];
}

/** EXIF and XMP for the metadata mode. */
export function metadataFor(settings: ExportSettings, source: ImageMetadata, meta: PhotoMetadata): { exif?: Buffer; xmp?: string; warnings: string[] } {
  const mode = settings.metadata ?? 'all';
  const warnings: string[] = [];
  const full = mode === 'all' || mode === 'no-gps';
  const srcText = source.exif ? readIfd0Text(source.exif, [TAG_COPYRIGHT, TAG_ARTIST]) : new Map<number, string>();
  const copyright = settings.copyright ?? srcText.get(TAG_COPYRIGHT);
  let exif: Buffer | undefined;
  if (mode === 'all' && source.exif) exif = Buffer.from(source.exif);
  else if (mode === 'no-gps' && source.exif) {
    exif = stripGps(source.exif);
    if (!exif) warnings.push('EXIF not kept: the source EXIF block is malformed (GPS could not be removed safely)');
  } else if (mode === 'copyright') {
    const tags = new Map<number, string>();
    if (copyright) tags.set(TAG_COPYRIGHT, copyright);
    const artist = srcText.get(TAG_ARTIST);
    if (artist) tags.set(TAG_ARTIST, artist);
    if (tags.size) exif = buildExif(tags);
  }
  const xmp = exportXmp({
    title: (settings.writeTitle ?? full) ? (meta.title ?? undefined) : undefined,
    keywords: (settings.writeKeywords ?? full) ? meta.keywords : undefined,
    rating: (settings.writeRating ?? full) ? meta.rating : undefined,
    copyright: mode === 'none' ? undefined : copyright,
  });
  return { exif, xmp, warnings };
}

export async function encodeForExport(image: RgbImage8, settings: ExportSettings, md: { exif?: Buffer; xmp?: string }, signal?: AbortSignal): Promise<EncodedExport> {
  const base: JpegOptions = {
    exif: md.exif,
    xmp: md.xmp ? Buffer.from(md.xmp, 'utf8') : undefined,
    progressive: settings.progressive,
    mozjpeg: settings.mozjpeg,
    icc: settings.colorSpace === 'display-p3' ? 'p3' : 'srgb',
  };
  const chroma = settings.chroma && settings.chroma !== 'auto' ? settings.chroma : undefined;
  const encode = (q: number) => encodeJpeg(image, { ...base, quality: q, chromaSubsampling: chroma });
  const top = Math.round(settings.quality);
  const first = await encode(top);
  if (settings.maxKb === undefined || first.jpeg.length <= settings.maxKb * 1024)
    return { jpeg: first.jpeg, quality: top, attempts: 1, warnings: first.warnings };
  const limit = settings.maxKb * 1024;
  let lo = 1;
  let hi = top - 1;
  let best: { jpeg: Buffer; quality: number; warnings: string[] } | undefined;
  let attempts = 1;
  while (lo <= hi) {
    signal?.throwIfAborted();
    const mid = (lo + hi) >> 1;
    const r = await encode(mid);
    attempts++;
    if (r.jpeg.length <= limit) {
      best = { jpeg: r.jpeg, quality: mid, warnings: r.warnings };
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (!best) {
    throw new ExportError('TOO_BIG', `cannot fit under ${settings.maxKb} KB even at quality 1 (smallest is ${Math.ceil((await encode(1)).jpeg.length / 1024)} KB); choose a smaller size or a higher limit`);
  }
  return { ...best, attempts };
}
