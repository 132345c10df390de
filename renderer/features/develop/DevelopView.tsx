/**
 * Develop: the WebGL2 preview in the middle, history on the left, histogram, masks and the
 * generated sliders on the right, and the retouching chat. Keys: Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z,
 * `\` before/after, arrows between photos, Z fit/100%, R crop tool (Enter/R done, Esc cancel,
 * X swap orientation), O mask overlay, Esc leaves a mask tool.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { appStore } from '../../state/app.ts';
import type { PhotoPages } from '../../state/photo-pages.ts';
import { getApi } from '../../lib/api.ts';
import type { PhotoDetail } from '../../../shared/ipc/contract.ts';
import type { SourceImage } from '../../../shared/pixel/pipeline/types.ts';
import { ChatPanel } from '../chat/ChatPanel.tsx';
import { HistoryPanel } from '../history/HistoryPanel.tsx';
import { Histogram, type HistogramData } from './Histogram.tsx';
import { PreviewCanvas, type Frame } from './PreviewCanvas.tsx';
import { SliderPanel } from './SliderPanel.tsx';
import { MaskList } from './MaskList.tsx';
import { useDevelop } from './useDevelop.ts';
import { defaultSettings } from '../../../shared/develop/defaults.ts';
import { CropOverlay } from './crop/CropOverlay.tsx';
import { CropToolbar } from './crop/CropToolbar.tsx';
import { toolViewParams } from './crop/cropParams.ts';
import { useCropTool } from './crop/useCropTool.ts';
import { MaskEditor } from './masks/MaskEditor.tsx';
import { MaskOverlay } from './masks/MaskOverlay.tsx';
import { useMaskTools } from './masks/useMaskTools.ts';
import { viewMap } from './viewMap.ts';

export function DevelopView({ photoId, pages }: { photoId: number; pages: PhotoPages }) {
  const model = useDevelop(photoId);
  const [photo, setPhoto] = useState<PhotoDetail | null>(null);
  const [before, setBefore] = useState(false);
  const [zoom, setZoom] = useState<'fit' | '100'>('fit');
  const [histogram, setHistogram] = useState<HistogramData | null>(null);
  const [clipboard, setClipboard] = useState<number | null>(null);
  const [overlay, setOverlay] = useState<string | null>(null);
  const [source, setSource] = useState<SourceImage | null>(null);
  const crop = useCropTool();
  const locals = model.settings?.locals ?? [];
  const masks = useMaskTools(model, locals, source);
  // A mask that no longer exists (undone, other photo) stops being shown.
  const shownOverlay = overlay && locals.some((l) => l.mask.id === overlay) ? overlay : null;
  const lastOverlay = useRef<string | null>(null);
  if (shownOverlay) lastOverlay.current = shownOverlay;

  useEffect(() => {
    setPhoto(null);
    crop.close();
    masks.cancel();
    masks.select(null);
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

  const openCrop = () => {
    if (!source) return;
    masks.cancel();
    setBefore(false);
    crop.open(model.committed?.ops.crop, { width: source.width, height: source.height });
  };
  const doneCrop = () => {
    const changed = crop.finish(model.committed?.ops.crop);
    if (changed) void model.commit('crop', changed);
  };
  const keys = useRef({ openCrop, doneCrop });
  keys.current = { openCrop, doneCrop };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement).closest('input:not([type=range]):not([type=checkbox]), textarea, select')) return;
      const mod = e.ctrlKey || e.metaKey;
      if (crop.active) {
        // The crop tool owns the keyboard until it is done or cancelled.
        if (e.key === 'Enter' || (!mod && (e.key === 'r' || e.key === 'R'))) keys.current.doneCrop();
        else if (e.key === 'Escape') crop.close();
        else if (!mod && (e.key === 'x' || e.key === 'X')) crop.swap();
        else return;
        e.preventDefault();
        return;
      }
      if (e.key === 'Escape' && masks.armed) masks.cancel();
      else if (mod && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        void (e.shiftKey ? model.redo() : model.undo());
      } else if (mod && e.key.toLowerCase() === 'y') {
        e.preventDefault();
        void model.redo();
      } else if (e.key === '\\') {
        e.preventDefault();
        setBefore((b) => !b);
      } else if (!mod && (e.key === 'z' || e.key === 'Z')) setZoom((z) => (z === 'fit' ? '100' : 'fit'));
      else if (!mod && (e.key === 'r' || e.key === 'R')) keys.current.openCrop();
      else if (!mod && (e.key === 'o' || e.key === 'O')) {
        const ids = (model.settings?.locals ?? []).map((l) => l.mask.id);
        const preferred = masks.selectedId ?? lastOverlay.current ?? '';
        setOverlay((cur) => (cur && ids.includes(cur) ? null : ids.includes(preferred) ? preferred : (ids[0] ?? null)));
      } else if (e.key === 'ArrowRight' && (e.target as HTMLElement).tagName !== 'INPUT') step(1);
      else if (e.key === 'ArrowLeft' && (e.target as HTMLElement).tagName !== 'INPUT') step(-1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [model, step, crop, masks]);

  // The editor's sliders compare against the committed values (their drag previews on top).
  const editing = masks.selected ? (model.committed?.locals.find((l) => l.mask.id === masks.selected!.mask.id) ?? masks.selected) : null;
  const base = before ? defaultSettings() : model.settings;
  // While cropping, the preview shows the whole picture (flips and turns applied) under the rectangle.
  const settings = base && crop.draft ? { ...base, ops: { ...base.ops, crop: toolViewParams(crop.draft) } } : base;
  const drawOverlay = (frame: Frame) => {
    if (!source || !settings) return null;
    if (crop.draft && crop.img)
      return (
        <CropOverlay
          frame={frame}
          map={viewMap(settings.ops.crop, source.width, source.height)}
          img={crop.img}
          rect={crop.draft.rect}
          ratio={crop.ratio}
          onChange={crop.setRect}
          onReset={crop.reset}
        />
      );
    if (before) return null;
    const tool = masks.armed && masks.armed.kind !== 'luminance' ? { kind: masks.armed.kind } : null;
    const selected = masks.selectedId ? (settings.locals.find((l) => l.mask.id === masks.selectedId)?.mask ?? null) : null;
    if (!tool && !selected) return null;
    return (
      <MaskOverlay
        frame={frame}
        map={viewMap(settings.ops.crop, source.width, source.height)}
        source={source}
        tool={tool}
        mask={selected}
        onDrawn={masks.drawn}
        onPick={masks.pick}
        onPreview={(m) => masks.preview(m, {})}
        onCommit={(m) => masks.commit(m, {})}
      />
    );
  };

  return (
    <div className="develop" data-testid="develop-view">
      {model.stack && <HistoryPanel photoId={photoId} stack={model.stack} onJump={(c) => void model.jumpTo(c)} />}
      <section className="develop-center">
        <div className="develop-toolbar">
          <span className="file-name">{photo?.fileName}</span>
          <button data-testid="crop-tool" className={crop.active ? 'active' : ''} disabled={!source} onClick={() => (crop.active ? doneCrop() : openCrop())} title="Crop & straighten (R)">
            Crop
          </button>
          <button className={before ? 'active' : ''} disabled={crop.active} onClick={() => setBefore((b) => !b)} title="Before / after (\)">
            {before ? 'Before' : 'After'}
          </button>
          <button onClick={() => setZoom((z) => (z === 'fit' ? '100' : 'fit'))} title="Fit / 100% (Z)">
            {zoom === 'fit' ? 'Fit' : '100%'}
          </button>
          <button disabled={!model.stack?.canUndo || crop.active} onClick={() => void model.undo()} title="Undo (Ctrl+Z)">
            Undo
          </button>
          <button disabled={!model.stack?.canRedo || crop.active} onClick={() => void model.redo()} title="Redo (Shift+Ctrl+Z)">
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
          {(model.error || masks.error) && <span className="error">{model.error ?? masks.error}</span>}
          {model.warnings.length > 0 && <span className="warning">{model.warnings.join('; ')}</span>}
        </div>
        {crop.active && <CropToolbar tool={crop} onDone={doneCrop} />}
        {photo && settings ? (
          <PreviewCanvas
            src={photo.previewUrl}
            settings={settings}
            zoom={zoom}
            original={photo}
            maskOverlay={before || crop.active ? null : shownOverlay}
            onHistogram={setHistogram}
            onSource={setSource}
            overlay={drawOverlay}
            padded={crop.active}
          />
        ) : (
          <div className="preview-loading">Loading…</div>
        )}
      </section>
      <aside className="develop-right">
        <Histogram data={histogram} />
        <MaskList
          locals={locals}
          overlay={shownOverlay}
          onOverlay={setOverlay}
          selected={masks.selectedId}
          onSelect={masks.select}
          armed={masks.armed && !masks.armed.target ? masks.armed.kind : null}
          onCreate={masks.create}
        >
          {editing && (
            <MaskEditor
              mask={editing.mask}
              params={editing.params}
              addMode={masks.addMode}
              onAddMode={masks.setAddMode}
              onAdd={masks.addToSelected}
              onPreview={masks.preview}
              onCommit={masks.commit}
            />
          )}
        </MaskList>
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
