import { describe, it, expect } from 'vitest';
import { RANGES, OTHER_DEFAULTS, clampParam } from './params.ts';

describe('planner parameter table', () => {
  it('clamps and rounds to the slider steps', () => {
    expect(clampParam('tone', 'exposure', 7)).toBe(5);
    expect(clampParam('tone', 'exposure', 0.12345)).toBe(0.12);
    expect(clampParam('tone', 'contrast', 12.6)).toBe(13);
    expect(clampParam('crop', 'angle', 3.14159)).toBe(3.1);
    expect(() => clampParam('tone', 'nope', 1)).toThrow(/unknown/);
  });

  it('matches the op declarations in the registry (when the registry loads)', async () => {
    let OPS: readonly { id: string; params: Record<string, { kind: string; min?: number; max?: number; default: unknown }> }[];
    try {
      OPS = (await import('../../../shared/develop/registry.ts')).OPS as never;
    } catch (e) {
      console.warn(`registry not loadable yet, skipping: ${(e as Error).message}`);
      return;
    }
    const byId = new Map(OPS.map((o) => [o.id, o]));
    for (const [op, params] of Object.entries(RANGES)) {
      const decl = byId.get(op);
      expect(decl, `op ${op}`).toBeDefined();
      for (const [param, [min, max, def]] of Object.entries(params)) {
        const spec = decl!.params[param];
        expect(spec, `${op}.${param}`).toBeDefined();
        expect(spec.kind, `${op}.${param}`).toBe('number');
        expect([spec.min, spec.max, spec.default], `${op}.${param}`).toEqual([min, max, def]);
      }
    }
    for (const [op, params] of Object.entries(OTHER_DEFAULTS))
      for (const [param, def] of Object.entries(params)) expect(byId.get(op)!.params[param]?.default, `${op}.${param}`).toEqual(def);
  });
});

describe('planner parameters come from the op declarations', () => {
  it('covers every declared parameter with its declared range, default and step', async () => {
    const { listParams } = await import('../../../shared/develop/params.ts');
    const { defaultValue, paramStep, range } = await import('./params.ts');
    const all = listParams();
    expect(all.length).toBeGreaterThan(100);
    for (const p of all) {
      expect(defaultValue(p.op, p.param), `${p.op}.${p.param}`).toEqual(p.default);
      if (p.kind !== 'number') continue;
      expect(range(p.op, p.param), `${p.op}.${p.param}`).toEqual([p.min, p.max, p.default]);
      expect(paramStep(p.op, p.param)).toBe(p.step);
      // Clamping lands on the declared step inside the declared range.
      const v = clampParam(p.op, p.param, p.max + 1000);
      expect(v).toBe(p.max);
      const mid = clampParam(p.op, p.param, (p.min + p.max) / 2 + p.step! * 0.3);
      expect(Math.abs(mid / p.step! - Math.round(mid / p.step!))).toBeLessThan(1e-6);
    }
  });

  it('knows parameters no hand-written table listed (e.g. every HSL band and grading wheel)', async () => {
    const { range } = await import('./params.ts');
    expect(range('hsl', 'luminanceMagenta')).toEqual([-100, 100, 0]);
    expect(range('colorGrading', 'blending')[2]).toBe(50);
    expect(() => range('tone', 'exposur')).toThrow(/unknown/);
  });
});
