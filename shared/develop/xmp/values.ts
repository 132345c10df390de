/**
 * Value encodings of Camera Raw settings:
 * - numbers as Lightroom writes them: a sign on signed sliders ("+0.50", "-12", "0"), as many
 *   decimals as the value needs (up to 6), never exponent notation;
 * - booleans "True" / "False" (read case-insensitively, also "1"/"0");
 * - point curves as an rdf:Seq of "x, y" with x and y in 0..255 (ours: 0..1).
 */
import type { CurvePoints } from '../types.ts';
import type { RdfValue } from './rdf.ts';

export function formatNumber(v: number, signed = false): string {
  const r = Math.round(v * 1e6) / 1e6;
  if (Object.is(r, -0) || r === 0) return '0';
  let s = r.toFixed(6).replace(/\.?0+$/, '');
  if (signed && r > 0) s = '+' + s;
  return s;
}

/** Fixed decimals with a sign, as Lightroom writes exposure ("+0.50"). */
export function formatFixed(v: number, decimals: number, signed = false): string {
  const s = v.toFixed(decimals);
  if (Number(s) === 0) return (0).toFixed(decimals);
  return signed && v > 0 ? '+' + s : s;
}

export function parseNumber(v: RdfValue | undefined): number | undefined {
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

export const formatBool = (b: boolean): string => (b ? 'True' : 'False');

export function parseBool(v: RdfValue | undefined): boolean | undefined {
  if (typeof v !== 'string') return undefined;
  const t = v.trim().toLowerCase();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  return undefined;
}

/** Our curve (0..1) → Lightroom's "x, y" pairs (0..255, whole numbers as Lightroom writes them). */
export function formatCurve(points: CurvePoints): string[] {
  const out: string[] = [];
  let lastX = -1;
  for (const [x, y] of points) {
    const px = Math.round(Math.min(1, Math.max(0, x)) * 255);
    const py = Math.round(Math.min(1, Math.max(0, y)) * 255);
    if (px === lastX) continue; // two points rounding onto one x: keep the first
    out.push(`${px}, ${py}`);
    lastX = px;
  }
  return out;
}

/** Lightroom's "x, y" list → our curve; undefined when it is not a list of pairs. */
export function parseCurve(v: RdfValue | undefined): CurvePoints | undefined {
  if (!Array.isArray(v)) return undefined;
  const pts: [number, number][] = [];
  for (const item of v) {
    if (typeof item !== 'string') return undefined;
    const m = /^\s*([+-]?\d+(?:\.\d+)?)\s*[, ]\s*([+-]?\d+(?:\.\d+)?)\s*$/.exec(item);
    if (!m) return undefined;
    const x = Math.min(255, Math.max(0, Number(m[1])));
    const y = Math.min(255, Math.max(0, Number(m[2])));
    pts.push([x / 255, y / 255]);
  }
  if (pts.length < 2) return undefined;
  pts.sort((a, b) => a[0] - b[0]);
  return pts;
}

/** Whether a Lightroom curve is the diagonal (every point on y = x). */
export const isLinearCurve = (v: RdfValue | undefined): boolean => {
  const c = parseCurve(v);
  return c !== undefined && c.every(([x, y]) => Math.abs(x - y) < 1e-9);
};

/** Whether two curves have the same points (within 1e-9). */
export function sameCurve(a: CurvePoints | undefined, b: CurvePoints | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  return a.every((p, i) => Math.abs(p[0] - b[i][0]) < 1e-9 && Math.abs(p[1] - b[i][1]) < 1e-9);
}
