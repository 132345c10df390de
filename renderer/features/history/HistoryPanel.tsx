/** History: every step (grouped by agent turn), click to jump to any state, named snapshots. */
import { useEffect, useState } from 'react';
import type { StackState } from '../../../shared/ipc/contract.ts';
import { getOp } from '../../../shared/develop/registry.ts';
import { getApi } from '../../lib/api.ts';

export function describeStep(step: StackState['steps'][number]): string {
  const op = getOp(step.op);
  const parts = Object.entries(step.params).map(([k, v]) => {
    const spec = op?.params[k];
    const label = spec?.label ?? k;
    if (typeof v === 'number') return `${label} ${v > 0 && spec?.kind === 'number' && spec.min < 0 ? '+' : ''}${Math.round(v * 100) / 100}`;
    if (typeof v === 'boolean') return `${label} ${v ? 'on' : 'off'}`;
    return `${label} curve`;
  });
  if (step.mask) {
    // A mask step that sets no values drew or reshaped the mask.
    const m = step.mask as { name?: unknown };
    return `${typeof m.name === 'string' ? m.name : `${op?.label ?? step.op} (mask)`}: ${parts.join(', ') || 'mask shape'}`;
  }
  return `${op?.label ?? step.op}: ${parts.join(', ')}`;
}

interface Props {
  photoId: number;
  stack: StackState;
  onJump(cursor: number): void;
}

export function HistoryPanel({ photoId, stack, onJump }: Props) {
  const [snapshots, setSnapshots] = useState<{ id: number; name: string; cursor: number }[]>([]);
  const [name, setName] = useState('');
  const reload = () => getApi().invoke('develop.snapshots', { photoId }).then(setSnapshots, () => setSnapshots([]));
  useEffect(() => void reload(), [photoId]);
  return (
    <aside className="history" data-testid="history">
      <h3>History</h3>
      <ol>
        <li className={stack.cursor === 0 ? 'current' : ''} data-testid="history-item" onClick={() => onJump(0)}>
          Original
        </li>
        {stack.steps.map((s, i) => (
          <li
            key={s.id}
            data-testid="history-item"
            className={`${i + 1 === stack.cursor ? 'current' : ''}${i >= stack.cursor ? ' redo' : ''}${s.enabled ? '' : ' disabled'} source-${s.source}`}
            onClick={() => onJump(i + 1)}
            title={s.reason ?? ''}
          >
            {s.source === 'agent' && <span className="badge">AI</span>}
            {describeStep(s)}
          </li>
        ))}
      </ol>
      <h3>Snapshots</h3>
      <ul className="snapshots">
        {snapshots.map((s) => (
          <li key={s.id} onClick={() => onJump(s.cursor)}>
            {s.name}
          </li>
        ))}
      </ul>
      <form
        className="snapshot-form"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!name.trim()) return;
          await getApi().invoke('develop.saveSnapshot', { photoId, name: name.trim() });
          setName('');
          void reload();
        }}
      >
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Snapshot name" />
        <button type="submit">Save</button>
      </form>
    </aside>
  );
}
