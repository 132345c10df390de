/**
 * Drawing and editing the geometric mask shapes by hand, pure. Shapes live in normalised
 * coordinates of the uncropped, oriented source (shared/develop/mask.ts); distances and angles
 * are taken in pixel-proportional space (x × aspect, aspect = source width / height) exactly as
 * the mask maths does, so a handle sits where the ellipse or the gradient line really is.
 *
 * Radial handles: `center` (move), `rx` / `ry` (radius along the ellipse's own axes), `rotate`
 * (beyond the ry handle, opposite side), `feather` (on the rx axis at the inner, full-effect
 * ellipse). Linear handles: `start` (full effect), `end` (no effect), `middle` (move both).
 */
import type { MaskShape } from '../../../../shared/develop/mask.ts';

export type RadialShape = Extract<MaskShape, { type: 'radial' }>;
export type LinearShape = Extract<MaskShape, { type: 'linear' }>;
export type GeoShape = RadialShape | LinearShape;
export type RadialHandle = 'center' | 'rx' | 'ry' | 'rotate' | 'feather';
export type LinearHandle = 'start' | 'end' | 'middle';
export type ShapeHandle = RadialHandle | LinearHandle;
export type Pt = readonly [number, number];

/** Smallest radius (fraction of the shorter side) a drag can make. */
export const MIN_RADIUS = 0.01;
/** How far beyond the ellipse the rotate handle sits, as a fraction of ry. */
const ROTATE_REACH = 0.25;
const round = (v: number) => Math.round(v * 1e5) / 1e5;
const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);

/** A radial mask from a drag: the press is the centre, the release sets both radii. */
export function radialFromDrag(a: Pt, b: Pt, aspect: number): RadialShape {
  const ry = Math.max(MIN_RADIUS, Math.abs(b[1] - a[1]));
  const rx = Math.max(MIN_RADIUS / aspect, Math.abs(b[0] - a[0]));
  return { type: 'radial', cx: round(a[0]), cy: round(a[1]), rx: round(rx), ry: round(ry), angle: 0, feather: 50, inside: true };
}

/** A linear gradient from a drag: full effect where the drag starts, none where it ends. */
export function linearFromDrag(a: Pt, b: Pt): LinearShape {
  return { type: 'linear', x0: round(a[0]), y0: round(a[1]), x1: round(b[0]), y1: round(b[1]) };
}

/** Unit axes of a radial in pixel-proportional space: u (the rx axis) and v (the ry axis). */
function axes(s: RadialShape): { u: [number, number]; v: [number, number] } {
  const a = (s.angle * Math.PI) / 180;
  return { u: [Math.cos(a), Math.sin(a)], v: [-Math.sin(a), Math.cos(a)] };
}

/** Where each handle of a shape sits, in normalised source coordinates. */
export function shapeHandles(s: GeoShape, aspect: number): { handle: ShapeHandle; at: [number, number] }[] {
  if (s.type === 'linear')
    return [
      { handle: 'start', at: [s.x0, s.y0] },
      { handle: 'end', at: [s.x1, s.y1] },
      { handle: 'middle', at: [(s.x0 + s.x1) / 2, (s.y0 + s.y1) / 2] },
    ];
  const { u, v } = axes(s);
  const rx = s.rx * aspect;
  const at = (du: number, dv: number): [number, number] => [s.cx + (u[0] * du + v[0] * dv) / aspect, s.cy + u[1] * du + v[1] * dv];
  const inner = 1 - clamp(s.feather, 0, 100) / 100;
  return [
    { handle: 'center', at: [s.cx, s.cy] },
    { handle: 'rx', at: at(rx, 0) },
    { handle: 'ry', at: at(0, s.ry) },
    { handle: 'rotate', at: at(0, -s.ry * (1 + ROTATE_REACH)) },
    { handle: 'feather', at: at(rx * inner, 0) },
  ];
}

/**
 * The shape after dragging one handle from where it was pressed (`from`) to `to`; `start` is
 * the shape at the press, so a drag never accumulates rounding.
 */
export function dragShape(start: GeoShape, handle: ShapeHandle, from: Pt, to: Pt, aspect: number): GeoShape {
  const dx = to[0] - from[0];
  const dy = to[1] - from[1];
  if (start.type === 'linear') {
    const s = { ...start };
    if (handle === 'start' || handle === 'middle') [s.x0, s.y0] = [round(start.x0 + dx), round(start.y0 + dy)];
    if (handle === 'end' || handle === 'middle') [s.x1, s.y1] = [round(start.x1 + dx), round(start.y1 + dy)];
    return s;
  }
  const s = { ...start };
  const { u, v } = axes(start);
  // The pointer relative to the centre, pixel-proportional.
  const px = (to[0] - start.cx) * aspect;
  const py = to[1] - start.cy;
  switch (handle) {
    case 'center':
      s.cx = round(start.cx + dx);
      s.cy = round(start.cy + dy);
      break;
    case 'rx':
      s.rx = round(Math.max(MIN_RADIUS, Math.abs(px * u[0] + py * u[1])) / aspect);
      break;
    case 'ry':
      s.ry = round(Math.max(MIN_RADIUS, Math.abs(px * v[0] + py * v[1])));
      break;
    case 'rotate': {
      // The handle sits on −v: the angle that points −v at the pointer.
      let deg = (Math.atan2(py, px) * 180) / Math.PI + 90;
      if (deg > 180) deg -= 360;
      s.angle = Math.round(deg * 10) / 10;
      break;
    }
    case 'feather': {
      const along = Math.abs(px * u[0] + py * u[1]);
      s.feather = Math.round(clamp(100 * (1 - along / (start.rx * aspect)), 0, 100));
      break;
    }
  }
  return s;
}

/** Points of a radial's outline (normalised source coordinates), `scale` × the radii. */
export function ellipsePoints(s: RadialShape, aspect: number, scale = 1, n = 72): [number, number][] {
  const { u, v } = axes(s);
  const rx = s.rx * aspect * scale;
  const ry = s.ry * scale;
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n;
    const a = rx * Math.cos(t);
    const b = ry * Math.sin(t);
    out.push([s.cx + (u[0] * a + v[0] * b) / aspect, s.cy + u[1] * a + v[1] * b]);
  }
  return out;
}

/** The three lines Lightroom draws for a gradient (start, centre, end), each `reach` long across. */
export function gradientLines(s: LinearShape, aspect: number, reach = 2): [[number, number], [number, number]][] {
  const dx = (s.x1 - s.x0) * aspect;
  const dy = s.y1 - s.y0;
  const len = Math.hypot(dx, dy) || 1;
  // Perpendicular, pixel-proportional, half of `reach` each way.
  const nx = (-dy / len) * (reach / 2);
  const ny = (dx / len) * (reach / 2);
  const line = (t: number): [[number, number], [number, number]] => {
    const cx = s.x0 + (s.x1 - s.x0) * t;
    const cy = s.y0 + (s.y1 - s.y0) * t;
    return [[cx - nx / aspect, cy - ny], [cx + nx / aspect, cy + ny]];
  };
  return [line(0), line(0.5), line(1)];
}
