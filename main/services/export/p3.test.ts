import { describe, expect, it } from 'vitest';
import { srgbToDisplayP3 } from './p3.ts';

describe('srgbToDisplayP3', () => {
  it('maps the sRGB primaries inside P3 and keeps greys', () => {
    const d = new Uint8Array([255, 0, 0, 0, 255, 0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 0, 0, 0]);
    srgbToDisplayP3(d);
    // Reference (CSS Color 4): sRGB red = color(display-p3 0.9175 0.2003 0.1387), etc.
    expect([...d.slice(0, 3)]).toEqual([234, 51, 35]);
    expect([...d.slice(3, 6)]).toEqual([117, 251, 76]);
    expect([...d.slice(6, 9)]).toEqual([0, 0, 245]);
    expect([...d.slice(9)]).toEqual([128, 128, 128, 255, 255, 255, 0, 0, 0]);
  });
});
