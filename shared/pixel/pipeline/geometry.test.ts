import { describe, expect, it } from 'vitest';
import { cropOp } from '../../develop/ops/crop.ts';
import type { ParamValues } from '../../develop/types.ts';
import { planGeometry, sourceCoordRows } from './geometry.ts';
import { planRenderWith } from './plan.ts';
import { renderRowsWith } from './run.ts';
import { coordSource, passOp } from './testOps.ts';
import type { SourceImage } from './types.ts';

/** Render with crop params; returns the output's (x, y) channel pairs per pixel as [w][h] lookup. */
function renderCoords(src: SourceImage, crop: ParamValues, float = false) {
  const ops = float ? [cropOp, passOp] : [cropOp];
  const plan = planRenderWith(ops, { ops: { crop, pass: { on: true } }, locals: [] }, src.width, src.height);
  const out = new Uint8Array(plan.width * plan.height * 3);
  renderRowsWith(ops, plan, src, {}, 0, plan.height, out);
  const at = (x: number, y: number) => [out[(y * plan.width + x) * 3], out[(y * plan.width + x) * 3 + 1]];
  return { plan, at, out };
}

describe('crop geometry', () => {
  const src = coordSource(8, 6);

  it('identity settings are the identity geometry (fast path)', () => {
    const { geometry, width, height } = planGeometry(undefined, 8, 6, 1);
    expect([width, height]).toEqual([8, 6]);
    expect(geometry.identity && geometry.exact).toBe(true);
  });

  for (const float of [false, true])
    it(`crops exactly to whole pixels${float ? ' (float path)' : ''}`, () => {
      const { plan, at } = renderCoords(src, { left: 0.25, right: 0.75, top: 1 / 6, bottom: 5 / 6 }, float);
      expect([plan.width, plan.height]).toEqual([4, 4]);
      expect(plan.geometry.exact).toBe(true);
      for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) expect(at(x, y)).toEqual([x + 2, y + 1]);
    });

  it('snaps a fractional crop to whole pixels when not rotated', () => {
    const { plan, at } = renderCoords(src, { left: 0.2, right: 0.8 }); // 1.6 → 2, 6.4 → 6
    expect(plan.width).toBe(4);
    expect(at(0, 0)).toEqual([2, 0]);
  });

  it('flips horizontally and vertically', () => {
    const h = renderCoords(src, { flipH: true });
    const v = renderCoords(src, { flipV: true });
    for (let y = 0; y < 6; y++)
      for (let x = 0; x < 8; x++) {
        expect(h.at(x, y)).toEqual([7 - x, y]);
        expect(v.at(x, y)).toEqual([x, 5 - y]);
      }
  });

  it('turns by quarter turns clockwise (odd turns swap width and height)', () => {
    const r1 = renderCoords(src, { rotate: 1 });
    const r2 = renderCoords(src, { rotate: 2 });
    const r3 = renderCoords(src, { rotate: 3 });
    expect([r1.plan.width, r1.plan.height]).toEqual([6, 8]);
    expect([r2.plan.width, r2.plan.height]).toEqual([8, 6]);
    // Clockwise: the source's bottom-left pixel lands top-left; top-left lands top-right.
    expect(r1.at(0, 0)).toEqual([0, 5]);
    expect(r1.at(5, 0)).toEqual([0, 0]);
    for (let y = 0; y < 8; y++) for (let x = 0; x < 6; x++) expect(r1.at(x, y)).toEqual([y, 5 - x]);
    for (let y = 0; y < 6; y++) for (let x = 0; x < 8; x++) expect(r2.at(x, y)).toEqual([7 - x, 5 - y]);
    for (let y = 0; y < 8; y++) for (let x = 0; x < 6; x++) expect(r3.at(x, y)).toEqual([7 - y, x]);
  });

  it('flips the cropped picture, then turns it', () => {
    const { plan, at } = renderCoords(src, { left: 0.25, right: 0.75, flipH: true, rotate: 1 });
    expect([plan.width, plan.height]).toEqual([6, 4]);
    // crop: x 2..5; flipH: cx → 5 - (cx - 2) + ... ; rotate CW: out(x,y) = flipped(y, 5 - x)
    for (let y = 0; y < 4; y++) for (let x = 0; x < 6; x++) expect(at(x, y)).toEqual([2 + (3 - y), 5 - x]);
  });

  it('straighten: positive angle turns the picture clockwise about the crop centre', () => {
    const { geometry } = planGeometry({ angle: 30, constrain: false }, 1000, 1000, 1);
    const [m0, m1, m2, m3, m4, m5] = geometry.m;
    // The source point 100 px right of the centre appears at the centre + R(30°)·(100, 0).
    const t = (30 * Math.PI) / 180;
    const ox = 500 + 100 * Math.cos(t);
    const oy = 500 + 100 * Math.sin(t);
    expect(m0 * ox + m1 * oy + m2).toBeCloseTo(600, 6);
    expect(m3 * ox + m4 * oy + m5).toBeCloseTo(500, 6);
    expect(geometry.exact).toBe(false);
  });

  it('constrain shrinks a straightened crop until its corners stay inside the source', () => {
    const free = planGeometry({ angle: 10, constrain: false }, 600, 400, 1);
    const con = planGeometry({ angle: 10 }, 600, 400, 1);
    expect([free.width, free.height]).toEqual([600, 400]);
    expect(con.width).toBeLessThan(600);
    expect(con.width / con.height).toBeCloseTo(1.5, 1);
    const [m0, m1, m2, m3, m4, m5] = con.geometry.m;
    for (const [x, y] of [[0, 0], [con.width, 0], [0, con.height], [con.width, con.height]]) {
      const sx = m0 * x + m1 * y + m2;
      const sy = m3 * x + m4 * y + m5;
      expect(sx).toBeGreaterThanOrEqual(-1e-6);
      expect(sx).toBeLessThanOrEqual(600 + 1e-6);
      expect(sy).toBeGreaterThanOrEqual(-1e-6);
      expect(sy).toBeLessThanOrEqual(400 + 1e-6);
    }
    // and the largest such rectangle: one corner touches an edge
    const touch = [[0, 0], [con.width, 0], [0, con.height], [con.width, con.height]].some(([x, y]) => {
      const sx = m0 * x + m1 * y + m2;
      const sy = m3 * x + m4 * y + m5;
      return Math.min(sx, sy, 600 - sx, 400 - sy) < 1;
    });
    expect(touch).toBe(true);
  });

  it('scale resizes the crop; shrinking averages in linear light (no aliasing)', () => {
    // 1-pixel checkerboard of 0 and 255: at half size every output pixel is the linear mean.
    const w = 16, h = 16;
    const data = new Uint8Array(w * h * 3);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.fill((x + y) % 2 ? 255 : 0, (y * w + x) * 3, (y * w + x) * 3 + 3);
    const src: SourceImage = { width: w, height: h, bits: 8, data };
    const plan = planRenderWith([], { ops: {}, locals: [] }, w, h, { scale: 0.5 });
    expect([plan.width, plan.height]).toEqual([8, 8]);
    const out = new Float32Array(8 * 8 * 3);
    renderRowsWith([], plan, src, {}, 0, 8, out);
    const mid = 1.055 * Math.pow(0.5, 1 / 2.4) - 0.055;
    for (const v of out) expect(v).toBeCloseTo(mid, 3);
  });

  it('sourceScale: a pre-shrunk source is not shrunk again', () => {
    const plan = planRenderWith([], { ops: {}, locals: [] }, 500, 400, { scale: 0.25, sourceScale: 0.25 });
    expect([plan.width, plan.height]).toEqual([500, 400]);
    expect(plan.scale).toBe(0.25);
  });

  it('source coordinates are normalised coordinates of the uncropped source', () => {
    const { geometry, width } = planGeometry({ left: 0.5, top: 0.5 }, 10, 10, 1);
    const c = new Float32Array(width * 2);
    sourceCoordRows(geometry, 10, 10, width, 0, 1, c);
    expect(c[0]).toBeCloseTo(0.55, 6);
    expect(c[1]).toBeCloseTo(0.55, 6);
  });

  it('degenerate and inverted rectangles still give at least one pixel', () => {
    expect(planGeometry({ left: 0.7, right: 0.7 }, 10, 10, 1).width).toBe(1);
    expect(planGeometry({ left: 1, right: 1, top: 1, bottom: 1 }, 10, 10, 1)).toMatchObject({ width: 1, height: 1 });
    const inv = planGeometry({ left: 0.8, right: 0.2 }, 10, 10, 1);
    expect(inv.width).toBe(6);
  });

  it('cropOp declares the identity correctly', () => {
    const d = Object.fromEntries(Object.entries(cropOp.params).map(([k, s]) => [k, s.default])) as never;
    expect(cropOp.isIdentity!(d)).toBe(true);
    expect(cropOp.isIdentity!({ ...(d as object), angle: 0.1 } as never)).toBe(false);
    expect(cropOp.isIdentity!({ ...(d as object), rotate: 4 } as never)).toBe(true);
    expect(cropOp.maths).toBeUndefined();
  });
});

