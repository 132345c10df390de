/**
 * Background import jobs for the UI: start an import of folders, stream its progress as typed
 * events, cancel it. The import itself (resumable, crash-safe) is main/services/import.
 */
import { randomUUID } from 'node:crypto';
import type { EventBus } from '../../ipc/dispatch.ts';
import type { Repositories } from '../../repositories/index.ts';
import { importFolders, type ImportSummary } from '../import/import-service.ts';
import { findSidecarOffers, type SidecarOffer } from '../import/sidecars.ts';

export class ImportJobs {
  private running = new Map<string, AbortController>();

  constructor(
    private readonly repos: Repositories,
    private readonly cacheDir: string,
    private readonly bus: EventBus,
    private readonly run: typeof importFolders = importFolders,
  ) {}

  start(paths: string[]): string {
    const jobId = randomUUID();
    const controller = new AbortController();
    this.running.set(jobId, controller);
    let last = 0;
    void this.run(this.repos, {
      roots: paths,
      cacheDir: this.cacheDir,
      signal: controller.signal,
      onProgress: (p) => {
        const now = Date.now();
        if (now - last < 100 && p.done < p.total) return;
        last = now;
        this.bus.emit('import.progress', { jobId, done: p.done, total: p.total, current: p.current, rate: p.rate, etaSeconds: p.eta });
      },
    })
      // Offer the Lightroom sidecars found beside the photos (the dialog applies them on request).
      .then(async (s: ImportSummary) => this.finish(jobId, s, await findSidecarOffers(this.repos, paths).catch(() => [])))
      .catch((err: Error) => this.finish(jobId, { imported: 0, duplicates: 0, updated: 0, missing: 0, failed: [{ path: paths.join(', '), error: err.message }], seconds: 0 }));
    return jobId;
  }

  private finish(jobId: string, s: Pick<ImportSummary, 'imported' | 'duplicates' | 'updated' | 'missing' | 'failed' | 'seconds'>, sidecars: SidecarOffer[] = []): void {
    this.running.delete(jobId);
    this.bus.emit('import.done', {
      jobId,
      summary: { imported: s.imported, duplicates: s.duplicates, updated: s.updated, missing: s.missing, failed: s.failed, seconds: s.seconds, sidecars },
    });
    this.bus.emit('catalog.changed', {});
  }

  cancel(jobId: string): boolean {
    const c = this.running.get(jobId);
    c?.abort();
    return !!c;
  }

  /** Waits for every running import to stop (shutdown). */
  async drain(): Promise<void> {
    for (const c of this.running.values()) c.abort();
    while (this.running.size) await new Promise((r) => setTimeout(r, 20));
  }
}
