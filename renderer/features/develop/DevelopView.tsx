/**
 * Develop: the WebGL2 preview in the middle, history on the left, histogram and the generated
 * sliders on the right, and the retouching chat. Keys: Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z, `\`
 * before/after, arrows between photos, Z fit/100%.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { appStore } from '../../state/app.ts';
import type { PhotoPages } from '../../state/photo-pages.ts';
import { getApi } from '../../lib/api.ts';
import type { PhotoDetail } from '../../../shared/ipc/contract.ts';
import { ChatPanel } from '../chat/ChatPanel.tsx';
import { HistoryPanel } from '../history/HistoryPanel.tsx';
import { Histogram, type HistogramData } from './Histogram.tsx';
import { PreviewCanvas } from './PreviewCanvas.tsx';
import { SliderPanel } from './SliderPanel.tsx';
import { MaskList } from './MaskList.tsx';
import { useDevelop } from './useDevelop.ts';
import { defaultSettings } from '../../../shared/develop/defaults.ts';

export function DevelopView({ photoId, pages }: { photoId: number; pages: PhotoPages }) {
  const model = useDevelop(photoId);
  const [photo, setPhoto] = useState<PhotoDetail | null>(null);
  const [before, setBefore] = useState(false);
  const [zoom, setZoom] = useState<'fit' | '100'>('fit');
  const [histogram, setHistogram] = useState<HistogramData | null>(null);
  const [clipboard, setClipboard] = useState<number | null>(null);
  const [overlay, setOverlay] = useState<string | null>(null);
  const locals = model.settings?.locals ?? [];
  // A mask that no longer exists (undone, other photo) stops being shown.
  const shownOverlay = overlay && locals.some((l) => l.mask.id === overlay) ? overlay : null;
  const lastOverlay = useRef<string | null>(null);
  if (shownOverlay) lastOverlay.current = shownOverlay;

  useEffect(() => {
    setPhoto(null);
    getApi().invoke('library.photo', { photoId }).then(setPhoto, () => setPhoto(null));
  }, [photoId]);

  const step = useCallback(
    (delta: number) => {
      const i = pages.indexOf(photoId);
      const next = pages.get(i + delta);
      if (i >= 0 && next) appStore.set({ photoId: next.id, focusIndex: i + delta });
    },
    [pages, photoId],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement).closest('input:not([type=range]), textarea, select')) return;
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        void (e.shiftKey ? model.redo() : model.undo());
      } else if (mod && e.key.toLowerCase() === 'y') {
        e.preventDefault();
        void model.redo();
      } else if (e.key === '\\') {
        e.preventDefault();
        setBefore((b) => !b);
      } else if (!mod && (e.key === 'z' || e.key === 'Z')) setZoom((z) => (z === 'fit' ? '100' : 'fit'));
      else if (!mod && (e.key === 'o' || e.key === 'O')) {
        const ids = (model.settings?.locals ?? []).map((l) => l.mask.id);
        setOverlay((cur) => (cur && ids.includes(cur) ? null : ids.includes(lastOverlay.current ?? '') ? lastOverlay.current : (ids[0] ?? null)));
      } else if (e.key === 'ArrowRight' && (e.target as HTMLElement).tagName !== 'INPUT') step(1);
      else if (e.key === 'ArrowLeft' && (e.target as HTMLElement).tagName !== 'INPUT') step(-1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [model, step]);

  const settings = before ? defaultSettings() : model.settings;
  return (
    <div className="develop" data-testid="develop-view">
      {model.stack && <HistoryPanel photoId={photoId} stack={model.stack} onJump={(c) => void model.jumpTo(c)} />}
      <section className="develop-center">
        <div className="develop-toolbar">
          <span className="file-name">{photo?.fileName}</span>
          <button className={before ? 'active' : ''} onClick={() => setBefore((b) => !b)} title="Before / after (\)">
            {before ? 'Before' : 'After'}
          </button>
          <button onClick={() => setZoom((z) => (z === 'fit' ? '100' : 'fit'))} title="Fit / 100% (Z)">
            {zoom === 'fit' ? 'Fit' : '100%'}
          </button>
          <button disabled={!model.stack?.canUndo} onClick={() => void model.undo()} title="Undo (Ctrl+Z)">
            Undo
          </button>
          <button disabled={!model.stack?.canRedo} onClick={() => void model.redo()} title="Redo (Shift+Ctrl+Z)">
            Redo
          </button>
          <button onClick={() => setClipboard(photoId)} title="Copy settings">
            Copy
          </button>
          <button
            disabled={clipboard === null || clipboard === photoId}
            onClick={async () => {
              if (clipboard === null) return;
              await getApi().invoke('develop.pasteSettings', { fromPhotoId: clipboard, toPhotoIds: [photoId] });
              model.reload();
            }}
            title="Paste settings"
          >
            Paste
          </button>
          {model.error && <span className="error">{model.error}</span>}
          {model.warnings.length > 0 && <span className="warning">{model.warnings.join('; ')}</span>}
        </div>
        {photo && settings ? (
          <PreviewCanvas src={photo.previewUrl} settings={settings} zoom={zoom} original={photo} maskOverlay={before ? null : shownOverlay} onHistogram={setHistogram} />
        ) : (
          <div className="preview-loading">Loading…</div>
        )}
      </section>
      <aside className="develop-right">
        <Histogram data={histogram} />
        <MaskList locals={locals} overlay={shownOverlay} onOverlay={setOverlay} />
        {model.committed && (
          <SliderPanel
            // The committed values: a slider keeps its own draft while dragged, and its `change`
            // (the end of the drag) must compare against the committed value to make one step.
            settings={model.committed}
            onPreview={(op, param, value) => model.preview({ op, params: { [param]: value as number } })}
            onCommit={(op, param, value) => void model.commit(op, { [param]: value as number })}
          />
        )}
      </aside>
      <ChatPanel photoId={photoId} model={model} />
    </div>
  );
}
