import { describe, expect, it } from 'vitest';
import { maskWeightAt, type Mask } from '../../../../shared/develop/mask.ts';
import { dragShape, ellipsePoints, gradientLines, linearFromDrag, radialFromDrag, shapeHandles, type RadialShape } from './maskGeometry.ts';

const aspect = 1.5;
const weight = (shape: Mask['components'][number]['shape'], x: number, y: number) => maskWeightAt({ id: 'm', components: [{ shape, mode: 'add' }] }, aspect, x, y);
const at = (s: Parameters<typeof shapeHandles>[0], h: string) => shapeHandles(s, aspect).find((e) => e.handle === h)!.at;

describe('hand-drawn mask shapes', () => {
  it('a radial drawn from its centre: full effect there, none at the drawn edge', () => {
    const s = radialFromDrag([0.5, 0.5], [0.7, 0.6], aspect);
    expect(s).toMatchObject({ cx: 0.5, cy: 0.5, rx: 0.2, ry: 0.1, inside: true });
    expect(weight(s, 0.5, 0.5)).toBeCloseTo(1, 6);
    expect(weight(s, 0.71, 0.5)).toBe(0);
  });

  it('handles of a rotated radial lie on the mask the pipeline evaluates', () => {
    const s: RadialShape = { type: 'radial', cx: 0.4, cy: 0.5, rx: 0.2, ry: 0.15, angle: 30, feather: 40, inside: true };
    const [rxX, rxY] = at(s, 'rx');
    const [cx, cy] = [s.cx, s.cy];
    // Just inside the rx handle: a little weight; just outside: none.
    const toward = (t: number): [number, number] => [cx + (rxX - cx) * t, cy + (rxY - cy) * t];
    expect(weight(s, ...toward(0.97))).toBeGreaterThan(0);
    expect(weight(s, ...toward(1.02))).toBe(0);
    // The feather handle marks where the full effect ends.
    const [fx, fy] = at(s, 'feather');
    const fT = Math.hypot((fx - cx) * aspect, fy - cy) / Math.hypot((rxX - cx) * aspect, rxY - cy);
    expect(fT).toBeCloseTo(0.6, 6);
    expect(weight(s, ...toward(fT * 0.98))).toBeCloseTo(1, 6);
    expect(weight(s, ...toward(fT + 0.05))).toBeLessThan(1);
    // Every outline point is on the edge.
    for (const p of ellipsePoints(s, aspect, 0.99, 12)) expect(weight(s, p[0], p[1])).toBeGreaterThan(0);
    for (const p of ellipsePoints(s, aspect, 1.01, 12)) expect(weight(s, p[0], p[1])).toBe(0);
  });

  it('dragging handles: move, radii along the rotated axes, rotation and feather', () => {
    const s: RadialShape = { type: 'radial', cx: 0.5, cy: 0.5, rx: 0.2, ry: 0.1, angle: 0, feather: 50, inside: true };
    expect(dragShape(s, 'center', [0.5, 0.5], [0.6, 0.45], aspect)).toMatchObject({ cx: 0.6, cy: 0.45, rx: 0.2 });
    expect(dragShape(s, 'rx', at(s, 'rx'), [0.8, 0.52], aspect)).toMatchObject({ rx: 0.3, ry: 0.1 });
    expect(dragShape(s, 'ry', at(s, 'ry'), [0.5, 0.75], aspect)).toMatchObject({ ry: 0.25, rx: 0.2 });
    // Rotate handle straight above; dragged to straight right = 90° clockwise.
    const r = dragShape(s, 'rotate', at(s, 'rotate'), [0.9, 0.5], aspect) as RadialShape;
    expect(r.angle).toBeCloseTo(90, 6);
    const rot = dragShape(r, 'rx', at(r, 'rx'), [0.5, 0.8], aspect) as RadialShape;
    expect(rot.rx).toBeCloseTo(0.3 / aspect, 4); // the rx axis now points down
    expect((dragShape(s, 'feather', at(s, 'feather'), [0.5 + 0.2 * 0.2, 0.5], aspect) as RadialShape).feather).toBe(80);
  });

  it('a gradient runs from the press (full) to the release (none); middle moves both ends', () => {
    const g = linearFromDrag([0.5, 0.1], [0.5, 0.6]);
    expect(weight(g, 0.3, 0.05)).toBeCloseTo(1, 6);
    expect(weight(g, 0.3, 0.7)).toBe(0);
    const moved = dragShape(g, 'middle', [0.5, 0.35], [0.6, 0.45], aspect);
    expect(moved).toEqual({ type: 'linear', x0: 0.6, y0: 0.2, x1: 0.6, y1: 0.7 });
    const [[a0, a1], [b0, b1]] = gradientLines(g, aspect, 1)[0];
    expect(a1).toBeCloseTo(0.1, 9); // perpendicular to a vertical gradient: horizontal
    expect(b1).toBeCloseTo(0.1, 9);
    expect(Math.abs(b0 - a0) * aspect).toBeCloseTo(1, 9);
  });
});
