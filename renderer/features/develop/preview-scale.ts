/**
 * The preview's render scales (see shared/pixel/pipeline/plan.ts): `sourceScale` is source
 * pixels per original pixel, `scale` output pixels per original pixel. Export renders with
 * scale = sourceScale = decoded / original; the preview does the same, then shrinks the output
 * to the on-screen size in "fit" (never enlarging past the source).
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
): { scale: number; sourceScale: number } {
  // Long edges: the catalog may store the sensor's size before orientation is applied.
  const srcLong = Math.max(source.width, source.height);
  const origLong = original?.width && original.height ? Math.max(original.width, original.height) : srcLong;
  const sourceScale = Math.min(1, srcLong / origLong);
  if (zoom === '100' || box.width <= 0 || box.height <= 0) return { scale: sourceScale, sourceScale };
  const fit = Math.min(1, (box.width * devicePixelRatio) / source.width, (box.height * devicePixelRatio) / source.height);
  // Quantised so a window resize by a pixel or two does not re-plan every frame.
  const q = Math.max(1 / 64, Math.round(fit * 64) / 64);
  return { scale: sourceScale * Math.min(1, q), sourceScale };
}
