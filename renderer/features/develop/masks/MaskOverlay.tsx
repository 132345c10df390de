/**
 * Masks on the preview: drawing a new radial (press = centre, drag = radii) or linear gradient
 * (press = full effect, release = none), picking a colour for a colour range (click), and the
 * handles of the selected mask's gradients (move / resize / rotate / feather). The picture may
 * be cropped, turned and flipped: points go through the preview's view map (../viewMap.ts) to
 * normalised source coordinates, where masks live.
 */
import { useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { Mask } from '../../../../shared/develop/mask.ts';
import type { Frame } from '../PreviewCanvas.tsx';
import type { ViewMap } from '../viewMap.ts';
import { dragShape, ellipsePoints, gradientLines, linearFromDrag, radialFromDrag, shapeHandles, type GeoShape, type Pt, type ShapeHandle } from './maskGeometry.ts';

export type MaskTool = { kind: 'linear' | 'radial' | 'color' } | null;

interface Props {
  frame: Frame;
  map: ViewMap;
  source: { width: number; height: number };
  tool: MaskTool;
  /** The selected mask (its gradients get handles), or null. */
  mask: Mask | null;
  onDrawn(shape: GeoShape): void;
  onPick(x: number, y: number): void;
  onPreview(mask: Mask): void;
  onCommit(mask: Mask): void;
}

type Drag = { kind: 'draw'; from: Pt; shape: GeoShape } | { kind: 'handle'; index: number; handle: ShapeHandle; from: Pt; start: GeoShape; mask: Mask; moved: boolean };

const isGeo = (s: Mask['components'][number]['shape']): s is GeoShape => s.type === 'radial' || s.type === 'linear';

export function MaskOverlay({ frame, map, source, tool, mask, onDrawn, onPick, onPreview, onCommit }: Props) {
  const svg = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const aspect = source.width / source.height;

  const toNorm = (e: { clientX: number; clientY: number }): Pt => {
    const b = svg.current!.getBoundingClientRect();
    const [x, y] = map.toSource((e.clientX - b.left) / b.width, (e.clientY - b.top) / b.height);
    return [x / source.width, y / source.height];
  };
  const px = (p: readonly [number, number]): [number, number] => {
    const [dx, dy] = map.toDisplay(p[0] * source.width, p[1] * source.height);
    return [dx * frame.width, dy * frame.height];
  };
  const drawnShape = (kind: 'linear' | 'radial', a: Pt, b: Pt): GeoShape => {
    // A click without a drag still makes a usable shape (Lightroom does the same).
    const tiny = Math.hypot((b[0] - a[0]) * aspect, b[1] - a[1]) < 0.01;
    if (kind === 'radial') return radialFromDrag(a, tiny ? [a[0] + 0.15 / aspect, a[1] + 0.15] : b, aspect);
    return linearFromDrag(a, tiny ? [a[0], a[1] + 0.25] : b);
  };

  const onDown = (e: ReactPointerEvent<SVGSVGElement>) => {
    if (e.button !== 0) return;
    const p = toNorm(e);
    if (tool?.kind === 'color') {
      onPick(p[0], p[1]);
      return;
    }
    if (tool) setDrag({ kind: 'draw', from: p, shape: drawnShape(tool.kind, p, p) });
    else {
      const t = e.target as Element;
      const handle = t.getAttribute('data-handle') as ShapeHandle | null;
      const index = Number(t.getAttribute('data-component'));
      if (!handle || !mask || !isGeo(mask.components[index]?.shape)) return;
      setDrag({ kind: 'handle', index, handle, from: p, start: mask.components[index].shape as GeoShape, mask, moved: false });
    }
    svg.current!.setPointerCapture(e.pointerId);
    e.preventDefault();
  };
  const onMove = (e: ReactPointerEvent<SVGSVGElement>) => {
    if (!drag) return;
    const p = toNorm(e);
    if (drag.kind === 'draw' && tool && tool.kind !== 'color') setDrag({ ...drag, shape: drawnShape(tool.kind, drag.from, p) });
    else if (drag.kind === 'handle') {
      const shape = dragShape(drag.start, drag.handle, drag.from, p, aspect);
      onPreview({ ...drag.mask, components: drag.mask.components.map((c, i) => (i === drag.index ? { ...c, shape } : c)) });
      setDrag({ ...drag, moved: true });
    }
  };
  const onUp = (e: ReactPointerEvent<SVGSVGElement>) => {
    if (!drag) return;
    svg.current!.releasePointerCapture(e.pointerId);
    setDrag(null);
    if (drag.kind === 'draw') onDrawn(drawnShape((tool?.kind ?? 'radial') as 'linear' | 'radial', drag.from, toNorm(e)));
    else if (drag.moved) {
      const shape = dragShape(drag.start, drag.handle, drag.from, toNorm(e), aspect);
      onCommit({ ...drag.mask, components: drag.mask.components.map((c, i) => (i === drag.index ? { ...c, shape } : c)) });
    }
  };

  const path = (pts: [number, number][], close: boolean) => pts.map((p, i) => `${i ? 'L' : 'M'}${px(p).map((v) => v.toFixed(1)).join(',')}`).join('') + (close ? 'Z' : '');
  const outline = (s: GeoShape, key: string) =>
    s.type === 'radial' ? (
      <g key={key}>
        <path className="mask-outline" d={path(ellipsePoints(s, aspect), true)} />
        {s.feather > 0 && <path className="mask-outline inner" d={path(ellipsePoints(s, aspect, 1 - s.feather / 100), true)} />}
      </g>
    ) : (
      <g key={key}>
        {gradientLines(s, aspect, 3).map((l, i) => (
          <path key={i} className={`mask-outline${i === 1 ? ' inner' : ''}`} d={path(l, false)} />
        ))}
      </g>
    );

  const shown = mask?.components ?? [];
  return (
    <svg
      ref={svg}
      className={`mask-overlay${tool ? ' drawing' : ''}`}
      data-testid="mask-overlay-layer"
      style={{ left: frame.left, top: frame.top, width: frame.width, height: frame.height, pointerEvents: tool || shown.some((c) => isGeo(c.shape)) ? 'auto' : 'none' }}
      onPointerDown={onDown}
      onPointerMove={onMove}
      onPointerUp={onUp}
      onPointerCancel={onUp}
    >
      {shown.map((c, i) => (isGeo(c.shape) ? outline(c.shape, `o${i}`) : null))}
      {!tool &&
        shown.map((c, i) =>
          isGeo(c.shape)
            ? shapeHandles(c.shape, aspect).map(({ handle, at }) => {
                const [x, y] = px(at);
                return <circle key={`${i}-${handle}`} className={`mask-handle ${handle}`} data-handle={handle} data-component={i} data-testid={`mask-handle-${handle}`} cx={x} cy={y} r={handle === 'center' || handle === 'middle' ? 6 : 5} />;
              })
            : null,
        )}
      {drag?.kind === 'draw' && outline(drag.shape, 'drawing')}
    </svg>
  );
}
