/**
 * One photo → the final 8-bit pixels of its export: decoded shrunk on load to the scale the
 * output needs (main/imaging/decode.ts), developed at that scale on every core
 * (main/imaging/render.ts, the same maths as the preview), resized to the exact target and
 * output-sharpened by libvips when asked, converted to Display P3 when asked.
 */
import sharp from 'sharp';
import { planRender } from '../../../shared/pixel/pipeline.ts';
import { readMetadata, type ImageMetadata } from '../../imaging/decode.ts';
import { decodeWhilePreparing } from '../../imaging/render-file.ts';
import type { RgbImage8 } from '../../imaging/encode.ts';
import { INLINE_BELOW_PIXELS, renderInline, type RenderPool } from '../../imaging/render.ts';
import { srgbToDisplayP3 } from './p3.ts';
import { sharpenSpec } from './sharpen.ts';
import { targetSize } from './size.ts';
import type { ExportItem, ExportSettings } from './types.ts';

export interface RenderedExport {
  image: RgbImage8;
  source: ImageMetadata;
  timings: { decodeMs: number; renderMs: number; finishMs: number };
}

export async function renderForExport(
  item: ExportItem,
  settings: ExportSettings,
  getPool: () => RenderPool,
  signal?: AbortSignal,
): Promise<RenderedExport> {
  const source = await readMetadata(item.path);
  const full = planRender(item.settings, source.originalWidth, source.originalHeight, { scale: 1, rendered: true });
  const target = targetSize(full.width, full.height, settings.size, settings.allowUpscale === true);
  const scale = Math.min(1, target.scale);
  const pixels = source.originalWidth * source.originalHeight * scale * scale;
  const pool = pixels >= INLINE_BELOW_PIXELS ? getPool() : undefined;
  signal?.throwIfAborted();

  const t0 = performance.now();
  const { decoded, options } = await decodeWhilePreparing(item.path, source, scale, item.settings, pool ? () => pool : undefined);
  signal?.throwIfAborted();
  const t1 = performance.now();
  const req = { settings: item.settings, source: decoded.image, options, outBits: 8 as const };
  const rendered = pool ? await pool.render(req) : renderInline(req);
  signal?.throwIfAborted();
  const t2 = performance.now();

  let image: RgbImage8 = { width: rendered.width, height: rendered.height, data: rendered.data as Uint8Array };
  const resize = image.width !== target.width || image.height !== target.height;
  if (resize || settings.sharpen) {
    const input = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
    let s = sharp(input, { raw: { width: image.width, height: image.height, channels: 3 } });
    if (resize) s = s.resize(target.width, target.height, { fit: 'fill', kernel: 'lanczos3' });
    if (settings.sharpen) s = s.sharpen(sharpenSpec(settings.sharpen.medium, settings.sharpen.amount));
    const out = await s.raw().toBuffer({ resolveWithObject: true });
    image = { width: out.info.width, height: out.info.height, data: new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.byteLength) };
  }
  if (settings.colorSpace === 'display-p3') {
    // Never convert a buffer someone else may hold (a shared render output is ours alone, but be safe).
    if (image.data.buffer instanceof SharedArrayBuffer) image = { ...image, data: new Uint8Array(image.data) };
    srgbToDisplayP3(image.data);
  }
  return { image, source, timings: { decodeMs: t1 - t0, renderMs: t2 - t1, finishMs: performance.now() - t2 } };
}
