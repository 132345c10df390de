import { describe, expect, it } from 'vitest';
import { deltaE2000, srgbToLab } from './color.ts';

describe('deltaE2000', () => {
  // Sharma, Wu & Dalal (2005) test data, a few rows.
  const rows: [number, number, number, number, number, number, number][] = [
    [50, 2.6772, -79.7751, 50, 0, -82.7485, 2.0425],
    [50, 3.1571, -77.2803, 50, 0, -82.7485, 2.8615],
    [50, -1.3802, -84.2814, 50, 0, -82.7485, 1.0],
    [50, 2.5, 0, 50, 0, -2.5, 4.3065],
    [60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644],
    [22.7233, 20.0904, -46.694, 23.0331, 14.973, -42.5619, 2.0373],
    [90.9257, -0.5406, -0.9208, 88.6381, -0.8985, -0.7239, 1.5381],
    [2.0776, 0.0795, -1.135, 0.9033, -0.0636, -0.5514, 0.9082],
  ];
  it.each(rows)('matches the published value %#', (l1, a1, b1, l2, a2, b2, expected) => {
    expect(deltaE2000(l1, a1, b1, l2, a2, b2)).toBeCloseTo(expected, 3);
    expect(deltaE2000(l2, a2, b2, l1, a1, b1)).toBeCloseTo(expected, 3);
  });
  it('white is L=100, a=b=0', () => {
    const [l, a, b] = srgbToLab(1, 1, 1);
    expect(l).toBeCloseTo(100, 2);
    expect(Math.abs(a)).toBeLessThan(0.01);
    expect(Math.abs(b)).toBeLessThan(0.01);
  });
});
