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
