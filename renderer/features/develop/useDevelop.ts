/**
 * The develop state of one photo: the stored stack (from main), the effective settings
 * resolved from it here (shared/develop is pure, so the renderer resolves exactly as export
 * does), a pending override while a slider is being dragged (live preview, no history entry),
 * and the commands that change history — each a single round trip.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { StackState } from '../../../shared/ipc/contract.ts';
import { resolveSteps, type EditStep } from '../../../shared/develop/stack.ts';
import type { ParamValues } from '../../../shared/develop/types.ts';
import type { ResolvedSettings } from '../../../shared/develop/defaults.ts';
import type { Mask } from '../../../shared/develop/mask.ts';
import { getOp } from '../../../shared/develop/registry.ts';
import { opDefaults } from '../../../shared/develop/defaults.ts';
import { getApi } from '../../lib/api.ts';

export interface Pending {
  op: string;
  params: ParamValues;
  /** For the `local` op: the mask being drawn or edited (new or replacing the one with its id). */
  mask?: Mask;
}

export function applyPending(settings: ResolvedSettings, pending: Pending | null): ResolvedSettings {
  if (!pending) return settings;
  if (pending.op === 'local' && pending.mask) {
    const mask = pending.mask;
    const i = settings.locals.findIndex((l) => l.mask.id === mask.id);
    const locals = [...settings.locals];
    const base = i >= 0 ? locals[i].params : opDefaults(getOp('local')!);
    const entry = { mask, params: { ...base, ...pending.params } };
    if (i >= 0) locals[i] = entry;
    else locals.push(entry);
    return { ...settings, locals };
  }
  return { ...settings, ops: { ...settings.ops, [pending.op]: { ...settings.ops[pending.op], ...pending.params } } };
}

export function useDevelop(photoId: number) {
  const [stack, setStack] = useState<StackState | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const pendingRef = useRef(pending);
  pendingRef.current = pending;
  const [error, setError] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);

  const [loads, setLoads] = useState(0);
  useEffect(() => {
    let live = true;
    getApi()
      .invoke('develop.load', { photoId })
      .then((s) => live && setStack(s), (e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [photoId, loads]);
  useEffect(() => {
    setStack(null);
    setPending(null);
  }, [photoId]);

  const committed = useMemo(
    () => (stack ? resolveSteps(stack.steps.slice(0, stack.cursor) as unknown as EditStep[]) : null),
    [stack],
  );
  const settings = useMemo(() => (committed ? applyPending(committed, pending) : null), [committed, pending]);

  const run = useCallback(async (p: Promise<StackState & { warnings?: string[] }>) => {
    try {
      const s = await p;
      setStack(s);
      setWarnings(s.warnings ?? []);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);

  const api = getApi();
  return {
    stack,
    settings,
    committed,
    pending,
    error,
    warnings,
    setStack,
    /** Re-read the stack from the catalog (after a paste). */
    reload: () => setLoads((n) => n + 1),
    /** Live value during a drag (not recorded). */
    preview: (p: Pending | null) => {
      // Synchronously, so a commit right after a preview knows which override it replaces.
      pendingRef.current = p;
      setPending(p);
    },
    /** One history step: the end of a drag, a reset, a toggle. */
    commit: async (op: string, params: ParamValues, mask?: unknown) => {
      // Keep the live value on screen until the committed stack arrives (no flash back to the
      // old state), unless another drag has started meanwhile.
      const dragged = pendingRef.current;
      await run(api.invoke('develop.commit', { photoId, op, params: params as Record<string, unknown>, mask }));
      setPending((p) => (p === dragged ? null : p));
    },
    undo: (scope: 'step' | 'turn' = 'step') => run(api.invoke('develop.undo', { photoId, scope })),
    redo: (scope: 'step' | 'turn' = 'step') => run(api.invoke('develop.redo', { photoId, scope })),
    toggleStep: (stepId: string, enabled: boolean) => run(api.invoke('develop.toggleStep', { photoId, stepId, enabled })),
    jumpTo: (cursor: number) => run(api.invoke('develop.jumpTo', { photoId, cursor })),
  };
}

export type DevelopModel = ReturnType<typeof useDevelop>;
