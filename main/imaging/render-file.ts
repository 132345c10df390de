/**
 * File → developed JPEG file: decode (oriented, sRGB, 16-bit where the source has it), render on
 * every core, encode (EXIF kept with orientation 1, sRGB profile), write atomically.
 *
 * With a long edge, the source is decoded already shrunk (libvips, shrink-on-load) to the scale
 * at which the *output* — after the crop — fits the long edge, and the render runs at that scale
 * (parameters in pixels scale with it, so a small export looks like the full-size one).
 */
import type { RenderOptions, ResolvedSettings } from '../../shared/pixel/pipeline.ts';
import { planRender } from '../../shared/pixel/pipeline.ts';
import { decodeImage, decodedBits, fitSize, readMetadata, type DecodedImage, type ImageMetadata } from './decode.ts';
import { encodeJpeg, writeFileAtomic } from './encode.ts';
import { sharedImageArray } from './image-memory.ts';
import { INLINE_BELOW_PIXELS, RenderPool, renderInline } from './render.ts';
import type { RenderStats } from './render.ts';

export interface RenderFileOptions {
  input: string;
  output: string;
  settings: ResolvedSettings;
  /** Fit the output (after crop) inside this many pixels; never upscales. */
  longEdge?: number;
  quality?: number;
  overwrite?: boolean;
  /**
   * A running pool to use (else one is started for this render when the image is large, this
   * thread rendering too: see RenderPoolOptions.callerRenders).
   */
  pool?: RenderPool;
}

export interface RenderFileResult {
  width: number;
  height: number;
  warnings: string[];
  timings: { decodeMs: number; renderMs: number; encodeMs: number; writeMs: number };
  stats: Partial<RenderStats>;
}

export async function renderFile(o: RenderFileOptions): Promise<RenderFileResult> {
  const meta = await readMetadata(o.input);
  // Output size at full resolution decides the decode scale.
  let scale = 1;
  if (o.longEdge !== undefined) {
    const full = planRender(o.settings, meta.originalWidth, meta.originalHeight, { scale: 1, rendered: true });
    scale = Math.min(1, o.longEdge / Math.max(full.width, full.height));
  }
  const decodePixels = meta.originalWidth * meta.originalHeight * scale * scale;
  const pooled = o.pool !== undefined || decodePixels >= INLINE_BELOW_PIXELS;
  const t0 = performance.now();
  let usePool: RenderPool | undefined;
  try {
    const { decoded, options } = await decodeWhilePreparing(o.input, meta, scale, o.settings, pooled ? () => (usePool = o.pool ?? new RenderPool(undefined, { callerRenders: true })) : undefined);
    const t1 = performance.now();
    const stats: Partial<RenderStats> = {};
    const rendered = usePool
      ? await usePool.render({ settings: o.settings, source: decoded.image, options, outBits: 8 }, stats)
      : renderInline({ settings: o.settings, source: decoded.image, options, outBits: 8 });
    const t2 = performance.now();
    const { jpeg, warnings } = await encodeJpeg(
      { width: rendered.width, height: rendered.height, data: rendered.data as Uint8Array },
      { quality: o.quality ?? 90, exif: decoded.metadata.exif, xmp: decoded.metadata.xmp },
    );
    const t3 = performance.now();
    await writeFileAtomic(o.output, jpeg, { overwrite: o.overwrite });
    const t4 = performance.now();
    return {
      width: rendered.width,
      height: rendered.height,
      warnings,
      timings: { decodeMs: t1 - t0, renderMs: t2 - t1, encodeMs: t3 - t2, writeMs: t4 - t3 },
      stats,
    };
  } finally {
    if (usePool && !o.pool) await usePool.close();
  }
}

/**
 * Decodes `input` (its header `meta` already read) at `scale` for a render with `settings`, and
 * — when the render will use a pool — gets that pool ready meanwhile: the decode runs on a
 * libvips thread from the first line, then `pool()` is called (starting its workers, if new)
 * and prepared for the size the decode will have: the plan's colour tables,
 * and the log-luminance grid on the source's rows as the decode brings them in. Returns the
 * decoded source and the render options that match it.
 */
export async function decodeWhilePreparing(
  input: string,
  meta: ImageMetadata,
  scale: number,
  settings: ResolvedSettings,
  pool: (() => RenderPool) | undefined,
): Promise<{ decoded: DecodedImage; options: RenderOptions }> {
  const size = fitSize(meta.originalWidth, meta.originalHeight, { scale });
  const options = { scale: size.scale, sourceScale: size.scale, rendered: true };
  // For a pool: the shared array the decode fills, row by row where it can stream, so the
  // workers start on the rows (the log-luminance grid) before the decode ends.
  const bits = decodedBits(meta);
  const streaming = pool
    ? {
        source: { width: size.width, height: size.height, bits, data: sharedImageArray(size.width * size.height * 3, bits) },
        progress: new Int32Array(new SharedArrayBuffer(4)),
      }
    : undefined;
  let p: RenderPool | undefined;
  // This thread, idle between batches of rows, computes the grid chunks whose rows are in.
  const onRows = () => p?.helpWhileDecoding();
  const decoding = decodeImage(input, { scale, shared: pool !== undefined, metadata: meta, into: streaming?.source.data, progress: streaming?.progress, onRows });
  decoding.catch(() => {}); // awaited below (a failure while the pool prepares is not unhandled)
  p = pool?.();
  p?.prepare({ settings, sourceWidth: size.width, sourceHeight: size.height, options, streaming });
  const decoded = await decoding;
  if (decoded.scale !== size.scale) throw new Error(`decoded at scale ${decoded.scale}, planned for ${size.scale}`);
  return { decoded, options };
}
