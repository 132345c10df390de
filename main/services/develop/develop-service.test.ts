import { afterEach, describe, expect, it } from 'vitest';
import { openCatalog } from '../catalog/catalog.ts';
import { tempCatalog } from '../../../test/helpers/catalog-fixture.ts';
import { DevelopService, NotFoundError } from './develop-service.ts';

let close: (() => void) | undefined;
afterEach(() => close?.());

function setup() {
  const t = tempCatalog();
  close = () => t.catalog.close();
  return { ...t, svc: new DevelopService(t.catalog) };
}

describe('DevelopService', () => {
  it('commits user steps, clamps with a warning, and persists them', () => {
    const { svc, ids, catalog, dir } = setup();
    const v = svc.commit(ids[0], 'tone', { exposure: 9 });
    expect(v.warnings.join()).toMatch(/exposure/);
    expect(v.steps).toHaveLength(1);
    expect(svc.settings(ids[0]).ops.tone.exposure).toBe(5);
    catalog.close();
    const reopened = openCatalog(`${dir}/catalog.db`);
    close = () => reopened.close();
    expect(new DevelopService(reopened).settings(ids[0]).ops.tone.exposure).toBe(5);
  });

  it('undo/redo a step and a whole agent turn', () => {
    const { svc, ids } = setup();
    svc.commit(ids[0], 'tone', { exposure: 1 });
    const turn = svc.commitTurn(ids[0], [{ op: 'whiteBalance', params: { temperature: 20 } }, { op: 'tone', params: { shadows: 30 } }], 'turn-1');
    expect(turn.stepIds).toHaveLength(2);
    expect(svc.settings(ids[0]).ops.tone.shadows).toBe(30);
    svc.undo(ids[0], 'turn');
    const s = svc.settings(ids[0]);
    expect(s.ops.tone.shadows).toBe(0);
    expect(s.ops.whiteBalance.temperature).toBe(0);
    expect(s.ops.tone.exposure).toBe(1);
    svc.redo(ids[0], 'turn');
    expect(svc.settings(ids[0]).ops.tone.shadows).toBe(30);
    svc.undo(ids[0]);
    expect(svc.settings(ids[0]).ops.whiteBalance.temperature).toBe(20);
    expect(svc.settings(ids[0]).ops.tone.shadows).toBe(0);
  });

  it('toggles a step off and on, and jumps in history', () => {
    const { svc, ids } = setup();
    const a = svc.commit(ids[0], 'tone', { exposure: 1 });
    svc.commit(ids[0], 'color', { saturation: 20 });
    svc.toggle(ids[0], a.steps[0].id, false);
    expect(svc.settings(ids[0]).ops.tone.exposure).toBe(0);
    svc.toggle(ids[0], a.steps[0].id, true);
    expect(svc.jumpTo(ids[0], 1).cursor).toBe(1);
    expect(svc.settings(ids[0]).ops.color.saturation).toBe(0);
  });

  it('snapshots and paste', () => {
    const { svc, ids } = setup();
    svc.commit(ids[0], 'tone', { exposure: 0.5, contrast: 10 });
    const snap = svc.saveSnapshot(ids[0], 'first');
    expect(svc.snapshots(ids[0])).toEqual([expect.objectContaining({ id: snap, name: 'first', cursor: 1 })]);
    expect(svc.paste(ids[0], [ids[1]])).toBe(1);
    expect(svc.settings(ids[1]).ops.tone.contrast).toBe(10);
    svc.undo(ids[1], 'turn');
    expect(svc.settings(ids[1]).ops.tone.contrast).toBe(0);
  });

  it('rejects unknown photos, ops and params clearly', () => {
    const { svc, ids } = setup();
    expect(() => svc.stack(999)).toThrow(NotFoundError);
    expect(() => svc.commit(ids[0], 'sparkle', {})).toThrow(/unknown operation/);
    expect(() => svc.commit(ids[0], 'tone', { exposur: 1 })).toThrow(/exposure/);
  });
  it('local steps need a valid mask (validated and clamped here); other ops carry none; onChange fires per save', () => {
    const t = tempCatalog();
    close = () => t.catalog.close();
    const changed: number[] = [];
    const svc = new DevelopService(t.catalog, (id) => changed.push(id));
    const id = t.ids[0];
    expect(() => svc.commit(id, 'local', { exposure: 1 })).toThrow(/needs a mask/);
    expect(() => svc.commit(id, 'tone', { exposure: 1 }, { id: 'm', components: [] })).toThrow(/only local/);
    expect(() => svc.commit(id, 'local', {}, { id: 'm', components: [{ shape: { type: 'blob' }, mode: 'add' }] })).toThrow();
    const v = svc.commit(id, 'local', { exposure: 1 }, { id: 'm1', components: [{ shape: { type: 'radial', cx: 0.5, cy: 0.5, rx: 0.2, ry: 0.2, angle: 0, feather: 500, inside: true }, mode: 'add' }] });
    expect(v.warnings.join()).toMatch(/feather/);
    expect((svc.settings(id).locals[0].mask.components[0].shape as { feather: number }).feather).toBe(100);
    expect(changed).toEqual([id]);
  });
});
