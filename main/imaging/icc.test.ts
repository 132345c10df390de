import sharp from 'sharp';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { iccDescription, isSrgbProfile } from './icc.ts';

async function profileOf(icc: string): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } })
    .jpeg()
    .withIccProfile(icc)
    .toBuffer();
  return (await sharp(jpeg).metadata()).icc!;
}

/** The tag table entry of `sig` (its offset into the profile), or -1. */
function tagAt(icc: Buffer, sig: string): number {
  const n = icc.readUInt32BE(128);
  for (let i = 0; i < n; i++) if (icc.toString('latin1', 132 + i * 12, 136 + i * 12) === sig) return 132 + i * 12;
  return -1;
}

describe('isSrgbProfile', () => {
  it('recognises sRGB and nothing else', async () => {
    const srgb = await profileOf('srgb');
    expect(iccDescription(srgb)).toMatch(/sRGB/);
    expect(isSrgbProfile(srgb)).toBe(true);
    expect(isSrgbProfile(await profileOf('p3'))).toBe(false);
    expect(isSrgbProfile(await profileOf('cmyk'))).toBe(false);
    expect(isSrgbProfile(undefined)).toBe(false);
  });

  it('refuses a profile that only looks like sRGB: other colorants, another tone curve, a lookup table, damage', async () => {
    const srgb = await profileOf('srgb');
    // The red colorant's X moved by 0.01.
    const moved = Buffer.from(srgb);
    const r = moved.readUInt32BE(tagAt(moved, 'rXYZ') + 4) + 8;
    moved.writeInt32BE(moved.readInt32BE(r) + Math.round(0.01 * 65536), r);
    expect(isSrgbProfile(moved)).toBe(false);
    // A green tone curve of gamma 2.2 instead of sRGB's.
    const gamma = Buffer.from(srgb);
    const g = gamma.readUInt32BE(tagAt(gamma, 'gTRC') + 4);
    gamma.write('curv', g, 'latin1');
    gamma.writeUInt32BE(1, g + 8);
    gamma.writeUInt16BE(Math.round(2.2 * 256), g + 12);
    expect(isSrgbProfile(gamma)).toBe(false);
    // A lookup-table transform (which a colour engine would prefer to the matrix).
    const lut = Buffer.from(srgb);
    lut.write('A2B0', tagAt(lut, 'desc'), 'latin1');
    expect(isSrgbProfile(lut)).toBe(false);
    // Truncated.
    expect(isSrgbProfile(srgb.subarray(0, 200))).toBe(false);
  });

  it('never throws on damaged profiles (random byte edits and truncations of a real one)', async () => {
    const srgb = await profileOf('srgb');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(srgb.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 40 }), fc.nat(srgb.length), (edits, cut) => {
        const b = Buffer.from(srgb.subarray(0, Math.max(0, cut)));
        for (const [at, v] of edits) if (at < b.length) b[at] = v;
        expect(typeof isSrgbProfile(b)).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });
});
