import { describe, expect, it } from 'vitest';
import { maskWeightAt } from '../../../../shared/develop/mask.ts';
import { validateMask } from '../../../../shared/develop/maskSpec.ts';
import { addComponent, DEFAULT_LUMINANCE, invertMask, newMask, removeComponent, updateComponent, updateShape } from './maskEdit.ts';
import { radialFromDrag } from './maskGeometry.ts';

describe('mask editing', () => {
  const radial = radialFromDrag([0.5, 0.5], [0.7, 0.7], 1);

  it('a new mask has a unique id, a name and one added component, and passes the mask validator', () => {
    const a = newMask(radial, [], () => 0.5);
    const b = newMask(radial, [a], (() => { let i = 0; return () => [0.5, 0.25][i++ % 2]; })());
    expect(a.id).not.toBe(b.id);
    expect(b.name).toBe('Radial gradient 2');
    expect(validateMask(a).warnings).toEqual([]);
  });

  it('subtract and intersect change what is selected; invert flips it', () => {
    const m = newMask(radial, []);
    const sub = addComponent(m, radialFromDrag([0.5, 0.5], [0.55, 0.55], 1), 'subtract');
    expect(maskWeightAt(m, 1, 0.5, 0.5)).toBeCloseTo(1, 6);
    expect(maskWeightAt(sub, 1, 0.5, 0.5)).toBeCloseTo(0, 6);
    const dark = [0.01, 0.01, 0.01] as const;
    const inter = addComponent(m, DEFAULT_LUMINANCE, 'intersect');
    expect(maskWeightAt(inter, 1, 0.5, 0.5, dark)).toBe(0);
    expect(maskWeightAt(inter, 1, 0.5, 0.5, [1, 1, 1])).toBeCloseTo(1, 6);
    expect(maskWeightAt(invertMask(m), 1, 0.5, 0.5)).toBeCloseTo(0, 6);
    const flipped = updateComponent(sub, 1, { mode: 'add' });
    expect(maskWeightAt(flipped, 1, 0.5, 0.5)).toBeCloseTo(1, 6);
    expect(updateShape(m, 0, { feather: 10 }).components[0].shape).toMatchObject({ type: 'radial', feather: 10 });
  });

  it('removing keeps at least one component and names a missing one', () => {
    const m = newMask(radial, []);
    expect(() => removeComponent(m, 0)).toThrow(/at least one/);
    expect(removeComponent(addComponent(m, DEFAULT_LUMINANCE, 'add'), 0).components[0].shape.type).toBe('luminance');
    expect(() => updateComponent(m, 3, { invert: true })).toThrow(/no component 4/);
  });
});
