/**
 * Decoding with sharp (libvips) into the pipeline's SourceImage: sRGB-encoded, interleaved RGB,
 * 8-bit, or 16-bit where the source has more than 8 bits per sample.
 *
 * - Orientation: the EXIF orientation is applied (`.rotate()`), so the result is upright; the
 *   metadata keeps the original tag for reference.
 * - Colour: an embedded ICC profile is converted to sRGB, the working space (libvips does this
 *   when the output interpretation is sRGB/rgb16 and the input carries a profile; CMYK without a
 *   profile uses libvips' built-in CMYK profile) — except a profile that is sRGB itself
 *   (icc.ts, isSrgbProfile), whose conversion would be an identity. Greyscale and Lab become RGB.
 * - Alpha: composited over white (as Lightroom displays transparent PNGs), in the encoded values,
 *   exactly (sharp's own flatten scales a 16-bit white to 65280).
 * - Safety: `failOn: 'error'` rejects truncated and corrupt data but tolerates the benign libjpeg
 *   warnings real cameras produce; images over `maxPixels` are refused before any pixel is read.
 * - Resize (optional): fit inside a long edge or by a scale ≤ 1, never upscaled, done by libvips
 *   (with JPEG shrink-on-load) so a preview never decodes the full image into memory.
 */
import fs from 'node:fs/promises';
import sharp from 'sharp';
import type { SourceImage } from '../../shared/pixel/pipeline.ts';
import { ImagingError, firstLine } from './errors.ts';
import { prefault, sharedImageArray } from './image-memory.ts';
import { StreamMismatch, decodeStreamed, publishRows, streamFolder } from './decode-stream.ts';
import { iccDescription, isSrgbProfile } from './icc.ts';

/** 200 MP: above every current camera (Phase One IQ4: 151 MP), below a decompression bomb. */
export const DEFAULT_MAX_PIXELS = 200_000_000;

export interface DecodeOptions {
  /** Fit the oriented image inside this long edge (never upscales). */
  longEdge?: number;
  /** Scale the oriented image by this factor (0 < scale ≤ 1). Combined with longEdge: the smaller wins. */
  scale?: number;
  /**
   * Put the pixels in a SharedArrayBuffer so render workers can read them without a copy: the
   * buffer is allocated when the decode starts (its size follows from the header). Where the
   * rows can stream (decode-stream.ts: an RGB image, a tmpfs folder) they are copied in as
   * libvips decodes them; otherwise the buffer's pages are mapped meanwhile (image-memory.ts) and
   * libvips' result copied in at the end.
   */
  shared?: boolean;
  /** With shared: the array to fill (else one is allocated), of exactly the decode's size. */
  into?: Uint8Array | Uint16Array;
  /**
   * With shared: element 0 counts the rows of the result already filled (Atomics.store and
   * notify: render workers may wait on it and start on those rows); the full height once the
   * decode is done, −1 if it failed.
   */
  progress?: Int32Array;
  /** With progress, where the rows stream: called on this thread after each batch of rows is in. */
  onRows?: (rows: number) => void;
  /** Refuse images with more pixels than this (default DEFAULT_MAX_PIXELS). */
  maxPixels?: number;
  /**
   * The file's header as readMetadata(path) just returned it: not read again, so the decode
   * starts before decodeImage's first await (a caller can then work while libvips decodes).
   */
  metadata?: ImageMetadata;
}

export interface ImageMetadata {
  /** Container format as sharp names it: jpeg, png, tiff, webp, heif, … */
  format: string;
  /** Size of the stored (un-oriented) image. */
  storedWidth: number;
  storedHeight: number;
  /** Size after orientation, before any resize: the "original" size of the photo. */
  originalWidth: number;
  originalHeight: number;
  /** EXIF orientation tag of the file (1 when absent); it has been applied to the pixels. */
  orientation: number;
  /** Bits per sample of the stored data (8, 16, 32 …). */
  sourceBits: number;
  /** Colour space interpretation of the file (srgb, cmyk, b-w, rgb16, labs, …). */
  space: string;
  hasAlpha: boolean;
  /** Description of the embedded ICC profile, e.g. "Display P3"; undefined when none. */
  iccName?: string;
  /** The embedded profile is sRGB itself (isSrgbProfile): the decode skips converting from it. */
  iccIsSrgb?: boolean;
  /** Raw EXIF block ("Exif\0\0" + TIFF) for re-embedding; undefined when none. */
  exif?: Buffer;
  /** Raw XMP packet; undefined when none. */
  xmp?: Buffer;
}

export interface DecodedImage {
  image: SourceImage;
  metadata: ImageMetadata;
  /** Decoded pixels per pixel of the original (1 unless resized). */
  scale: number;
}

