/**
 * Turns a file into a sharp pipeline with its orientation settled:
 * - JPEG, PNG, TIFF, WebP, AVIF, GIF: sharp (libvips) directly;
 * - HEIC: libheif compiled to wasm (heic-decode), since sharp's prebuilt libheif has no HEVC;
 *   libheif applies the container's rotation/mirroring, so the pixels come out upright;
 * - camera RAW: the largest embedded JPEG preview, extracted by exiftool (exiftool-vendored),
 *   turned upright with the RAW's own Orientation tag.
 */
import sharp from 'sharp';
import type { ExifTool, Tags } from 'exiftool-vendored';
import { createRequire } from 'node:module';
import type { ImageFormat, RawFormat } from './formats.ts';
import { normaliseTags, type PhotoMetadata } from './metadata.ts';
import { ImportError } from './errors.ts';
import { isSrgbProfile } from '../../imaging/icc.ts';

/** sharp's own default (16383²): anything larger is treated as a decompression bomb. */
export const MAX_PIXELS = 268_402_689;

export interface Decoded {
  /** A fresh pipeline on the upright image (call it again for a second pipeline). */
  pipeline: () => sharp.Sharp;
  /** The upright size of the decoded pixels. */
  width: number;
  height: number;
  /** The EXIF orientation that was (or will be) applied. */
  orientation: number;
  /** For RAW: tags exiftool read (metadata comes from there). */
  rawMeta?: PhotoMetadata;
}

const SHARP_OPTS = { failOn: 'error', limitInputPixels: MAX_PIXELS, sequentialRead: true } as const;

export function checkPixels(width: number | undefined, height: number | undefined): void {
  if (!width || !height) throw new ImportError('corrupt', 'the image declares no size');
  if (width * height > MAX_PIXELS) {
    throw new ImportError('too-large', `declares ${width}×${height} (${Math.round((width * height) / 1e6)} MP), over the ${Math.round(MAX_PIXELS / 1e6)} MP limit`);
  }
}

export async function decodeWithSharp(buf: Buffer): Promise<Decoded> {
  let meta: sharp.Metadata;
  try {
    meta = await sharp(buf, SHARP_OPTS).metadata();
  } catch (err) {
    const e = ImportError.fromSharp(err);
    // The leading bytes said it is an image the decoder knows: it is damaged, not foreign.
    throw e.code === 'unsupported' ? new ImportError('corrupt', 'the decoder cannot parse its header (damaged file)') : e;
  }
  checkPixels(meta.width, meta.height);
  const orientation = meta.orientation && meta.orientation >= 1 && meta.orientation <= 8 ? meta.orientation : 1;
  const swap = orientation >= 5;
  // An embedded sRGB profile needs no conversion to sRGB (main/imaging/icc.ts).
  const ignoreIcc = isSrgbProfile(meta.icc);
  return {
    pipeline: () => sharp(buf, { ...SHARP_OPTS, ignoreIcc }).rotate(),
    width: swap ? meta.height! : meta.width!,
    height: swap ? meta.width! : meta.height!,
    orientation,
  };
}

type HeicImage = { width: number; height: number; decode: () => Promise<{ width: number; height: number; data: Uint8ClampedArray }> };
type HeicAll = ((opts: { buffer: Uint8Array }) => Promise<HeicImage[] & { dispose: () => void }>) & {};
let heicAll: HeicAll | undefined;

export async function decodeHeic(buf: Buffer): Promise<Decoded> {
  heicAll ??= (createRequire(import.meta.url)('heic-decode') as { all: HeicAll }).all;
  let images: HeicImage[] & { dispose: () => void };
  try {
    images = await heicAll({ buffer: buf });
  } catch (err) {
    throw new ImportError('corrupt', `HEIC: ${(err as Error).message}`);
  }
  try {
    const first = images[0];
    checkPixels(first.width, first.height);
    const { width, height, data } = await first.decode();
    const pixels = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    return { pipeline: () => sharp(pixels, { raw: { width, height, channels: 4 }, limitInputPixels: MAX_PIXELS }), width, height, orientation: 1 };
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw new ImportError('corrupt', `HEIC: ${(err as Error).message}`);
  } finally {
    images.dispose();
  }
}

const PREVIEW_TAGS = ['JpgFromRaw', 'PreviewImage', 'OtherImage', 'ThumbnailImage'] as const;

/** Applies an EXIF orientation to a pipeline (for previews that carry none of their own). */
export function orient(img: sharp.Sharp, o: number): sharp.Sharp {
  switch (o) {
    case 2: return img.flop();
    case 3: return img.rotate(180);
    case 4: return img.flip();
    case 5: return img.rotate(90).flop();
    case 6: return img.rotate(90);
    case 7: return img.rotate(270).flop();
    case 8: return img.rotate(270);
    default: return img;
  }
}

export async function decodeRaw(file: string, format: RawFormat, exiftool: ExifTool): Promise<Decoded> {
  let tags: Tags;
  try {
    tags = await exiftool.read(file);
  } catch (err) {
    throw new ImportError('corrupt', `${format.toUpperCase()}: exiftool could not read it: ${(err as Error).message}`);
  }
  const rawMeta = normaliseTags(tags as Record<string, unknown>);
  const errors = (tags as { Error?: string }).Error;
  if (errors && !tags.Make) throw new ImportError('corrupt', `${format.toUpperCase()}: ${errors}`);
  const present = PREVIEW_TAGS.filter((t) => (tags as Record<string, unknown>)[t] !== undefined);
  for (const tag of present) {
    let preview: Buffer;
    try {
      preview = await exiftool.extractBinaryTagToBuffer(tag, file);
    } catch {
      continue;
    }
    let meta: sharp.Metadata;
    try {
      meta = await sharp(preview, SHARP_OPTS).metadata();
      if (!meta.width || !meta.height || meta.width < 64) continue;
      // Make sure the embedded JPEG decodes (stubs and damaged files carry broken ones).
      await sharp(preview, SHARP_OPTS).resize(8, 8).raw().toBuffer();
    } catch {
      continue;
    }
    const own = meta.orientation && meta.orientation > 1 ? meta.orientation : 0;
    const orientation = own || rawMeta.orientation || 1;
    const swap = orientation >= 5;
    return {
      pipeline: () => (own ? sharp(preview, SHARP_OPTS).rotate() : orient(sharp(preview, SHARP_OPTS), orientation)),
      width: swap ? meta.height : meta.width,
      height: swap ? meta.width : meta.height,
      orientation,
      rawMeta,
    };
  }
  throw new ImportError('no-preview', `${format.toUpperCase()}: no decodable embedded preview (full RAW decoding is not available yet)`);
}

export async function decode(file: string, buf: Buffer, format: ImageFormat, exiftool: () => ExifTool): Promise<Decoded> {
  if (format === 'heic') return decodeHeic(buf);
  if (format === 'cr2' || format === 'cr3' || format === 'nef' || format === 'arw' || format === 'dng' || format === 'raf' || format === 'rw2' || format === 'orf') {
    return decodeRaw(file, format, exiftool());
  }
  return decodeWithSharp(buf);
}
