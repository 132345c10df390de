import { describe, it, expect } from 'vitest';
import { meanDeltaE, psnr, ssim } from './image-metrics.ts';
import { scene } from '../perception/synthetic.ts';

describe('image metrics', () => {
  const img = scene({ width: 64, height: 48 });
  const f = Float32Array.from(img.data, (v) => v / 255);

  it('PSNR: identical → ∞, a uniform 0.1 offset → 20 dB, mixed scales agree', () => {
    expect(psnr(f, f)).toBe(Infinity);
    const off = f.map((v) => v + 0.1);
    expect(psnr(off, f)).toBeCloseTo(20, 4);
    expect(psnr(f, img.data, 1, 255)).toBeGreaterThan(100);
  });

  it('SSIM: 1 for identical images, lower for blur/noise, insensitive to scale of storage', () => {
    expect(ssim(f, f, 64, 48)).toBeCloseTo(1, 6);
    expect(ssim(img.data, f, 64, 48, 255, 1)).toBeCloseTo(1, 4);
    const noisy = f.map((v, i) => v + ((i * 7919) % 13 - 6) / 60);
    const s = ssim(noisy, f, 64, 48);
    expect(s).toBeLessThan(0.9);
    expect(s).toBeGreaterThan(0);
    expect(() => ssim(f.subarray(0, 30), f.subarray(0, 30), 5, 2)).toThrow(/too small/);
  });

  it('mean ΔE2000: 0 for identical, grows with a colour shift', () => {
    expect(meanDeltaE(f, f)).toBe(0);
    const warm = f.map((v, i) => (i % 3 === 2 ? v * 0.8 : v));
    const warmer = f.map((v, i) => (i % 3 === 2 ? v * 0.6 : v));
    expect(meanDeltaE(warm, f)).toBeGreaterThan(1);
    expect(meanDeltaE(warmer, f)).toBeGreaterThan(meanDeltaE(warm, f));
  });
});