describe('shrinking', () => {
  function shrink(src: SourceImage, crop: ParamValues, scale: number) {
    const plan = planRenderWith([cropOp], { ops: { crop }, locals: [] }, src.width, src.height, { scale });
    const out = new Float32Array(plan.width * plan.height * 3);
    renderRowsWith([cropOp], plan, src, {}, 0, plan.height, out);
    return { plan, out };
  }
  const lin = (v: number) => (v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));

  it('non-integer ratios: each output pixel is the area-weighted linear mean of its footprint', () => {
    // 1-D ramp along x, 10 → 4 pixels: footprint 2.5 source pixels.
    const w = 10, h = 4;
    const data = new Uint8Array(w * h * 3);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.fill(x * 25, (y * w + x) * 3, (y * w + x) * 3 + 3);
    const src: SourceImage = { width: w, height: h, bits: 8, data };
    const { plan, out } = shrink(src, {}, 0.4);
    expect([plan.width, plan.height]).toEqual([4, 2]);
    const L = (x: number) => lin((x * 25) / 255);
    const expect1 = (L(2) * 0.5 + L(3) + L(4)) / 2.5; // output x = 1 covers source [2.5, 5)
    const got = out[1 * 3];
    expect(lin(got)).toBeCloseTo(expect1, 3);
  });

  it('quarter turns and flips while shrinking match shrinking then turning', () => {
    const src = coordSource(40, 24);
    const a = shrink(src, { rotate: 1, flipV: true }, 0.25);
    const b = shrink(src, {}, 0.25);
    expect([a.plan.width, a.plan.height]).toEqual([b.plan.height, b.plan.width]);
    const bw = b.plan.width;
    const bh = b.plan.height;
    // flipV then turn clockwise: out(x, y) = flipped(y, bh-1-x) = b(y, x)
    for (let y = 0; y < a.plan.height; y++)
      for (let x = 0; x < a.plan.width; x++)
        for (let c = 0; c < 3; c++) expect(a.out[(y * a.plan.width + x) * 3 + c]).toBeCloseTo(b.out[(x * bw + y) * 3 + c], 5);
    expect(bh).toBe(6);
  });
});
