import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encodeJpeg } from './encode.ts';
import { bandRowsFor, stitchJpegBands } from './jpeg-stitch.ts';

/** Gradients, edges and noise: every kind of block (flat, smooth, busy) in every band. */
function picture(w: number, h: number): Uint8Array {
  const d = new Uint8Array(w * h * 3);
  let s = 7;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      s = (s * 1103515245 + 12345) >>> 0;
      const n = (s >>> 24) & 31;
      d[i] = (x * 255) / w;
      d[i + 1] = ((x >> 5) + (y >> 5)) & 1 ? 200 : 40 + n;
      d[i + 2] = (y * 255) / h;
    }
  return d;
}

async function pixels(jpeg: Buffer): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

describe('JPEG bands joined with restart markers', () => {
  for (const [w, h, q] of [
    [2001, 1337, 90],
    [1999, 1203, 80],
  ] as const)
    it(`decode to the same pixels as one encode (${w}×${h}, q${q}, ${q >= 90 ? '4:4:4' : '4:2:0'})`, async () => {
      const data = picture(w, h);
      const { jpeg: joined } = await encodeJpeg({ width: w, height: h, data }, { quality: q });
      const chroma = q >= 90 ? '4:4:4' : '4:2:0';
      const single = await sharp(Buffer.from(data), { raw: { width: w, height: h, channels: 3 } })
        .jpeg({ quality: q, chromaSubsampling: chroma, optimiseCoding: false })
        .toBuffer();
      expect(joined.includes(Buffer.from([0xff, 0xdd]))).toBe(true); // it was joined: a DRI segment
      const a = await pixels(joined);
      const b = await pixels(single);
      expect([a.width, a.height]).toEqual([w, h]);
      expect(a.data.equals(b.data)).toBe(true);
      const meta = await sharp(joined).metadata();
      expect(meta.icc).toBeDefined(); // the first band's headers (sRGB profile) are kept
    });

  it('keeps every band within 65535 MCUs, and whole MCU rows', () => {
    expect(bandRowsFor(6000, 4000, 8, 2)).toBe(87 * 8); // 750 MCUs per row
    expect(bandRowsFor(2000, 1000, 8, 2)).toBe(504); // 125 MCU rows → 63 each
    expect(bandRowsFor(2000, 1000, 16, 2) % 16).toBe(0);
    expect(bandRowsFor(600000, 10, 8, 2)).toBe(0); // one MCU row is already too many
  });

  it('refuses bands it cannot join exactly', async () => {
    const mk = (h: number, o: sharp.JpegOptions = {}) =>
      sharp(Buffer.from(picture(64, h)), { raw: { width: 64, height: h, channels: 3 } })
        .jpeg({ quality: 90, chromaSubsampling: '4:4:4', ...o })
        .toBuffer();
    const [a, b, p] = await Promise.all([mk(16), mk(16), mk(16, { progressive: true })]);
    expect(() => stitchJpegBands([a, p], 16, 8)).toThrow(/baseline/);
    expect(() => stitchJpegBands([a, b], 12, 8)).toThrow(/whole number of MCU rows/);
    expect(() => stitchJpegBands([a, b], 8, 8)).toThrow(/band 0 is 16 rows/);
    expect(() => stitchJpegBands([Buffer.from('nope'), b], 16, 8)).toThrow(/not a JPEG/);
    const joined = stitchJpegBands([a, b], 16, 8);
    expect((await sharp(joined).metadata()).height).toBe(32);
  });
});
