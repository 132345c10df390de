/**
 * JPEG encoding of a rendered image (8-bit sRGB-encoded interleaved RGB) with sharp (libjpeg-turbo): quality, 4:4:4 chroma at quality ≥ 90 (4:2:0 below, as Lightroom does),
 * the sRGB ICC profile embedded, and the source's EXIF kept with orientation reset to 1 and the
 * pixel dimensions updated (the render applied the orientation). XMP is carried when given.
 * Writing is atomic: a temporary file beside the target, then a rename.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { ImagingError, firstLine } from './errors.ts';
import { MAX_APP1_PAYLOAD, insertExifSegment, patchExifForOutput } from './exif.ts';
import { bandRowsFor, stitchJpegBands } from './jpeg-stitch.ts';
import { iccSegments, insertIccSegments } from './icc-segment.ts';

/** From this many pixels a fixed-table encode runs in bands in parallel (below, one call is as fast). */
export const PARALLEL_ENCODE_PIXELS = 2_000_000;
/** Bands to aim for (libvips encodes each on its own thread; more when a band would exceed 65535 MCUs). */
const ENCODE_BANDS = Math.max(2, os.availableParallelism());

export interface RgbImage8 {
  width: number;
  height: number;
  /** width*height*3 bytes, sRGB-encoded RGB (may live on a SharedArrayBuffer). */
  data: Uint8Array;
}

export interface JpegOptions {
  /** 1..100 (default 90). */
  quality?: number;
  /** Source EXIF block to re-embed ("Exif\0\0" + TIFF). */
  exif?: Uint8Array;
  /** Source XMP packet to re-embed. */
  xmp?: Uint8Array;
  /**
   * Optimised Huffman tables: ~5–10 % smaller files, but libjpeg then buffers every DCT
   * coefficient of the image (+270 MB and ~4× the encode time at 24 MP). Default false.
   */
  optimiseCoding?: boolean;
  /** Chroma subsampling (default: 4:4:4 at quality ≥ 90, 4:2:0 below). */
  chromaSubsampling?: '4:4:4' | '4:2:0';
  /** Progressive (multi-scan) JPEG (default false). */
  progressive?: boolean;
  /** mozjpeg's encoder settings: smaller files, slower (default false). */
  mozjpeg?: boolean;
  /** ICC profile to embed: 'srgb' (default) or 'p3' (the pixels must already be Display P3-encoded). */
  icc?: 'srgb' | 'p3';
}

export interface EncodeResult {
  jpeg: Buffer;
  /** Metadata that could not be kept, one line each (e.g. an EXIF block too large). */
  warnings: string[];
}

