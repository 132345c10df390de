import { describe, expect, it } from 'vitest';
import { GUIDES } from '../guides/index.ts';
import { spreadGuides } from './guides.ts';

describe('spreadGuides', () => {
  it('puts the costly texture base alone and the light guides together on two threads', () => {
    const { lists, usesLogLumaGrid } = spreadGuides(GUIDES, ['toneBase', 'clarityBase', 'textureBase'], 2);
    expect(usesLogLumaGrid).toBe(true);
    expect(lists[0]).toEqual(['textureBase']);
    expect([...lists[1]].sort()).toEqual(['clarityBase', 'toneBase']);
  });

  it('every guide lands exactly once whatever the thread count; dehaze guides need no grid', () => {
    const names = GUIDES.map((g) => g.name);
    for (const threads of [1, 2, 3, 8]) {
      const { lists } = spreadGuides(GUIDES, names, threads);
      expect(lists).toHaveLength(threads);
      expect(lists.flat().sort()).toEqual([...names].sort());
    }
    expect(spreadGuides(GUIDES, ['hazeDensity', 'airlight'], 2).usesLogLumaGrid).toBe(false);
  });

  it('an unknown guide is a clear error', () => {
    expect(() => spreadGuides(GUIDES, ['nope'], 2)).toThrow(/no guide named "nope"/);
  });
});
