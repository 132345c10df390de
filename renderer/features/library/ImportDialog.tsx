/**
 * The import dialog. Without a native folder picker (browser mode) the user types a folder
 * path; progress and the list of skipped files come from the import job's events.
 */
import { useEffect, useState } from 'react';
import type { ImportSummary, Progress, SidecarResult } from '../../../shared/ipc/contract.ts';
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
  const [sidecarResult, setSidecarResult] = useState<SidecarResult | null>(null);
  const [applying, setApplying] = useState(false);

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
    setSidecarResult(null);
    try {
      const paths = path.split('\n').map((p) => p.trim()).filter(Boolean);
      const r = await getApi().invoke('import.start', { paths });
      setJobId(r.jobId);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const applySidecars = async () => {
    if (!summary?.sidecars?.length) return;
    setApplying(true);
    try {
      setSidecarResult(await getApi().invoke('import.applySidecars', { photoIds: summary.sidecars.map((o) => o.photoId) }));
      onImported();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setApplying(false);
    }
  };
  const running = jobId !== null && summary === null;
  const sidecars = summary?.sidecars ?? [];
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
        {sidecars.length > 0 && (
          <div className="sidecar-offer" data-testid="import-sidecars">
            <p>
              {sidecars.length} Lightroom sidecar{sidecars.length > 1 ? 's' : ''} (.xmp) found beside photos without edits. Apply their develop settings? Each photo gets one
              undoable step group.
            </p>
            <ul>
              {sidecars.slice(0, 50).map((o) => (
                <li key={o.photoId}>
                  <code>{o.sidecar}</code>
                </li>
              ))}
              {sidecars.length > 50 && <li>… and {sidecars.length - 50} more</li>}
            </ul>
            {sidecarResult ? (
              <p data-testid="import-sidecars-result">
                Applied to {sidecarResult.applied.length} photo{sidecarResult.applied.length === 1 ? '' : 's'}
                {sidecarResult.applied.some((a) => a.unmapped.length) && ` (settings without a Tonewright equivalent: ${[...new Set(sidecarResult.applied.flatMap((a) => a.unmapped))].join(', ')})`}
                {sidecarResult.failed.length > 0 && `; ${sidecarResult.failed.length} not applied: ${sidecarResult.failed.map((f) => `${f.path}: ${f.error}`).join('; ')}`}
              </p>
            ) : (
              <button data-testid="import-apply-sidecars" className="primary" disabled={applying} onClick={applySidecars}>
                {applying ? 'Applying…' : 'Apply sidecars'}
              </button>
            )}
          </div>
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
