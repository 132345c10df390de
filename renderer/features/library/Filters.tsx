/** The library filter bar: rating, flag, label, date range, camera and text search. */
import type { AppState } from '../../state/app.ts';

interface Props {
  query: AppState['query'];
  onChange(q: AppState['query']): void;
}

export function Filters({ query, onChange }: Props) {
  const set = (patch: Partial<AppState['query']>) => onChange({ ...query, ...patch });
  return (
    <div className="filters" data-testid="filters">
      <input
        type="search"
        placeholder="Search keywords, names, captions…"
        data-testid="filter-search"
        value={query.search ?? ''}
        onChange={(e) => set({ search: e.target.value || undefined })}
      />
      <select aria-label="Minimum rating" value={query.minRating ?? 0} onChange={(e) => set({ minRating: Number(e.target.value) || undefined })}>
        {[0, 1, 2, 3, 4, 5].map((r) => (
          <option key={r} value={r}>
            {r === 0 ? 'Any rating' : `≥ ${'★'.repeat(r)}`}
          </option>
        ))}
      </select>
      <select aria-label="Flag" value={query.flag ?? ''} onChange={(e) => set({ flag: (e.target.value || undefined) as AppState['query']['flag'] })}>
        <option value="">Any flag</option>
        <option value="pick">Picks</option>
        <option value="reject">Rejects</option>
      </select>
      <select aria-label="Colour label" value={query.label ?? ''} onChange={(e) => set({ label: (e.target.value || undefined) as AppState['query']['label'] })}>
        <option value="">Any label</option>
        {['red', 'yellow', 'green', 'blue', 'purple'].map((l) => (
          <option key={l} value={l}>
            {l}
          </option>
        ))}
      </select>
      <input type="date" aria-label="From date" value={query.from ?? ''} onChange={(e) => set({ from: e.target.value || undefined })} />
      <input type="date" aria-label="To date" value={query.to ?? ''} onChange={(e) => set({ to: e.target.value || undefined })} />
      <input type="text" placeholder="Camera" aria-label="Camera" value={query.camera ?? ''} onChange={(e) => set({ camera: e.target.value || undefined })} />
      <select aria-label="Sort" value={query.sort ?? 'capture'} onChange={(e) => set({ sort: e.target.value as AppState['query']['sort'] })}>
        <option value="capture">Capture time</option>
        <option value="name">File name</option>
        <option value="rating">Rating</option>
        <option value="imported">Import time</option>
      </select>
    </div>
  );
}
