/**
 * Memory for full-size images. A 24 MP image is 72 MB of pages the OS only provides when first
 * written: about 18,000 page faults, 30–40 ms of CPU, paid by whoever writes it first.
 *
 * - sharedImageArray: a SharedArrayBuffer for an image, its whole 2 MiB pages backed by huge
 *   pages where the system allows (the native module's adviseHugePages: 36 faults, and half the
 *   cost of mapping it; nothing changes elsewhere).
 * - prefault: its pages mapped ahead of use, one value written per page while libvips decodes
 *   (the calling thread is idle then), so the copy and the render that follow run at memory
 *   speed. The buffer must be fresh (all zeros): each page's first value is written with 0. The
 *   work is done in slices that yield to the event loop, so a process serving other requests
 *   (the app's main process) stays responsive; await the promise before anything else writes
 *   the buffer.
 */
import { loadNativeKernels } from './native-kernels.ts';

const PAGE_BYTES = 4096;
const SLICE_BYTES = 8 << 20;

export function sharedImageArray(count: number, bits: 8 | 16): Uint8Array | Uint16Array {
  const a = bits === 16 ? new Uint16Array(new SharedArrayBuffer(count * 2)) : new Uint8Array(new SharedArrayBuffer(count));
  const advise = loadNativeKernels().mod?.adviseHugePages as ((view: ArrayBufferView) => number) | undefined;
  if (advise && a.byteLength >= 4 << 20) advise(a);
  return a;
}

export async function prefault(a: Uint8Array | Uint16Array): Promise<void> {
  const step = PAGE_BYTES / a.BYTES_PER_ELEMENT;
  const slice = SLICE_BYTES / a.BYTES_PER_ELEMENT;
  for (let start = 0; start < a.length; start += slice) {
    const end = Math.min(a.length, start + slice);
    for (let i = start; i < end; i += step) a[i] = 0;
    if (end < a.length) await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
