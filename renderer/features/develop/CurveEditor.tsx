/**
 * A point-curve editor: drag points, click to add one, double-click a point to remove it.
 * The drawn curve is a preview of the control polygon; the exact monotone cubic is the op's.
 */
import { useRef, useState } from 'react';
import type { CurvePoints } from '../../../shared/develop/types.ts';

interface Props {
  label: string;
  testId: string;
  points: CurvePoints;
  onPreview(points: [number, number][]): void;
  onCommit(points: [number, number][]): void;
}

const SIZE = 160;

export function CurveEditor({ label, testId, points, onPreview, onCommit }: Props) {
  const svg = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ index: number; pts: [number, number][] } | null>(null);
  const pts = drag?.pts ?? points.map((p) => [p[0], p[1]] as [number, number]);
  const toCurve = (e: React.PointerEvent): [number, number] => {
    const r = svg.current!.getBoundingClientRect();
    return [Math.min(1, Math.max(0, (e.clientX - r.left) / r.width)), Math.min(1, Math.max(0, 1 - (e.clientY - r.top) / r.height))];
  };
  const move = (e: React.PointerEvent) => {
    if (!drag) return;
    const [x, y] = toCurve(e);
    const next = drag.pts.map((p) => [...p] as [number, number]);
    const lo = drag.index > 0 ? next[drag.index - 1][0] + 0.01 : 0;
    const hi = drag.index < next.length - 1 ? next[drag.index + 1][0] - 0.01 : 1;
    next[drag.index] = [Math.min(hi, Math.max(lo, x)), y];
    setDrag({ index: drag.index, pts: next });
    onPreview(next);
  };
  const up = () => {
    if (drag) onCommit(drag.pts);
    setDrag(null);
  };
  const add = (e: React.PointerEvent) => {
    if (e.target !== svg.current) return;
    const [x, y] = toCurve(e);
    const next = [...pts, [x, y] as [number, number]].sort((a, b) => a[0] - b[0]);
    const index = next.findIndex((p) => p[0] === x);
    setDrag({ index, pts: next });
    (e.target as Element).setPointerCapture(e.pointerId);
  };
  const path = pts.map((p, i) => `${i ? 'L' : 'M'}${p[0] * SIZE},${(1 - p[1]) * SIZE}`).join(' ');
  return (
    <div className="curve-editor" data-testid={testId}>
      <div className="curve-label">{label}</div>
      <svg ref={svg} width={SIZE} height={SIZE} viewBox={`0 0 ${SIZE} ${SIZE}`} onPointerDown={add} onPointerMove={move} onPointerUp={up}>
        <path d={`M0,${SIZE} L${SIZE},0`} className="diagonal" />
        <path d={path} className="curve" />
        {pts.map((p, i) => (
          <circle
            key={i}
            cx={p[0] * SIZE}
            cy={(1 - p[1]) * SIZE}
            r={4}
            onPointerDown={(e) => {
              e.stopPropagation();
              (e.target as Element).setPointerCapture(e.pointerId);
              setDrag({ index: i, pts: pts.map((q) => [...q] as [number, number]) });
            }}
            onDoubleClick={() => pts.length > 2 && onCommit(pts.filter((_, j) => j !== i))}
          />
        ))}
      </svg>
    </div>
  );
}
