import { describe, expect, it } from 'vitest';
import { OPS } from '../../develop/registry.ts';
import type { ResolvedSettings } from './types.ts';
import { planRenderWith } from './plan.ts';

const mask = { id: 'm', components: [{ mode: 'add' as const, shape: { type: 'linear' as const, x0: 0.2, y0: 0.1, x1: 0.8, y1: 0.9 } }] };

function guidesOf(ops: ResolvedSettings['ops'], locals: ResolvedSettings['locals'] = []): string[] {
  return [...planRenderWith(OPS, { ops, locals } as ResolvedSettings, 800, 600, {}).guides].sort();
}

describe('the guides a plan computes', () => {
  it('are only those the active params read', () => {
    expect(guidesOf({ presence: { clarity: 20 } })).toEqual(['clarityBase']);
    expect(guidesOf({ presence: { texture: -30 } })).toEqual(['textureBase']);
    expect(guidesOf({ presence: { texture: 10, clarity: 10 } })).toEqual(['clarityBase', 'textureBase']);
    expect(guidesOf({ tone: { exposure: 0.5, contrast: 20 } })).toEqual([]);
    expect(guidesOf({ tone: { shadows: 30 } })).toEqual(['toneBase']);
    expect(guidesOf({ dehaze: { amount: 20 } })).toEqual(['airlight', 'hazeDensity']);
  });

  it('include the guides a local adjustment reads through an op', () => {
    expect(guidesOf({}, [{ mask, params: { clarity: 30 } }])).toEqual(['clarityBase']);
    expect(guidesOf({}, [{ mask, params: { highlights: -40 } }])).toEqual(['toneBase']);
    expect(guidesOf({}, [{ mask, params: { exposure: 1 } }])).toEqual([]);
  });
});
