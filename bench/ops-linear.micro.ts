/**
 * Micro-benchmark of the linear ops' CPU kernels (white balance, dehaze, tone, presence) on a
 * 1 MP image processed as 16 strips of 1024×64, guides pre-sampled per pixel (as Strip.guide
 * hands them over). Reports the median ns/pixel of 7 runs per configuration.
 *   npx tsx bench/ops-linear.micro.ts
 */
import type { AnyOp, ParamValues } from '../shared/develop/types.ts';
import { makeStrip } from '../shared/pixel/testing.ts';
import { whiteBalanceOp } from '../shared/develop/ops/whiteBalance.ts';
import { dehazeOp } from '../shared/develop/ops/dehaze.ts';
import { toneOp } from '../shared/develop/ops/tone.ts';
import { presenceOp } from '../shared/develop/ops/presence.ts';

const W = 1024;
const ROWS = 64;
const STRIPS = 16;
const N = W * ROWS;

const base = new Float32Array(N * 3);
let s = 12345;
const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 4294967296);
for (let i = 0; i < N; i++) {
  const v = Math.pow(rnd(), 2.2);
  base[3 * i] = v * (0.8 + 0.4 * rnd());
  base[3 * i + 1] = v;
  base[3 * i + 2] = v * (0.7 + 0.5 * rnd());
}
const ab = (a: number, b: number) => Float32Array.from({ length: 2 * N }, (_, i) => (i % 2 ? b + 0.2 * rnd() : a * rnd()));
const guides = {
  toneBase: ab(0.8, -2.5),
  clarityBase: ab(0.6, -1),
  textureBase: ab(0.5, -0.8),
  hazeDensity: ab(0.3, 0.2),
  airlight: new Float32Array(3 * N).fill(0.8),
};
const locals = { exposure: new Float32Array(N).fill(0.5), shadows: new Float32Array(N).fill(30), clarity: new Float32Array(N).fill(20), temperature: new Float32Array(N).fill(15), tint: new Float32Array(N).fill(-5), dehaze: new Float32Array(N).fill(10), contrast: new Float32Array(N).fill(10), highlights: new Float32Array(N).fill(-20) };

function bench(label: string, op: AnyOp, params: ParamValues, withLocals = false): void {
  const prepared = op.maths!.prepare(params, { width: W, height: ROWS * STRIPS, scale: 1, rendered: true });
  const data = new Float32Array(N * 3);
  const times: number[] = [];
  for (let run = 0; run < 8; run++) {
    let t = 0;
    for (let k = 0; k < STRIPS; k++) {
      data.set(base);
      const strip = makeStrip({ width: W, rows: ROWS, data, guides, locals: withLocals ? locals : {} });
      const t0 = performance.now();
      op.maths!.cpu(strip, prepared);
      t += performance.now() - t0;
    }
    if (run > 0) times.push(t);
  }
  times.sort((a, b) => a - b);
  const ns = (times[times.length >> 1] * 1e6) / (N * STRIPS);
  console.log(`${label.padEnd(44)} ${ns.toFixed(1).padStart(6)} ns/px`);
}

bench('whiteBalance (temp 30, tint -10)', whiteBalanceOp, { temperature: 30, tint: -10 });
bench('whiteBalance + local temperature/tint', whiteBalanceOp, { temperature: 30, tint: -10 }, true);
bench('dehaze (+40)', dehazeOp, { amount: 40 });
bench('dehaze (−40) + local', dehazeOp, { amount: -40 }, true);
bench('tone exposure only (+0.7 EV)', toneOp, { exposure: 0.7, contrast: 0, highlights: 0, shadows: 0, whites: 0, blacks: 0 });
bench('tone all six params', toneOp, { exposure: 0.3, contrast: 20, highlights: -50, shadows: 40, whites: 10, blacks: -10 });
bench('tone all six + local exp/contrast/hl/sh', toneOp, { exposure: 0.3, contrast: 20, highlights: -50, shadows: 40, whites: 10, blacks: -10 }, true);
bench('presence (texture 30, clarity 40)', presenceOp, { texture: 30, clarity: 40 });
bench('presence + local clarity', presenceOp, { texture: 30, clarity: 40 }, true);
