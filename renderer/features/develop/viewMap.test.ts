import { describe, expect, it } from 'vitest';
import { viewMap } from './viewMap.ts';

describe('viewMap (display fraction ↔ source pixels)', () => {
  it('is the identity scaled to the source when nothing is cropped', () => {
    const m = viewMap(undefined, 400, 300);
    expect(m.toSource(0.5, 0.5)).toEqual([200, 150]);
    expect(m.toSource(1, 0)).toEqual([400, 0]);
  });

  it('maps through a crop, a quarter turn and a flip, and inverts exactly', () => {
    const m = viewMap({ left: 0.25, right: 0.75, top: 0, bottom: 0.5, rotate: 1, flipH: true, angle: 7 }, 400, 300);
    for (const [x, y] of [[0, 0], [0.3, 0.9], [1, 1]]) {
      const [sx, sy] = m.toSource(x, y);
      const [dx, dy] = m.toDisplay(sx, sy);
      expect(dx).toBeCloseTo(x, 9);
      expect(dy).toBeCloseTo(y, 9);
    }
    // A quarter turn clockwise: the display's top-left shows the source crop's bottom-left,
    // and flipH then mirrors that to the top-right… checked on the unrotated case below.
    const q = viewMap({ rotate: 1 }, 400, 300);
    expect(q.width).toBe(300);
    const [sx, sy] = q.toSource(0, 0);
    expect(sx).toBeCloseTo(0, 9);
    expect(sy).toBeCloseTo(300, 9);
    const f = viewMap({ flipH: true }, 400, 300);
    expect(f.toSource(0, 0)[0]).toBeCloseTo(400, 9);
  });
});
