/**
 * The live preview: decodes the photo's preview image once, hands it to the WebGL2 renderer
 * (renderer/gl, generated from the op declarations) and re-renders on every settings change,
 * at most once per animation frame. Reports the histogram of what it drew.
 */
import { useEffect, useRef, useState } from 'react';
import type { ResolvedSettings } from '../../../shared/develop/defaults.ts';
import { createPreviewRenderer, type PreviewRenderer } from '../../gl/preview.ts';
import { loadSourceImage } from '../../gl/source.ts';
import { computeHistogram, type HistogramData } from './Histogram.tsx';

interface Props {
  src: string;
  settings: ResolvedSettings;
  zoom: 'fit' | '100';
  onHistogram(h: HistogramData): void;
}

export function PreviewCanvas({ src, settings, zoom, onHistogram }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const renderer = useRef<PreviewRenderer | null>(null);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const frame = useRef(0);
  const latest = useRef(settings);
  latest.current = settings;

  useEffect(() => {
    let live = true;
    setReady(false);
    setError(null);
    (async () => {
      try {
        renderer.current ??= createPreviewRenderer(canvas.current!);
        const source = await loadSourceImage(src);
        if (!live) return;
        renderer.current.setSource(source);
        setReady(true);
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
    if (!ready) return;
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      const r = renderer.current;
      if (!r) return;
      r.render(latest.current);
      canvas.current!.dataset.renders = String(Number(canvas.current!.dataset.renders ?? 0) + 1);
      onHistogram(computeHistogram(r.readPixels(256)));
    });
  }, [ready, settings, onHistogram]);

  return (
    <div className={`preview zoom-${zoom}`}>
      <canvas ref={canvas} data-testid="preview-canvas" data-ready={ready ? '1' : '0'} />
      {error && <div className="error preview-error">{error}</div>}
    </div>
  );
}
