import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ImageInputError, imageDataUri, previewImagePart } from './preview-image.ts';

async function size(uri: string): Promise<{ width?: number; height?: number; format?: string }> {
  expect(uri).toMatch(/^data:image\/jpeg;base64,/);
  return sharp(Buffer.from(uri.split(',')[1], 'base64')).metadata();
}

describe('vision preview images', () => {
  it('downscales any decodable image to a JPEG data: URI of at most the long edge', async () => {
    const png = await sharp({ create: { width: 1200, height: 600, channels: 4, background: { r: 1, g: 2, b: 3, alpha: 0.5 } } }).png().toBuffer();
    expect(await size(await imageDataUri({ type: 'image', mimeType: 'image/png', data: png }, 448))).toMatchObject({ width: 448, height: 224, format: 'jpeg' });
    const small = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#888' } }).webp().toBuffer();
    expect(await size(await imageDataUri({ type: 'image', mimeType: 'image/webp', data: small }))).toMatchObject({ width: 40, height: 30 });
  });

  it('refuses undecodable or empty bytes with a specific error', async () => {
    await expect(imageDataUri({ type: 'image', mimeType: 'image/jpeg', data: new Uint8Array([0xff, 0xd8, 1, 2, 3]) })).rejects.toThrow(ImageInputError);
    await expect(imageDataUri({ type: 'image', mimeType: 'image/jpeg', data: new Uint8Array([0xff, 0xd8, 1, 2, 3]) })).rejects.toThrow(/cannot be decoded/);
    await expect(imageDataUri({ type: 'image', mimeType: 'image/png', data: new Uint8Array() })).rejects.toThrow(/empty/);
  });

  it('encodes 8-bit, 16-bit and float previews alike', async () => {
    const n = 64 * 32 * 3;
    for (const [data, bits] of [[new Uint8Array(n).fill(128), 8], [new Uint16Array(n).fill(32896), 16], [new Float32Array(n).fill(128 / 255), undefined]] as const) {
      const part = await previewImagePart({ width: 64, height: 32, data, bits }, 32);
      const { data: px, info } = await sharp(Buffer.from(part.data)).raw().toBuffer({ resolveWithObject: true });
      expect(info.width).toBe(32);
      expect(Math.abs(px[0] - 128)).toBeLessThanOrEqual(2);
    }
    await expect(previewImagePart({ width: 4, height: 4, data: new Uint8Array(5) })).rejects.toThrow(/expected 4×4×3 samples/);
  });
});
