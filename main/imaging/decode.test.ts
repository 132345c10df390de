import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImage, fitSize, readMetadata } from './decode.ts';
import { ImagingError } from './errors.ts';

const DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const ORIENT = path.join(DATA, 'exif/exif-samples/jpg/orientation');
const FIX = path.join(DATA, 'exif/sharp_fixtures/test/fixtures');
const hasCorpus = fs.existsSync(ORIENT) && fs.existsSync(FIX);
if (!hasCorpus) console.warn(`decode.test: ${DATA} absent — skipping corpus tests (orientation, ICC, CMYK, 16-bit fixtures)`);

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-decode-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A 40×20 image: left half red, right half blue, top-left 4×4 corner green (marks orientation). */
async function writeMarked(file: string, orientation: number): Promise<void> {
  const w = 40;
  const h = 20;
  const px = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      if (x < 4 && y < 4) px.set([0, 255, 0], i);
      else px.set(x < w / 2 ? [255, 0, 0] : [0, 0, 255], i);
    }
  await sharp(px, { raw: { width: w, height: h, channels: 3 } })
    .jpeg({ quality: 95, chromaSubsampling: '4:4:4' })
    .withMetadata({ orientation })
    .toFile(file);
}

function pixel(img: { width: number; data: Uint8Array | Uint16Array }, x: number, y: number): number[] {
  const i = (y * img.width + x) * 3;
  return [img.data[i], img.data[i + 1], img.data[i + 2]];
}

describe('decodeImage: orientation (self-made fixture)', () => {
  it('applies EXIF orientation 6 (90° clockwise): stored 40×20 becomes upright 20×40', async () => {
    const file = path.join(tmp, 'o6.jpg');
    // The stored pixels are what the camera wrote; orientation 6 says "rotate 90° CW to view".
    await writeMarked(file, 6);
    const { image, metadata } = await decodeImage(file);
    expect(metadata.orientation).toBe(6);
    expect([metadata.storedWidth, metadata.storedHeight]).toEqual([40, 20]);
    expect([image.width, image.height]).toEqual([20, 40]);
    expect([metadata.originalWidth, metadata.originalHeight]).toEqual([20, 40]);
    // After a 90° CW turn the stored top-left (green) lands top-right; stored left (red) on top.
    const tr = pixel(image, 18, 1);
    expect(tr[1]).toBeGreaterThan(200);
    expect(tr[0]).toBeLessThan(60);
    const top = pixel(image, 10, 10);
    expect(top[0]).toBeGreaterThan(200);
    const bottom = pixel(image, 10, 30);
    expect(bottom[2]).toBeGreaterThan(200);
  });

  it('orientation 1 is left alone', async () => {
    const file = path.join(tmp, 'o1.jpg');
    await writeMarked(file, 1);
    const { image } = await decodeImage(file);
    expect([image.width, image.height]).toEqual([40, 20]);
    expect(pixel(image, 1, 1)[1]).toBeGreaterThan(200);
  });
});

