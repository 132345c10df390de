/** The app shell: top bar (Library / Develop, Import, Export), the active view, global keys. */
import { useCallback, useEffect } from 'react';
import { appStore } from './state/app.ts';
import { useStore } from './state/store.ts';
import { ImportDialog } from './features/library/ImportDialog.tsx';
import { LibraryView, usePhotoPages } from './features/library/LibraryView.tsx';
import { DevelopView } from './features/develop/DevelopView.tsx';
import { ExportDialog } from './features/export/ExportDialog.tsx';

export function App() {
  const view = useStore(appStore, (s) => s.view);
  const showImport = useStore(appStore, (s) => s.showImport);
  const showExport = useStore(appStore, (s) => s.showExport);
  const photoId = useStore(appStore, (s) => s.photoId);
  const query = useStore(appStore, (s) => s.query);
  const version = useStore(appStore, (s) => s.catalogVersion);
  const status = useStore(appStore, (s) => s.status);
  const pages = usePhotoPages(query, version);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement).closest('input, textarea, select')) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'g' || e.key === 'G') appStore.set({ view: 'library' });
      else if ((e.key === 'd' || e.key === 'D') && appStore.get().photoId !== null) appStore.set({ view: 'develop' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const imported = useCallback(() => appStore.set((s) => ({ catalogVersion: s.catalogVersion + 1 })), []);

  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Tonewright</span>
        <nav>
          <button className={view === 'library' ? 'active' : ''} onClick={() => appStore.set({ view: 'library' })} title="Library (G)">
            Library
          </button>
          <button className={view === 'develop' ? 'active' : ''} disabled={photoId === null} onClick={() => appStore.set({ view: 'develop' })} title="Develop (D)">
            Develop
          </button>
        </nav>
        <div className="spacer" />
        {status && <span className="status">{status}</span>}
        <button data-testid="import-button" onClick={() => appStore.set({ showImport: true })}>
          Import…
        </button>
        <button data-testid="export-button" disabled={photoId === null} onClick={() => appStore.set({ showExport: true })}>
          Export…
        </button>
      </header>
      <main className="content">{view === 'library' || photoId === null ? <LibraryView pages={pages} /> : <DevelopView photoId={photoId} pages={pages} />}</main>
      {showImport && <ImportDialog onClose={() => appStore.set({ showImport: false })} onImported={imported} />}
      {showExport && photoId !== null && <ExportDialog photoIds={[photoId]} onClose={() => appStore.set({ showExport: false })} />}
    </div>
  );
}
