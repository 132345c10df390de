/**
 * Maps a fresh buffer's memory ahead of use. A new SharedArrayBuffer of a 24 MP image is 72 MB
 * of pages the OS only provides when first written — about 18,000 page faults, 30–40 ms of CPU,
 * paid by whoever writes it first. Written here one value per page while libvips decodes (the
 * calling thread is idle then), the copy and the render that follow run at memory speed.
 *
 * The buffer must be fresh (all zeros): each page's first value is written with 0. The work is
 * done in slices that yield to the event loop, so a process serving other requests (the app's
 * main process) stays responsive; await the promise before anything else writes the buffer.
 */
const PAGE_BYTES = 4096;
const SLICE_BYTES = 8 << 20;

export async function prefault(a: Uint8Array | Uint16Array): Promise<void> {
  const step = PAGE_BYTES / a.BYTES_PER_ELEMENT;
  const slice = SLICE_BYTES / a.BYTES_PER_ELEMENT;
  for (let start = 0; start < a.length; start += slice) {
    const end = Math.min(a.length, start + slice);
    for (let i = start; i < end; i += step) a[i] = 0;
    if (end < a.length) await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
