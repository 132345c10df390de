/**
 * The crop rectangle drawn over the whole (uncropped) picture while the crop tool is open:
 * the outside darkened, a rule-of-thirds grid, eight handles (drag to resize; the aspect stays
 * when locked or with Shift), drag inside to move, drag outside to straighten, double-click to
 * reset. All geometry is in ./cropGeometry.ts; this only turns pointer positions into source
 * pixels through the preview's view map and back.
 */
import { useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { Frame } from '../PreviewCanvas.tsx';
import type { ViewMap } from '../viewMap.ts';
import { contains, corners, dragAngle, dragHandle, handlePoint, HANDLES, moveBy, rotateTo, toSource, type CropRect, type Handle, type Size } from './cropGeometry.ts';

interface Props {
  frame: Frame;
  map: ViewMap;
  img: Size;
  rect: CropRect;
  /** Locked width / height, or null (free). */
  ratio: number | null;
  onChange(rect: CropRect, opts?: { rotating?: boolean }): void;
  onReset(): void;
}

type Drag =
  | { mode: 'resize'; handle: Handle; start: CropRect }
  | { mode: 'move'; start: CropRect; from: [number, number] }
  | { mode: 'rotate'; start: CropRect; from: [number, number] };

export function CropOverlay({ frame, map, img, rect, ratio, onChange, onReset }: Props) {
  const svg = useRef<SVGSVGElement>(null);
  const drag = useRef<Drag | null>(null);
  const [dragging, setDragging] = useState<Drag['mode'] | null>(null);

  const px = ([x, y]: readonly [number, number]): [number, number] => {
    const [dx, dy] = map.toDisplay(x, y);
    return [dx * frame.width, dy * frame.height];
  };
  const toSrc = (e: { clientX: number; clientY: number }): [number, number] => {
    const b = svg.current!.getBoundingClientRect();
    return map.toSource((e.clientX - b.left) / b.width, (e.clientY - b.top) / b.height);
  };

  const onDown = (e: ReactPointerEvent<SVGSVGElement>) => {
    if (e.button !== 0) return;
    const p = toSrc(e);
    const handle = (e.target as Element).getAttribute('data-handle') as Handle | null;
    drag.current = handle ? { mode: 'resize', handle, start: rect } : contains(rect, p[0], p[1]) ? { mode: 'move', start: rect, from: p } : { mode: 'rotate', start: rect, from: p };
    setDragging(drag.current.mode);
    svg.current!.setPointerCapture(e.pointerId);
    e.preventDefault();
  };
  const onMove = (e: ReactPointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (!d) return;
    const p = toSrc(e);
    if (d.mode === 'resize') onChange(dragHandle(d.start, d.handle, p[0], p[1], ratio ?? (e.shiftKey ? d.start.w / d.start.h : null), img));
    else if (d.mode === 'move') onChange(moveBy(d.start, p[0] - d.from[0], p[1] - d.from[1], img));
    else onChange(rotateTo(d.start, d.start.angle + dragAngle(d.start, d.from, p), img), { rotating: true });
  };
  const onUp = (e: ReactPointerEvent<SVGSVGElement>) => {
    if (!drag.current) return;
    drag.current = null;
    setDragging(null);
    svg.current!.releasePointerCapture(e.pointerId);
  };

  const poly = corners(rect).map(px);
  const path = poly.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`).join('') + 'Z';
  const thirds: [number, number][][] = [];
  for (const t of [-1 / 6, 1 / 6]) {
    thirds.push([px(toSource(rect, t * rect.w, -rect.h / 2)), px(toSource(rect, t * rect.w, rect.h / 2))]);
    thirds.push([px(toSource(rect, -rect.w / 2, t * rect.h)), px(toSource(rect, rect.w / 2, t * rect.h))]);
  }
  return (
    <svg
      ref={svg}
      className={`crop-overlay${dragging ? ` dragging-${dragging}` : ''}`}
      data-testid="crop-overlay"
      style={{ left: frame.left, top: frame.top, width: frame.width, height: frame.height }}
      onPointerDown={onDown}
      onPointerMove={onMove}
      onPointerUp={onUp}
      onPointerCancel={onUp}
      onDoubleClick={onReset}
    >
      <path className="crop-shade" d={`M0,0H${frame.width}V${frame.height}H0Z${path}`} fillRule="evenodd" />
      <path className="crop-rect" data-testid="crop-rect" d={path} />
      {thirds.map(([a, b], i) => (
        <line key={i} className="crop-thirds" x1={a[0]} y1={a[1]} x2={b[0]} y2={b[1]} />
      ))}
      {HANDLES.map((h) => {
        const [x, y] = px(handlePoint(rect, h));
        return <rect key={h} className={`crop-handle h-${h}`} data-handle={h} data-testid={`crop-handle-${h}`} x={x - 6} y={y - 6} width={12} height={12} />;
      })}
    </svg>
  );
}
