/**
 * Images for the vision model: always a downscaled preview, always inline as a `data:` URI
 * (llama-server would fetch an http(s) URL itself — we never hand it one). Encoded bytes are
 * decoded and re-encoded here, so an undecodable file fails with a clear error before the
 * server sees it, and whatever was passed in, only a small JPEG leaves this process.
 */
import sharp from 'sharp';
import type { RgbImage } from '../agent/perception/image.ts';

/** Long edge of what the model sees (Qwen2.5-VL tiles at 28 px; 448 = 16 × 28). */
export const PREVIEW_EDGE = 448;

export class ImageInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageInputError';
  }
}

export interface ImagePart {
  type: 'image';
  mimeType: string;
  data: Uint8Array;
}

/** A preview image (8-bit, 16-bit or float sRGB) as a JPEG image part, long edge ≤ maxEdge. */
export async function previewImagePart(img: RgbImage, maxEdge = PREVIEW_EDGE): Promise<ImagePart> {
  const n = img.width * img.height * 3;
  if (!(img.width > 0 && img.height > 0) || img.data.length !== n) throw new ImageInputError(`preview image: expected ${img.width}×${img.height}×3 samples, got ${img.data.length}`);
  const bytes = new Uint8Array(n);
  const scale = img.data instanceof Float32Array ? 255 : img.bits === 16 || img.data instanceof Uint16Array ? 255 / 65535 : 1;
  for (let i = 0; i < n; i++) bytes[i] = Math.max(0, Math.min(255, Math.round(img.data[i] * scale)));
  const jpeg = await sharp(bytes, { raw: { width: img.width, height: img.height, channels: 3 } })
    .resize({ width: maxEdge, height: maxEdge, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 85 })
    .toBuffer();
  return { type: 'image', mimeType: 'image/jpeg', data: new Uint8Array(jpeg) };
}

/** Encoded image bytes (JPEG, PNG, WebP, …) → `data:image/jpeg;base64,…` of at most maxEdge px. */
export async function imageDataUri(part: ImagePart, maxEdge = PREVIEW_EDGE): Promise<string> {
  if (!part.data?.length) throw new ImageInputError('the image part is empty');
  let jpeg: Buffer;
  try {
    jpeg = await sharp(part.data, { failOn: 'error' })
      .rotate()
      .removeAlpha()
      .toColourspace('srgb')
      .resize({ width: maxEdge, height: maxEdge, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 85 })
      .toBuffer();
  } catch (err) {
    throw new ImageInputError(`the image (${part.mimeType}, ${part.data.length} bytes) cannot be decoded: ${(err as Error).message.split('\n')[0]}`);
  }
  return `data:image/jpeg;base64,${jpeg.toString('base64')}`;
}
