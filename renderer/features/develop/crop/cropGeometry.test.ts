import { describe, expect, it } from 'vitest';
import {
  clampToward, contains, corners, dragAngle, dragHandle, fitInside, fullRect, handlePoint, isInside, moveBy, orientedRatio, rotateTo, swapOrientation, toFrame, toSource, withRatio, MIN_SIDE, type CropRect,
} from './cropGeometry.ts';

const img = { width: 3000, height: 2000 };
const close = (a: number, b: number, eps = 1e-6) => expect(Math.abs(a - b)).toBeLessThan(eps);

describe('crop geometry', () => {
  it('frame and source coordinates are inverse; a positive angle turns the frame counter-clockwise', () => {
    const r: CropRect = { cx: 1500, cy: 1000, w: 1000, h: 600, angle: 10 };
    const [x, y] = toSource(r, 123, -45);
    const [u, v] = toFrame(r, x, y);
    close(u, 123);
    close(v, -45);
    // The frame's right-hand direction points up-right on screen (y down) for a positive angle.
    const [ex, ey] = toSource(r, 100, 0);
    expect(ex).toBeGreaterThan(r.cx);
    expect(ey).toBeLessThan(r.cy);
  });

  it('dragging the south-east corner keeps the north-west corner fixed', () => {
    const start: CropRect = { cx: 1500, cy: 1000, w: 2000, h: 1000, angle: 0 };
    const nw = handlePoint(start, 'nw');
    const r = dragHandle(start, 'se', 2200, 1300, null, img);
    const after = handlePoint(r, 'nw');
    close(after[0], nw[0]);
    close(after[1], nw[1]);
    close(r.w, 1700);
    close(r.h, 800);
  });

  it('a free corner drag past the edge stops that side at the edge while the other follows', () => {
    const start: CropRect = { cx: 1500, cy: 1000, w: 1000, h: 1000, angle: 0 };
    const r = dragHandle(start, 'se', 5000, 1200, null, img);
    close(r.cx + r.w / 2, 3000);
    close(r.cy + r.h / 2, 1200);
    expect(isInside(r, img)).toBe(true);
  });

  it('a locked drag keeps the aspect ratio, also when it hits the edge', () => {
    const start: CropRect = { cx: 1500, cy: 1000, w: 900, h: 600, angle: 0 };
    for (const [x, y] of [[2100, 1400], [4000, 1100], [1000, 900]]) {
      const r = dragHandle(start, 'se', x, y, 1.5, img);
      close(r.w / r.h, 1.5, 1e-9);
      expect(isInside(r, img)).toBe(true);
    }
    const edge = dragHandle(start, 'e', 2600, 1000, 1.5, img);
    close(edge.w / edge.h, 1.5, 1e-9);
    close(edge.cy, 1000); // an edge handle grows the other side symmetrically
  });

  it('never goes below the smallest side, even when dragged past the opposite corner', () => {
    const start: CropRect = { cx: 1500, cy: 1000, w: 1000, h: 1000, angle: 0 };
    const r = dragHandle(start, 'se', 0, 0, null, img);
    close(r.w, MIN_SIDE);
    close(r.h, MIN_SIDE);
  });

  it('edge handles of a rotated rectangle move along the rectangle’s own axes', () => {
    const start = rotateTo({ cx: 1500, cy: 1000, w: 1000, h: 600, angle: 0 }, 20, img);
    const west = handlePoint(start, 'w');
    const [ex, ey] = toSource(start, start.w / 2 + 100, 40); // 100 px further out, a bit off-axis
    const r = dragHandle(start, 'e', ex, ey, null, img);
    close(r.w, start.w + 100);
    close(r.h, start.h);
    const w2 = handlePoint(r, 'w');
    close(w2[0], west[0]);
    close(w2[1], west[1]);
  });

  it('moving slides along the edge instead of stopping', () => {
    const start: CropRect = { cx: 1500, cy: 1000, w: 1000, h: 1000, angle: 0 };
    const r = moveBy(start, 5000, 200, img);
    close(r.cx, 2500);
    close(r.cy, 1200);
  });

  it('straightening shrinks the rectangle to stay inside and turning back restores it', () => {
    const base = fullRect(img);
    const r = rotateTo(base, 8, img);
    expect(r.w).toBeLessThan(base.w);
    close(r.w / r.h, base.w / base.h, 1e-9);
    expect(isInside(r, img)).toBe(true);
    // Tight: a corner touches the picture's edge.
    expect(Math.min(...corners(r).flatMap(([x, y]) => [x, y, img.width - x, img.height - y]))).toBeLessThan(1e-6);
    expect(rotateTo(base, 0, img)).toEqual(base);
    expect(rotateTo(base, 90, img).angle).toBe(45);
  });

  it('a pointer turning clockwise around the centre lowers the angle (the frame follows it)', () => {
    const r = fullRect(img);
    // From straight right of the centre to below-right: clockwise on screen (y down).
    close(dragAngle(r, [r.cx + 100, r.cy], [r.cx + 100, r.cy + 100]), -45);
  });

  it('aspect presets fit inside the current rectangle and follow its orientation', () => {
    const r = fullRect(img);
    const sq = withRatio(r, 1, img);
    close(sq.w, 2000);
    close(sq.h, 2000);
    const portrait: CropRect = { ...r, w: 1000, h: 1800 };
    close(orientedRatio(portrait, 1.5), 1 / 1.5);
    const p = withRatio(portrait, orientedRatio(portrait, 1.5), img);
    close(p.w / p.h, 1 / 1.5);
    expect(p.h).toBeLessThanOrEqual(1800 + 1e-9);
    const s = swapOrientation(p, img);
    close(s.w / s.h, 1.5);
    expect(isInside(s, img)).toBe(true);
  });

  it('fitInside pulls an outside centre back and shrinks; clampToward stops exactly at the edge', () => {
    const f = fitInside({ cx: 3500, cy: 1000, w: 1000, h: 1000, angle: 0 }, img);
    expect(isInside(f, img)).toBe(true);
    const from: CropRect = { cx: 1500, cy: 1000, w: 1000, h: 1000, angle: 0 };
    const to = clampToward(from, { ...from, w: 4000 }, img);
    close(to.w, 3000);
    expect(contains(to, 10, 1000)).toBe(true);
    expect(contains(to, 10, 10)).toBe(false);
  });
});
