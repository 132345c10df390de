/**
 * The edit stack: an immutable, ordered list of edit steps with a cursor and turn marks
 * (docs/pipeline.md "The edit stack"; tldraw's HistoryManager is the model).
 *
 * - A step sets some params of one op to absolute values; later steps win. Steps of the `local`
 *   op carry a mask and are grouped by mask.id.
 * - `cursor` is the number of applied steps; steps after it are the redo tail, which the next
 *   added step drops.
 * - `marks` are turn boundaries: sorted step counts in 1..steps.length, the last one always
 *   steps.length. A turn is everything between two marks. Consecutive steps with the same
 *   turnId form one turn (an agent reply); a step without turnId is a turn of its own (a user's
 *   slider drag, once squashed). undo/redo move one step; undoTurn/redoTurn move to a mark.
 * - A slider drag: pass the id of the drag's step as `squashWith` on every update; while it is
 *   still the last applied step and sets the same params of the same op (same mask), it is
 *   replaced instead of a new step being added:
 *     stack = addStep(stack, { op, params }, { squashWith: dragId }); dragId = lastStepId(stack);
 *   and `dragId = null` on release.
 * - Toggling a step (enabled) edits it in place; it is not itself a history entry.
 * Every function returns a new stack and leaves its input untouched.
 */
import type { ResolvedSettings, LocalAdjustment } from '../pixel/pipeline/types.ts';
import type { Mask } from './mask.ts';
import { validateMask } from './maskSpec.ts';
import { ParamError, defaultParams, opOrThrow, validateParams } from './params.ts';
import { OPS } from './registry.ts';
import type { ParamSpec, ParamValue, ParamValues } from './types.ts';

export const STACK_FORMAT = 1;
export const LOCAL_OP = 'local';

export type StepSource = 'user' | 'agent' | 'import';

export interface EditStep {
  id: string;
  op: string;
  opVersion: number;
  /** The params this step sets (absolute values). */
  params: ParamValues;
  mask?: Mask;
  source: StepSource;
  turnId?: string;
  reason?: string;
  enabled: boolean;
  createdAt: string;
}

export interface EditStack {
  readonly format: typeof STACK_FORMAT;
  readonly steps: readonly EditStep[];
  readonly cursor: number;
  readonly marks: readonly number[];
}

export interface StepInput {
  op: string;
  params: ParamValues;
  mask?: Mask;
  source?: StepSource;
  turnId?: string;
  reason?: string;
  enabled?: boolean;
}

/** Where ids and timestamps come from; inject a deterministic one in tests. */
export interface StackEnv {
  newId(): string;
  now(): string;
}

