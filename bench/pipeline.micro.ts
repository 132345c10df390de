/**
 * Micro benchmark of the pipeline runner: ns per output pixel of renderRows on one thread.
 *   npx tsx bench/pipeline.micro.ts [megapixels=12] [runs=5]
 * Cases: identity (no op: integer fast path), identity through the float path (one active
 * no-op: decode LUT → strip → encode), crop + straighten (bilinear), preview shrink (box taps),
 * a masked local adjustment, and — when the op registry loads — the real ops at typical settings.
 */
import { planRenderWith } from '../shared/pixel/pipeline/plan.ts';
import { renderRowsWith } from '../shared/pixel/pipeline/run.ts';
import { computeGuidesWith } from '../shared/pixel/pipeline/guides.ts';
import { gainOp, passOp, randomSource } from '../shared/pixel/pipeline/testOps.ts';
import type { RenderOptions, ResolvedSettings } from '../shared/pixel/pipeline/types.ts';
import type { AnyOp } from '../shared/develop/types.ts';

const mp = Number(process.argv[2] ?? 12);
const runs = Number(process.argv[3] ?? 5);
const W = Math.round(Math.sqrt(mp * 1e6 * 1.5));
const H = Math.round(W / 1.5);
const src = randomSource(W, H, 8, 11);
console.log(`source ${W}×${H} (${((W * H) / 1e6).toFixed(1)} MP), 8-bit, ${runs} runs, median`);

function bench(name: string, ops: readonly AnyOp[], settings: ResolvedSettings, opts: RenderOptions = {}, guideDecls: Parameters<typeof computeGuidesWith>[0] = []): void {
  const plan = planRenderWith(ops, settings, W, H, opts);
  const guides = computeGuidesWith(guideDecls, plan, src);
  const out = new Uint8Array(plan.width * plan.height * 3);
  const times: number[] = [];
  for (let r = 0; r < runs + 1; r++) {
    const t = process.hrtime.bigint();
    renderRowsWith(ops, plan, src, guides, 0, plan.height, out);
    if (r > 0) times.push(Number(process.hrtime.bigint() - t)); // first run warms up the JIT
  }
  times.sort((a, b) => a - b);
  const ns = times[times.length >> 1] / (plan.width * plan.height);
  console.log(`${name.padEnd(44)} ${ns.toFixed(1).padStart(7)} ns/px  ${(times[times.length >> 1] / 1e6).toFixed(0).padStart(6)} ms  (${plan.width}×${plan.height}, ops: ${plan.ops.map((o) => o.id).join(',') || '—'})`);
}

const none: ResolvedSettings = { ops: {}, locals: [] };
bench('identity (no op, integer fast path)', [], none);
bench('identity (float path: decode, encode)', [passOp], { ops: { pass: { on: true } }, locals: [] });
bench('crop + flip + quarter turn (exact)', [], { ops: { crop: { left: 0.1, right: 0.9, top: 0.1, bottom: 0.9, rotate: 1, flipH: true } }, locals: [] });
bench('crop + straighten 3° (bilinear)', [passOp], { ops: { pass: { on: true }, crop: { left: 0.05, right: 0.95, top: 0.05, bottom: 0.95, angle: 3 } }, locals: [] });
bench('preview: scale 0.25 (box 4×4 taps)', [passOp], { ops: { pass: { on: true } }, locals: [] }, { scale: 0.25 });
bench('local exposure through a radial mask', [gainOp], {
  ops: {},
  locals: [{ mask: { id: 'r', components: [{ mode: 'add', shape: { type: 'radial', cx: 0.5, cy: 0.5, rx: 0.3, ry: 0.3, angle: 0, feather: 50, inside: true } }] }, params: { exposure: 1 } }],
}, {});

try {
  const { OPS } = await import('../shared/develop/registry.ts');
  const { GUIDES } = await import('../shared/pixel/guides/index.ts');
  const { defaultSettings } = await import('../shared/develop/defaults.ts');
  const s = defaultSettings();
  const set = (op: string, p: Record<string, number | boolean>) => Object.assign(s.ops[op] ?? {}, p);
  set('whiteBalance', { temperature: 10 });
  set('tone', { exposure: 0.3, contrast: 20, highlights: -40, shadows: 30, whites: 10, blacks: -10 });
  set('presence', { clarity: 20 });
  set('color', { vibrance: 20 });
  set('hsl', { saturationBlue: 10 });
  set('vignette', { amount: -20 });
  set('sharpening', { amount: 40 });
  bench('registry ops, typical edit', OPS, s, {}, GUIDES);
} catch (e) {
  console.log(`(registry ops skipped: ${(e as Error).message.split('\n')[0]})`);
}
