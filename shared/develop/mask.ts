/**
 * Masks for local adjustments: types, CPU evaluation, and the same maths in GLSL ES 3.00.
 *
 * Coordinates. Geometric shapes use normalised (0..1) coordinates of the *uncropped, oriented
 * source* (x to the right, y down), so a crop never moves a mask. Distances and angles are
 * measured in pixel-proportional space (x is multiplied by the source aspect ratio
 * width/height), so a gradient's ramp is perpendicular on screen and a radial's rotation does
 * not shear it. Angles are degrees, positive = clockwise on screen.
 *
 * Shapes (each gives a weight 0..1 per pixel):
 * - linear: weight 1 on the (x0,y0) side, smooth (smoothstep) ramp down to 0 at (x1,y1), 0 beyond.
 *   A zero-length gradient (x0,y0 = x1,y1) selects nothing past that point: weight 1 everywhere.
 * - radial: ellipse centred on (cx,cy) with radii rx (fraction of the width) and ry (fraction of
 *   the height), rotated by `angle`. Feather 0..100 as in Lightroom: full weight inside the
 *   inner ellipse at (1 − feather/100) of the radii, smoothstep to 0 at the drawn ellipse.
 *   `inside: false` selects the outside instead (1 − weight).
 * - luminance: range [min, max] of the pixel's *source* luminance L (sRGB-encoded relative
 *   luminance, 0..1, i.e. the perceptual lightness of the unedited pixel); feather 0..100 widens
 *   a smoothstep shoulder of up to 0.25 on each side (0: hard edges).
 * - color: hue (degrees 0..360, HSV hue of the sRGB-encoded source pixel) within ± hueRange/2
 *   of `hue` gets full weight; feather 0..100 adds a smoothstep shoulder of up to 60° beyond.
 *   Saturation (HSV, 0..1) must reach `minSaturation`: the weight ramps in over 0.02 + 0.2 ×
 *   feather/100 above it, so greys (saturation 0, undefined hue) are never selected.
 *   Every shoulder has a width of at least 1e-4 (no division by zero; 0 means "hard").
 *
 * Combining. Components apply in order to a running weight m. It starts at 0 when the first
 * component adds, and at 1 (the whole image) when it subtracts or intersects, so a mask made
 * of one subtracted radial means "everything but the ellipse". add: m = max(m, w);
 * subtract: m = m·(1 − w); intersect: m = m·w. A component's `invert` replaces w by 1 − w
 * first; the mask's `invert` replaces the final m by 1 − m.
 *
 * Evaluation goes through `compileMask`: each component becomes 12 floats (3 vec4s:
 * [type, mode, invert, aspect], [a0..a3], [b0..b3]) — exactly the layout the shader reads from
 * its uniform array (`packMasks`), so both paths evaluate the same numbers with the same maths.
 */
import { LUMA_B, LUMA_G, LUMA_R, encodeLut, linearToSrgbFast } from '../pixel/transfer.ts';

export type MaskShape =
  | { type: 'linear'; x0: number; y0: number; x1: number; y1: number }
  | { type: 'radial'; cx: number; cy: number; rx: number; ry: number; angle: number; feather: number; inside: boolean }
  | { type: 'luminance'; min: number; max: number; feather: number }
  | { type: 'color'; hue: number; hueRange: number; minSaturation: number; feather: number };

export type MaskMode = 'add' | 'subtract' | 'intersect';

export interface MaskComponent {
  shape: MaskShape;
  mode: MaskMode;
  invert?: boolean;
}

export interface Mask {
  id: string;
  name?: string;
  components: MaskComponent[];
  invert?: boolean;
}

/** Floats per compiled component (3 vec4s). */
export const MASK_COMPONENT_FLOATS = 12;
const T_LINEAR = 0;
const T_RADIAL = 1;
const T_LUMINANCE = 2;
const T_COLOR = 3;
const M_ADD = 0;
const M_SUBTRACT = 1;
const M_INTERSECT = 2;
const MIN_SHOULDER = 1e-4;

export interface CompiledMask {
  /** count × 12 floats, see the header. */
  data: Float32Array;
  count: number;
  invert: boolean;
  /** Whether any component reads the pixel's colour (luminance or colour range). */
  needsColor: boolean;
}

/** A finite value in ±1e4 (keeps Float32 arithmetic finite), `d` for NaN/Inf/non-numbers. */
const finite = (v: number, d: number): number => (typeof v === 'number' && Number.isFinite(v) ? (v < -1e4 ? -1e4 : v > 1e4 ? 1e4 : v) : d);
const clamp = (v: number, lo: number, hi: number): number => (v < lo ? lo : v > hi ? hi : v);

