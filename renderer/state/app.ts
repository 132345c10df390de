/** The app-wide UI state: which view, which photo, the library filter and selection. */
import type { PhotoQueryInput } from '../../shared/ipc/contract.ts';
import { createStore } from './store.ts';

export type View = 'library' | 'develop';

export interface AppState {
  view: View;
  /** The photo open in Develop (and the focused tile in the grid). */
  photoId: number | null;
  /** Index of the focused tile in the current query's order. */
  focusIndex: number;
  query: Omit<PhotoQueryInput, 'limit' | 'offset'>;
  /** Bumped whenever the catalog changes, so the grid refetches. */
  catalogVersion: number;
  showImport: boolean;
  showExport: boolean;
  status: string | null;
}

export const appStore = createStore<AppState>({
  view: 'library',
  photoId: null,
  focusIndex: 0,
  query: { sort: 'capture' },
  catalogVersion: 0,
  showImport: false,
  showExport: false,
  status: null,
});
