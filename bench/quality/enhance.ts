/**
 * (a) "enhance" on the FiveK dev pairs: the built-in planner alone and the whole loop (planner
 * candidates scored by the critic), each rendered at full size and compared with the expert-C
 * target, beside the input's own scores.
 */
import { runAgentLoop } from '../../main/agent/loop.ts';
import { scoreAgainst, type Scores } from '../../main/agent/metrics/image-metrics.ts';
import { perceive } from '../../main/agent/perception/facts.ts';
import { applySteps } from '../../main/agent/planner/apply.ts';
import { planEdit } from '../../main/agent/planner/plan.ts';
import type { PlanStep } from '../../main/agent/planner/types.ts';
import { renderImage } from '../../shared/pixel/pipeline.ts';
import { isHeldOut, type Pair } from './data.ts';
import { f2, f3, mean, table } from './table.ts';

export interface EnhanceRow {
  name: string;
  heldOut: boolean;
  input: Scores;
  planner: Scores;
  loop: Scores;
}

function renderSteps(steps: PlanStep[], img: Pair['input']): Float32Array {
  return renderImage(applySteps(undefined, steps) as never, img, { scale: 1, rendered: true }).data;
}

export async function runEnhance(pairs: Pair[], instruction = 'enhance'): Promise<EnhanceRow[]> {
  const rows: EnhanceRow[] = [];
  for (let i = 0; i < pairs.length; i++) {
    const { name, input, target } = pairs[i];
    const { width: w, height: h } = input;
    const inScores = scoreAgainst(input.data, target.data, w, h, 255, 255);
    const plan = planEdit({ instruction, facts: perceive(input) });
    const planner = scoreAgainst(renderSteps(plan.steps, input), target.data, w, h, 1, 255);
    const r = await runAgentLoop({ instruction, preview: input, candidates: 4 });
    const loop = scoreAgainst(renderSteps(r.steps, input), target.data, w, h, 1, 255);
    rows.push({ name, heldOut: isHeldOut(i), input: inScores, planner, loop });
  }
  return rows;
}

const avg = (rows: EnhanceRow[], k: 'input' | 'planner' | 'loop', m: keyof Scores): number => mean(rows.map((r) => r[k][m]));

export function enhanceTables(rows: EnhanceRow[]): string {
  const per = table(
    ['pair', 'split', 'input PSNR', 'planner PSNR', 'loop PSNR', 'input SSIM', 'planner SSIM', 'loop SSIM', 'input ΔE', 'planner ΔE', 'loop ΔE'],
    rows.map((r) => [r.name, r.heldOut ? 'held out' : 'dev', f2(r.input.psnr), f2(r.planner.psnr), f2(r.loop.psnr), f3(r.input.ssim), f3(r.planner.ssim), f3(r.loop.ssim), f2(r.input.deltaE), f2(r.planner.deltaE), f2(r.loop.deltaE)]),
  );
  const groups: [string, EnhanceRow[]][] = [['all', rows], ['dev', rows.filter((r) => !r.heldOut)], ['held out', rows.filter((r) => r.heldOut)]];
  const summary = table(
    ['set', 'n', 'PSNR input → planner → loop (dB)', 'SSIM input → planner → loop', 'mean ΔE2000 input → planner → loop'],
    groups.filter(([, g]) => g.length).map(([label, g]) => [
      label,
      g.length,
      `${f2(avg(g, 'input', 'psnr'))} → ${f2(avg(g, 'planner', 'psnr'))} → ${f2(avg(g, 'loop', 'psnr'))}`,
      `${f3(avg(g, 'input', 'ssim'))} → ${f3(avg(g, 'planner', 'ssim'))} → ${f3(avg(g, 'loop', 'ssim'))}`,
      `${f2(avg(g, 'input', 'deltaE'))} → ${f2(avg(g, 'planner', 'deltaE'))} → ${f2(avg(g, 'loop', 'deltaE'))}`,
    ]),
  );
  return `${summary}\n\nPer pair:\n\n${per}`;
}
