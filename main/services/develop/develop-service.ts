/**
 * The develop service: a photo's edit stack as the app changes it — one user step per finished
 * slider drag, agent turns, undo/redo of a step or a turn, toggles, jumps, snapshots and paste.
 * The stack logic is shared/develop/stack.ts (pure); this service loads it from and saves it to
 * the catalog (EditsRepository, step by step) so a crash never loses a committed step.
 */
import { randomUUID } from 'node:crypto';
import { addStep, addTurn, canRedo, canUndo, emptyStack, jumpTo, redo, redoTurn, resolve, toggleStep, undo, undoTurn, type EditStack, type StepInput } from '../../../shared/develop/stack.ts';
import { stackFromJSON, stackToJSON } from '../../../shared/develop/serialize.ts';
import { validateParams } from '../../../shared/develop/params.ts';
import type { ResolvedSettings } from '../../../shared/develop/defaults.ts';
import type { ParamValues } from '../../../shared/develop/types.ts';
import { validateMask } from '../../../shared/develop/maskSpec.ts';
import type { Repositories, StoredStep } from '../../repositories/index.ts';

export interface StackView {
  photoId: number;
  steps: StoredStep[];
  cursor: number;
  canUndo: boolean;
  canRedo: boolean;
}

export class NotFoundError extends Error {}

export class DevelopService {
  constructor(
    private readonly repos: Pick<Repositories, 'edits' | 'snapshots' | 'photos' | 'transaction'>,
    /** Called after every saved change of a photo's stack (e.g. to re-render its thumbnail). */
    private readonly onChange?: (photoId: number) => void,
  ) {}

  /** The photo's stack (empty when it has none); steps of older op versions are upgraded. */
  stack(photoId: number): EditStack {
    this.requirePhoto(photoId);
    const stored = this.repos.edits.load(photoId);
    if (!stored) return emptyStack();
    return stackFromJSON({ format: stored.formatVersion, steps: stored.steps, cursor: stored.cursor, marks: stored.marks }).stack;
  }

  settings(photoId: number): ResolvedSettings {
    return resolve(this.stack(photoId));
  }

  view(photoId: number, stack = this.stack(photoId)): StackView {
    return {
      photoId,
      steps: stackToJSON(stack).steps as unknown as StoredStep[],
      cursor: stack.cursor,
      canUndo: canUndo(stack),
      canRedo: canRedo(stack),
    };
  }

  private requirePhoto(photoId: number): void {
    if (!this.repos.photos.byId(photoId)) throw new NotFoundError(`photo ${photoId} is not in the catalog`);
  }

  private save(photoId: number, stack: EditStack): StackView {
    const json = stackToJSON(stack);
    this.repos.edits.save(photoId, { formatVersion: json.format, steps: json.steps as unknown as StoredStep[], cursor: json.cursor, marks: json.marks });
    this.onChange?.(photoId);
    return this.view(photoId, stack);
  }

  /** One user step; out-of-range values are clamped and reported. */
  commit(photoId: number, op: string, params: Record<string, unknown>, mask?: unknown): StackView & { warnings: string[] } {
    const { params: clean, warnings } = validateParams(op, params, { clamp: true });
    if (op === 'local' && mask === undefined) throw new Error('a local adjustment step needs a mask');
    if (op !== 'local' && mask !== undefined) throw new Error(`only local adjustments carry a mask, not "${op}"`);
    const checked = mask === undefined ? undefined : validateMask(mask, { clamp: true });
    const next = addStep(this.stack(photoId), { op, params: clean, mask: checked?.mask, source: 'user' });
    return { ...this.save(photoId, next), warnings: [...warnings, ...(checked?.warnings ?? [])] };
  }

  /** Several steps as one turn (an agent reply or an import); returns the stored steps. */
  commitTurn(photoId: number, inputs: StepInput[], turnId: string, source: 'agent' | 'import' = 'agent'): { view: StackView; stepIds: string[] } {
    const before = this.stack(photoId);
    const next = addTurn(before, inputs, { turnId, source });
    const stepIds = next.steps.slice(before.cursor).map((s) => s.id);
    return { view: this.save(photoId, next), stepIds };
  }

  undo(photoId: number, scope: 'step' | 'turn' = 'step'): StackView {
    const s = this.stack(photoId);
    return this.save(photoId, scope === 'turn' ? undoTurn(s) : undo(s));
  }

  redo(photoId: number, scope: 'step' | 'turn' = 'step'): StackView {
    const s = this.stack(photoId);
    return this.save(photoId, scope === 'turn' ? redoTurn(s) : redo(s));
  }

  toggle(photoId: number, stepId: string, enabled: boolean): StackView {
    return this.save(photoId, toggleStep(this.stack(photoId), stepId, enabled));
  }

  jumpTo(photoId: number, cursor: number): StackView {
    return this.save(photoId, jumpTo(this.stack(photoId), cursor));
  }

  saveSnapshot(photoId: number, name: string): number {
    const s = this.stack(photoId);
    return this.repos.snapshots.create(photoId, name, s.cursor, stackToJSON(s).steps as unknown as StoredStep[]);
  }

  snapshots(photoId: number) {
    this.requirePhoto(photoId);
    return this.repos.snapshots.list(photoId).map((s) => ({ id: s.id, name: s.name, cursor: s.cursor, createdAt: s.createdAt }));
  }

  /**
   * Copies the effective settings of one photo (all ops, or the listed ones) onto others as one
   * `import`-like user turn per target, so each paste is undoable on its own.
   */
  paste(fromPhotoId: number, toPhotoIds: number[], ops?: string[]): number {
    const settings = this.settings(fromPhotoId);
    const inputs: StepInput[] = [];
    for (const [op, params] of Object.entries(settings.ops)) {
      if (op === 'local' || (ops && !ops.includes(op))) continue;
      inputs.push({ op, params: params as ParamValues, source: 'user', reason: `pasted from photo ${fromPhotoId}` });
    }
    if (!ops || ops.includes('local'))
      for (const l of settings.locals) inputs.push({ op: 'local', params: l.params, mask: l.mask, source: 'user', reason: `pasted from photo ${fromPhotoId}` });
    let n = 0;
    for (const id of toPhotoIds) {
      if (id === fromPhotoId) continue;
      this.repos.transaction(() => this.commitTurn(id, inputs, randomUUID(), 'import'));
      n++;
    }
    return n;
  }
}
