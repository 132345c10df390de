/**
 * The virtualised photo grid: only the rows on screen (plus a little overscan) are in the DOM,
 * and only their pages are fetched, so 100k photos scroll smoothly.
 */
import { memo, useEffect, useLayoutEffect, useReducer, useRef, useState } from 'react';
import type { PhotoSummary } from '../../../shared/ipc/contract.ts';
import type { PhotoPages } from '../../state/photo-pages.ts';

const TILE = 184;
const OVERSCAN_ROWS = 3;

interface GridProps {
  pages: PhotoPages;
  focusIndex: number;
  onFocus(index: number, photo: PhotoSummary | undefined): void;
  onOpen(photo: PhotoSummary): void;
}

export function Grid({ pages, focusIndex, onFocus, onOpen }: GridProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 800, height: 600 });
  // The first visible row, not the scroll offset: React re-renders only when a row enters or
  // leaves the screen, not on every scrolled pixel.
  const [topRow, setTopRow] = useState(0);
  const [, force] = useReducer((x: number) => x + 1, 0);

  useEffect(() => pages.onChange(force), [pages]);
  useLayoutEffect(() => {
    const el = ref.current!;
    const ro = new ResizeObserver(() => setSize({ width: el.clientWidth, height: el.clientHeight }));
    ro.observe(el);
    setSize({ width: el.clientWidth, height: el.clientHeight });
    return () => ro.disconnect();
  }, []);

  const cols = Math.max(1, Math.floor(size.width / TILE));
  const rows = Math.ceil(pages.total / cols);
  const firstRow = Math.max(0, topRow - OVERSCAN_ROWS);
  const lastRow = Math.min(rows, topRow + Math.ceil(size.height / TILE) + 1 + OVERSCAN_ROWS);
  const from = firstRow * cols;
  const to = Math.min(pages.total, lastRow * cols);

  useEffect(() => pages.want(from, to), [pages, from, to]);

  // Keep the focused tile in view when it moves by keyboard.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const row = Math.floor(focusIndex / cols);
    const top = row * TILE;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + TILE > el.scrollTop + el.clientHeight) el.scrollTop = top + TILE - el.clientHeight;
  }, [focusIndex, cols]);

  // Tiles are keyed by slot (index modulo the window's size), not by index: a tile that
  // scrolls out is reused for the one that scrolls in, so scrolling updates a few elements
  // instead of destroying and creating DOM nodes (and their <img>) on every row.
  // At least as many slots as tiles in the largest window (so keys stay unique), independent of
  // the scroll position (so they do not remap near the end).
  const slots = (Math.ceil(size.height / TILE) + 2 + 2 * OVERSCAN_ROWS) * cols;
  const tiles = [];
  for (let i = from; i < to; i++)
    tiles.push(<Tile key={i % slots} index={i} photo={pages.get(i)} cols={cols} focused={i === focusIndex} onFocus={onFocus} onOpen={onOpen} />);

  return (
    <div className="grid" ref={ref} data-testid="grid" onScroll={(e) => setTopRow(Math.floor(e.currentTarget.scrollTop / TILE))}>
      <div className="grid-canvas" style={{ height: rows * TILE }}>
        {tiles}
      </div>
      {pages.total === 0 && <div className="empty">No photos here yet. Import a folder to start.</div>}
    </div>
  );
}

export const GRID_TILE = TILE;

interface TileProps {
  index: number;
  photo: PhotoSummary | undefined;
  cols: number;
  focused: boolean;
  onFocus(index: number, photo: PhotoSummary | undefined): void;
  onOpen(photo: PhotoSummary): void;
}

/** One tile; memoised so that scrolling renders only the tiles that enter the screen. */
const Tile = memo(function Tile({ index, photo, cols, focused, onFocus, onOpen }: TileProps) {
  const x = (index % cols) * TILE;
  const y = Math.floor(index / cols) * TILE;
  return (
    <div
      className={`tile${focused ? ' focused' : ''}${photo?.missing ? ' missing' : ''}`}
      data-testid="photo-tile"
      data-photo-id={photo?.id}
      style={{ transform: `translate(${x}px, ${y}px)` }}
      title={photo?.fileName}
      onClick={() => onFocus(index, photo)}
      onDoubleClick={() => photo && onOpen(photo)}
    >
      {photo ? (
        <>
          <img src={photo.thumbUrl} alt={photo.fileName} decoding="async" draggable={false} />
          <div className="tile-meta">
            <span className="stars">{'★'.repeat(photo.rating)}</span>
            {photo.flag === 'pick' && <span className="flag pick">⚑</span>}
            {photo.flag === 'reject' && <span className="flag reject">✕</span>}
            {photo.label && <span className={`label ${photo.label}`} />}
          </div>
        </>
      ) : (
        <div className="tile-placeholder" />
      )}
    </div>
  );
});
