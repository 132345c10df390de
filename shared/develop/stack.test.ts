import { describe, it, expect, vi } from 'vitest';
vi.mock('./registry.ts', () => import('./testRegistry.ts'));
import fc from 'fast-check';
import {
  addStep,
  addTurn,
  appliedSteps,
  emptyStack,
  jumpTo,
  lastStepId,
  redo,
  redoTurn,
  resolve,
  resolveSteps,
  restoreSnapshot,
  sequentialEnv,
  takeSnapshot,
  toggleStep,
  turns,
  undo,
  undoTurn,
  type EditStack,
  type StackEnv,
} from './stack.ts';
import { OPS } from './testRegistry.ts';
import { actionArb, stepInputArb, type Action } from './stackArbitraries.ts';
import type { Mask } from './mask.ts';
import type { ParamSpec } from './types.ts';

function apply(actions: Action[], env: StackEnv = sequentialEnv()): EditStack {
  let s = emptyStack();
  for (const a of actions) {
    if (a.kind === 'add') s = addStep(s, { ...a.input, turnId: a.turnId }, { env });
    else if (a.kind === 'turn') s = addTurn(s, a.inputs, { env });
    else if (a.kind === 'toggle') s = s.steps.length ? toggleStep(s, s.steps[a.index % s.steps.length].id) : s;
    else s = { undo, redo, undoTurn, redoTurn }[a.kind](s);
  }
  return s;
}

function checkInvariants(s: EditStack) {
  expect(s.cursor).toBeGreaterThanOrEqual(0);
  expect(s.cursor).toBeLessThanOrEqual(s.steps.length);
  for (let i = 1; i < s.marks.length; i++) expect(s.marks[i]).toBeGreaterThan(s.marks[i - 1]);
  if (s.steps.length) expect(s.marks[s.marks.length - 1]).toBe(s.steps.length);
  else expect(s.marks).toEqual([]);
  // a turn never splits steps of the same turnId
  for (const t of turns(s)) {
    const ids = new Set(s.steps.slice(t.start, t.end).map((x) => x.turnId));
    expect(ids.size).toBe(1);
  }
}

const stacks = fc.array(actionArb, { maxLength: 25 }).map((a) => apply(a));
const mask = (id: string, x0 = 0): Mask => ({ id, components: [{ shape: { type: 'linear', x0, y0: 0, x1: 1, y1: 1 }, mode: 'add' }] });

