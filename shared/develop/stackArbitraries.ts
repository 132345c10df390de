/**
 * fast-check arbitraries for the edit-model property tests, over the ops of ./testRegistry.ts.
 * Used only by tests.
 */
import fc from 'fast-check';
import type { Mask } from './mask.ts';
import type { StepInput } from './stack.ts';

const maskIds = ['m1', 'm2', 'm3'];

export const maskArb: fc.Arbitrary<Mask> = fc.record({
  id: fc.constantFrom(...maskIds),
  components: fc.array(
    fc.record({
      shape: fc.oneof(
        fc.record({ type: fc.constant('linear' as const), x0: fc.double({ min: 0, max: 1, noNaN: true }), y0: fc.constant(0), x1: fc.constant(0.5), y1: fc.constant(1) }),
        fc.record({ type: fc.constant('luminance' as const), min: fc.constant(0), max: fc.double({ min: 0, max: 1, noNaN: true }), feather: fc.integer({ min: 0, max: 100 }) }),
      ),
      mode: fc.constantFrom('add' as const, 'subtract' as const, 'intersect' as const),
    }),
    { minLength: 1, maxLength: 2 },
  ),
});

/** Numbers, often beyond the range (they must be clamped). */
const value = (min: number, max: number) =>
  fc.oneof(fc.double({ min, max, noNaN: true }), fc.double({ min: min * 3 - 1, max: max * 3 + 1, noNaN: true }), fc.constantFrom(min, max, 0));

export const stepInputArb: fc.Arbitrary<StepInput> = fc.oneof(
  fc.record({ op: fc.constant('tone'), params: fc.record({ exposure: value(-5, 5), contrast: value(-100, 100), highlights: value(-100, 100) }, { requiredKeys: [] }) }),
  fc.record({ op: fc.constant('blackWhite'), params: fc.record({ enabled: fc.boolean(), red: value(-100, 100) }, { requiredKeys: [] }) }),
  fc.record({
    op: fc.constant('pointCurve'),
    params: fc.record({ master: fc.constantFrom([[0, 0], [1, 1]], [[0, 0.1], [0.5, 0.6], [1, 0.9]]) as fc.Arbitrary<[number, number][]> }),
  }),
  fc.record({ op: fc.constant('local'), params: fc.record({ exposure: value(-4, 4), sharpness: value(-100, 100) }, { requiredKeys: [] }), mask: maskArb }),
);

/** An action on a stack. */
export type Action =
  | { kind: 'add'; input: StepInput; turnId?: string }
  | { kind: 'turn'; inputs: StepInput[] }
  | { kind: 'undo' | 'redo' | 'undoTurn' | 'redoTurn' }
  | { kind: 'toggle'; index: number };

export const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('add' as const), input: stepInputArb, turnId: fc.option(fc.constantFrom('t1', 't2'), { nil: undefined }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('turn' as const), inputs: fc.array(stepInputArb, { minLength: 1, maxLength: 4 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('undo' as const, 'redo' as const, 'undoTurn' as const, 'redoTurn' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('toggle' as const), index: fc.nat(50) }) },
);
