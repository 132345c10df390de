/**
 * The crop tool's geometry, pure: a crop rectangle on the uncropped, oriented source and the
 * edits a photographer makes to it (drag a handle, move, straighten, change the aspect ratio),
 * always keeping the rotated rectangle inside the picture — so what the tool shows is exactly
 * what the `crop` op renders (its `constrain` shrink then has nothing left to do).
 *
 * Units: source pixels (x right, y down). A rectangle is its centre, its size in its own frame
 * and the op's `angle` (degrees, positive = the picture turns clockwise inside the frame, so
 * the frame itself turns counter-clockwise over the picture; shared/pixel/pipeline/geometry.ts).
 * A point (u, v) of the frame's own coordinates sits at (cx + cos·u + sin·v, cy − sin·u + cos·v).
 */
export interface CropRect {
  cx: number;
  cy: number;
  w: number;
  h: number;
  angle: number;
}

export interface Size {
  width: number;
  height: number;
}

export type Point = readonly [number, number];

/** Handles: corners and edge midpoints, named in the frame's own coordinates (n = top). */
export const HANDLES = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'] as const;
export type Handle = (typeof HANDLES)[number];

/** Smallest crop side, in source pixels. */
export const MIN_SIDE = 16;
export const MAX_ANGLE = 45;
const EPS = 1e-9;

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Signs of a handle along the frame's u (right) and v (down) axes. */
export function handleSigns(h: Handle): [number, number] {
  return [h.includes('e') ? 1 : h.includes('w') ? -1 : 0, h.includes('s') ? 1 : h.includes('n') ? -1 : 0];
}

/** Frame coordinates (u, v) → source pixels. */
export function toSource(r: CropRect, u: number, v: number): [number, number] {
  const c = Math.cos(rad(r.angle));
  const s = Math.sin(rad(r.angle));
  return [r.cx + c * u + s * v, r.cy - s * u + c * v];
}

/** Source pixels → frame coordinates (u, v). */
export function toFrame(r: CropRect, x: number, y: number): [number, number] {
  const c = Math.cos(rad(r.angle));
  const s = Math.sin(rad(r.angle));
  const dx = x - r.cx;
  const dy = y - r.cy;
  return [c * dx - s * dy, s * dx + c * dy];
}

/** The four corners in source pixels: nw, ne, se, sw. */
export function corners(r: CropRect): [number, number][] {
  const hw = r.w / 2;
  const hh = r.h / 2;
  return [toSource(r, -hw, -hh), toSource(r, hw, -hh), toSource(r, hw, hh), toSource(r, -hw, hh)];
}

/** Where a handle sits, in source pixels. */
export function handlePoint(r: CropRect, h: Handle): [number, number] {
  const [su, sv] = handleSigns(h);
  return toSource(r, (su * r.w) / 2, (sv * r.h) / 2);
}

export function isInside(r: CropRect, img: Size, tol = 1e-6): boolean {
  return corners(r).every(([x, y]) => x >= -tol && y >= -tol && x <= img.width + tol && y <= img.height + tol);
}

/** Whether a source point lies inside the (rotated) rectangle. */
export function contains(r: CropRect, x: number, y: number): boolean {
  const [u, v] = toFrame(r, x, y);
  return Math.abs(u) <= r.w / 2 && Math.abs(v) <= r.h / 2;
}

/** Largest k ≤ 1 so the rectangle scaled by k about (px, py) stays inside the image. */
export function fitFactor(r: CropRect, img: Size, px = r.cx, py = r.cy): number {
  let k = 1;
  for (const [x, y] of corners(r)) {
    const dx = x - px;
    const dy = y - py;
    if (dx > EPS) k = Math.min(k, (img.width - px) / dx);
    if (dx < -EPS) k = Math.min(k, -px / dx);
    if (dy > EPS) k = Math.min(k, (img.height - py) / dy);
    if (dy < -EPS) k = Math.min(k, -py / dy);
  }
  return Math.max(0, k);
}

/** The rectangle shrunk about its centre (aspect kept) until it fits in the image. */
export function fitInside(r: CropRect, img: Size): CropRect {
  const cx = Math.min(img.width, Math.max(0, r.cx));
  const cy = Math.min(img.height, Math.max(0, r.cy));
  const c = { ...r, cx, cy };
  const k = fitFactor(c, img);
  return k >= 1 ? c : { ...c, w: c.w * k, h: c.h * k };
}

const lerp = (a: CropRect, b: CropRect, t: number): CropRect => ({
  cx: a.cx + t * (b.cx - a.cx),
  cy: a.cy + t * (b.cy - a.cy),
  w: a.w + t * (b.w - a.w),
  h: a.h + t * (b.h - a.h),
  angle: a.angle,
});

/**
 * From a rectangle that fits (`from`) toward a proposal at the same angle: the furthest point
 * of the straight path between them that still fits. Corners move linearly along that path,
 * so the limit is exact (and the aspect ratio is kept when both have the same one).
 */
