/**
 * The import dialog. Without a native folder picker (browser mode) the user types a folder
 * path; progress and the list of skipped files come from the import job's events.
 */
import { useEffect, useState } from 'react';
import type { ImportSummary, Progress } from '../../../shared/ipc/contract.ts';
import { getApi } from '../../lib/api.ts';

interface Props {
  onClose(): void;
  onImported(): void;
}

export function ImportDialog({ onClose, onImported }: Props) {
  const [path, setPath] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const api = getApi();
    const offP = api.on('import.progress', (p) => p.jobId === jobId && setProgress(p));
    const offD = api.on('import.done', (d) => {
      if (d.jobId !== jobId) return;
      setSummary(d.summary);
      onImported();
    });
    return () => {
      offP();
      offD();
    };
  }, [jobId, onImported]);

  const start = async () => {
    setError(null);
    setSummary(null);
    try {
      const paths = path.split('\n').map((p) => p.trim()).filter(Boolean);
      const r = await getApi().invoke('import.start', { paths });
      setJobId(r.jobId);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const running = jobId !== null && summary === null;
  const pct = progress && progress.total ? Math.round((100 * progress.done) / progress.total) : 0;

  return (
    <div className="dialog-backdrop" role="dialog" aria-label="Import photos">
      <div className="dialog">
        <h2>Import photos</h2>
        <label>
          Folder to import (one per line)
          <textarea data-testid="import-path" rows={2} value={path} onChange={(e) => setPath(e.target.value)} placeholder="/home/me/Pictures/2024" disabled={running} />
        </label>
        {error && <p className="error">{error}</p>}
        {(running || summary) && (
          <div className="progress-block">
            <progress data-testid="progress" max={progress?.total || 1} value={summary ? progress?.total || 1 : progress?.done ?? 0} />
            <div className="progress-text">
              {summary
                ? `Done: ${summary.imported} imported, ${summary.duplicates} duplicates, ${summary.updated} updated, ${summary.failed.length} skipped in ${summary.seconds.toFixed(1)} s`
                : progress
                  ? `${progress.done} / ${progress.total} (${pct}%) · ${progress.rate.toFixed(1)} photos/s${progress.etaSeconds != null ? ` · ${Math.ceil(progress.etaSeconds)} s left` : ''} · ${progress.current ?? ''}`
                  : 'Scanning…'}
            </div>
          </div>
        )}
        {summary && summary.failed.length > 0 && (
          <details open className="skipped" data-testid="import-skipped">
            <summary>{summary.failed.length} files skipped</summary>
            <ul>
              {summary.failed.map((f) => (
                <li key={f.path}>
                  <code>{f.path}</code>: {f.error}
                </li>
              ))}
            </ul>
          </details>
        )}
        <div className="dialog-buttons">
          {running ? (
            <button onClick={() => jobId && getApi().invoke('import.cancel', { jobId })}>Cancel import</button>
          ) : (
            <button data-testid="import-confirm" className="primary" disabled={!path.trim()} onClick={start}>
              Import
            </button>
          )}
          <button onClick={onClose}>{summary ? 'Close' : 'Cancel'}</button>
        </div>
      </div>
    </div>
  );
}
