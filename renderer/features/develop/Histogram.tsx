/** RGB + luminance histogram of the rendered preview, drawn on a small canvas. */
import { useEffect, useRef } from 'react';

export interface HistogramData {
  r: Uint32Array;
  g: Uint32Array;
  b: Uint32Array;
  l: Uint32Array;
}

/** 256-bin histograms of interleaved 8-bit RGBA (or RGB with stride 3) pixels. */
export function computeHistogram(pixels: Uint8Array | Uint8ClampedArray, stride = 4): HistogramData {
  const r = new Uint32Array(256);
  const g = new Uint32Array(256);
  const b = new Uint32Array(256);
  const l = new Uint32Array(256);
  for (let i = 0; i + 2 < pixels.length; i += stride) {
    const R = pixels[i];
    const G = pixels[i + 1];
    const B = pixels[i + 2];
    r[R]++;
    g[G]++;
    b[B]++;
    l[(R * 54 + G * 183 + B * 19) >> 8]++;
  }
  return { r, g, b, l };
}

export function Histogram({ data }: { data: HistogramData | null }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    ctx.clearRect(0, 0, c.width, c.height);
    if (!data) return;
    let max = 1;
    for (const h of [data.r, data.g, data.b]) for (let i = 1; i < 255; i++) max = Math.max(max, h[i]);
    ctx.globalCompositeOperation = 'lighter';
    const draw = (h: Uint32Array, color: string) => {
      ctx.fillStyle = color;
      ctx.beginPath();
      ctx.moveTo(0, c.height);
      for (let i = 0; i < 256; i++) ctx.lineTo((i / 255) * c.width, c.height - Math.min(1, Math.sqrt(h[i] / max)) * c.height);
      ctx.lineTo(c.width, c.height);
      ctx.fill();
    };
    draw(data.r, 'rgba(220,60,60,0.7)');
    draw(data.g, 'rgba(60,200,60,0.7)');
    draw(data.b, 'rgba(70,110,230,0.7)');
    ctx.globalCompositeOperation = 'source-over';
    const clipLo = data.l[0] / Math.max(1, data.l.reduce((a, b) => a + b, 0));
    const clipHi = data.l[255] / Math.max(1, data.l.reduce((a, b) => a + b, 0));
    ctx.fillStyle = clipLo > 0.005 ? '#4aa3ff' : '#555';
    ctx.fillRect(2, 2, 6, 6);
    ctx.fillStyle = clipHi > 0.005 ? '#ff5a5a' : '#555';
    ctx.fillRect(c.width - 8, 2, 6, 6);
  }, [data]);
  return <canvas ref={ref} className="histogram" data-testid="histogram" width={256} height={96} />;
}
