import { describe, expect, it } from 'vitest';
import { planGeometry } from '../../../../shared/pixel/pipeline/geometry.ts';
import { isInside, rotateTo } from './cropGeometry.ts';
import { changedParams, draftFromParams, paramsFromDraft, toolViewParams } from './cropParams.ts';

const img = { width: 1200, height: 800 };

describe('crop params ↔ tool rectangle', () => {
  it('round-trips the op params', () => {
    const p = { top: 0.1, left: 0.2, bottom: 0.8, right: 0.9, angle: 0, flipH: true, flipV: false, rotate: 1, constrain: true };
    const d = draftFromParams(p, img);
    expect(d.rect.w).toBeCloseTo(0.7 * 1200, 9);
    expect(paramsFromDraft(d, img)).toEqual({ top: 0.1, left: 0.2, bottom: 0.8, right: 0.9, angle: 0, flipH: true, flipV: false, rotate: 1 });
  });

  it('a straightened rectangle from the tool is rendered as drawn (the op’s constrain shrink has nothing left to do)', () => {
    const d = draftFromParams(undefined, img);
    d.rect = rotateTo(d.rect, 12, img);
    const params = { ...paramsFromDraft(d, img), constrain: true };
    const g = planGeometry(params, img.width, img.height, 1).geometry.crop;
    expect(g.width).toBeCloseTo(d.rect.w, 2);
    expect(g.height).toBeCloseTo(d.rect.h, 2);
  });

  it('reads the constrained rectangle from params written by others (e.g. XMP with an angle)', () => {
    const d = draftFromParams({ top: 0, left: 0, bottom: 1, right: 1, angle: 10, constrain: true }, img);
    const g = planGeometry({ angle: 10 }, img.width, img.height, 1).geometry.crop;
    expect(d.rect.w).toBeCloseTo(g.width, 6);
    const loose = draftFromParams({ angle: 10, constrain: false }, img);
    expect(isInside(loose.rect, img)).toBe(true);
  });

  it('the step holds only what changed; the tool view shows the whole picture with flips and turns', () => {
    expect(changedParams({ top: 0.1, left: 0, angle: 0, flipH: false }, { top: 0, left: 0, angle: 0, flipH: false })).toEqual({ top: 0.1 });
    expect(changedParams({ rotate: 1 }, undefined)).toEqual({ rotate: 1 });
    const v = toolViewParams({ rect: { cx: 1, cy: 1, w: 1, h: 1, angle: 5 }, flipH: true, flipV: false, rotate: 3 });
    expect(v).toMatchObject({ top: 0, left: 0, bottom: 1, right: 1, angle: 0, flipH: true, rotate: 3 });
  });
});

describe('aspect presets', () => {
  it('give long : short ratios; original follows the picture; free is null', async () => {
    const { presetRatio } = await import('./useCropTool.ts');
    expect(presetRatio('4:5', img)).toBeCloseTo(1.25, 9);
    expect(presetRatio('16:9', img)).toBeCloseTo(16 / 9, 9);
    expect(presetRatio('original', { width: 800, height: 1200 })).toBeCloseTo(1.5, 9);
    expect(presetRatio('free', img)).toBeNull();
  });
});
