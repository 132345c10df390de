/**
 * The candidate loop: a plan source proposes several candidate plans (the built-in planner's
 * strength variants, or a model's samples), each is rendered at preview size and scored by the
 * critic; the best is kept and refined for at most a few rounds. Returns the chosen steps, the
 * reply, the critic's verdict and the time taken.
 */
import { critique, type CriticResult } from './critic/critic.ts';
import { perceiveFull, type Perception } from './perception/facts.ts';
import type { RgbImage } from './perception/image.ts';
import { previewRenderer, shrinkSource, type Renderer } from './preview-render.ts';
import type { PhotoText } from './perception/describe.ts';
import { applySteps, scaleSteps } from './planner/apply.ts';
import { planEdit } from './planner/plan.ts';
import type { ParsedInstruction, PlanAction, PlanRequest, PlanStep, PreviousTurn, Settings } from './planner/types.ts';

export interface CandidatePlan {
  steps: PlanStep[];
  reply: string;
  action?: PlanAction;
  /** The instruction as the source understood it (the critic writes criteria from it). */
  parsed?: ParsedInstruction;
  /** e.g. 'planner ×1.0', 'model sample 2'. */
  label: string;
  /** Strength relative to the source's own plan (for refinement). */
  strength?: number;
}

export interface ScoredCandidate {
  plan: CandidatePlan;
  critic: CriticResult;
}

/** Where candidate plans come from: the built-in planner, or a model engine. */
export interface PlanSource {
  name: string;
  propose(req: PlanRequest, count: number, signal?: AbortSignal): CandidatePlan[] | Promise<CandidatePlan[]>;
  /** Optional: new candidates around the best so far (its critic breakdown included). */
  refine?(req: PlanRequest, best: ScoredCandidate, round: number, signal?: AbortSignal): CandidatePlan[] | Promise<CandidatePlan[]>;
}

export type { Renderer };

export interface LoopOptions {
  instruction: string;
  /** A small preview (≤ 512 px is plenty; larger inputs are reduced first). */
  preview: RgbImage;
  current?: Settings;
  previous?: PreviousTurn;
  photoText?: PhotoText;
  source?: PlanSource;
  render?: Renderer;
  /** Candidates in the first round (default 3). */
  candidates?: number;
  /** Refinement rounds after the first (default 2, at most 4). */
  maxRounds?: number;
  /**
   * Longest side (px) at which candidates are rendered and judged (default 256). The planner
   * still reads the facts of the ≤ 512 px preview; the critic compares before and after at this
   * size (its criteria are relative: before and after measured alike).
   */
  criticSide?: number;
  signal?: AbortSignal;
}

export interface LoopResult {
  steps: PlanStep[];
  reply: string;
  action?: PlanAction;
  critic: CriticResult | null;
  seconds: number;
  /** Every candidate tried, with its score, in order. */
  tried: { label: string; score: number }[];
  rounds: number;
  /**
   * Where the time went (ms): perceiving the image as it is now (the planner's facts and the
   * critic's before), planning, rendering candidates, perceiving them + the critic.
   */
  timing: { beforeMs: number; planMs: number; renderMs: number; criticMs: number };
}

const STRENGTHS = [1, 0.6, 1.4, 0.8, 1.2, 1.7, 0.4];

/** The plan's steps at a strength, with the reply quoting the scaled steps' reasons. */
export function scaled(plan: { steps: PlanStep[]; reply: string }, req: PlanRequest, k: number): { steps: PlanStep[]; reply: string } {
  if (k === 1) return { steps: plan.steps, reply: plan.reply };
  const steps = scaleSteps(plan.steps, req.current, k);
  let reply = plan.reply;
  steps.forEach((s, i) => {
    const old = plan.steps[i].reason;
    if (old && old !== s.reason) reply = reply.split(old).join(s.reason);
  });
  return { steps, reply };
}

/** The built-in planner as a plan source: its plan at several strengths. */
export const builtinSource: PlanSource = {
  name: 'builtin',
  propose(req, count) {
    const plan = planEdit(req);
    // Exact amounts the user asked for ("+1 EV", "contrast to 20") are not varied.
    const exact = plan.parsed.intents.some((i) => i.kind === 'adjust' && i.amount);
    if (plan.action || plan.steps.length === 0 || exact) return [{ steps: plan.steps, reply: plan.reply, action: plan.action, parsed: plan.parsed, label: 'planner', strength: 1 }];
    return STRENGTHS.slice(0, Math.max(1, count)).map((k) => ({
      ...scaled(plan, req, k),
      parsed: plan.parsed,
      label: `planner ×${k}`,
      strength: k,
    }));
  },
  refine(req, best, round) {
    if (best.plan.label === 'planner') return [];
    const k = best.plan.strength ?? 1;
    const hints = best.critic.criteria.filter((c) => c.hint !== undefined && c.weight >= 2).map((c) => c.hint!);
    const under = hints.filter((h) => h < 0).length, over = hints.filter((h) => h > 0).length;
    const step = 0.25 / round;
    const factors = under > over ? [k * (1 + step * 1.5)] : over > under ? [k * (1 - step)] : [k * (1 - step / 2), k * (1 + step / 2)];
    const plan = planEdit(req);
    return factors.map((f) => ({ ...scaled(plan, req, f), parsed: plan.parsed, label: `planner ×${f.toFixed(2)}`, strength: f }));
  },
};

