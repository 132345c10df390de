import { describe, it, expect } from 'vitest';
import { normaliseTags, toLocalIso, num } from './metadata.ts';

describe('metadata normalisation', () => {
  it('parses numbers in the forms exifr and exiftool give', () => {
    expect(num('1/200')).toBeCloseTo(0.005);
    expect(num('50.0 mm')).toBe(50);
    expect(num('1/0')).toBeNull();
    expect(num(NaN)).toBeNull();
    expect(num([28, 1])).toBe(28);
  });

  it('keeps capture times as local wall-clock text with sub-seconds', () => {
    expect(toLocalIso('2021:04:11 15:47:53', '054')).toBe('2021-04-11T15:47:53.054');
    expect(toLocalIso(new Date(2008, 4, 30, 15, 56, 1))).toBe('2008-05-30T15:56:01.000');
    expect(toLocalIso({ rawValue: '2020:01:02 03:04:05' })).toBe('2020-01-02T03:04:05.000');
    expect(toLocalIso('0000:00:00 00:00:00')).toBeNull();
    expect(toLocalIso('garbage')).toBeNull();
  });

  it('maps exif, gps and xmp tags and rejects nonsense', () => {
    const m = normaliseTags({
      Make: 'NIKON', Model: 'COOLPIX P6000', ISO: 64, FNumber: 5.9, ExposureTime: 1 / 75, FocalLength: 24,
      GPSLatitude: [43, 28, 2.814], GPSLatitudeRef: 'N', GPSLongitude: [11, 53, 6.456], GPSLongitudeRef: 'W',
      Orientation: 6, DateTimeOriginal: '2008:10:22 16:28:39', subject: ['Beach', 'beach', 'Sun'], title: { lang: 'x-default', value: 'Hi' }, Rating: 7,
    });
    expect(m).toMatchObject({ cameraMake: 'NIKON', cameraModel: 'COOLPIX P6000', iso: 64, aperture: 5.9, focalLength: 24, orientation: 6, captureTime: '2008-10-22T16:28:39.000', title: 'Hi', rating: 5 });
    expect(m.gpsLat).toBeCloseTo(43.4674, 3);
    expect(m.gpsLon).toBeCloseTo(-11.8851, 3);
    expect(m.keywords).toEqual(['Beach', 'Sun']);
    const bad = normaliseTags({ Orientation: 9, ISO: -1, FNumber: 0, GPSLatitude: 0, GPSLongitude: 0, Make: '\0\0 ' });
    expect(bad).toMatchObject({ orientation: null, iso: null, aperture: null, gpsLat: null, cameraMake: null });
    expect(normaliseTags({ ApertureValue: 2, ShutterSpeedValue: 7 })).toMatchObject({ aperture: 2, shutter: 1 / 128 });
  });
});