export function clampToward(from: CropRect, to: CropRect, img: Size): CropRect {
  const a = corners(from);
  const b = corners({ ...to, angle: from.angle });
  let t = 1;
  const limit = (p: number, q: number, max: number) => {
    const d = q - p;
    if (q > max + EPS && d > EPS) t = Math.min(t, (max - p) / d);
    if (q < -EPS && d < -EPS) t = Math.min(t, -p / d);
  };
  for (let i = 0; i < 4; i++) {
    limit(a[i][0], b[i][0], img.width);
    limit(a[i][1], b[i][1], img.height);
  }
  return lerp(from, { ...to, angle: from.angle }, Math.max(0, t));
}

/** The whole picture, unrotated. */
export function fullRect(img: Size): CropRect {
  return { cx: img.width / 2, cy: img.height / 2, w: img.width, h: img.height, angle: 0 };
}

/** A rectangle of size w×h whose fixed side/corner (opposite the handle) stays where it is in `r`. */
function anchored(r: CropRect, h: Handle, w: number, hh: number): CropRect {
  const [su, sv] = handleSigns(h);
  const u = su !== 0 ? (-su * r.w) / 2 + (su * w) / 2 : 0;
  const v = sv !== 0 ? (-sv * r.h) / 2 + (sv * hh) / 2 : 0;
  const [cx, cy] = toSource(r, u, v);
  return { cx, cy, w, h: hh, angle: r.angle };
}

/**
 * Drag a handle to a source point. `ratio` (width / height in source pixels) locks the aspect
 * ratio; null is free. The opposite corner (or edge) stays put; the result fits in the image.
 */
export function dragHandle(start: CropRect, h: Handle, x: number, y: number, ratio: number | null, img: Size): CropRect {
  const [su, sv] = handleSigns(h);
  const [pu, pv] = toFrame(start, x, y);
  let w = su !== 0 ? Math.max(MIN_SIDE, su * pu + start.w / 2) : start.w;
  let hh = sv !== 0 ? Math.max(MIN_SIDE, sv * pv + start.h / 2) : start.h;
  if (ratio) {
    if (su !== 0 && sv !== 0) {
      // The larger relative change leads, the other follows.
      if (w / start.w >= hh / start.h) hh = w / ratio;
      else w = hh * ratio;
    } else if (su !== 0) hh = w / ratio;
    else w = hh * ratio;
    return clampToward(start, anchored(start, h, w, hh), img);
  }
  // Free: each side stops at the picture's edge on its own, so the other keeps following.
  const wide = clampToward(start, anchored(start, h, w, start.h), img);
  return clampToward(wide, anchored(start, h, wide.w, hh), img);
}

/** Move by (dx, dy) source pixels; each axis stops at the edge on its own (slides along it). */
export function moveBy(start: CropRect, dx: number, dy: number, img: Size): CropRect {
  const across = clampToward(start, { ...start, cx: start.cx + dx }, img);
  return clampToward(across, { ...across, cy: across.cy + dy }, img);
}

/**
 * Straighten to `angle` (clamped to ±45°) starting from `base` (the rectangle when the
 * straightening began, so turning back restores it): the rectangle keeps its centre and
 * aspect and shrinks just enough to stay inside.
 */
export function rotateTo(base: CropRect, angle: number, img: Size): CropRect {
  const a = Math.max(-MAX_ANGLE, Math.min(MAX_ANGLE, Number.isFinite(angle) ? angle : 0));
  return fitInside({ ...base, angle: a }, img);
}

/** Angle change (degrees of the op's `angle`) for a pointer turning from p0 to p1 about the centre. */
export function dragAngle(r: CropRect, p0: Point, p1: Point): number {
  const a0 = Math.atan2(p0[1] - r.cy, p0[0] - r.cx);
  const a1 = Math.atan2(p1[1] - r.cy, p1[0] - r.cx);
  let d = ((a1 - a0) * 180) / Math.PI;
  if (d > 180) d -= 360;
  if (d < -180) d += 360;
  // The frame follows the pointer; a clockwise turn of the frame is a counter-clockwise turn of
  // the picture inside it, i.e. a smaller `angle`.
  return -d;
}

/**
 * The largest rectangle of the given ratio (width / height) inside `r`, same centre and angle
 * — choosing a preset never grows the crop.
 */
export function withRatio(r: CropRect, ratio: number, img: Size): CropRect {
  const next = r.w / r.h > ratio ? { ...r, w: r.h * ratio } : { ...r, h: r.w / ratio };
  return fitInside(next, img);
}

/** Swap portrait ↔ landscape about the centre (shrunk to fit). */
export function swapOrientation(r: CropRect, img: Size): CropRect {
  return fitInside({ ...r, w: r.h, h: r.w }, img);
}

/** The ratio a preset (long side : short side) gives in the orientation of `r`. */
export function orientedRatio(r: CropRect, longOverShort: number): number {
  return r.w >= r.h ? longOverShort : 1 / longOverShort;
}
