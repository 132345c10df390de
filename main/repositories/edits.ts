/**
 * The edit stack of each photo, stored step by step: one row per step (position, op, JSON params
 * and mask) plus the stack's cursor and marks. Steps are immutable history: saving a stack keeps
 * the rows of the common prefix (same step id at the same position) and rewrites only the rest.
 *
 * The step shape follows docs/pipeline.md (shared/develop/stack.ts's EditStep); it is declared
 * structurally here so the catalog stores whatever that module produces without importing it.
 */
import type { Db } from '../db/connection.ts';
import { nowIso, parseJson } from './util.ts';

export interface StoredStep {
  id: string;
  op: string;
  opVersion: number;
  params: Record<string, unknown>;
  mask?: unknown;
  source: 'user' | 'agent' | 'import';
  turnId?: string;
  reason?: string;
  enabled: boolean;
  createdAt: string;
}

export interface StoredStack {
  /** The stack format version (for upgrades). */
  formatVersion: number;
  steps: StoredStep[];
  /** Steps [0, cursor) are applied; the rest is the redo tail. */
  cursor: number;
  /** Turn boundaries and other marks, stored as JSON as given. */
  marks: unknown[];
}

interface StepRow {
  position: number;
  step_id: string;
  op: string;
  op_version: number;
  params: string;
  mask: string | null;
  source: StoredStep['source'];
  turn_id: string | null;
  reason: string | null;
  enabled: number;
  created_at: string;
}

export function rowToStep(r: StepRow): StoredStep {
  const step: StoredStep = {
    id: r.step_id,
    op: r.op,
    opVersion: r.op_version,
    params: parseJson(r.params, {}),
    source: r.source,
    enabled: r.enabled === 1,
    createdAt: r.created_at,
  };
  if (r.mask !== null) step.mask = parseJson(r.mask, undefined);
  if (r.turn_id !== null) step.turnId = r.turn_id;
  if (r.reason !== null) step.reason = r.reason;
  return step;
}

export class EditsRepository {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      stack: db.prepare<[number], { format_version: number; cursor: number; marks: string }>('SELECT format_version, cursor, marks FROM edit_stacks WHERE photo_id = ?'),
      steps: db.prepare<[number], StepRow>('SELECT * FROM edit_steps WHERE photo_id = ? ORDER BY position'),
      ids: db.prepare<[number], { position: number; step_id: string; enabled: number }>('SELECT position, step_id, enabled FROM edit_steps WHERE photo_id = ? ORDER BY position'),
      upsertStack: db.prepare(`INSERT INTO edit_stacks (photo_id, format_version, cursor, marks, updated_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT(photo_id) DO UPDATE SET format_version = excluded.format_version, cursor = excluded.cursor, marks = excluded.marks, updated_at = excluded.updated_at`),
      deleteFrom: db.prepare('DELETE FROM edit_steps WHERE photo_id = ? AND position >= ?'),
      insertStep: db.prepare(`INSERT INTO edit_steps (photo_id, position, step_id, op, op_version, params, mask, source, turn_id, reason, enabled, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      setEnabled: db.prepare('UPDATE edit_steps SET enabled = ? WHERE photo_id = ? AND step_id = ?'),
      setCursor: db.prepare('UPDATE edit_stacks SET cursor = ?, updated_at = ? WHERE photo_id = ?'),
      byTurn: db.prepare<[string], StepRow & { photo_id: number }>('SELECT * FROM edit_steps WHERE turn_id = ? ORDER BY photo_id, position'),
    };
  }

  load(photoId: number): StoredStack | null {
    const head = this.s.stack.get(photoId);
    if (!head) return null;
    return { formatVersion: head.format_version, cursor: head.cursor, marks: parseJson(head.marks, []), steps: this.s.steps.all(photoId).map(rowToStep) };
  }

  /** Writes the whole stack; unchanged leading steps are not rewritten. */
  save(photoId: number, stack: StoredStack): void {
    if (!Number.isInteger(stack.cursor) || stack.cursor < 0 || stack.cursor > stack.steps.length) {
      throw new RangeError(`cursor ${stack.cursor} is outside 0..${stack.steps.length}`);
    }
    this.db.transaction(() => {
      const existing = this.s.ids.all(photoId);
      let keep = 0;
      // Steps are immutable but for their on/off switch: a toggled step is rewritten too.
      while (
        keep < existing.length &&
        keep < stack.steps.length &&
        existing[keep].step_id === stack.steps[keep].id &&
        existing[keep].enabled === (stack.steps[keep].enabled ? 1 : 0)
      )
        keep++;
      this.s.deleteFrom.run(photoId, keep);
      for (let i = keep; i < stack.steps.length; i++) this.insert(photoId, i, stack.steps[i]);
      this.s.upsertStack.run(photoId, stack.formatVersion, stack.cursor, JSON.stringify(stack.marks ?? []), nowIso());
    })();
  }

  /** Appends steps after the last one (discarding a redo tail past the cursor first). */
  append(photoId: number, steps: readonly StoredStep[], formatVersion: number): StoredStack {
    const cur = this.load(photoId) ?? { formatVersion, steps: [], cursor: 0, marks: [] };
    const next: StoredStack = { ...cur, formatVersion, steps: [...cur.steps.slice(0, cur.cursor), ...steps] };
    next.cursor = next.steps.length;
    this.save(photoId, next);
    return next;
  }

  setCursor(photoId: number, cursor: number): void {
    const n = this.s.ids.all(photoId).length;
    if (!Number.isInteger(cursor) || cursor < 0 || cursor > n) throw new RangeError(`cursor ${cursor} is outside 0..${n}`);
    this.s.setCursor.run(cursor, nowIso(), photoId);
  }

  setEnabled(photoId: number, stepId: string, enabled: boolean): void {
    this.s.setEnabled.run(enabled ? 1 : 0, photoId, stepId);
  }

  /** The steps one chat turn produced, across photos. */
  stepsOfTurn(turnId: string): { photoId: number; step: StoredStep }[] {
    return this.s.byTurn.all(turnId).map((r) => ({ photoId: r.photo_id, step: rowToStep(r) }));
  }

  private insert(photoId: number, position: number, s: StoredStep): void {
    this.s.insertStep.run(
      photoId,
      position,
      s.id,
      s.op,
      s.opVersion,
      JSON.stringify(s.params),
      s.mask === undefined ? null : JSON.stringify(s.mask),
      s.source,
      s.turnId ?? null,
      s.reason ?? null,
      s.enabled ? 1 : 0,
      s.createdAt,
    );
  }
}
