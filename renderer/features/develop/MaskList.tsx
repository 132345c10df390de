/**
 * The photo's local adjustments (masks), each with its local values, and a toggle that shows
 * the mask as a red overlay on the preview (the O key toggles the last one shown, or the first).
 */
import type { ResolvedSettings } from '../../../shared/develop/defaults.ts';
import { getOp } from '../../../shared/develop/registry.ts';

interface Props {
  locals: ResolvedSettings['locals'];
  overlay: string | null;
  onOverlay(maskId: string | null): void;
}

function describeLocal(params: Record<string, unknown>): string {
  const op = getOp('local');
  const parts = Object.entries(params)
    .filter(([, v]) => typeof v === 'number' && v !== 0)
    .map(([k, v]) => `${op?.params[k]?.label ?? k} ${(v as number) > 0 ? '+' : ''}${Math.round((v as number) * 100) / 100}`);
  return parts.join(', ') || 'no change';
}

export function MaskList({ locals, overlay, onOverlay }: Props) {
  if (locals.length === 0) return null;
  return (
    <section className="mask-list" data-testid="mask-list">
      <h3>Masks</h3>
      <ul>
        {locals.map((l, i) => (
          <li key={l.mask.id} data-testid="mask-item" className={overlay === l.mask.id ? 'shown' : ''}>
            <div className="mask-name">{l.mask.name ?? `Mask ${i + 1}`}</div>
            <div className="mask-values">{describeLocal(l.params as Record<string, unknown>)}</div>
            <button data-testid="mask-overlay" className={overlay === l.mask.id ? 'active' : ''} onClick={() => onOverlay(overlay === l.mask.id ? null : l.mask.id)} title="Show the mask as a red overlay (O)">
              {overlay === l.mask.id ? 'Hide mask' : 'Show mask'}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
