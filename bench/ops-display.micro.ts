/**
 * Micro-benchmark of the display-referred ops' CPU kernels: ns per pixel on a 1 MP image
 * (1000 × 1000, a smooth colourful gradient plus noise), processed in 64-row strips as the
 * runner does. Prints the best of several runs per op. Run: npx tsx bench/ops-display.micro.ts
 */
import type { AnyOp, ParamValues, PrepareContext } from '../shared/develop/types.ts';
import { makeStrip } from '../shared/pixel/testing.ts';
import { parametricCurveOp } from '../shared/develop/ops/parametricCurve.ts';
import { pointCurveOp } from '../shared/develop/ops/pointCurve.ts';
import { hslOp } from '../shared/develop/ops/hsl.ts';
import { colorOp } from '../shared/develop/ops/color.ts';
import { colorGradingOp } from '../shared/develop/ops/colorGrading.ts';
import { blackWhiteOp } from '../shared/develop/ops/blackWhite.ts';
import { vignetteOp } from '../shared/develop/ops/vignette.ts';
import { grainOp } from '../shared/develop/ops/grain.ts';

const W = 1000;
const H = 1000;
const ROWS = 64;
const ctx: PrepareContext = { width: W, height: H, scale: 1, rendered: true };

const source = new Float32Array(W * H * 3);
let seed = 12345;
const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
for (let y = 0; y < H; y++)
  for (let x = 0; x < W; x++) {
    const i = (y * W + x) * 3;
    const h = (x / W) * 6.283;
    const v = 0.15 + 0.75 * (y / H);
    source[i] = Math.min(1, Math.max(0, v * (0.7 + 0.3 * Math.cos(h)) + 0.02 * rnd()));
    source[i + 1] = Math.min(1, Math.max(0, v * (0.7 + 0.3 * Math.cos(h - 2.09)) + 0.02 * rnd()));
    source[i + 2] = Math.min(1, Math.max(0, v * (0.7 + 0.3 * Math.cos(h + 2.09)) + 0.02 * rnd()));
  }

const cases: Array<[AnyOp, ParamValues]> = [
  [parametricCurveOp, { shadows: 30, darks: -20, lights: 25, highlights: -40 }],
  [pointCurveOp, { master: [[0, 0], [0.25, 0.2], [0.75, 0.82], [1, 1]], blue: [[0, 0.05], [1, 0.95]] }],
  [hslOp, { hueGreen: 40, saturationBlue: 30, luminanceBlue: -40, luminanceOrange: 20, saturationRed: -20 }],
  [colorOp, { vibrance: 40, saturation: 10 }],
  [colorGradingOp, { shadowHue: 200, shadowSat: 40, highlightHue: 40, highlightSat: 30, midtoneLum: 10 }],
  [blackWhiteOp, { enabled: true, blue: -40, orange: 20 }],
  [vignetteOp, { amount: -40, highlights: 30 }],
  [grainOp, { amount: 40, size: 25, roughness: 50 }],
];

function defaults(op: AnyOp): ParamValues {
  const out: ParamValues = {};
  for (const [k, s] of Object.entries(op.params) as Array<[string, { default: ParamValues[string] }]>) out[k] = s.default;
  return out;
}

const work = new Float32Array(source.length);
console.log(`display ops, ${W}x${H} (${(W * H) / 1e6} MP), ${ROWS}-row strips, best of 7`);
for (const [op, over] of cases) {
  const maths = op.maths!;
  let best = Infinity;
  let prepMs = 0;
  for (let run = 0; run < 7; run++) {
    work.set(source);
    const t0 = performance.now();
    const prep = maths.prepare({ ...defaults(op), ...over }, ctx);
    const t1 = performance.now();
    for (let y0 = 0; y0 < H; y0 += ROWS) {
      const rows = Math.min(ROWS, H - y0);
      const strip = makeStrip({ width: W, rows, y0, imageWidth: W, imageHeight: H, data: work.subarray(y0 * W * 3, (y0 + rows) * W * 3) });
      maths.cpu(strip, prep);
    }
    const t2 = performance.now();
    if (t2 - t1 < best) {
      best = t2 - t1;
      prepMs = t1 - t0;
    }
  }
  console.log(`${op.id.padEnd(16)} ${((best * 1e6) / (W * H)).toFixed(1).padStart(6)} ns/px   (prepare ${prepMs.toFixed(2)} ms)`);
}