const HIGH_DEPTHS = new Set(['ushort', 'short', 'uint', 'int', 'float', 'double', 'complex', 'dpcomplex']);

/** Checks the path up front, so a missing or unreadable file gets a precise message. */
export async function checkReadable(path: string): Promise<void> {
  let stat;
  try {
    stat = await fs.stat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ImagingError('NOT_FOUND', `input file not found: ${path}`);
    if (code === 'EACCES' || code === 'EPERM') throw new ImagingError('UNREADABLE', `input file is not readable (permission denied): ${path}`);
    throw new ImagingError('UNREADABLE', `cannot access input file ${path}: ${firstLine(e)}`);
  }
  if (!stat.isFile()) throw new ImagingError('NOT_A_FILE', `input is not a regular file: ${path}`);
  try {
    const fh = await fs.open(path, 'r');
    await fh.close();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw new ImagingError('UNREADABLE', `input file is not readable (permission denied): ${path}`);
    throw new ImagingError('UNREADABLE', `cannot open input file ${path}: ${firstLine(e)}`);
  }
}

/** Maps a sharp/libvips failure to a specific ImagingError. */
function classify(e: unknown, path: string): ImagingError {
  if (e instanceof ImagingError) return e;
  const msg = firstLine(e);
  if (/unsupported image format/i.test(msg)) return new ImagingError('UNSUPPORTED', `not a supported image format: ${path}`, { cause: e });
  if (/exceeds pixel limit/i.test(msg)) return new ImagingError('TOO_LARGE', `image is too large to decode safely: ${path}`, { cause: e });
  if (/is missing/i.test(msg)) return new ImagingError('NOT_FOUND', `input file not found: ${path}`, { cause: e });
  return new ImagingError('CORRUPT', `image data is corrupt or truncated: ${path} (${msg})`, { cause: e });
}

/** Reads the header only: format, sizes, orientation, profile, EXIF. */
export async function readMetadata(path: string, maxPixels = DEFAULT_MAX_PIXELS): Promise<ImageMetadata> {
  await checkReadable(path);
  let m: sharp.Metadata;
  try {
    m = await sharp(path, { limitInputPixels: false, failOn: 'error' }).metadata();
  } catch (e) {
    throw classify(e, path);
  }
  if (!m.width || !m.height) throw new ImagingError('CORRUPT', `image has no dimensions: ${path}`);
  const pixels = m.width * m.height;
  if (pixels > maxPixels) {
    const mp = (n: number) => `${(n / 1e6).toFixed(1)} MP`;
    throw new ImagingError(
      'TOO_LARGE',
      `image is ${m.width}×${m.height} (${mp(pixels)}), over the limit of ${mp(maxPixels)}; refusing it as a possible decompression bomb: ${path}`,
    );
  }
  const orientation = m.orientation && m.orientation >= 1 && m.orientation <= 8 ? m.orientation : 1;
  const swap = orientation >= 5;
  return {
    format: m.format,
    storedWidth: m.width,
    storedHeight: m.height,
    originalWidth: swap ? m.height : m.width,
    originalHeight: swap ? m.width : m.height,
    orientation,
    sourceBits: m.bitsPerSample ?? (HIGH_DEPTHS.has(m.depth) ? 16 : 8),
    space: m.space,
    hasAlpha: m.hasAlpha,
    iccName: iccDescription(m.icc),
    iccIsSrgb: isSrgbProfile(m.icc),
    exif: m.exif,
    xmp: m.xmp,
  };
}

/** Oriented output size for a long edge / scale request (never upscaled, at least 1 px). */
export function fitSize(width: number, height: number, opts: { longEdge?: number; scale?: number }): { width: number; height: number; scale: number } {
  let scale = 1;
  if (opts.scale !== undefined) {
    if (!(opts.scale > 0)) throw new RangeError('scale must be > 0');
    scale = Math.min(scale, opts.scale);
  }
  if (opts.longEdge !== undefined) {
    if (!(opts.longEdge >= 1)) throw new RangeError('longEdge must be ≥ 1');
    scale = Math.min(scale, opts.longEdge / Math.max(width, height));
  }
  if (scale >= 1) return { width, height, scale: 1 };
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  return { width: w, height: h, scale: Math.max(w / width, h / height) };
}

/** The depth decodeImage gives a source of this header: 16 bits where it has more than 8, else 8. */
export function decodedBits(metadata: Pick<ImageMetadata, 'sourceBits'>): 8 | 16 {
  return metadata.sourceBits > 8 ? 16 : 8;
}

