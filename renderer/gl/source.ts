/**
 * Decodes a preview image (URL) into the pipeline's SourceImage: 8-bit sRGB-encoded RGB,
 * interleaved. The browser decodes (with EXIF orientation already applied by main's preview
 * generation); colour management is off so the bytes are the file's sRGB values.
 */
import type { SourceImage } from '../../shared/pixel/pipeline/types.ts';

export async function loadSourceImage(url: string): Promise<SourceImage> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`cannot load the preview (${res.status})`);
  const blob = await res.blob();
  const bitmap = await createImageBitmap(blob, { colorSpaceConversion: 'none', premultiplyAlpha: 'none', imageOrientation: 'none' });
  return bitmapToSource(bitmap);
}

export function bitmapToSource(bitmap: ImageBitmap): SourceImage {
  const { width, height } = bitmap;
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { colorSpace: 'srgb', willReadFrequently: true })!;
  ctx.drawImage(bitmap, 0, 0);
  const rgba = ctx.getImageData(0, 0, width, height).data;
  return rgbaToSource(rgba, width, height);
}

export function rgbaToSource(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): SourceImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    data[j] = rgba[i];
    data[j + 1] = rgba[i + 1];
    data[j + 2] = rgba[i + 2];
  }
  return { width, height, bits: 8, data };
}
