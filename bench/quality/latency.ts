/**
 * (d) Latency: the built-in planner's plan, the whole loop with 4 candidates on a 512 px
 * preview, and the llama.cpp path's own overhead with a tiny random-weight GGUF (threads 1).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runAgentLoop } from '../../main/agent/loop.ts';
import { perceive } from '../../main/agent/perception/facts.ts';
import { planEdit } from '../../main/agent/planner/plan.ts';
import { renderImage } from '../../shared/pixel/pipeline.ts';
import { LlamaEngine } from '../../main/agent/engine/llama-engine.ts';
import { ModelPlanSource } from '../../main/agent/llm/model-source.ts';
import { writeTinyGguf } from '../../test/helpers/tiny-gguf.ts';
import type { Rgb8 } from './data.ts';
import { PHRASINGS } from './follow.ts';
import { f1, median, table } from './table.ts';

export async function runLatency(photos: Rgb8[]): Promise<string> {
  const rows: (string | number)[][] = [];
  // Planner: every phrasing on every photo's facts (facts measured once, as the loop does).
  const planMs: number[] = [];
  for (const img of photos) {
    const facts = perceive(img);
    for (const [p] of PHRASINGS) {
      const t = performance.now();
      planEdit({ instruction: p, facts });
      planMs.push(performance.now() - t);
    }
    for (const p of ['enhance', 'brighter and warmer but keep the sky', 'cinematic look, a bit darker']) {
      const t = performance.now();
      planEdit({ instruction: p, facts });
      planMs.push(performance.now() - t);
    }
  }
  rows.push(['built-in planner: plan (facts given)', planMs.length, f1(median(planMs)), f1(Math.max(...planMs)), '< 50 ms']);
  const loopMs: number[] = [];
  const breakdown: string[] = [];
  // The first loop in a fresh process pays for JIT compilation and table building; a long-lived
  // app pays it once, so it is reported apart and not in the median.
  let t = performance.now();
  await runAgentLoop({ instruction: 'enhance', preview: photos[photos.length - 1], candidates: 4 });
  const coldMs = performance.now() - t;
  for (const img of photos)
    for (const instruction of ['brighter and warmer', 'enhance']) {
      const r = await runAgentLoop({ instruction, preview: img, candidates: 4 });
      loopMs.push(r.seconds * 1000);
      breakdown.push(`${r.tried.length} renders: before ${r.timing.beforeMs} / plan ${r.timing.planMs} / render ${r.timing.renderMs} / perceive+critic ${r.timing.criticMs} ms`);
    }
  // Baseline in the same run: the previous loop (every candidate rendered from scratch with
  // renderImage — guides recomputed — and judged at the full 512 px preview).
  const fresh = (settings: unknown, src: unknown) => renderImage(settings as never, src as never, { scale: 1, rendered: true });
  const baseMs: number[] = [];
  for (const img of photos)
    for (const instruction of ['brighter and warmer', 'enhance']) {
      const r = await runAgentLoop({ instruction, preview: img, candidates: 4, render: fresh, criticSide: 512 });
      baseMs.push(r.seconds * 1000);
    }
  rows.push([`loop, 4 candidates, ${photos[0].width}×${photos[0].height} preview`, loopMs.length, f1(median(loopMs)), f1(Math.max(...loopMs)), `< 1000 ms; ${(median(baseMs) / median(loopMs)).toFixed(1)}× faster than the baseline below`]);
  rows.push(['baseline: guides recomputed per candidate, judged at 512 px', baseMs.length, f1(median(baseMs)), f1(Math.max(...baseMs)), '']);
  rows.push(['loop, first call in a fresh process (warm-up, not in the row above)', 1, f1(coldMs), '', '']);
  // llama.cpp path: load the tiny model, then the loop with the model as the plan source.
  const dir = mkdtempSync(path.join(tmpdir(), 'tw-bench-'));
  try {
    const engine = new LlamaEngine({ gpu: false, threads: 1, contextSize: 8192 });
    t = performance.now();
    await engine.load(writeTinyGguf(path.join(dir, 'tiny.gguf'), { contextLength: 8192 }));
    rows.push(['llama: load tiny GGUF (threads 1)', 1, f1(performance.now() - t), '', '']);
    const chatMs: number[] = [];
    for (let i = 0; i < 3; i++) {
      t = performance.now();
      await engine.chat([{ role: 'user', content: 'brighter' }], { maxTokens: 16, seed: i, conversationId: 'bench' });
      chatMs.push(performance.now() - t);
    }
    rows.push(['llama: 16-token chat (context reused)', chatMs.length, f1(median(chatMs)), f1(Math.max(...chatMs)), '']);
    const small = photos[0];
    const src = new ModelPlanSource(engine, { maxTokens: 160, maxToolCalls: 1 });
    t = performance.now();
    const r = await runAgentLoop({ instruction: 'brighter and warmer', preview: small, source: src, candidates: 2, maxRounds: 1 });
    rows.push([`llama: whole loop, model plan source (${r.tried.length} renders)`, 1, f1(performance.now() - t), '', 'model time dominates']);
    await engine.unload();
  } catch (e) {
    rows.push(['llama path', 0, `failed: ${(e as Error).message.slice(0, 80)}`, '', '']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return `${table(['what', 'runs', 'median ms', 'max ms', 'goal'], rows)}\n\nLoop breakdown per run: ${breakdown.join('; ')}`;
}
