/**
 * The masks panel's state: which mask is selected, which creation tool waits for the preview
 * (a drag for gradients, a click for a colour), and how a component added to the selected mask
 * combines (add / subtract / intersect). Creation and every edit are one `local` step each.
 */
import { useState } from 'react';
import type { ResolvedSettings } from '../../../../shared/develop/defaults.ts';
import type { Mask, MaskMode, MaskShape } from '../../../../shared/develop/mask.ts';
import type { ParamValues } from '../../../../shared/develop/types.ts';
import type { SourceImage } from '../../../../shared/pixel/pipeline/types.ts';
import { colorRangeAt } from './colorPick.ts';
import { addComponent, DEFAULT_LUMINANCE, newMask } from './maskEdit.ts';
import type { GeoShape } from './maskGeometry.ts';

interface Model {
  preview(p: { op: string; params: ParamValues; mask?: Mask } | null): void;
  commit(op: string, params: ParamValues, mask?: unknown): Promise<void>;
}

export function useMaskTools(model: Model, locals: ResolvedSettings['locals'], source: SourceImage | null) {
  const [selectedId, setSelected] = useState<string | null>(null);
  /** The tool waiting for the preview; `target` is the mask a component is added to (null: a new mask). */
  const [armed, setArmed] = useState<{ kind: MaskShape['type']; target: string | null } | null>(null);
  const [addMode, setAddMode] = useState<MaskMode>('add');
  const [error, setError] = useState<string | null>(null);
  const masks = locals.map((l) => l.mask);
  const selected = locals.find((l) => l.mask.id === selectedId) ?? null;

  const place = async (shape: MaskShape, target: string | null) => {
    setArmed(null);
    setError(null);
    const into = target ? masks.find((m) => m.id === target) : undefined;
    const mask = into ? addComponent(into, shape, addMode) : newMask(shape, masks);
    // Keep the new mask on screen until the stored stack arrives.
    model.preview({ op: 'local', params: {}, mask });
    if (mask.id !== selectedId) setAddMode('add');
    setSelected(mask.id);
    await model.commit('local', {}, mask);
  };

  /** Start creating (target null) or adding to the selected mask; ranges are placed at once. */
  const start = (kind: MaskShape['type'], target: string | null) => {
    setError(null);
    if (kind === 'luminance') void place(DEFAULT_LUMINANCE, target);
    else setArmed((a) => (a && a.kind === kind && a.target === target ? null : { kind, target }));
  };

  return {
    selected,
    selectedId: selected ? selectedId : null,
    select: (id: string | null) => {
      setSelected(id);
      setAddMode('add');
    },
    armed,
    addMode,
    setAddMode,
    error,
    cancel: () => setArmed(null),
    create: (kind: MaskShape['type']) => start(kind, null),
    addToSelected: (kind: MaskShape['type']) => start(kind, selected?.mask.id ?? null),
    drawn: (shape: GeoShape) => void place(shape, armed?.target ?? null),
    pick(x: number, y: number) {
      if (!source) return;
      try {
        void place(colorRangeAt(source, x, y), armed?.target ?? null);
      } catch (e) {
        setError((e as Error).message);
      }
    },
    preview: (mask: Mask, params: ParamValues) => model.preview({ op: 'local', params, mask }),
    commit: (mask: Mask, params: ParamValues) => void model.commit('local', params, mask),
  };
}