let fallbackCounter = 0;
export const defaultEnv: StackEnv = {
  newId() {
    const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
    if (c?.randomUUID) return c.randomUUID();
    fallbackCounter++;
    return `${Date.now().toString(36)}-${fallbackCounter.toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  },
  now: () => new Date().toISOString(),
};

/** Ids `${prefix}1`, `${prefix}2`, … and a fixed clock: for tests and golden files. */
export function sequentialEnv(prefix = 's', time = '2026-01-01T00:00:00.000Z'): StackEnv {
  let n = 0;
  return { newId: () => `${prefix}${++n}`, now: () => time };
}

export function emptyStack(): EditStack {
  return { format: STACK_FORMAT, steps: [], cursor: 0, marks: [] };
}

/**
 * Builds a validated step: the op must exist, params are checked and clamped (ParamError on
 * unknown params or wrong types), a `local` step needs a mask and no other op takes one.
 */
export function makeStep(input: StepInput, env: StackEnv = defaultEnv): EditStep {
  const op = opOrThrow(input.op);
  const { params } = validateParams(op.id, input.params, { clamp: true });
  const step: EditStep = {
    id: env.newId(),
    op: op.id,
    opVersion: op.version,
    params,
    source: input.source ?? 'user',
    enabled: input.enabled ?? true,
    createdAt: env.now(),
  };
  if (op.id === LOCAL_OP) {
    if (input.mask === undefined) throw new ParamError(`a "${LOCAL_OP}" step needs a mask`);
    step.mask = validateMask(input.mask).mask;
  } else if (input.mask !== undefined) throw new ParamError(`only "${LOCAL_OP}" steps take a mask, not "${op.id}"`);
  if (input.turnId !== undefined) step.turnId = input.turnId;
  if (input.reason !== undefined) step.reason = input.reason;
  return step;
}

export interface AddOptions {
  /** Squash into this step (a slider drag) when it is the last applied step of the same kind. */
  squashWith?: string | null;
  env?: StackEnv;
}

const sameKeys = (a: ParamValues, b: ParamValues) => {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
};

export function addStep(stack: EditStack, input: StepInput, options: AddOptions = {}): EditStack {
  return insert(stack, makeStep(input, options.env), { squashWith: options.squashWith ?? null });
}

/**
 * Adds an already built step (from makeStep or an import) with the rules of addStep;
 * `newTurn` starts a turn even when the previous step has the same turnId.
 */
export function insert(stack: EditStack, step: EditStep, options: { squashWith?: string | null; newTurn?: boolean } = {}): EditStack {
  const squashWith = options.squashWith ?? null;
  const { cursor } = stack;
  const prev = cursor > 0 ? stack.steps[cursor - 1] : undefined;
  const kept = stack.steps.slice(0, cursor);
  const marks = stack.marks.filter((m) => m <= cursor);
  if (
    prev &&
    squashWith !== null &&
    prev.id === squashWith &&
    prev.op === step.op &&
    prev.source === step.source &&
    prev.turnId === step.turnId &&
    prev.mask?.id === step.mask?.id &&
    sameKeys(prev.params, step.params)
  ) {
    const squashed: EditStep = { ...prev, params: step.params, enabled: true };
    if (step.mask) squashed.mask = step.mask;
    if (step.reason !== undefined) squashed.reason = step.reason;
    kept[cursor - 1] = squashed;
    return { format: STACK_FORMAT, steps: kept, cursor, marks: withMark(marks, cursor) };
  }
  const joins = !options.newTurn && prev !== undefined && step.turnId !== undefined && prev.turnId === step.turnId;
  const base = joins ? marks.filter((m) => m !== cursor) : withMark(marks, cursor);
  kept.push(step);
  return { format: STACK_FORMAT, steps: kept, cursor: cursor + 1, marks: withMark(base, cursor + 1) };
}

function withMark(marks: readonly number[], at: number): number[] {
  if (at <= 0 || marks.includes(at)) return [...marks];
  return [...marks, at].sort((a, b) => a - b);
}

/** Adds several steps as one turn (one agent reply). The turnId is generated when absent. */
export function addTurn(
  stack: EditStack,
  inputs: readonly StepInput[],
  options: { turnId?: string; source?: StepSource; env?: StackEnv } = {},
): EditStack {
  const env = options.env ?? defaultEnv;
  const turnId = options.turnId ?? env.newId();
  const steps = inputs.map((input) => makeStep({ ...input, source: input.source ?? options.source ?? 'agent', turnId }, env));
  return steps.reduce((s, step, i) => insert(s, step, { newTurn: i === 0 }), stack);
}

export const canUndo = (s: EditStack) => s.cursor > 0;
export const canRedo = (s: EditStack) => s.cursor < s.steps.length;

export function jumpTo(stack: EditStack, cursor: number): EditStack {
  const c = Math.max(0, Math.min(stack.steps.length, Math.trunc(cursor)));
  return c === stack.cursor ? stack : { ...stack, cursor: c };
}
export const undo = (s: EditStack) => jumpTo(s, s.cursor - 1);
export const redo = (s: EditStack) => jumpTo(s, s.cursor + 1);

/** Undoes back to the previous turn boundary (the whole last turn, or the rest of a partly undone one). */
export function undoTurn(stack: EditStack): EditStack {
  let to = 0;
  for (const m of stack.marks) if (m < stack.cursor) to = m;
  return jumpTo(stack, to);
}

export function redoTurn(stack: EditStack): EditStack {
  const next = stack.marks.find((m) => m > stack.cursor);
  return jumpTo(stack, next ?? stack.steps.length);
}

export function toggleStep(stack: EditStack, stepId: string, enabled?: boolean): EditStack {
  const i = stack.steps.findIndex((s) => s.id === stepId);
  if (i < 0) throw new Error(`no step "${stepId}" in the stack`);
  const steps = stack.steps.slice();
  steps[i] = { ...steps[i], enabled: enabled ?? !steps[i].enabled };
  return { ...stack, steps };
}

export const appliedSteps = (s: EditStack): readonly EditStep[] => s.steps.slice(0, s.cursor);
export const lastStepId = (s: EditStack): string | null => (s.cursor > 0 ? s.steps[s.cursor - 1].id : null);

/** The turns for a history panel: [start, end) step ranges with their turnId and whether applied. */
export function turns(stack: EditStack): { start: number; end: number; turnId?: string; applied: boolean }[] {
  let start = 0;
  return stack.marks.map((end) => {
    const t = { start, end, turnId: stack.steps[start]?.turnId, applied: end <= stack.cursor };
    start = end;
    return t;
  });
}

export function resolve(stack: EditStack): ResolvedSettings {
  return resolveSteps(appliedSteps(stack));
}

/**
 * Effective settings of a list of steps: every op with complete params (defaults overlaid by
 * the enabled steps in order); `local` steps grouped by mask.id in order of first appearance, a
 * later step on the same mask overriding its params and the mask itself. Values are sanitised
 * (clamped, wrong types fall back to the default) so the result is always renderable.
 */
export function resolveSteps(steps: readonly EditStep[]): ResolvedSettings {
  const ops: Record<string, ParamValues> = {};
  for (const op of OPS) ops[op.id] = defaultParams(op);
  const locals = new Map<string, LocalAdjustment>();
  for (const step of steps) {
    if (!step.enabled) continue;
    const op = opOrThrow(step.op);
    const specs = op.params as Record<string, ParamSpec>;
    let target: ParamValues;
    if (op.id === LOCAL_OP) {
      if (!step.mask) continue;
      let entry = locals.get(step.mask.id);
      if (!entry) locals.set(step.mask.id, (entry = { mask: step.mask, params: defaultParams(op) }));
      entry.mask = step.mask;
      target = entry.params;
    } else target = ops[op.id];
    for (const [k, v] of Object.entries(step.params)) if (specs[k]) target[k] = sanitize(specs[k], v);
  }
  return { ops, locals: [...locals.values()] };
}

function sanitize(spec: ParamSpec, v: ParamValue): ParamValue {
  if (spec.kind === 'number') return typeof v === 'number' && Number.isFinite(v) ? Math.min(spec.max, Math.max(spec.min, v)) : spec.default;
  if (spec.kind === 'boolean') return typeof v === 'boolean' ? v : spec.default;
  return Array.isArray(v) && v.length >= 2 ? v : spec.default;
}

/** A named state: the applied steps and their turn boundaries at the time. */
export interface Snapshot {
  name: string;
  createdAt: string;
  steps: EditStep[];
  marks: number[];
}

export function takeSnapshot(stack: EditStack, name: string, env: StackEnv = defaultEnv): Snapshot {
  return { name, createdAt: env.now(), steps: stack.steps.slice(0, stack.cursor), marks: stack.marks.filter((m) => m <= stack.cursor) };
}

/** A stack in the snapshot's state (its own history). Snapshot the current stack first to keep it. */
export function restoreSnapshot(snapshot: Snapshot): EditStack {
  const n = snapshot.steps.length;
  return { format: STACK_FORMAT, steps: snapshot.steps.slice(), cursor: n, marks: withMark(snapshot.marks.filter((m) => m <= n), n) };
}