describe('edit stack: properties', () => {
  it('keeps its invariants under any sequence of actions', () => {
    fc.assert(fc.property(stacks, checkInvariants), { numRuns: 200 });
  });

  it('undo then redo is the identity', () => {
    fc.assert(
      fc.property(stacks, (s) => {
        if (s.cursor > 0) expect(redo(undo(s))).toEqual(s);
        if (s.cursor > 0 && s.marks.includes(s.cursor)) expect(redoTurn(undoTurn(s))).toEqual(s);
      }),
      { numRuns: 200 },
    );
  });

  it('undoTurn removes exactly the last turn’s steps', () => {
    const turnsArb = fc.array(fc.array(stepInputArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(turnsArb, (ts) => {
        const env = sequentialEnv();
        const s = ts.reduce((acc, t) => addTurn(acc, t, { env }), emptyStack());
        const last = ts[ts.length - 1].length;
        const u = undoTurn(s);
        expect(appliedSteps(u)).toEqual(s.steps.slice(0, s.steps.length - last));
        expect(new Set(s.steps.slice(-last).map((x) => x.turnId)).size).toBe(1);
        expect(resolve(u)).toEqual(resolveSteps(s.steps.slice(0, s.steps.length - last)));
        expect(u.steps).toEqual(s.steps); // still redoable
      }),
      { numRuns: 150 },
    );
  });

  it('resolve does not depend on squashing a drag', () => {
    fc.assert(
      fc.property(stacks, fc.array(fc.double({ min: -6, max: 6, noNaN: true }), { minLength: 1, maxLength: 20 }), (base, values) => {
        const env = sequentialEnv('d');
        let plain = base;
        let squashed = base;
        let drag: string | null = null;
        for (const v of values) {
          plain = addStep(plain, { op: 'tone', params: { exposure: v } }, { env });
          squashed = addStep(squashed, { op: 'tone', params: { exposure: v } }, { env, squashWith: drag });
          drag = lastStepId(squashed);
        }
        expect(resolve(squashed)).toEqual(resolve(plain));
        expect(squashed.steps.length).toBe(base.cursor + 1);
        expect(plain.steps.length).toBe(base.cursor + values.length);
        checkInvariants(squashed);
      }),
      { numRuns: 150 },
    );
  });

  it('resolve always yields every op with complete, in-range params', () => {
    fc.assert(
      fc.property(stacks, (s) => {
        const r = resolve(s);
        for (const op of OPS) {
          const params = r.ops[op.id];
          for (const [k, spec] of Object.entries(op.params) as [string, ParamSpec][]) {
            const v = params[k];
            if (spec.kind === 'number') {
              expect(typeof v).toBe('number');
              expect(v as number).toBeGreaterThanOrEqual(spec.min);
              expect(v as number).toBeLessThanOrEqual(spec.max);
            } else if (spec.kind === 'boolean') expect(typeof v).toBe('boolean');
            else expect(Array.isArray(v)).toBe(true);
          }
        }
        for (const l of r.locals) expect(Object.keys(l.params).sort()).toEqual(['exposure', 'sharpness']);
      }),
      { numRuns: 200 },
    );
  });

  it('does not mutate its input', () => {
    fc.assert(
      fc.property(stacks, actionArb, (s, a) => {
        const before = JSON.stringify(s);
        apply([a]);
        undo(s);
        undoTurn(s);
        addStep(s, { op: 'tone', params: { exposure: 1 } }, { env: sequentialEnv('x') });
        expect(JSON.stringify(s)).toBe(before);
      }),
      { numRuns: 50 },
    );
  });
});

describe('edit stack: behaviour', () => {
  const env = () => sequentialEnv();

  it('later steps win; disabled and undone steps do not count', () => {
    const e = env();
    let s = addStep(emptyStack(), { op: 'tone', params: { exposure: 1, contrast: 20 } }, { env: e });
    s = addStep(s, { op: 'tone', params: { exposure: -0.5 } }, { env: e });
    expect(resolve(s).ops.tone).toEqual({ exposure: -0.5, contrast: 20, highlights: 0 });
    expect(resolve(toggleStep(s, 's2')).ops.tone.exposure).toBe(1);
    expect(resolve(undo(s)).ops.tone.exposure).toBe(1);
    expect(resolve(jumpTo(s, 0)).ops.tone).toEqual({ exposure: 0, contrast: 0, highlights: 0 });
    expect(resolve(s).ops.pointCurve.master).toEqual([[0, 0], [1, 1]]);
  });

  it('adding after an undo drops the redo tail', () => {
    const e = env();
    let s = addStep(emptyStack(), { op: 'tone', params: { exposure: 1 } }, { env: e });
    s = addStep(s, { op: 'tone', params: { exposure: 2 } }, { env: e });
    s = addStep(undo(s), { op: 'tone', params: { contrast: 5 } }, { env: e });
    expect(s.steps.map((x) => x.id)).toEqual(['s1', 's3']);
    expect(s.marks).toEqual([1, 2]);
  });

  it('groups local steps by mask id; later steps override params and the mask', () => {
    const e = env();
    let s = addStep(emptyStack(), { op: 'local', params: { exposure: 1 }, mask: mask('sky') }, { env: e });
    s = addStep(s, { op: 'local', params: { sharpness: 30 }, mask: mask('face') }, { env: e });
    s = addStep(s, { op: 'local', params: { exposure: -1 }, mask: mask('sky', 0.3) }, { env: e });
    const r = resolve(s);
    expect(r.locals.map((l) => l.mask.id)).toEqual(['sky', 'face']);
    expect(r.locals[0].params).toEqual({ exposure: -1, sharpness: 0 });
    expect(r.locals[0].mask.components[0].shape).toMatchObject({ x0: 0.3 });
    expect(r.ops.local).toEqual({ exposure: 0, sharpness: 0 });
  });

  it('validates steps: unknown params, masks on the wrong op, local steps without a mask', () => {
    expect(() => addStep(emptyStack(), { op: 'tone', params: { exposur: 1 } })).toThrow('unknown parameter "tone.exposur" (did you mean "exposure"?)');
    expect(() => addStep(emptyStack(), { op: 'local', params: { exposure: 1 } })).toThrow(/needs a mask/);
    expect(() => addStep(emptyStack(), { op: 'tone', params: {}, mask: mask('a') })).toThrow(/only "local" steps take a mask/);
    expect(addStep(emptyStack(), { op: 'tone', params: { exposure: 99 } }).steps[0].params.exposure).toBe(5);
  });

  it('one agent turn undoes as a unit, a single step undoes alone', () => {
    const e = env();
    let s = addStep(emptyStack(), { op: 'tone', params: { exposure: 0.3 } }, { env: e });
    s = addTurn(s, [{ op: 'tone', params: { contrast: 10 } }, { op: 'blackWhite', params: { enabled: true } }], { env: e, turnId: 'T' });
    expect(s.marks).toEqual([1, 3]);
    expect(s.steps.slice(1).every((x) => x.turnId === 'T' && x.source === 'agent')).toBe(true);
    expect(undoTurn(s).cursor).toBe(1);
    expect(undo(s).cursor).toBe(2);
    expect(undoTurn(undo(s)).cursor).toBe(1); // the rest of the partly undone turn
    expect(redoTurn(undoTurn(s)).cursor).toBe(3);
    // streaming steps of one turn one by one gives the same marks
    let t = addStep(emptyStack(), { op: 'tone', params: { exposure: 0.3 } }, { env: e });
    t = addStep(t, { op: 'tone', params: { contrast: 10 }, turnId: 'T' }, { env: e });
    t = addStep(t, { op: 'blackWhite', params: { enabled: true }, turnId: 'T' }, { env: e });
    expect(t.marks).toEqual([1, 3]);
    // a new addTurn never merges into an earlier turn with the same id
    expect(addTurn(s, [{ op: 'tone', params: { exposure: 1 } }], { env: e, turnId: 'T' }).marks).toEqual([1, 3, 4]);
  });

  it('squashes only into the last applied step of the same op and params', () => {
    const e = env();
    let s = addStep(emptyStack(), { op: 'tone', params: { exposure: 0.1 } }, { env: e });
    const drag = lastStepId(s);
    s = addStep(s, { op: 'tone', params: { exposure: 0.2 } }, { env: e, squashWith: drag });
    expect(s.steps).toHaveLength(1);
    expect(s.steps[0]).toMatchObject({ id: drag, params: { exposure: 0.2 } });
    s = addStep(s, { op: 'tone', params: { contrast: 3 } }, { env: e, squashWith: drag });
    expect(s.steps).toHaveLength(2);
    s = addStep(s, { op: 'tone', params: { exposure: 0.4 } }, { env: e, squashWith: drag });
    expect(s.steps).toHaveLength(3);
  });

  it('snapshots keep the applied state and restore it', () => {
    const e = env();
    let s = addStep(emptyStack(), { op: 'tone', params: { exposure: 1 } }, { env: e });
    s = addStep(s, { op: 'tone', params: { exposure: 2 } }, { env: e });
    const snap = takeSnapshot(undo(s), 'one stop', e);
    expect(snap.steps).toHaveLength(1);
    const r = restoreSnapshot(JSON.parse(JSON.stringify(snap)));
    expect(resolve(r)).toEqual(resolve(undo(s)));
    expect(r.marks).toEqual([1]);
  });

  it('uses crypto.randomUUID ids by default', () => {
    const s = addStep(emptyStack(), { op: 'tone', params: {} });
    expect(s.steps[0].id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(s.steps[0].createdAt)).not.toBeNaN();
  });
});
