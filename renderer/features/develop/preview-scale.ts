/**
 * The preview's render scales (see shared/pixel/pipeline/plan.ts): `sourceScale` is source
 * pixels per original pixel, `scale` output pixels per original pixel. Export renders with
 * scale = sourceScale = decoded / original; the preview does the same, then shrinks the output
 * to the on-screen size in "fit" (never enlarging past the source): the size of the shown frame
 * (cropped, turned) is what must fit, so a crop fills the view.
 */
export interface Size {
  width: number;
  height: number;
}

export function previewScales(
  source: Size,
  original: { width: number | null; height: number | null } | undefined,
  zoom: 'fit' | '100',
  box: Size,
  devicePixelRatio: number,
  /** The shown frame (after crop and quarter turns) in source pixels; default the whole source. */
  frame: Size = source,
): { scale: number; sourceScale: number } {
  // Long edges: the catalog may store the sensor's size before orientation is applied.
  const srcLong = Math.max(source.width, source.height);
  const origLong = original?.width && original.height ? Math.max(original.width, original.height) : srcLong;
  const sourceScale = Math.min(1, srcLong / origLong);
  if (zoom === '100' || box.width <= 0 || box.height <= 0) return { scale: sourceScale, sourceScale };
  // A cropped frame fills the box like the whole picture does.
  const fw = frame.width > 0 ? frame.width : source.width;
  const fh = frame.height > 0 ? frame.height : source.height;
  const fit = Math.min(1, (box.width * devicePixelRatio) / fw, (box.height * devicePixelRatio) / fh);
  // Quantised so a window resize by a pixel or two does not re-plan every frame.
  const q = Math.max(1 / 64, Math.round(fit * 64) / 64);
  return { scale: sourceScale * Math.min(1, q), sourceScale };
}
