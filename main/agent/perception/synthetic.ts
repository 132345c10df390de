/**
 * Synthetic test images with known answers (used by the agent's tests; pure, deterministic).
 * All are 8-bit sRGB RGB images in the pipeline's SourceImage shape.
 */
export interface Image8 {
  width: number;
  height: number;
  bits: 8;
  data: Uint8Array;
}

import { rng } from '../../../shared/pixel/random.ts';

export { rng };

function gauss(r: () => number): number {
  return Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());
}

function clamp8(v: number): number {
  return v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
}

export function solid(width: number, height: number, rgb: readonly [number, number, number]): Image8 {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set(rgb, i * 3);
  return { width, height, bits: 8, data };
}

export interface SceneOptions {
  width?: number;
  height?: number;
  /** Horizon rotation, degrees counter-clockwise on screen (rises to the right when > 0). */
  tiltDeg?: number;
  /** Horizon height at the centre, fraction of the height. */
  horizon?: number;
  sky?: readonly [number, number, number];
  ground?: readonly [number, number, number];
  /** Gaussian noise σ in 8-bit units. */
  noise?: number;
  /** Multiply all values (exposure-like, in encoded space). */
  gain?: number;
  /** Add to R, G, B (a cast). */
  cast?: readonly [number, number, number];
  /** Draw a skin-toned ellipse (a "face") at the centre of the ground. */
  face?: boolean;
  seed?: number;
}

/**
 * A landscape: a sky gradient above a textured ground, split by a straight horizon, with
 * optional tilt, noise, gain, cast and a skin-toned ellipse.
 */
export function scene(o: SceneOptions = {}): Image8 {
  const w = o.width ?? 384, h = o.height ?? 256;
  const sky = o.sky ?? [110, 160, 225];
  const ground = o.ground ?? [70, 110, 45];
  const gain = o.gain ?? 1;
  const cast = o.cast ?? [0, 0, 0];
  const r = rng(o.seed ?? 7);
  const t = Math.tan(((o.tiltDeg ?? 0) * Math.PI) / 180);
  const hy = (o.horizon ?? 0.45) * h;
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      // Screen-up rotation: a positive tilt lifts the right side (smaller y).
      const line = hy - (x - w / 2) * t;
      let c: number[];
      if (y < line - 0.5) {
        const k = 0.85 + 0.15 * (y / h);
        c = [sky[0] * k + 20 * (1 - k), sky[1] * k, sky[2]];
      } else if (y > line + 0.5) {
        const tex = 18 * Math.sin(x * 0.37) * Math.sin(y * 0.23) + 10 * (r() - 0.5);
        c = [ground[0] + tex, ground[1] + tex, ground[2] + tex * 0.6];
      } else {
        const f = y - (line - 0.5);
        c = [0, 1, 2].map((k) => sky[k] * (1 - f) + ground[k] * f);
      }
      if (o.face) {
        const dx = (x - w * 0.5) / (w * 0.08), dy = (y - h * 0.7) / (h * 0.14);
        if (dx * dx + dy * dy < 1) c = [205, 150, 120];
      }
      const i = (y * w + x) * 3;
      for (let k = 0; k < 3; k++) {
        const n = o.noise ? gauss(r) * o.noise : 0;
        data[i + k] = clamp8(c[k] * gain + cast[k] + n);
      }
    }
  return { width: w, height: h, bits: 8, data };
}

/** A 3×3 box blur applied `passes` times (for sharpness tests). */
export function blur(img: Image8, passes = 2): Image8 {
  let src = img.data;
  const { width: w, height: h } = img;
  for (let p = 0; p < passes; p++) {
    const out = new Uint8Array(src.length);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++)
        for (let k = 0; k < 3; k++) {
          let s = 0;
          for (let dy = -1; dy <= 1; dy++)
            for (let dx = -1; dx <= 1; dx++) {
              const yy = Math.min(h - 1, Math.max(0, y + dy)), xx = Math.min(w - 1, Math.max(0, x + dx));
              s += src[(yy * w + xx) * 3 + k];
            }
          out[(y * w + x) * 3 + k] = Math.round(s / 9);
        }
    src = out;
  }
  return { ...img, data: src };
}

/** Map every sample through f (0..255 → 0..255), e.g. to simulate an exposure change. */
export function mapValues(img: Image8, f: (v: number, channel: number) => number): Image8 {
  const data = new Uint8Array(img.data.length);
  for (let i = 0; i < data.length; i++) data[i] = clamp8(f(img.data[i], i % 3));
  return { ...img, data };
}
