/**
 * Test helpers for kernels: build a Strip over a small float image without the pipeline runner.
 * Used only by tests (pure, no Node).
 */
import type { Strip } from '../develop/types.ts';

export interface FakeStripOptions {
  width: number;
  rows: number;
  /** RGB interleaved; defaults to mid grey 0.18 (linear). */
  data?: Float32Array;
  y0?: number;
  imageWidth?: number;
  imageHeight?: number;
  /** Per-pixel guide values by name (already sampled at this strip's pixels). */
  guides?: Record<string, Float32Array>;
  /** Per-pixel local-adjustment sums by local param name. */
  locals?: Record<string, Float32Array>;
}

export function makeStrip(o: FakeStripOptions): Strip {
  const width = o.width;
  const rows = o.rows;
  const imageWidth = o.imageWidth ?? width;
  const imageHeight = o.imageHeight ?? rows;
  const y0 = o.y0 ?? 0;
  const data = o.data ?? new Float32Array(width * rows * 3).fill(0.18);
  if (data.length !== width * rows * 3) throw new Error('makeStrip: data length must be width*rows*3');
  return {
    data,
    width,
    rows,
    y0,
    imageWidth,
    imageHeight,
    guide(name) {
      const g = o.guides?.[name];
      if (!g) throw new Error(`makeStrip: no guide "${name}" given`);
      return g;
    },
    local(param) {
      return o.locals?.[param] ?? null;
    },
    sourceCoords() {
      const c = new Float32Array(width * rows * 2);
      for (let y = 0; y < rows; y++)
        for (let x = 0; x < width; x++) {
          c[2 * (y * width + x)] = (x + 0.5) / imageWidth;
          c[2 * (y * width + x) + 1] = (y0 + y + 0.5) / imageHeight;
        }
      return c;
    },
  };
}

/** A strip of one colour per pixel given as a list of RGB triples (one row). */
export function stripOfColors(colors: ReadonlyArray<readonly [number, number, number]>): Strip {
  const data = new Float32Array(colors.length * 3);
  colors.forEach((c, i) => data.set(c, i * 3));
  return makeStrip({ width: colors.length, rows: 1, data });
}
