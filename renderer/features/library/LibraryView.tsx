/** The Library: folder tree, filters, the virtualised grid, and keyboard marking. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Folder, PhotoSummary } from '../../../shared/ipc/contract.ts';
import { getApi } from '../../lib/api.ts';
import { appStore, type AppState } from '../../state/app.ts';
import { PhotoPages } from '../../state/photo-pages.ts';
import { useStore } from '../../state/store.ts';
import { FolderTree } from './FolderTree.tsx';
import { Filters } from './Filters.tsx';
import { Grid } from './Grid.tsx';
import { markFromKey } from './marks.ts';

export function usePhotoPages(query: AppState['query'], version: number): PhotoPages {
  const pages = useMemo(() => new PhotoPages(getApi(), query), [JSON.stringify(query), version]);
  useEffect(() => void pages.loadFirst(), [pages]);
  // Edited thumbnails land after the edit (rendered in main): refresh just those tiles.
  useEffect(() => getApi().on('catalog.changed', (e) => void (e.photoIds?.length && pages.refresh(e.photoIds))), [pages]);
  return pages;
}

export function LibraryView({ pages }: { pages: PhotoPages }) {
  const query = useStore(appStore, (s) => s.query);
  const focusIndex = useStore(appStore, (s) => s.focusIndex);
  const version = useStore(appStore, (s) => s.catalogVersion);
  const [folders, setFolders] = useState<Folder[]>([]);

  useEffect(() => {
    getApi().invoke('library.folders', {}).then(setFolders, () => setFolders([]));
  }, [version]);

  // Like a catalogue app, a photo is always selected once there is one: the focused tile is
  // also the photo Develop and Export act on.
  useEffect(
    () =>
      pages.onChange(() => {
        const s = appStore.get();
        const p = s.photoId === null ? pages.get(s.focusIndex) : undefined;
        if (p) appStore.set({ photoId: p.id });
      }),
    [pages],
  );

  const focus = useCallback((index: number, photo: PhotoSummary | undefined) => {
    appStore.set({ focusIndex: index, photoId: photo?.id ?? null });
  }, []);
  const open = useCallback((photo: PhotoSummary) => {
    appStore.set({ photoId: photo.id, view: 'develop' });
  }, []);

  useEffect(() => {
    const onKey = async (e: KeyboardEvent) => {
      if ((e.target as HTMLElement).closest('input, textarea, select')) return;
      const photo = pages.get(appStore.get().focusIndex);
      const mark = markFromKey(e.key);
      if (mark && photo) {
        e.preventDefault();
        await getApi().invoke('library.setMarks', { photoIds: [photo.id], ...mark });
        pages.patch([photo.id], {
          ...(mark.rating !== undefined ? { rating: mark.rating } : {}),
          ...(mark.flag !== undefined ? { flag: mark.flag === 'none' ? null : mark.flag } : {}),
          ...(mark.label !== undefined ? { label: mark.label === 'none' ? null : mark.label } : {}),
        });
        return;
      }
      const cols = Math.max(1, Math.floor((document.querySelector('.grid')?.clientWidth ?? 800) / 184));
      const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: cols, ArrowUp: -cols };
      if (e.key in moves) {
        e.preventDefault();
        const next = Math.max(0, Math.min(pages.total - 1, appStore.get().focusIndex + moves[e.key]));
        appStore.set({ focusIndex: next, photoId: pages.get(next)?.id ?? null });
      } else if (e.key === 'Enter' && photo) open(photo);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pages, open]);

  return (
    <div className="library" data-testid="library-view">
      <FolderTree folders={folders} selected={query.folderId} onSelect={(folderId) => appStore.set({ query: { ...query, folderId }, focusIndex: 0 })} />
      <section className="library-main">
        <Filters query={query} onChange={(q) => appStore.set({ query: q, focusIndex: 0 })} />
        <div className="library-count">{pages.total.toLocaleString()} photos</div>
        <Grid pages={pages} focusIndex={focusIndex} onFocus={focus} onOpen={open} />
      </section>
    </div>
  );
}
