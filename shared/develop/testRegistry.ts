/**
 * A small, fixed op registry for the edit-model tests (stack, params, serialize, schema), so they
 * do not depend on the real ops' parameter lists. Use it with
 *   vi.mock('./registry.ts', () => import('./testRegistry.ts'));
 * It covers every param kind, a `local` op, and an op at version 2 with an upgrade from 1.
 */
import type { AnyOp, NumberParamSpec } from './types.ts';

const num = (label: string, min: number, max: number, def = 0, step = 1): NumberParamSpec => ({
  kind: 'number',
  label,
  description: `${label} of the test op`,
  min,
  max,
  default: def,
  step,
});

export const toneTestOp: AnyOp = {
  id: 'tone',
  version: 2,
  label: 'Tone',
  group: 'basic',
  description: 'Brightness and contrast.',
  params: {
    exposure: { ...num('Exposure', -5, 5, 0, 0.01), unit: 'EV' },
    contrast: num('Contrast', -100, 100),
    highlights: num('Highlights', -100, 100),
  },
  // version 1 called exposure "exp" and stored contrast on a ±1 scale
  upgrades: {
    1: (p) => {
      const { exp, contrast, ...rest } = p as { exp?: number; contrast?: number };
      const out: Record<string, unknown> = { ...rest };
      if (exp !== undefined) out.exposure = exp;
      if (contrast !== undefined) out.contrast = contrast * 100;
      return out;
    },
  },
  xmp: [],
};

export const curveTestOp: AnyOp = {
  id: 'pointCurve',
  version: 1,
  label: 'Point Curve',
  group: 'toneCurve',
  description: 'A tone curve.',
  params: {
    master: {
      kind: 'curve',
      label: 'Master',
      description: 'RGB curve',
      default: [
        [0, 0],
        [1, 1],
      ],
    },
  },
  xmp: [],
};

export const bwTestOp: AnyOp = {
  id: 'blackWhite',
  version: 1,
  label: 'Black & White',
  group: 'blackWhite',
  description: 'Monochrome conversion.',
  params: { enabled: { kind: 'boolean', label: 'Enabled', description: 'convert to black and white', default: false }, red: num('Red', -100, 100) },
  xmp: [],
};

export const localTestOp: AnyOp = {
  id: 'local',
  version: 1,
  label: 'Local',
  group: 'local',
  description: 'Masked adjustments.',
  params: { exposure: num('Exposure', -4, 4, 0, 0.01), sharpness: num('Sharpness', -100, 100) },
  xmp: [],
};

export const OPS: readonly AnyOp[] = [toneTestOp, curveTestOp, bwTestOp, localTestOp];
const byId = new Map(OPS.map((o) => [o.id, o]));
export const getOp = (id: string): AnyOp | undefined => byId.get(id);
export function requireOp(id: string): AnyOp {
  const op = byId.get(id);
  if (!op) throw new Error(`unknown operation "${id}"`);
  return op;
}
