/**
 * The masks panel: buttons that create a mask (draw a linear or radial gradient on the preview,
 * a luminance range, or a colour range picked by clicking the photo), the photo's local
 * adjustments — click one to select it (its handles appear on the preview and its editor
 * below) — and a toggle that shows a mask as a red overlay (O toggles the selected one, else
 * the last shown, or the first).
 */
import type { ResolvedSettings } from '../../../shared/develop/defaults.ts';
import type { MaskShape } from '../../../shared/develop/mask.ts';
import { getOp } from '../../../shared/develop/registry.ts';
import type { ReactNode } from 'react';

interface Props {
  locals: ResolvedSettings['locals'];
  overlay: string | null;
  onOverlay(maskId: string | null): void;
  selected: string | null;
  onSelect(maskId: string | null): void;
  /** The creation tool waiting for the preview (a drag, or a click for colour), if any. */
  armed: MaskShape['type'] | null;
  onCreate(kind: MaskShape['type']): void;
  /** The selected mask's editor. */
  children?: ReactNode;
}

function describeLocal(params: Record<string, unknown>): string {
  const op = getOp('local');
  const parts = Object.entries(params)
    .filter(([, v]) => typeof v === 'number' && v !== 0)
    .map(([k, v]) => `${op?.params[k]?.label ?? k} ${(v as number) > 0 ? '+' : ''}${Math.round((v as number) * 100) / 100}`);
  return parts.join(', ') || 'no change';
}

const CREATE: { kind: MaskShape['type']; label: string; title: string }[] = [
  { kind: 'linear', label: 'Linear', title: 'Drag on the photo: full effect where you press, none where you release' },
  { kind: 'radial', label: 'Radial', title: 'Drag on the photo from the centre outwards' },
  { kind: 'luminance', label: 'Luminance', title: 'Select a range of brightness (the bright half to start)' },
  { kind: 'color', label: 'Colour', title: 'Click the photo on the colour to select' },
];

export function MaskList({ locals, overlay, onOverlay, selected, onSelect, armed, onCreate, children }: Props) {
  return (
    <section className="mask-list" data-testid="mask-list">
      <h3>Masks</h3>
      <div className="mask-create">
        {CREATE.map((c) => (
          <button key={c.kind} data-testid={`mask-add-${c.kind}`} className={armed === c.kind ? 'active' : ''} onClick={() => onCreate(c.kind)} title={c.title}>
            + {c.label}
          </button>
        ))}
      </div>
      {armed && <div className="mask-hint">{CREATE.find((c) => c.kind === armed)?.title} (Esc cancels)</div>}
      <ul>
        {locals.map((l, i) => (
          <li key={l.mask.id} data-testid="mask-item" className={`${overlay === l.mask.id ? 'shown' : ''}${selected === l.mask.id ? ' selected' : ''}`}>
            <div className="mask-name" onClick={() => onSelect(selected === l.mask.id ? null : l.mask.id)} title="Select to edit">
              {l.mask.name ?? `Mask ${i + 1}`}
            </div>
            <button data-testid="mask-overlay" className={overlay === l.mask.id ? 'active' : ''} onClick={() => onOverlay(overlay === l.mask.id ? null : l.mask.id)} title="Show the mask as a red overlay (O)">
              {overlay === l.mask.id ? 'Hide mask' : 'Show mask'}
            </button>
            <div className="mask-values">{describeLocal(l.params as Record<string, unknown>)}</div>
            {selected === l.mask.id && children}
          </li>
        ))}
      </ul>
    </section>
  );
}
