/**
 * The candidate loop: a plan source proposes several candidate plans (the built-in planner's
 * strength variants, or a model's samples), each is rendered at preview size and scored by the
 * critic; the best is kept and refined for at most a few rounds. Returns the chosen steps, the
 * reply, the critic's verdict and the time taken.
 */
import { critique, type CriticResult } from './critic/critic.ts';
import { perceiveFull, type Perception } from './perception/facts.ts';
import { toPreview, CODE_MAX, type RgbImage } from './perception/image.ts';
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

/** Renders settings on the preview source (shared/pixel/pipeline.ts renderImage in production). */
export type Renderer = (settings: Settings, source: RgbImage) => RgbImage | Promise<RgbImage>;

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
  /** Where the time went (ms): planning, rendering candidates, perception + critic. */
  timing: { planMs: number; renderMs: number; criticMs: number };
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

let defaultRenderer: Renderer | null = null;
async function loadRenderer(): Promise<Renderer> {
  if (defaultRenderer) return defaultRenderer;
  const spec = '../../shared/pixel/pipeline.ts';
  const mod = (await import(/* @vite-ignore */ spec)) as { renderImage: (s: unknown, src: unknown, o?: unknown) => RgbImage };
  defaultRenderer = (settings, source) => mod.renderImage(settings, source, { scale: 1, rendered: true });
  return defaultRenderer;
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/** A ≤ 512 px 16-bit source from a larger image (the loop's working preview). */
function shrink(img: RgbImage, maxSide: number): RgbImage {
  if (Math.max(img.width, img.height) <= maxSide) return img;
  const p = toPreview(img, maxSide);
  const data = new Uint16Array(p.codes.length);
  const k = 65535 / CODE_MAX;
  for (let i = 0; i < data.length; i++) data[i] = Math.round(p.codes[i] * k);
  return { width: p.width, height: p.height, bits: 16, data };
}

export async function runAgentLoop(o: LoopOptions): Promise<LoopResult> {
  const t0 = now();
  const source = o.source ?? builtinSource;
  const preview = shrink(o.preview, 512);
  const hasCurrent = !!o.current && (Object.keys(o.current.ops).length > 0 || o.current.locals.length > 0);
  let render: Renderer | null = o.render ?? null;
  // The image as it looks now (current settings rendered) is what the planner sizes from and
  // what the critic compares candidates against.
  if (hasCurrent && !render) render = await loadRenderer();
  const before: Perception = perceiveFull(hasCurrent ? await render!(applySteps(o.current, []), preview) : preview);
  const req: PlanRequest = { instruction: o.instruction, facts: before.facts, current: o.current, previous: o.previous, photoText: o.photoText };
  const timing = { planMs: 0, renderMs: 0, criticMs: 0 };
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
    timing: { planMs: Math.round(timing.planMs), renderMs: Math.round(timing.renderMs), criticMs: Math.round(timing.criticMs) },
  });
  if (first.length === 0) return done(null, { steps: [], reply: 'No plan was proposed.', label: 'none' }, [], 0);
  if (first[0].action || first.every((c) => c.steps.length === 0)) return done(null, first[0], [], 0);
  const draw: Renderer = render ?? (await loadRenderer());
  const tried: LoopResult['tried'] = [];
  const score = async (c: CandidatePlan): Promise<ScoredCandidate> => {
    if (o.signal?.aborted) throw new Error('aborted');
    const t1 = now();
    const after = await draw(applySteps(o.current, c.steps), preview);
    const t2 = now();
    const critic = critique({ instruction: o.instruction, parsed: c.parsed, before, after });
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