/** The production renderer: the real pipeline, guides computed once per source. */
const defaultRenderer = previewRenderer();

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/** The default size candidates are rendered and judged at. */
export const CRITIC_SIDE = 256;

export async function runAgentLoop(o: LoopOptions): Promise<LoopResult> {
  const t0 = now();
  const source = o.source ?? builtinSource;
  const preview = shrinkSource(o.preview, 512);
  // Candidates are rendered and judged on a smaller copy (same object when already small).
  const judged = shrinkSource(preview, Math.max(32, o.criticSide ?? CRITIC_SIDE));
  const hasCurrent = !!o.current && (Object.keys(o.current.ops).length > 0 || o.current.locals.length > 0);
  const draw: Renderer = o.render ?? defaultRenderer;
  // The image as it looks now (current settings rendered) is what the planner sizes from and
  // what the critic compares candidates against.
  const timing = { beforeMs: 0, planMs: 0, renderMs: 0, criticMs: 0 };
  const now0 = hasCurrent ? applySteps(o.current, []) : null;
  const before: Perception = perceiveFull(now0 ? await draw(now0, preview) : preview);
  timing.beforeMs = now() - t0;
  let criticBefore: Perception | null = judged.data === preview.data ? before : null;
  const judgeBefore = async (): Promise<Perception> => {
    if (criticBefore) return criticBefore;
    const t = now();
    criticBefore = perceiveFull(now0 ? await draw(now0, judged) : judged);
    timing.beforeMs += now() - t;
    return criticBefore;
  };
  const req: PlanRequest = { instruction: o.instruction, facts: before.facts, current: o.current, previous: o.previous, photoText: o.photoText };
  let tp = now();
  const first = await source.propose(req, o.candidates ?? 3, o.signal);
  timing.planMs += now() - tp;
  const done = (best: ScoredCandidate | null, plan: CandidatePlan, tried: LoopResult['tried'], rounds: number): LoopResult => ({
    steps: plan.steps,
    reply: best ? `${plan.reply}\nCritic: ${best.critic.summary}` : plan.reply,
    action: plan.action,
    critic: best?.critic ?? null,
    seconds: Math.round(now() - t0) / 1000,
    tried,
    rounds,
    timing: { beforeMs: Math.round(timing.beforeMs), planMs: Math.round(timing.planMs), renderMs: Math.round(timing.renderMs), criticMs: Math.round(timing.criticMs) },
  });
  if (first.length === 0) return done(null, { steps: [], reply: 'No plan was proposed.', label: 'none' }, [], 0);
  if (first[0].action || first.every((c) => c.steps.length === 0)) return done(null, first[0], [], 0);
  const tried: LoopResult['tried'] = [];
  const score = async (c: CandidatePlan): Promise<ScoredCandidate> => {
    if (o.signal?.aborted) throw new Error('aborted');
    const base = await judgeBefore();
    const t1 = now();
    const after = await draw(applySteps(o.current, c.steps), judged);
    const t2 = now();
    const critic = critique({ instruction: o.instruction, parsed: c.parsed, before: base, after });
    timing.renderMs += t2 - t1;
    timing.criticMs += now() - t2;
    tried.push({ label: c.label, score: critic.score });
    return { plan: c, critic };
  };
  let best: ScoredCandidate | null = null;
  for (const c of first.filter((c) => c.steps.length)) {
    const s = await score(c);
    if (!best || s.critic.score > best.critic.score) best = s;
  }
  let rounds = 1;
  const maxRounds = Math.min(4, Math.max(0, o.maxRounds ?? 2));
  for (let r = 1; r <= maxRounds && best && source.refine && best.critic.score < 0.97; r++) {
    tp = now();
    const next = await source.refine(req, best, r, o.signal);
    timing.planMs += now() - tp;
    if (!next.length) break;
    rounds++;
    let improved = false;
    for (const c of next.filter((c) => c.steps.length)) {
      const s = await score(c);
      if (s.critic.score > best.critic.score + 0.002) {
        best = s;
        improved = true;
      }
    }
    if (!improved) break;
  }
  return done(best, best!.plan, tried, rounds);
}