export async function decodeImage(path: string, opts: DecodeOptions = {}): Promise<DecodedImage> {
  const maxPixels = opts.maxPixels ?? DEFAULT_MAX_PIXELS;
  const metadata = opts.metadata ?? (await readMetadata(path, maxPixels));
  if (metadata.originalWidth * metadata.originalHeight > maxPixels) throw new ImagingError('TOO_LARGE', `image is too large to decode safely: ${path}`);
  const bits = decodedBits(metadata);
  const target = fitSize(metadata.originalWidth, metadata.originalHeight, opts);

  // An embedded sRGB profile needs no conversion to sRGB: libvips would run the whole image
  // through lcms for an identity (~40% of a 24 MP JPEG's decode).
  const makePipeline = () => {
    const p = sharp(path, { failOn: 'error', limitInputPixels: maxPixels, ignoreIcc: metadata.iccIsSrgb === true }).rotate();
    return (target.scale < 1 ? p.resize(target.width, target.height, { fit: 'fill', kernel: 'lanczos3' }) : p).toColourspace(bits === 16 ? 'rgb16' : 'srgb');
  };

  const progress = opts.shared ? opts.progress : undefined;
  const publish = (rows: number) => progress && publishRows(progress, rows);
  // The shared destination, sized from the header.
  const bytesPer = bits === 16 ? 2 : 1;
  const expected = target.width * target.height * 3;
  const given = opts.into && opts.into.length === expected && opts.into.BYTES_PER_ELEMENT === bytesPer ? opts.into : null;
  const early = opts.shared ? (given ?? sharedImageArray(expected, bits)) : null;
  try {
    const folder = early && !metadata.hasAlpha ? streamFolder(expected * bytesPer) : null;
    if (early && folder) {
      try {
        await decodeStreamed(makePipeline(), folder, { data: early, width: target.width, height: target.height, progress, onRows: opts.onRows });
        return { image: { width: target.width, height: target.height, bits, data: early }, metadata, scale: target.scale };
      } catch (e) {
        if (!(e instanceof StreamMismatch)) throw classify(e, path);
        // Not the RGB image the header promised: decoded again below, to a buffer.
      }
    }
    const decoding = makePipeline().raw(bits === 16 ? { depth: 'ushort' } : {}).toBuffer({ resolveWithObject: true });
    // Mapped while libvips decodes.
    const mapping = early ? prefault(early) : null;
    let raw: { data: Buffer; info: sharp.OutputInfo };
    try {
      raw = await decoding;
    } catch (e) {
      throw classify(e, path);
    } finally {
      await mapping;
    }
    const image = fromBuffer(raw, bits, early, opts.shared === true, path);
    publish(image.data === early ? image.height : -1);
    return { image, metadata, scale: target.scale };
  } catch (e) {
    publish(-1);
    throw e;
  }
}

/** libvips' raw result as the source image (into `early` when it has that size), alpha composited over white. */
function fromBuffer(raw: { data: Buffer; info: sharp.OutputInfo }, bits: 8 | 16, early: Uint8Array | Uint16Array | null, shared: boolean, path: string): SourceImage {
  const { width, height, channels } = raw.info;
  if (channels !== 3 && channels !== 4) throw new ImagingError('UNSUPPORTED', `unexpected ${channels}-channel decode: ${path}`);
  const count = width * height * 3;
  const bytes = count * (bits === 16 ? 2 : 1);
  const data = early && early.length === count ? early : shared ? sharedImageArray(count, bits) : pixelArray(new ArrayBuffer(bytes), bits);
  const src =
    bits === 16
      ? new Uint16Array(raw.data.buffer, raw.data.byteOffset, raw.data.byteLength >> 1)
      : new Uint8Array(raw.data.buffer, raw.data.byteOffset, raw.data.byteLength);
  if (channels === 3) data.set(src);
  else flattenOnWhite(src, data, bits === 16 ? 65535 : 255);
  return { width, height, bits, data };
}

function pixelArray(store: ArrayBufferLike, bits: 8 | 16): Uint8Array | Uint16Array {
  return bits === 16 ? new Uint16Array(store) : new Uint8Array(store);
}

/** RGBA → RGB over white: c·a + max·(1 − a), rounded, in integers. */
function flattenOnWhite(src: Uint8Array | Uint16Array, dst: Uint8Array | Uint16Array, max: number): void {
  const half = max >> 1;
  for (let i = 0, o = 0; o < dst.length; i += 4, o += 3) {
    const a = src[i + 3];
    const inv = (max - a) * max;
    dst[o] = (src[i] * a + inv + half) / max;
    dst[o + 1] = (src[i + 1] * a + inv + half) / max;
    dst[o + 2] = (src[i + 2] * a + inv + half) / max;
  }
}
