import { describe, expect, it } from 'vitest';
import { OPS } from '../registry.ts';
import { cropOp } from './crop.ts';
import { localOp } from './local.ts';

describe('local and crop declarations', () => {
  it('every XMP mapping names a declared param, and every param has one', () => {
    for (const op of [localOp, cropOp]) {
      const params = Object.keys(op.params);
      expect(op.xmp.map((x) => x.param).sort()).toEqual([...params].sort());
    }
    expect(localOp.xmp.find((x) => x.param === 'exposure')).toMatchObject({ key: 'crs:LocalExposure2012', scale: 0.25 });
    for (const x of localOp.xmp.filter((m) => m.param !== 'exposure')) expect(x.scale).toBe(0.01);
  });

  it('every local param is applied by exactly one op of the registry (else its slider would do nothing)', () => {
    for (const p of Object.keys(localOp.params)) {
      const users = OPS.filter((o) => o.maths?.localParams?.includes(p)).map((o) => o.id);
      expect(users, `local param "${p}"`).toHaveLength(1);
    }
  });

  it('the runner implements crop and local: neither declares maths', () => {
    expect(cropOp.maths).toBeUndefined();
    expect(localOp.maths).toBeUndefined();
  });
});
