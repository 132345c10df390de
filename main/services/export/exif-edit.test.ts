import exifr from 'exifr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { TAG_ARTIST, TAG_COPYRIGHT, buildExif, readIfd0Text, stripGps } from './exif-edit.ts';

async function exifWithGps(): Promise<Buffer> {
  const jpg = await sharp(Buffer.alloc(8 * 8 * 3, 90), { raw: { width: 8, height: 8, channels: 3 } })
    .withExif({
      IFD0: { Copyright: 'Jane Doe 2024', Artist: 'Jane', Make: 'Nikon', Model: 'Z 6' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2400/100', GPSLongitudeRef: 'E', GPSLongitude: '2/1 21/1 0/1' },
    })
    .jpeg()
    .toBuffer();
  return (await sharp(jpg).metadata()).exif!;
}

describe('EXIF edits', () => {
  it('stripGps removes the GPS IFD and its values, keeps the rest', async () => {
    const exif = await exifWithGps();
    expect((await exifr.parse(exif.subarray(6), { gps: true })).latitude).toBeCloseTo(48.856, 2);
    const out = stripGps(exif)!;
    expect(out.length).toBe(exif.length);
    const parsed = await exifr.parse(out.subarray(6), { gps: true, tiff: true });
    expect(parsed.latitude).toBeUndefined();
    expect(parsed.GPSLatitude).toBeUndefined();
    expect(parsed.Make).toBe('Nikon');
    expect(parsed.Copyright).toBe('Jane Doe 2024');
    // The rational values themselves are gone from the bytes (48/1 51/1 …).
    const needle = Buffer.alloc(8);
    needle.writeUInt32LE(48, 0);
    needle.writeUInt32LE(1, 4);
    const needleBE = Buffer.alloc(8);
    needleBE.writeUInt32BE(48, 0);
    needleBE.writeUInt32BE(1, 4);
    expect(out.includes(needle) || out.includes(needleBE)).toBe(false);
    expect(exif.includes(needle) || exif.includes(needleBE)).toBe(true);
  });

  it('reads and builds the copyright tags', async () => {
    const exif = await exifWithGps();
    const text = readIfd0Text(exif, [TAG_COPYRIGHT, TAG_ARTIST]);
    expect(text.get(TAG_COPYRIGHT)).toBe('Jane Doe 2024');
    expect(text.get(TAG_ARTIST)).toBe('Jane');
    const built = buildExif(new Map([[TAG_COPYRIGHT, '© Jane Doe'], [TAG_ARTIST, 'JD']]));
    const parsed = await exifr.parse(built.subarray(6), { tiff: true });
    expect(parsed.Copyright).toBe('© Jane Doe');
    expect(parsed.Artist).toBe('JD');
  });

  it('refuses malformed blocks', () => {
    expect(stripGps(Buffer.from('Exif\0\0garbage!'))).toBeUndefined();
  });
});
