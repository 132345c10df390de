/**
 * The mask shapes of ./mask.ts declared as data (field ranges and descriptions), so that
 * validation of untrusted masks (edits files, the model's plans, IPC) and the agent's JSON schema
 * derive from one place. Geometry is in normalised coordinates of the uncropped, oriented source;
 * points may lie a little outside the frame (a gradient that starts beyond the edge).
 */
import { MAX_MASK_COMPONENTS, type Mask, type MaskComponent, type MaskShape } from './mask.ts';
import { ParamError, describe, suggest } from './params.ts';

export interface MaskFieldSpec {
  kind: 'number' | 'boolean';
  min?: number;
  max?: number;
  description: string;
}

export const MASK_SHAPES: Record<MaskShape['type'], { description: string; fields: Record<string, MaskFieldSpec> }> = {
  linear: {
    description: 'linear gradient: full effect on the (x0,y0) side fading to none at (x1,y1)',
    fields: {
      x0: { kind: 'number', min: -1, max: 2, description: 'start x, 0 = left edge, 1 = right edge' },
      y0: { kind: 'number', min: -1, max: 2, description: 'start y, 0 = top, 1 = bottom' },
      x1: { kind: 'number', min: -1, max: 2, description: 'end x' },
      y1: { kind: 'number', min: -1, max: 2, description: 'end y' },
    },
  },
  radial: {
    description: 'ellipse; inside=true affects the inside, false the outside',
    fields: {
      cx: { kind: 'number', min: -1, max: 2, description: 'centre x (0..1 of width)' },
      cy: { kind: 'number', min: -1, max: 2, description: 'centre y (0..1 of height)' },
      rx: { kind: 'number', min: 0.001, max: 2, description: 'horizontal radius, fraction of width' },
      ry: { kind: 'number', min: 0.001, max: 2, description: 'vertical radius, fraction of height' },
      angle: { kind: 'number', min: -180, max: 180, description: 'rotation in degrees, clockwise' },
      feather: { kind: 'number', min: 0, max: 100, description: 'edge softness 0..100' },
      inside: { kind: 'boolean', description: 'true: inside the ellipse; false: outside' },
    },
  },
  luminance: {
    description: 'pixels whose original brightness lies in [min, max] (0 black, 1 white)',
    fields: {
      min: { kind: 'number', min: 0, max: 1, description: 'lowest brightness selected' },
      max: { kind: 'number', min: 0, max: 1, description: 'highest brightness selected' },
      feather: { kind: 'number', min: 0, max: 100, description: 'softness of the range ends 0..100' },
    },
  },
  color: {
    description: 'pixels of a hue range (e.g. the sky\'s blue)',
    fields: {
      hue: { kind: 'number', min: 0, max: 360, description: 'centre hue in degrees (0 red, 120 green, 220 sky blue)' },
      hueRange: { kind: 'number', min: 0, max: 360, description: 'width of the hue range in degrees' },
      minSaturation: { kind: 'number', min: 0, max: 1, description: 'minimum saturation 0..1 (greys are never selected)' },
      feather: { kind: 'number', min: 0, max: 100, description: 'softness 0..100' },
    },
  },
};

export const MASK_MODES = ['add', 'subtract', 'intersect'] as const;
const MAX_ID = 64;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks an untrusted mask: structure and types strictly (ParamError), ranges clamped with a
 * warning (or rejected with `clamp: false`). Unknown keys are rejected. Returns a fresh mask.
 */
export function validateMask(value: unknown, options: { clamp?: boolean } = {}): { mask: Mask; warnings: string[] } {
  const clamp = options.clamp ?? true;
  const warnings: string[] = [];
  if (!isObject(value)) throw new ParamError(`mask must be an object, got ${describe(value)}`);
  onlyKeys('mask', value, ['id', 'name', 'components', 'invert']);
  const { id, name, components, invert } = value;
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID)
    throw new ParamError(`mask.id must be a non-empty string of at most ${MAX_ID} characters, got ${describe(id)}`);
  if (name !== undefined && typeof name !== 'string') throw new ParamError(`mask.name must be a string, got ${describe(name)}`);
  if (invert !== undefined && typeof invert !== 'boolean') throw new ParamError(`mask.invert must be true or false, got ${describe(invert)}`);
  if (!Array.isArray(components) || components.length === 0 || components.length > MAX_MASK_COMPONENTS)
    throw new ParamError(`mask.components must be a list of 1 to ${MAX_MASK_COMPONENTS} components, got ${describe(components)}`);
  const comps = components.map((c, i) => component(`mask.components[${i}]`, c, clamp, warnings));
  const mask: Mask = { id, components: comps };
  if (name !== undefined) mask.name = name;
  if (invert !== undefined) mask.invert = invert;
  return { mask, warnings };
}

function component(where: string, c: unknown, clamp: boolean, warnings: string[]): MaskComponent {
  if (!isObject(c)) throw new ParamError(`${where} must be an object, got ${describe(c)}`);
  onlyKeys(where, c, ['shape', 'mode', 'invert']);
  const mode = c.mode ?? 'add';
  if (typeof mode !== 'string' || !(MASK_MODES as readonly string[]).includes(mode))
    throw new ParamError(`${where}.mode must be one of ${MASK_MODES.join(', ')}, got ${describe(mode)}`);
  if (c.invert !== undefined && typeof c.invert !== 'boolean')
    throw new ParamError(`${where}.invert must be true or false, got ${describe(c.invert)}`);
  const out: MaskComponent = { shape: shape(`${where}.shape`, c.shape, clamp, warnings), mode: mode as MaskComponent['mode'] };
  if (c.invert !== undefined) out.invert = c.invert;
  return out;
}

function shape(where: string, s: unknown, clamp: boolean, warnings: string[]): MaskShape {
  if (!isObject(s)) throw new ParamError(`${where} must be an object, got ${describe(s)}`);
  const types = Object.keys(MASK_SHAPES);
  const type = s.type;
  if (typeof type !== 'string' || !(type in MASK_SHAPES))
    throw new ParamError(`${where}.type must be one of ${types.join(', ')}, got ${describe(type)}${typeof type === 'string' ? suggest(type, types) : ''}`);
  const spec = MASK_SHAPES[type as MaskShape['type']];
  onlyKeys(where, s, ['type', ...Object.keys(spec.fields)]);
  const out: Record<string, unknown> = { type };
  for (const [k, f] of Object.entries(spec.fields)) {
    const v = s[k];
    if (f.kind === 'boolean') {
      if (typeof v !== 'boolean') throw new ParamError(`${where}.${k} must be true or false, got ${describe(v)}`);
      out[k] = v;
      continue;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new ParamError(`${where}.${k} must be a finite number, got ${describe(v)}`);
    const c = Math.min(f.max!, Math.max(f.min!, v));
    if (c !== v) {
      const msg = `${where}.${k}=${v} is out of range [${f.min}, ${f.max}]`;
      if (!clamp) throw new ParamError(msg);
      warnings.push(`${msg}; clamped to ${c}`);
    }
    out[k] = c === 0 ? 0 : c; // -0 would not survive JSON
  }
  if (type === 'luminance' && (out.min as number) > (out.max as number)) {
    warnings.push(`${where}: min > max; swapped`);
    [out.min, out.max] = [out.max, out.min];
  }
  return out as unknown as MaskShape;
}

function onlyKeys(where: string, o: Record<string, unknown>, allowed: string[]): void {
  for (const k of Object.keys(o))
    if (!allowed.includes(k)) throw new ParamError(`unknown field "${where}.${k}"${suggest(k, allowed)}`);
}
