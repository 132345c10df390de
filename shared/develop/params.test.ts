import { describe, it, expect, vi } from 'vitest';
vi.mock('./registry.ts', () => import('./testRegistry.ts'));
import { ParamError, collectSetArgs, listParams, parseSetArg, validateParams } from './params.ts';

describe('listParams', () => {
  it('lists every param with its metadata, booleans as 0..1 step 1 and curves with kind and default', () => {
    const list = listParams();
    expect(list.map((p) => `${p.op}.${p.param}`)).toEqual([
      'tone.exposure',
      'tone.contrast',
      'tone.highlights',
      'pointCurve.master',
      'blackWhite.enabled',
      'blackWhite.red',
      'local.exposure',
      'local.sharpness',
    ]);
    expect(list[0]).toEqual({
      op: 'tone',
      param: 'exposure',
      label: 'Exposure',
      group: 'basic',
      kind: 'number',
      min: -5,
      max: 5,
      default: 0,
      step: 0.01,
      unit: 'EV',
      description: 'Exposure of the test op',
    });
    expect(list.find((p) => p.param === 'enabled')).toMatchObject({ kind: 'boolean', min: 0, max: 1, step: 1, default: false });
    expect(list.find((p) => p.param === 'master')).toMatchObject({ kind: 'curve', default: [[0, 0], [1, 1]] });
    expect(JSON.parse(JSON.stringify(list))).toEqual(list);
  });
});

describe('validateParams', () => {
  it('stores -0 as 0, so a saved stack round-trips through JSON', () => {
    const { params } = validateParams('tone', { contrast: -0 });
    expect(Object.is(params.contrast, 0)).toBe(true);
  });
  it('passes valid values through and clamps out-of-range numbers with a warning', () => {
    expect(validateParams('tone', { exposure: 1.5 })).toEqual({ params: { exposure: 1.5 }, warnings: [] });
    const r = validateParams('tone', { exposure: 7, contrast: -300 });
    expect(r.params).toEqual({ exposure: 5, contrast: -100 });
    expect(r.warnings).toEqual([
      'tone.exposure=7 is out of range [-5, 5]; clamped to 5',
      'tone.contrast=-300 is out of range [-100, 100]; clamped to -100',
    ]);
  });

  it('rejects out-of-range values when clamping is off', () => {
    expect(() => validateParams('tone', { exposure: 7 }, { clamp: false })).toThrow('tone.exposure=7 is out of range [-5, 5]');
  });

  it('rejects unknown ops and params with a suggestion', () => {
    expect(() => validateParams('tone', { exposur: 1 })).toThrow(new ParamError('unknown parameter "tone.exposur" (did you mean "exposure"?)'));
    expect(() => validateParams('tonee', {})).toThrow('unknown operation "tonee" (did you mean "tone"?)');
    expect(() => validateParams('tone', { zzzzzz: 1 })).toThrow(/^unknown parameter "tone.zzzzzz"$/);
  });

  it('rejects wrong types', () => {
    expect(() => validateParams('tone', { exposure: '1' })).toThrow('parameter "tone.exposure" must be a finite number, got "1"');
    expect(() => validateParams('tone', { exposure: NaN })).toThrow(/finite number/);
    expect(() => validateParams('blackWhite', { enabled: 1 })).toThrow('parameter "blackWhite.enabled" must be true or false, got 1');
    expect(() => validateParams('tone', [1])).toThrow(/must be an object/);
    expect(() => validateParams('pointCurve', { master: [[0, 0]] })).toThrow(/2 to 32 points/);
    expect(() => validateParams('pointCurve', { master: [[0, 0], [1, 'a']] })).toThrow(/point 1 of "pointCurve.master"/);
  });

  it('clamps curve points into 0..1 and sorts them', () => {
    const r = validateParams('pointCurve', { master: [[1, 1.2], [0, 0], [0.5, 0.6]] });
    expect(r.params.master).toEqual([[0, 0], [0.5, 0.6], [1, 1]]);
    expect(r.warnings).toHaveLength(2);
    expect(() => validateParams('pointCurve', { master: [[0, -1], [1, 1]] }, { clamp: false })).toThrow(/must lie in \[0, 1\]/);
  });

  it('does not modify its input', () => {
    const input = { exposure: 9 };
    validateParams('tone', input);
    expect(input).toEqual({ exposure: 9 });
  });
});

describe('parseSetArg', () => {
  it('parses numbers, booleans and curves', () => {
    expect(parseSetArg('tone.exposure=0.5')).toEqual({ op: 'tone', param: 'exposure', value: 0.5 });
    expect(parseSetArg('tone.contrast=-1e1')).toEqual({ op: 'tone', param: 'contrast', value: -10 });
    expect(parseSetArg('blackWhite.enabled=on').value).toBe(true);
    expect(parseSetArg('blackWhite.enabled=false').value).toBe(false);
    expect(parseSetArg('pointCurve.master=[[0,0],[0.5,0.7],[1,1]]').value).toEqual([[0, 0], [0.5, 0.7], [1, 1]]);
    expect(parseSetArg('pointCurve.master=0,0; 0.5,0.7; 1,1').value).toEqual([[0, 0], [0.5, 0.7], [1, 1]]);
  });

  it('gives specific one-line errors', () => {
    expect(() => parseSetArg('tone.exposure')).toThrow('--set expects op.param=value, got "tone.exposure"');
    expect(() => parseSetArg('exposure=1')).toThrow(/op.param=value/);
    expect(() => parseSetArg('tone.exposur=1')).toThrow('unknown parameter "tone.exposur" (did you mean "exposure"?)');
    expect(() => parseSetArg('tonne.exposure=1')).toThrow('unknown operation "tonne" (did you mean "tone"?)');
    expect(() => parseSetArg('tone.exposure=abc')).toThrow('parameter "tone.exposure" must be a number, got "abc"');
    expect(() => parseSetArg('tone.exposure=')).toThrow(/has no value/);
    expect(() => parseSetArg('blackWhite.enabled=maybe')).toThrow(/true or false/);
    expect(() => parseSetArg('pointCurve.master=[[0,0')).toThrow(/not a valid JSON list/);
  });

  it('collects several --set into one validated edit per op, clamping with warnings', () => {
    const r = collectSetArgs(['tone.exposure=0.5', 'blackWhite.enabled=1', 'tone.contrast=200', 'tone.exposure=1']);
    expect(r.edits).toEqual([
      { op: 'tone', params: { exposure: 1, contrast: 100 } },
      { op: 'blackWhite', params: { enabled: true } },
    ]);
    expect(r.warnings).toEqual(['tone.contrast=200 is out of range [-100, 100]; clamped to 100']);
    expect(() => collectSetArgs(['local.exposure=1'])).toThrow('"local.exposure" needs a mask: put local adjustments in an --edits file');
  });
});
