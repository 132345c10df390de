/**
 * `import.applySidecars`: the import dialog's "apply the Lightroom sidecars" button. The
 * renderer names photos, never files: each photo's sidecar is looked up again beside the
 * photo itself (main/services/export/sidecar.ts), so a request cannot make main read another
 * file; photos that already have edits are skipped (a sidecar never overwrites work).
 */
import { IpcFailure, type Handlers } from '../../ipc/dispatch.ts';
import type { CoreServices } from '../app-services.ts';
import { findSidecar } from '../export/sidecar.ts';
import { applySidecars, type SidecarOffer } from './sidecars.ts';

export function importExtras(core: Pick<CoreServices, 'catalog' | 'develop'>): Partial<Handlers> {
  return {
    'import.applySidecars': async ({ photoIds }) => {
      const offers: SidecarOffer[] = [];
      const failed: { path: string; error: string }[] = [];
      for (const id of new Set(photoIds)) {
        const photo = core.catalog.photos.byId(id);
        if (!photo) throw new IpcFailure('not-found', `photo ${id} is not in the catalog`);
        if (core.catalog.edits.load(id)?.steps.length) {
          failed.push({ path: photo.path, error: 'already has edits; the sidecar was not applied' });
          continue;
        }
        const sidecar = await findSidecar(photo.path);
        if (sidecar) offers.push({ photoId: id, photoPath: photo.path, sidecar });
        else failed.push({ path: photo.path, error: 'no sidecar (.xmp) beside this photo' });
      }
      const r = await applySidecars(core.develop, offers);
      return { applied: r.applied, failed: [...failed, ...r.failed] };
    },
  };
}
