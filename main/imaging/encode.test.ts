import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import exifr from 'exifr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeJpeg, resetXmpOrientation, writeFileAtomic } from './encode.ts';
import { insertExifSegment, patchExifForOutput, readExifOrientation } from './exif.ts';
import { iccDescription } from './icc.ts';
import { ImagingError } from './errors.ts';

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-encode-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function gradient(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = (x * 255) / (width - 1);
      data[i + 1] = (y * 255) / (height - 1);
      data[i + 2] = 128;
    }
  return data;
}

/** EXIF from a real JPEG written by sharp with camera tags and an orientation. */
async function sourceExif(orientation: number): Promise<Buffer> {
  const jpg = await sharp({ create: { width: 8, height: 4, channels: 3, background: '#808080' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'TestCam', Model: 'TW-1' }, IFD2: { ExposureTime: '1/250', PixelXDimension: '8', PixelYDimension: '4' } })
    .withMetadata({ orientation })
    .toBuffer();
  const m = await sharp(jpg).metadata();
  if (!m.exif) throw new Error('no exif');
  return m.exif;
}

describe('encodeJpeg: the ICC profile', () => {
  /** Flat patches of saturated colours (the ones a conversion to P3 would move most). */
  function patches(): Uint8Array {
    const colours = [[230, 20, 30], [20, 200, 40], [30, 40, 220], [250, 200, 20], [128, 128, 128]];
    const w = 80;
    const h = 16;
    const data = new Uint8Array(w * h * 3);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) data.set(colours[Math.floor(x / 16)], (y * w + x) * 3);
    return data;
  }

  for (const icc of ['srgb', 'p3'] as const)
    it(`'${icc}' is attached to the file, the pixels are written as given (not converted again)`, async () => {
      const data = patches();
      const { jpeg } = await encodeJpeg({ width: 80, height: 16, data }, { quality: 100, icc });
      const meta = await sharp(jpeg).metadata();
      expect(iccDescription(meta.icc)).toMatch(icc === 'p3' ? /P3/ : /sRGB/);
      const back = await sharp(jpeg, { ignoreIcc: true }).raw().toBuffer();
      let max = 0;
      for (let i = 0; i < data.length; i++) max = Math.max(max, Math.abs(back[i] - data[i]));
      expect(max).toBeLessThanOrEqual(3); // JPEG at q100, 4:4:4
      // Exactly one profile, after the leading segments, and the stream still decodes whole.
      expect(jpeg.toString('latin1').split('ICC_PROFILE').length - 1).toBe(1);
      expect(meta.width).toBe(80);
    });

  it('a large image encoded in bands gets the profile and the EXIF in the joined header', async () => {
    const width = 2000;
    const height = 1104; // 2.2 MP: encoded in bands and joined (jpeg-stitch.ts)
    const exif = patchExifForOutput(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } }).jpeg().withExif({ IFD0: { Make: 'Tonewright test' } }).toBuffer().then((b) => sharp(b).metadata()).then((m) => m.exif!), { width, height })!;
    const { jpeg } = await encodeJpeg({ width, height, data: gradient(width, height) }, { quality: 90, exif });
    const meta = await sharp(jpeg).metadata();
    expect([meta.width, meta.height]).toEqual([width, height]);
    expect(iccDescription(meta.icc)).toMatch(/sRGB/);
    expect((await exifr.parse(jpeg))?.Make).toBe('Tonewright test');
    expect(jpeg.toString('latin1').split('ICC_PROFILE').length - 1).toBe(1);
    expect((await sharp(jpeg).raw().toBuffer()).length).toBe(width * height * 3);
  });
});