/** Compile a mask for a source of the given aspect ratio (width / height). */
export function compileMask(mask: Mask, aspect: number): CompiledMask {
  const comps = mask.components ?? [];
  const data = new Float32Array(comps.length * MASK_COMPONENT_FLOATS);
  const asp = aspect > 0 && Number.isFinite(aspect) ? aspect : 1;
  let needsColor = false;
  comps.forEach((c, i) => {
    const o = i * MASK_COMPONENT_FLOATS;
    const s = c.shape;
    data[o + 1] = c.mode === 'subtract' ? M_SUBTRACT : c.mode === 'intersect' ? M_INTERSECT : M_ADD;
    data[o + 2] = c.invert ? 1 : 0;
    data[o + 3] = asp;
    switch (s.type) {
      case 'linear': {
        const ax = finite(s.x0, 0) * asp;
        const ay = finite(s.y0, 0);
        const dx = finite(s.x1, 0) * asp - ax;
        const dy = finite(s.y1, 0) - ay;
        const len2 = dx * dx + dy * dy;
        data[o] = T_LINEAR;
        data.set([ax, ay, len2 > 1e-12 ? dx / len2 : 0, len2 > 1e-12 ? dy / len2 : 0], o + 4);
        break;
      }
      case 'radial': {
        const a = (finite(s.angle, 0) * Math.PI) / 180;
        const rx = Math.max(1e-6, Math.abs(finite(s.rx, 0)) * asp);
        const ry = Math.max(1e-6, Math.abs(finite(s.ry, 0)));
        const inner = Math.min(1 - clamp(finite(s.feather, 0), 0, 100) / 100, 1 - MIN_SHOULDER);
        data[o] = T_RADIAL;
        data.set([finite(s.cx, 0.5) * asp, finite(s.cy, 0.5), Math.cos(a), Math.sin(a)], o + 4);
        data.set([1 / rx, 1 / ry, inner, s.inside === false ? 0 : 1], o + 8);
        break;
      }
      case 'luminance': {
        const w = Math.max(MIN_SHOULDER, (clamp(finite(s.feather, 0), 0, 100) / 100) * 0.25);
        data[o] = T_LUMINANCE;
        data.set([finite(s.min, 0), finite(s.max, 1), w, 0], o + 4);
        needsColor = true;
        break;
      }
      case 'color': {
        const f = clamp(finite(s.feather, 0), 0, 100) / 100;
        const hue = ((finite(s.hue, 0) % 360) + 360) % 360;
        const half = clamp(finite(s.hueRange, 0), 0, 360) / 2;
        data[o] = T_COLOR;
        data.set([hue, half, Math.max(MIN_SHOULDER, f * 60), 0], o + 4);
        data.set([clamp(finite(s.minSaturation, 0), 0, 1), 0.02 + 0.2 * f, 0, 0], o + 8);
        needsColor = true;
        break;
      }
      default:
        throw new Error(`unknown mask shape "${(s as { type: string }).type}"`);
    }
  });
  return { data, count: comps.length, invert: !!mask.invert, needsColor };
}

/** smoothstep(e0, e1, x) for e1 > e0 (the compiler guarantees a non-zero width). */
function ramp(e0: number, e1: number, x: number): number {
  let t = (x - e0) / (e1 - e0);
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  return t * t * (3 - 2 * t);
}

/**
 * Weight of one compiled component for n pixels into `w`.
 * coords: normalised source (x, y) pairs; rgb: linear RGB triples (read only when the shape needs it).
 */
