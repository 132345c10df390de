/**
 * The live preview: decodes the photo's preview image once, hands it to the WebGL2 renderer
 * (renderer/gl, generated from the op declarations) and re-renders on every settings change,
 * at most once per animation frame. Reports the histogram of what it drew.
 *
 * Scale: the source is the catalog's preview (≤ 2048 px), not the original, so the renderer is
 * told both how the source relates to the original (sourceScale) and the output size (scale),
 * exactly as export does; spatial operations (clarity, texture, sharpening, noise reduction)
 * then act on the same image content as in the exported file. In "fit" the frame is drawn at
 * the on-screen size in device pixels (no wasted pixels during a drag); "100%" draws every
 * pixel of the source.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { planGeometry } from '../../../shared/pixel/pipeline/geometry.ts';
import type { ResolvedSettings } from '../../../shared/develop/defaults.ts';
import type { SourceImage } from '../../../shared/pixel/pipeline/types.ts';
import { createPreviewRenderer, type PreviewRenderer } from '../../gl/preview.ts';
import { loadSourceImage } from '../../gl/source.ts';
import { computeHistogram, type HistogramData } from './Histogram.tsx';
import { previewScales } from './preview-scale.ts';

interface Props {
  src: string;
  settings: ResolvedSettings;
  zoom: 'fit' | '100';
  /** The original's pixel size (from the catalog), when known. */
  original?: { width: number | null; height: number | null };
  /** Id of a local adjustment whose mask is shown as a red overlay (Lightroom's O key). */
  maskOverlay?: string | null;
  onHistogram(h: HistogramData): void;
  /** The decoded preview source (for colour picking and overlay geometry). */
  onSource?(image: SourceImage | null): void;
  /** Drawn over the canvas, given where the canvas sits in the preview box (CSS pixels). */
  overlay?: (frame: Frame) => ReactNode;
  /** Leave a margin around the picture (the crop tool's handles sit on its edges). */
  padded?: boolean;
}

/** The canvas's box inside the preview area, in CSS pixels. */
export interface Frame {
  left: number;
  top: number;
  width: number;
  height: number;
}

const sameFrame = (a: Frame | null, b: Frame) => !!a && a.left === b.left && a.top === b.top && a.width === b.width && a.height === b.height;

export function PreviewCanvas({ src, settings, zoom, original, maskOverlay, onHistogram, onSource, overlay, padded }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const renderer = useRef<PreviewRenderer | null>(null);
  const [source, setSource] = useState<{ width: number; height: number } | null>(null);
  const [boxSize, setBoxSize] = useState({ width: 0, height: 0 });
  const [error, setError] = useState<string | null>(null);
  const [frameBox, setFrameBox] = useState<Frame | null>(null);
  const onSourceRef = useRef(onSource);
  onSourceRef.current = onSource;
  const frame = useRef(0);
  const latest = useRef(settings);
  latest.current = settings;
  const ready = source !== null;

  useEffect(() => {
    let live = true;
    setSource(null);
    setError(null);
    onSourceRef.current?.(null);
    (async () => {
      try {
        renderer.current ??= createPreviewRenderer(canvas.current!);
        const image = await loadSourceImage(src);
        if (!live) return;
        renderer.current.setSource(image);
        setSource({ width: image.width, height: image.height });
        onSourceRef.current?.(image);
      } catch (e) {
        if (live) setError((e as Error).message);
      }
    })();
    return () => {
      live = false;
    };
  }, [src]);

  useEffect(() => () => renderer.current?.dispose(), []);

  useEffect(() => {
    const el = box.current!;
    const measure = () => setBoxSize({ width: el.clientWidth, height: el.clientHeight });
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    measure();
    return () => ro.disconnect();
  }, []);

  // Where the canvas is drawn (it is scaled down by CSS in "fit"): overlays sit exactly on it.
  useEffect(() => {
    const c = canvas.current!;
    const measure = () => {
      const next = { left: c.offsetLeft, top: c.offsetTop, width: c.clientWidth, height: c.clientHeight };
      setFrameBox((cur) => (sameFrame(cur, next) ? cur : next));
    };
    const ro = new ResizeObserver(measure);
    ro.observe(c);
    ro.observe(box.current!);
    measure();
    return () => ro.disconnect();
  }, []);

  const cropKey = JSON.stringify(settings.ops.crop ?? null);
  const frameSize = useMemo(() => {
    if (!source) return null;
    const g = planGeometry(settings.ops.crop, source.width, source.height, 1);
    return { width: g.width, height: g.height };
  }, [source, cropKey]);
  const scales = source ? previewScales(source, original, zoom, boxSize, window.devicePixelRatio || 1, frameSize ?? source) : null;
  const scale = scales?.scale;
  const sourceScale = scales?.sourceScale;

  useEffect(() => {
    if (!ready || scale === undefined) return;
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      const r = renderer.current;
      if (!r) return;
      r.render(latest.current, { scale, sourceScale, maskOverlay: maskOverlay ?? undefined });
      canvas.current!.dataset.renders = String(Number(canvas.current!.dataset.renders ?? 0) + 1);
      canvas.current!.dataset.overlay = maskOverlay ?? '';
      const c = canvas.current!;
      const next = { left: c.offsetLeft, top: c.offsetTop, width: c.clientWidth, height: c.clientHeight };
      setFrameBox((cur) => (sameFrame(cur, next) ? cur : next));
      // The histogram describes the photo, not the red overlay.
      if (!maskOverlay) onHistogram(computeHistogram(r.readPixels(256)));
    });
  }, [ready, settings, scale, sourceScale, maskOverlay, onHistogram]);

  return (
    <div ref={box} className={`preview zoom-${zoom}${padded ? ' padded' : ''}`}>
      <canvas ref={canvas} data-testid="preview-canvas" data-ready={ready ? '1' : '0'} />
      {ready && overlay && frameBox && frameBox.width > 0 && overlay(frameBox)}
      {error && <div className="error preview-error">{error}</div>}
    </div>
  );
}
