/**
 * Lightroom / Camera Raw sidecars found beside imported photos: list them (so the UI or CLI can
 * offer them), and apply them as one undoable `import` turn per photo. A photo that already has
 * edits is never overwritten by a sidecar.
 */
import { randomUUID } from 'node:crypto';
import type { Repositories } from '../../repositories/index.ts';
import type { DevelopService } from '../develop/develop-service.ts';
import { findSidecar, readXmpFile } from '../export/sidecar.ts';

export interface SidecarOffer {
  photoId: number;
  photoPath: string;
  sidecar: string;
}

export interface SidecarResult {
  applied: { photoId: number; sidecar: string; steps: number; unmapped: string[] }[];
  failed: { path: string; error: string }[];
}

/** Photos under the roots that have a sidecar and no edits yet. */
export async function findSidecarOffers(repos: Pick<Repositories, 'photos' | 'edits'>, roots: readonly string[]): Promise<SidecarOffer[]> {
  const offers: SidecarOffer[] = [];
  for (const root of roots) {
    for (const photo of repos.photos.query({ under: root, includeMissing: false, limit: 1_000_000 })) {
      if (repos.edits.load(photo.id)?.steps.length) continue;
      const sidecar = await findSidecar(photo.path);
      if (sidecar) offers.push({ photoId: photo.id, photoPath: photo.path, sidecar });
    }
  }
  return offers;
}

export async function applySidecars(develop: DevelopService, offers: readonly SidecarOffer[]): Promise<SidecarResult> {
  const result: SidecarResult = { applied: [], failed: [] };
  for (const o of offers) {
    try {
      const xmp = await readXmpFile(o.sidecar);
      if (xmp.steps.length) develop.commitTurn(o.photoId, xmp.steps, randomUUID(), 'import');
      result.applied.push({ photoId: o.photoId, sidecar: o.sidecar, steps: xmp.steps.length, unmapped: xmp.unmapped });
    } catch (err) {
      result.failed.push({ path: o.sidecar, error: (err as Error).message.split('\n')[0] });
    }
  }
  return result;
}