describe('decodeImage: basic shape, alpha, resize, errors', () => {
  it('8-bit JPEG gives 8-bit interleaved RGB, optionally on a SharedArrayBuffer', async () => {
    const file = path.join(tmp, 'o1b.jpg');
    await writeMarked(file, 1);
    const { image } = await decodeImage(file, { shared: true });
    expect(image.bits).toBe(8);
    expect(image.data).toBeInstanceOf(Uint8Array);
    expect(image.data.length).toBe(40 * 20 * 3);
    expect(image.data.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('a self-made 16-bit PNG decodes to 16 bits, values intact', async () => {
    const w = 8;
    const h = 2;
    const src = new Uint16Array(w * h * 3);
    for (let i = 0; i < src.length; i++) src[i] = (i * 4099) % 65536;
    const file = path.join(tmp, 'deep.png');
    await sharp(src, { raw: { width: w, height: h, channels: 3 } }).toColourspace('rgb16').png().toFile(file);
    const { image, metadata } = await decodeImage(file);
    expect(metadata.sourceBits).toBe(16);
    expect(image.bits).toBe(16);
    expect(Array.from(image.data)).toEqual(Array.from(src));
  });

  it('alpha is composited over white exactly (8 and 16 bit)', async () => {
    const rgba = Buffer.from([0, 0, 0, 0, 0, 0, 0, 255, 200, 100, 0, 128]);
    const f8 = path.join(tmp, 'alpha8.png');
    await sharp(rgba, { raw: { width: 3, height: 1, channels: 4 } }).png().toFile(f8);
    const d8 = await decodeImage(f8);
    expect(Array.from(d8.image.data)).toEqual([255, 255, 255, 0, 0, 0, 227, 177, 127]);
    const rgba16 = new Uint16Array([0, 0, 0, 0, 1000, 2000, 3000, 65535]);
    const f16 = path.join(tmp, 'alpha16.png');
    await sharp(rgba16, { raw: { width: 2, height: 1, channels: 4 } }).toColourspace('rgb16').png().toFile(f16);
    const d16 = await decodeImage(f16);
    expect(d16.image.bits).toBe(16);
    expect(Array.from(d16.image.data)).toEqual([65535, 65535, 65535, 1000, 2000, 3000]);
  });

  it('resizes to a long edge, never upscales', async () => {
    const file = path.join(tmp, 'o6r.jpg');
    await writeMarked(file, 6);
    const small = await decodeImage(file, { longEdge: 10 });
    expect([small.image.width, small.image.height]).toEqual([5, 10]);
    expect(small.scale).toBeCloseTo(0.25, 5);
    const big = await decodeImage(file, { longEdge: 1000 });
    expect([big.image.width, big.image.height]).toEqual([20, 40]);
    expect(big.scale).toBe(1);
  });

  it('fitSize', () => {
    expect(fitSize(6000, 4000, { longEdge: 3000 })).toEqual({ width: 3000, height: 2000, scale: 0.5 });
    expect(fitSize(6000, 4000, { scale: 2 })).toEqual({ width: 6000, height: 4000, scale: 1 });
    expect(fitSize(6000, 4000, { scale: 0.25, longEdge: 3000 })).toEqual({ width: 1500, height: 1000, scale: 0.25 });
    expect(() => fitSize(10, 10, { longEdge: 0 })).toThrow(RangeError);
  });

  it('specific errors: missing, directory, unreadable, unsupported, corrupt, too large', async () => {
    const code = async (p: string, opts = {}) => {
      try {
        await decodeImage(p, opts);
        return 'ok';
      } catch (e) {
        expect(e).toBeInstanceOf(ImagingError);
        expect((e as Error).message).not.toContain('\n');
        return (e as ImagingError).code;
      }
    };
    expect(await code(path.join(tmp, 'nope.jpg'))).toBe('NOT_FOUND');
    expect(await code(tmp)).toBe('NOT_A_FILE');
    const text = path.join(tmp, 'text.jpg');
    fs.writeFileSync(text, 'this is not an image\n');
    expect(await code(text)).toBe('UNSUPPORTED');
    const good = path.join(tmp, 'good.jpg');
    await writeMarked(good, 1);
    const bytes = fs.readFileSync(good);
    const truncated = path.join(tmp, 'truncated.jpg');
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    expect(await code(truncated)).toBe('CORRUPT');
    expect(await code(good, { maxPixels: 100 })).toBe('TOO_LARGE');
    if (process.getuid?.() !== 0) {
      const locked = path.join(tmp, 'locked.jpg');
      fs.copyFileSync(good, locked);
      fs.chmodSync(locked, 0o000);
      expect(await code(locked)).toBe('UNREADABLE');
    }
  });
});

describe.skipIf(!hasCorpus)('decodeImage: corpus fixtures', () => {
  it('exif-samples landscape_1..8 and portrait_1..8 all come out upright and the same size', async () => {
    for (const kind of ['landscape', 'portrait']) {
      const decoded = [];
      for (let n = 1; n <= 8; n++) decoded.push(await decodeImage(path.join(ORIENT, `${kind}_${n}.jpg`), { longEdge: 120 }));
      const ref = decoded[0].image;
      expect(ref.width > ref.height).toBe(kind === 'landscape');
      for (const [i, d] of decoded.entries()) {
        expect([d.image.width, d.image.height], `${kind}_${i + 1}`).toEqual([ref.width, ref.height]);
        expect(d.metadata.orientation).toBe(i + 1);
        // Same picture: mean absolute difference against orientation 1 stays small
        // (an unapplied flip or turn gives a large difference).
        let sum = 0;
        for (let k = 0; k < ref.data.length; k++) sum += Math.abs(d.image.data[k] - ref.data[k]);
        expect(sum / ref.data.length, `${kind}_${i + 1}`).toBeLessThan(12);
      }
    }
  });

  it('16-bit PNG fixtures decode to 16 bits; 8-bit stays 8', async () => {
    const flag16 = await decodeImage(path.join(FIX, 'Flag_of_the_Netherlands-16bit.png'));
    expect(flag16.image.bits).toBe(16);
    expect(flag16.image.data).toBeInstanceOf(Uint16Array);
    const grey16 = await decodeImage(path.join(FIX, '16-bit-grey-alpha.png'));
    expect(grey16.image.bits).toBe(16);
    expect(grey16.image.data.length).toBe(grey16.image.width * grey16.image.height * 3);
    const flag8 = await decodeImage(path.join(FIX, 'Flag_of_the_Netherlands.png'));
    expect(flag8.image.bits).toBe(8);
  });

  it('converts embedded ICC profiles to sRGB (P3, ProPhoto, CMYK)', async () => {
    // The same file decoded while ignoring its profile must differ: the profile was applied.
    for (const f of ['p3.png', 'prophoto.png', 'Channel_digital_image_CMYK_color.jpg']) {
      const file = path.join(FIX, f);
      const meta = await readMetadata(file);
      expect(meta.iccName, f).toBeTruthy();
      const ours = await decodeImage(file);
      const ignored = await sharp(file, { ignoreIcc: true }).toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
      const corrected = await sharp(file).toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
      let diffIgnored = 0;
      let diffCorrected = 0;
      const ch = corrected.info.channels;
      for (let p = 0; p < ours.image.width * ours.image.height; p++)
        for (let c = 0; c < 3; c++) {
          const v = ours.image.data[p * 3 + c];
          if (ch === 3) {
            diffCorrected = Math.max(diffCorrected, Math.abs(v - corrected.data[p * ch + c]));
            diffIgnored = Math.max(diffIgnored, Math.abs(v - ignored.data[p * ignored.info.channels + c]));
          }
        }
      if (ch === 3) {
        expect(diffCorrected, f).toBeLessThanOrEqual(1);
        expect(diffIgnored, f).toBeGreaterThan(5);
      }
    }
    expect((await readMetadata(path.join(FIX, 'p3.png'))).iccName).toMatch(/P3/i);
  });

  it('CMYK without a profile, Lab TIFF and greyscale become RGB', async () => {
    for (const f of ['Channel_digital_image_CMYK_color_no_profile.jpg', 'cielab-dagams.tiff', 'gamma_dalai_lama_gray.jpg']) {
      const d = await decodeImage(path.join(FIX, f));
      expect(d.image.data.length, f).toBe(d.image.width * d.image.height * 3);
    }
  });

  it('refuses the giant image before decoding it, and the truncated/corrupt fixtures', async () => {
    await expect(decodeImage(path.join(FIX, 'giant-image.jpg'))).rejects.toMatchObject({ code: 'TOO_LARGE' });
    await expect(decodeImage(path.join(FIX, 'truncated.jpg'))).rejects.toMatchObject({ code: 'CORRUPT' });
    await expect(decodeImage(path.join(FIX, 'truncated.png'))).rejects.toMatchObject({ code: 'CORRUPT' });
    await expect(decodeImage(path.join(FIX, 'corrupt-header.jpg'))).rejects.toMatchObject({ code: 'CORRUPT' });
  });
});

describe('embedded sRGB profiles', () => {
  it('are recognised and not converted: the same pixels as the conversion libvips would run', async () => {
    const w = 97;
    const h = 61;
    const raw = Buffer.alloc(w * h * 3);
    for (let i = 0; i < raw.length; i++) raw[i] = (i * 37 + (i >> 7)) & 255;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-srgb-'));
    try {
      const srgb = path.join(dir, 'srgb.jpg');
      const p3 = path.join(dir, 'p3.jpg');
      await sharp(raw, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 95 }).withIccProfile('srgb').toFile(srgb);
      await sharp(raw, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 95 }).withIccProfile('p3').toFile(p3);
      expect((await readMetadata(srgb)).iccIsSrgb).toBe(true);
      expect((await readMetadata(p3)).iccIsSrgb).toBe(false);
      const ours = await decodeImage(srgb);
      const converted = await sharp(srgb).toColourspace('srgb').raw().toBuffer();
      expect(Buffer.from(ours.image.data).equals(converted)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