describe('encodeJpeg', () => {
  it('writes a JPEG with the sRGB profile, 4:4:4 at q ≥ 90 and 4:2:0 below', async () => {
    const img = { width: 64, height: 32, data: gradient(64, 32) };
    const hi = await encodeJpeg(img, { quality: 92 });
    const mHi = await sharp(hi.jpeg).metadata();
    expect(mHi.format).toBe('jpeg');
    expect([mHi.width, mHi.height]).toEqual([64, 32]);
    expect(mHi.chromaSubsampling).toBe('4:4:4');
    expect(iccDescription(mHi.icc)).toMatch(/sRGB/);
    const lo = await encodeJpeg(img, { quality: 80 });
    expect((await sharp(lo.jpeg).metadata()).chromaSubsampling).toBe('4:2:0');
    expect(lo.jpeg.length).toBeLessThan(hi.jpeg.length);
  });

  it('round-trips pixels closely at q95', async () => {
    const data = gradient(64, 32);
    const { jpeg } = await encodeJpeg({ width: 64, height: 32, data }, { quality: 95 });
    const back = await sharp(jpeg).raw().toBuffer();
    let max = 0;
    for (let i = 0; i < data.length; i++) max = Math.max(max, Math.abs(back[i] - data[i]));
    expect(max).toBeLessThanOrEqual(4);
  });

  it('accepts a SharedArrayBuffer-backed image', async () => {
    const sab = new SharedArrayBuffer(16 * 16 * 3);
    new Uint8Array(sab).fill(200);
    const { jpeg } = await encodeJpeg({ width: 16, height: 16, data: new Uint8Array(sab) });
    expect((await sharp(jpeg).stats()).channels[0].mean).toBeCloseTo(200, 0);
  });

  it('keeps the source EXIF with orientation reset to 1 and the new pixel size', async () => {
    const exif = await sourceExif(6);
    expect(readExifOrientation(exif)).toBe(6);
    const { jpeg, warnings } = await encodeJpeg({ width: 64, height: 32, data: gradient(64, 32) }, { exif });
    expect(warnings).toEqual([]);
    const m = await sharp(jpeg).metadata();
    expect(m.orientation).toBe(1);
    expect(iccDescription(m.icc)).toMatch(/sRGB/);
    const tags = await exifr.parse(jpeg, { translateValues: false });
    expect(tags.Make).toBe('TestCam');
    expect(tags.Model).toBe('TW-1');
    expect(tags.ExposureTime).toBeCloseTo(1 / 250, 6);
    expect(tags.Orientation).toBe(1);
    expect(tags.ExifImageWidth).toBe(64);
    expect(tags.ExifImageHeight).toBe(32);
    // The JPEG still decodes and the source EXIF is untouched.
    expect(readExifOrientation(exif)).toBe(6);
    expect((await sharp(jpeg).raw().toBuffer()).length).toBe(64 * 32 * 3);
  });

  it('drops a malformed EXIF block with a warning, and rejects bad quality', async () => {
    const img = { width: 4, height: 4, data: new Uint8Array(48) };
    const r = await encodeJpeg(img, { exif: Buffer.from('Exif\0\0garbage!') });
    expect(r.warnings[0]).toMatch(/EXIF not kept/);
    await expect(encodeJpeg(img, { quality: 0 })).rejects.toThrow(RangeError);
    await expect(encodeJpeg(img, { quality: 101 })).rejects.toThrow(RangeError);
  });
});

describe('XMP', () => {
  it('is carried with tiff:Orientation reset to 1 (both XMP spellings)', async () => {
    expect(resetXmpOrientation('<x tiff:Orientation="6" tiff:Make="A"/>')).toBe('<x tiff:Orientation="1" tiff:Make="A"/>');
    expect(resetXmpOrientation('<tiff:Orientation> 8 </tiff:Orientation>')).toBe('<tiff:Orientation>1</tiff:Orientation>');
    const xmp = '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:tiff="http://ns.adobe.com/tiff/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" tiff:Orientation="6"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">Harbour</rdf:li></rdf:Alt></dc:title></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>';
    const { jpeg } = await encodeJpeg({ width: 4, height: 4, data: new Uint8Array(48) }, { xmp: Buffer.from(xmp) });
    const out = (await sharp(jpeg).metadata()).xmp?.toString('utf8') ?? '';
    expect(out).toContain('Harbour');
    expect(out).toContain('tiff:Orientation="1"');
  });
});

describe('exif helpers', () => {
  it('insertExifSegment replaces an existing EXIF APP1 instead of adding a second', async () => {
    const exif = await sourceExif(3);
    const jpg = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
      .jpeg()
      .withExif({ IFD0: { Make: 'Old' } })
      .toBuffer();
    const patched = patchExifForOutput(exif, { width: 4, height: 4 });
    expect(patched).toBeDefined();
    const out = insertExifSegment(jpg, patched!);
    const tags = await exifr.parse(out);
    expect(tags.Make).toBe('TestCam');
    const count = out.toString('latin1').split('Exif\0\0').length - 1;
    expect(count).toBe(1);
  });

  it('patchExifForOutput accepts a bare TIFF block and rejects garbage', () => {
    expect(patchExifForOutput(Buffer.from('nonsense'), { width: 1, height: 1 })).toBeUndefined();
    const tiff = Buffer.from([0x49, 0x49, 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0]);
    const out = patchExifForOutput(tiff, { width: 1, height: 1 })!;
    expect(out.subarray(0, 6).toString('latin1')).toBe('Exif\0\0');
    expect(readExifOrientation(out)).toBe(1);
    expect(readExifOrientation(tiff)).toBe(8);
  });
});

describe('writeFileAtomic', () => {
  it('writes, refuses to overwrite without the flag, overwrites with it, leaves no temp files', async () => {
    const target = path.join(tmp, 'out.bin');
    await writeFileAtomic(target, Buffer.from('one'));
    expect(fs.readFileSync(target, 'utf8')).toBe('one');
    await expect(writeFileAtomic(target, Buffer.from('two'))).rejects.toMatchObject({ code: 'OUTPUT_EXISTS' });
    expect(fs.readFileSync(target, 'utf8')).toBe('one');
    await writeFileAtomic(target, Buffer.from('three'), { overwrite: true });
    expect(fs.readFileSync(target, 'utf8')).toBe('three');
    expect(fs.readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('reports a missing directory as WRITE_FAILED', async () => {
    const err = await writeFileAtomic(path.join(tmp, 'no/such/dir/x.jpg'), Buffer.from('x')).catch((e) => e);
    expect(err).toBeInstanceOf(ImagingError);
    expect(err.code).toBe('WRITE_FAILED');
  });
});