export async function encodeJpeg(img: RgbImage8, opts: JpegOptions = {}): Promise<EncodeResult> {
  const quality = Math.round(opts.quality ?? 90);
  if (!(quality >= 1 && quality <= 100)) throw new RangeError(`JPEG quality must be 1..100, got ${opts.quality}`);
  if (img.data.length !== img.width * img.height * 3) throw new RangeError('encodeJpeg: data length must be width*height*3');
  const warnings: string[] = [];
  const chroma = opts.chromaSubsampling ?? (quality >= 90 ? '4:4:4' : '4:2:0');
  const jpegOptions: sharp.JpegOptions = {
    quality,
    chromaSubsampling: chroma,
    optimiseCoding: opts.optimiseCoding ?? false,
    progressive: opts.progressive === true,
    ...(opts.mozjpeg ? { mozjpeg: true } : {}),
  };
  const band = (y0: number, rows: number): sharp.Sharp => {
    const row = img.width * 3;
    const input = Buffer.from(img.data.buffer, img.data.byteOffset + y0 * row, rows * row);
    return sharp(input, { raw: { width: img.width, height: rows, channels: 3 } }).jpeg(jpegOptions);
  };
  // Large images with fixed tables are encoded in bands on several libvips threads at once and
  // joined with restart markers (jpeg-stitch.ts): the same pixels as one encode.
  const mcu = chroma === '4:4:4' ? 8 : 16;
  const fixedTables = !jpegOptions.optimiseCoding && !jpegOptions.progressive && !opts.mozjpeg;
  const bandRows = fixedTables && img.width * img.height >= PARALLEL_ENCODE_PIXELS ? bandRowsFor(img.width, img.height, mcu, ENCODE_BANDS) : 0;
  const bands = bandRows > 0 ? Math.ceil(img.height / bandRows) : 1;
  // The profile is attached afterwards (icc-segment.ts): sharp's withIccProfile would also
  // convert the pixels, which are already in the output space.
  let first = band(0, bands > 1 ? bandRows : img.height);
  if (opts.xmp && opts.xmp.length > 0) {
    try {
      first = first.withXmp(resetXmpOrientation(Buffer.from(opts.xmp).toString('utf8')));
    } catch (e) {
      warnings.push(`XMP not kept: ${firstLine(e)}`);
    }
  }
  const rest = Array.from({ length: bands - 1 }, (_, i) => band((i + 1) * bandRows, Math.min(bandRows, img.height - (i + 1) * bandRows)).toBuffer());
  const icc = await iccSegments(opts.icc ?? 'srgb');
  let exif: Buffer | null = null;
  if (opts.exif && opts.exif.length > 0) {
    const patched = patchExifForOutput(opts.exif, { width: img.width, height: img.height });
    if (!patched) warnings.push('EXIF not kept: the source EXIF block is malformed');
    else if (patched.length > MAX_APP1_PAYLOAD) warnings.push(`EXIF not kept: ${patched.length} bytes exceed one JPEG APP1 segment`);
    else exif = patched;
  }
  // The profile and the EXIF go into the leading segments: of the joined bands' header only,
  // before the one copy that assembles the file (not two more copies of the whole stream).
  const addMetadata = (jpeg: Buffer): Buffer => {
    const withIcc = insertIccSegments(jpeg, icc);
    return exif ? insertExifSegment(withIcc, exif) : withIcc;
  };
  const jpeg = bands > 1 ? stitchJpegBands(await Promise.all([first.toBuffer(), ...rest]), bandRows, mcu, addMetadata) : addMetadata(await first.toBuffer());
  return { jpeg, warnings };
}

/** The pixels are upright now: an XMP tiff:Orientation (attribute or element form) becomes 1. */
export function resetXmpOrientation(xmp: string): string {
  return xmp
    .replace(/(tiff:Orientation\s*=\s*["'])\s*\d+\s*(["'])/g, '$11$2')
    .replace(/(<tiff:Orientation>)\s*\d+\s*(<\/tiff:Orientation>)/g, '$11$2');
}

/**
 * Writes bytes atomically: a temporary file in the target's directory, fsync, then rename.
 * Without `overwrite`, an existing target is an error (checked up front and again at the end,
 * with a hard link so a file created meanwhile is never replaced).
 */
export async function writeFileAtomic(target: string, bytes: Uint8Array, opts: { overwrite?: boolean } = {}): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  if (!opts.overwrite && (await exists(target))) {
    throw new ImagingError('OUTPUT_EXISTS', `output file already exists (use --overwrite to replace it): ${target}`);
  }
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    const fh = await fs.open(tmp, 'wx');
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (opts.overwrite) await fs.rename(tmp, target);
    else {
      // link() fails with EEXIST instead of replacing: no race with a file created meanwhile.
      await linkOrRename(tmp, target);
    }
  } catch (e) {
    await fs.rm(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new ImagingError('OUTPUT_EXISTS', `output file already exists (use --overwrite to replace it): ${target}`);
    if (code === 'ENOENT') throw new ImagingError('WRITE_FAILED', `output directory does not exist: ${dir}`);
    if (code === 'EACCES' || code === 'EPERM') throw new ImagingError('WRITE_FAILED', `cannot write output (permission denied): ${target}`);
    throw new ImagingError('WRITE_FAILED', `cannot write output ${target}: ${firstLine(e)}`);
  }
}

async function linkOrRename(tmp: string, target: string): Promise<void> {
  try {
    await fs.link(tmp, target);
    await fs.unlink(tmp);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw e;
    // A file system without hard links: re-check, then rename.
    if (await exists(target)) throw Object.assign(new Error('exists'), { code: 'EEXIST' });
    await fs.rename(tmp, target);
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.lstat(p);
    return true;
  } catch {
    return false;
  }
}
