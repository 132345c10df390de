/**
 * Page cache for the library grid: the grid asks for photo i; pages of PAGE photos are fetched
 * on demand for the current query, so scrolling 100k photos only ever loads what is on screen.
 */
import type { PhotoQueryInput, PhotoSummary } from '../../shared/ipc/contract.ts';
import type { TonewrightApi } from '../../shared/ipc/contract.ts';

export const PAGE = 300;

export class PhotoPages {
  private pages = new Map<number, PhotoSummary[]>();
  private pending = new Map<number, Promise<void>>();
  total = 0;
  private listeners = new Set<() => void>();
  version = 0;

  constructor(
    private readonly api: TonewrightApi,
    private readonly query: Omit<PhotoQueryInput, 'limit' | 'offset'>,
  ) {}

  onChange(l: () => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private changed(): void {
    this.version++;
    this.listeners.forEach((l) => l());
  }

  async loadFirst(): Promise<void> {
    await this.ensurePage(0);
  }

  get(index: number): PhotoSummary | undefined {
    return this.pages.get(Math.floor(index / PAGE))?.[index % PAGE];
  }

  /** Ensures the pages covering [from, to) are loaded or loading. */
  want(from: number, to: number): void {
    const first = Math.max(0, Math.floor(from / PAGE));
    const last = Math.floor(Math.max(from, to - 1) / PAGE);
    for (let p = first; p <= last; p++) void this.ensurePage(p);
  }

  indexOf(photoId: number): number {
    for (const [p, photos] of this.pages) {
      const i = photos.findIndex((x) => x.id === photoId);
      if (i >= 0) return p * PAGE + i;
    }
    return -1;
  }

  /** Updates cached rows in place (after a rating/flag change) without refetching. */
  patch(photoIds: number[], patch: Partial<PhotoSummary>): void {
    const ids = new Set(photoIds);
    for (const photos of this.pages.values()) photos.forEach((p, i) => ids.has(p.id) && (photos[i] = { ...p, ...patch }));
    this.changed();
  }

  /**
   * Re-reads the cached rows of these photos (e.g. an edited thumbnail became available: its
   * URL changed) and updates them in place; photos not on a loaded page are skipped.
   */
  async refresh(photoIds: readonly number[]): Promise<void> {
    const cached = photoIds.filter((id) => this.indexOf(id) >= 0);
    const fresh = await Promise.all(cached.map((id) => this.api.invoke('library.photo', { photoId: id }).catch(() => null)));
    let changed = false;
    for (const d of fresh) {
      if (!d) continue;
      for (const photos of this.pages.values())
        photos.forEach((p, i) => {
          if (p.id === d.id && p.thumbUrl !== d.thumbUrl) {
            photos[i] = { ...p, thumbUrl: d.thumbUrl };
            changed = true;
          }
        });
    }
    if (changed) this.changed();
  }

  private ensurePage(p: number): Promise<void> {
    if (this.pages.has(p)) return Promise.resolve();
    let pending = this.pending.get(p);
    if (!pending) {
      pending = this.api
        .invoke('library.query', { ...this.query, limit: PAGE, offset: p * PAGE })
        .then((r) => {
          this.total = r.total;
          this.pages.set(p, r.photos);
          this.changed();
        })
        .finally(() => this.pending.delete(p));
      this.pending.set(p, pending);
    }
    return pending;
  }
}