function componentWeights(d: Float32Array, o: number, coords: Float32Array, rgb: Float32Array | null, n: number, w: Float32Array, lut: Float32Array): void {
  const type = d[o];
  const asp = d[o + 3];
  const a0 = d[o + 4], a1 = d[o + 5], a2 = d[o + 6], a3 = d[o + 7];
  const b0 = d[o + 8], b1 = d[o + 9], b2 = d[o + 10], b3 = d[o + 11];
  if (type === T_LINEAR) {
    for (let i = 0; i < n; i++) {
      const t = (coords[2 * i] * asp - a0) * a2 + (coords[2 * i + 1] - a1) * a3;
      w[i] = 1 - ramp(0, 1, t);
    }
  } else if (type === T_RADIAL) {
    for (let i = 0; i < n; i++) {
      const dx = coords[2 * i] * asp - a0;
      const dy = coords[2 * i + 1] - a1;
      const ex = (dx * a2 + dy * a3) * b0;
      const ey = (dy * a2 - dx * a3) * b1;
      const v = 1 - ramp(b2, 1, Math.sqrt(ex * ex + ey * ey));
      w[i] = b3 > 0.5 ? v : 1 - v;
    }
  } else if (type === T_LUMINANCE) {
    if (!rgb) throw new Error('luminance mask needs pixel colours');
    for (let i = 0; i < n; i++) {
      const y = LUMA_R * rgb[3 * i] + LUMA_G * rgb[3 * i + 1] + LUMA_B * rgb[3 * i + 2];
      const l = linearToSrgbFast(y > 0 ? y : 0, lut);
      w[i] = ramp(a0 - a2, a0, l) * (1 - ramp(a1, a1 + a2, l));
    }
  } else {
    if (!rgb) throw new Error('colour mask needs pixel colours');
    for (let i = 0; i < n; i++) {
      const r = linearToSrgbFast(rgb[3 * i] > 0 ? rgb[3 * i] : 0, lut);
      const g = linearToSrgbFast(rgb[3 * i + 1] > 0 ? rgb[3 * i + 1] : 0, lut);
      const b = linearToSrgbFast(rgb[3 * i + 2] > 0 ? rgb[3 * i + 2] : 0, lut);
      const mx = r > g ? (r > b ? r : b) : g > b ? g : b;
      const mn = r < g ? (r < b ? r : b) : g < b ? g : b;
      const c = mx - mn;
      const sat = mx > 0 ? c / mx : 0;
      let h = 0;
      if (c > 0) {
        if (mx === r) h = (g - b) / c;
        else if (mx === g) h = (b - r) / c + 2;
        else h = (r - g) / c + 4;
        h *= 60;
        if (h < 0) h += 360;
      }
      let dh = Math.abs(h - a0);
      if (dh > 180) dh = 360 - dh;
      w[i] = (1 - ramp(a1, a1 + a2, dh)) * ramp(b0, b0 + b1, sat);
    }
  }
}

/**
 * Evaluate a compiled mask for n pixels into `out` (0..1).
 * scratch: at least n floats (reused; its content is overwritten).
 */
export function evaluateMask(m: CompiledMask, coords: Float32Array, rgb: Float32Array | null, n: number, out: Float32Array, scratch: Float32Array): void {
  const d = m.data;
  const lut = encodeLut();
  const base = m.count > 0 && d[1] !== M_ADD ? 1 : 0;
  out.fill(base, 0, n);
  for (let c = 0; c < m.count; c++) {
    const o = c * MASK_COMPONENT_FLOATS;
    componentWeights(d, o, coords, rgb, n, scratch, lut);
    const mode = d[o + 1];
    const inv = d[o + 2] > 0.5;
    for (let i = 0; i < n; i++) {
      const w = inv ? 1 - scratch[i] : scratch[i];
      const v = out[i];
      out[i] = mode === M_ADD ? (v > w ? v : w) : mode === M_SUBTRACT ? v * (1 - w) : v * w;
    }
  }
  if (m.invert) for (let i = 0; i < n; i++) out[i] = 1 - out[i];
}

/** Weight of a mask at one point (normalised source coordinates, linear RGB of the source pixel). */
export function maskWeightAt(mask: Mask, aspect: number, x: number, y: number, rgb: readonly [number, number, number] = [0, 0, 0]): number {
  const out = new Float32Array(1);
  evaluateMask(compileMask(mask, aspect), Float32Array.of(x, y), Float32Array.from(rgb), 1, out, new Float32Array(1));
  return out[0];
}

/** Most mask components the shader's uniform array holds (all masks together). */
export const MAX_MASK_COMPONENTS = 32;

/**
 * Pack several masks into one uniform array for the shader: `data` (vec4s, 3 per component,
 * for `uniform vec4 u_mask_data[3 * TW_MAX_MASK_COMPONENTS]`) and, per mask, the ivec/vec
 * triple (first component, count, invert) for `mask_eval`.
 */
export function packMasks(masks: readonly Mask[], aspect: number): { data: Float32Array; ranges: [number, number, number][] } {
  const compiled = masks.map((m) => compileMask(m, aspect));
  const total = compiled.reduce((s, c) => s + c.count, 0);
  if (total > MAX_MASK_COMPONENTS) throw new Error(`too many mask components for the preview (${total} > ${MAX_MASK_COMPONENTS})`);
  const data = new Float32Array(MAX_MASK_COMPONENTS * MASK_COMPONENT_FLOATS);
  const ranges: [number, number, number][] = [];
  let at = 0;
  for (const c of compiled) {
    data.set(c.data, at * MASK_COMPONENT_FLOATS);
    ranges.push([at, c.count, c.invert ? 1 : 0]);
    at += c.count;
  }
  return { data, ranges };
}

export { MASK_GLSL } from './maskGlsl.ts';
