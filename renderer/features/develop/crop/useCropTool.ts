/**
 * The crop tool's state while it is open: a draft (rectangle, flips, quarter turns) edited
 * live without touching history, the aspect preset and lock, and the rectangle straightening
 * started from (so turning back restores it). `finish` returns the changed crop params — the
 * content of the ONE history step the tool makes — or null when nothing changed.
 */
import { useCallback, useRef, useState } from 'react';
import type { ParamValues } from '../../../../shared/develop/types.ts';
import { fullRect, orientedRatio, rotateTo, swapOrientation, withRatio, type CropRect, type Size } from './cropGeometry.ts';
import { changedParams, draftFromParams, paramsFromDraft, type CropDraft } from './cropParams.ts';

export const ASPECT_PRESETS = [
  { id: 'original', label: 'Original' },
  { id: '1:1', label: '1 : 1', ratio: 1 },
  { id: '4:5', label: '4 : 5', ratio: 5 / 4 },
  { id: '3:2', label: '3 : 2', ratio: 3 / 2 },
  { id: '16:9', label: '16 : 9', ratio: 16 / 9 },
  { id: 'free', label: 'Free' },
] as const;
export type AspectPreset = (typeof ASPECT_PRESETS)[number]['id'];

/** Long side over short side of a preset for a picture of the given size (null: free). */
export function presetRatio(id: AspectPreset, img: Size): number | null {
  if (id === 'free') return null;
  if (id === 'original') return Math.max(img.width, img.height) / Math.min(img.width, img.height);
  const p = ASPECT_PRESETS.find((q) => q.id === id);
  return p && 'ratio' in p ? p.ratio : null;
}

export interface CropTool {
  active: boolean;
  draft: CropDraft | null;
  img: Size | null;
  preset: AspectPreset;
  locked: boolean;
  /** The locked ratio (width / height of the rectangle in source pixels), or null. */
  ratio: number | null;
  open(current: ParamValues | undefined, img: Size): void;
  close(): void;
  /** Changed params for the one step, or null when nothing changed; closes the tool. */
  finish(current: ParamValues | undefined): Record<string, number | boolean> | null;
  setRect(rect: CropRect, opts?: { rotating?: boolean }): void;
  setAngle(angle: number): void;
  choosePreset(id: AspectPreset): void;
  setLocked(locked: boolean): void;
  swap(): void;
  turn(quarterTurns: 1 | -1): void;
  flip(axis: 'h' | 'v'): void;
  reset(): void;
}

export function useCropTool(): CropTool {
  const [draft, setDraft] = useState<CropDraft | null>(null);
  const [img, setImg] = useState<Size | null>(null);
  const [preset, setPreset] = useState<AspectPreset>('original');
  const [locked, setLockedState] = useState(false);
  const base = useRef<CropRect | null>(null);

  const ratio = draft && img && locked ? draft.rect.w / draft.rect.h : null;

  const setRect = useCallback((rect: CropRect, opts: { rotating?: boolean } = {}) => {
    if (!opts.rotating) base.current = rect;
    setDraft((d) => (d ? { ...d, rect } : d));
  }, []);

  const applyPreset = (d: CropDraft, id: AspectPreset, size: Size): CropDraft => {
    const r = presetRatio(id, size);
    if (r === null) return d;
    const rect = withRatio(d.rect, orientedRatio(d.rect, r), size);
    base.current = rect;
    return { ...d, rect };
  };

  return {
    active: draft !== null,
    draft,
    img,
    preset,
    locked,
    ratio,
    open(current, size) {
      const d = draftFromParams(current, size);
      base.current = d.rect;
      setImg(size);
      setDraft(d);
      // An uncropped picture starts at its own ratio, unlocked, like Lightroom.
      setPreset('original');
      setLockedState(false);
    },
    close() {
      setDraft(null);
      base.current = null;
    },
    finish(current) {
      if (!draft || !img) return null;
      const changed = changedParams(paramsFromDraft(draft, img), current);
      setDraft(null);
      base.current = null;
      return Object.keys(changed).length ? changed : null;
    },
    setRect,
    setAngle(angle) {
      if (!draft || !img) return;
      const from = base.current ?? draft.rect;
      setDraft({ ...draft, rect: rotateTo(from, angle, img) });
    },
    choosePreset(id) {
      setPreset(id);
      setLockedState(id !== 'free');
      if (draft && img) setDraft(applyPreset(draft, id, img));
    },
    setLocked(l) {
      setLockedState(l);
    },
    swap() {
      if (!draft || !img) return;
      const rect = swapOrientation(draft.rect, img);
      base.current = rect;
      setDraft({ ...draft, rect });
    },
    turn(q) {
      setDraft((d) => (d ? { ...d, rotate: (((d.rotate + q) % 4) + 4) % 4 } : d));
    },
    flip(axis) {
      setDraft((d) => (d ? (axis === 'h' ? { ...d, flipH: !d.flipH } : { ...d, flipV: !d.flipV }) : d));
    },
    reset() {
      if (!img) return;
      const rect = fullRect(img);
      base.current = rect;
      setPreset('original');
      setLockedState(false);
      setDraft((d) => (d ? { rect, flipH: false, flipV: false, rotate: 0 } : d));
    },
  };
}
