/** The export dialog: presets, options, progress and the list of written / failed files. */
import { useEffect, useState } from 'react';
import type { ExportOptions, ExportResult, Progress } from '../../../shared/ipc/contract.ts';
import { getApi } from '../../lib/api.ts';

const PRESETS: { name: string; options: Partial<ExportOptions> }[] = [
  { name: 'Full size, high quality', options: { quality: 92, longEdge: undefined, maxKb: undefined } },
  { name: 'Web (2048 px)', options: { quality: 85, longEdge: 2048, maxKb: undefined } },
  { name: 'Email (1600 px, ≤ 500 KB)', options: { quality: 80, longEdge: 1600, maxKb: 500 } },
];

export function ExportDialog({ photoIds, onClose }: { photoIds: number[]; onClose(): void }) {
  const [options, setOptions] = useState<ExportOptions>({ destination: '', quality: 90, nameTemplate: '{name}', metadata: 'all', createFolder: true });
  const [jobId, setJobId] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<ExportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const set = (p: Partial<ExportOptions>) => setOptions((o) => ({ ...o, ...p }));

  useEffect(() => {
    const api = getApi();
    const offP = api.on('export.progress', (p) => p.jobId === jobId && setProgress(p));
    const offD = api.on('export.done', (d) => d.jobId === jobId && setResult(d.result));
    return () => {
      offP();
      offD();
    };
  }, [jobId]);

  const start = async () => {
    setError(null);
    setResult(null);
    try {
      setJobId((await getApi().invoke('export.start', { photoIds, options })).jobId);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const running = jobId !== null && !result;
  return (
    <div className="dialog-backdrop" role="dialog" aria-label="Export">
      <div className="dialog">
        <h2>
          Export {photoIds.length} photo{photoIds.length > 1 ? 's' : ''}
        </h2>
        <label>
          Preset
          <select onChange={(e) => set(PRESETS[Number(e.target.value)].options)} defaultValue="">
            <option value="" disabled>
              Choose a preset…
            </option>
            {PRESETS.map((p, i) => (
              <option key={p.name} value={i}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Destination folder
          <input data-testid="export-destination" value={options.destination} onChange={(e) => set({ destination: e.target.value })} placeholder="/home/me/Exports" />
        </label>
        <label className="checkbox" title="Create the destination folder (and its parents) if it does not exist yet">
          <input type="checkbox" data-testid="export-create-folder" checked={options.createFolder === true} onChange={(e) => set({ createFolder: e.target.checked })} />
          Create the folder if it does not exist
        </label>
        <div className="row">
          <label>
            Quality
            <input type="number" min={1} max={100} value={options.quality} onChange={(e) => set({ quality: Number(e.target.value) })} />
          </label>
          <label>
            Long edge (px)
            <input data-testid="export-long-edge" type="number" min={16} value={options.longEdge ?? ''} onChange={(e) => set({ longEdge: e.target.value ? Number(e.target.value) : undefined })} />
          </label>
          <label>
            Max size (KB)
            <input type="number" min={10} value={options.maxKb ?? ''} onChange={(e) => set({ maxKb: e.target.value ? Number(e.target.value) : undefined })} />
          </label>
        </div>
        <div className="row">
          <label>
            File name
            <input value={options.nameTemplate} onChange={(e) => set({ nameTemplate: e.target.value })} title="{name} {date:YYYY-MM-DD} {seq:3} {rating} {camera}" />
          </label>
          <label>
            Metadata
            <select value={options.metadata} onChange={(e) => set({ metadata: e.target.value as ExportOptions['metadata'] })}>
              <option value="all">All</option>
              <option value="no-gps">All but GPS</option>
              <option value="copyright">Copyright only</option>
              <option value="none">None</option>
            </select>
          </label>
        </div>
        {error && <p className="error">{error}</p>}
        {(running || result) && (
          <div className="progress-block">
            <progress data-testid="progress" max={progress?.total || 1} value={result ? progress?.total || 1 : progress?.done ?? 0} />
            <div className="progress-text">{result ? `Wrote ${result.written.length}, failed ${result.failed.length}, in ${result.seconds.toFixed(1)} s` : progress ? `${progress.done} / ${progress.total} · ${progress.current ?? ''}` : 'Starting…'}</div>
          </div>
        )}
        {result && (
          <ul className="export-results" data-testid="export-results">
            {result.written.map((w) => (
              <li key={w.path}>
                <code>{w.path}</code> {w.width}×{w.height}, {Math.round(w.bytes / 1024)} KB
              </li>
            ))}
            {result.failed.map((f) => (
              <li key={f.photoId} className="error">
                Photo {f.photoId}: {f.error}
              </li>
            ))}
          </ul>
        )}
        <div className="dialog-buttons">
          {running ? (
            <button onClick={() => jobId && getApi().invoke('export.cancel', { jobId })}>Cancel</button>
          ) : (
            <button data-testid="export-confirm" className="primary" disabled={!options.destination.trim()} onClick={start}>
              Export
            </button>
          )}
          <button onClick={onClose}>{result ? 'Close' : 'Cancel'}</button>
        </div>
      </div>
    </div>
  );
}
