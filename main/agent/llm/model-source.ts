/**
 * A language model as the agent loop's plan source: a short tool loop where the model may ask
 * for image facts (histogram, a region's statistics) before it proposes steps, then sees the
 * critic's score of the rendered result and revises. Output is grammar-constrained JSON, then
 * validated and clamped with the operations' own declarations — model output is untrusted.
 * When the model's answer is unusable, the built-in planner answers instead (and says so).
 */
import { planFromGrammar, planGrammarSchema } from '../../../shared/develop/grammarSchema.ts';
import { builtinSource, type CandidatePlan, type PlanSource, type ScoredCandidate } from '../loop.ts';
import { scaleSteps } from '../planner/apply.ts';
import type { PlanRequest, PlanStep } from '../planner/types.ts';
import type { ChatContentPart, ChatMessage, Engine } from '../engine/types.ts';
import { EngineError } from '../engine/types.ts';
import { MODEL_OPS, REGIONS, refinePrompt, systemPrompt, userPrompt } from './prompt.ts';
import { answerTool } from './tools.ts';

export interface ModelSourceOptions {
  /** At most this many information requests before a plan is demanded. */
  maxToolCalls?: number;
  maxTokens?: number;
  timeoutMs?: number;
  onToken?: (text: string) => void;
  onStatus?: (status: string) => void;
  /**
   * For vision engines: the preview the model looks at, sent with the first user message (the
   * measured facts stay in the text). Text-only engines see a note in its place.
   */
  image?: Extract<ChatContentPart, { type: 'image' }>;
}

export function actionSchema(): object {
  const plan = planGrammarSchema({ ops: MODEL_OPS }) as { properties: Record<string, unknown> };
  return {
    oneOf: [
      { type: 'object', properties: { action: { const: 'histogram' } } },
      { type: 'object', properties: { action: { const: 'region' }, region: { enum: [...REGIONS] } } },
      { type: 'object', properties: { action: { const: 'plan' }, ...plan.properties } },
    ],
  };
}

export function planOnlySchema(): object {
  const plan = planGrammarSchema({ ops: MODEL_OPS }) as { properties: Record<string, unknown> };
  return { type: 'object', properties: { action: { const: 'plan' }, ...plan.properties } };
}

function toPlanSteps(steps: { op: string; params: Record<string, unknown>; mask?: unknown; reason?: string }[]): PlanStep[] {
  return steps.map((s) => ({ op: s.op, params: s.params as PlanStep['params'], mask: s.mask as PlanStep['mask'], reason: s.reason ?? '' }));
}

export class ModelPlanSource implements PlanSource {
  readonly name: string;
  private messages: ChatMessage[] = [];
  /** What went wrong with the model this turn, for the reply (empty when all was fine). */
  notes: string[] = [];

  constructor(
    private readonly engine: Engine,
    private readonly o: ModelSourceOptions = {},
  ) {
    this.name = engine.describe();
  }

  private async ask(schema: object, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const res = await this.engine.chat(this.messages, {
      jsonSchema: schema,
      signal,
      maxTokens: this.o.maxTokens ?? 700,
      timeoutMs: this.o.timeoutMs ?? 60_000,
      onToken: this.o.onToken,
      conversationId: 'agent',
    });
    this.messages.push({ role: 'assistant', content: res.text });
    if (typeof res.json !== 'object' || res.json === null) throw new EngineError('bad-output', 'the model did not answer with a JSON object');
    return res.json as Record<string, unknown>;
  }

  /** Runs the tool loop until the model gives a plan; returns it validated. */
  private async plan(req: PlanRequest, signal?: AbortSignal): Promise<CandidatePlan> {
    const max = this.o.maxToolCalls ?? 3;
    for (let call = 0; ; call++) {
      const last = call >= max;
      this.o.onStatus?.(last ? 'asking the model for its plan' : 'the model is reading the image facts');
      const out = await this.ask(last ? planOnlySchema() : actionSchema(), signal);
      if (out.action === 'plan') {
        const { reply, steps, warnings } = planFromGrammar({ reply: out.reply ?? '', steps: out.steps ?? [] });
        if (warnings.length) this.notes.push(...warnings);
        return { steps: toPlanSteps(steps as never), reply, label: `${this.name}`, strength: 1 };
      }
      const answer = answerTool(out, req.facts);
      this.messages.push({ role: 'tool', name: String(out.action), content: answer });
    }
  }

  async propose(req: PlanRequest, count: number, signal?: AbortSignal): Promise<CandidatePlan[]> {
    this.messages = [
      { role: 'system', content: systemPrompt() },
      { role: 'user', content: this.o.image ? [this.o.image, { type: 'text', text: `The image above is the photo (a downscaled preview).\n\n${userPrompt(req)}` }] : userPrompt(req) },
    ];
    this.notes = [];
    try {
      const base = await this.plan(req, signal);
      if (base.steps.length === 0) return [base];
      const variants = [0.6, 1.4].slice(0, Math.max(0, count - 1)).map((k) => ({ ...base, steps: scaleSteps(base.steps, req.current, k), label: `${base.label} ×${k}`, strength: k }));
      return [base, ...variants];
    } catch (err) {
      if (err instanceof EngineError && (err.kind === 'aborted' || signal?.aborted)) throw err;
      this.notes.push(`the model's answer was unusable (${(err as Error).message}), so the built-in planner answered`);
      const fallback = await builtinSource.propose(req, count, signal);
      return fallback.map((c) => ({ ...c, label: `builtin (fallback): ${c.label}` }));
    }
  }

  async refine(req: PlanRequest, best: ScoredCandidate, round: number, signal?: AbortSignal): Promise<CandidatePlan[]> {
    if (best.plan.label.startsWith('builtin')) return builtinSource.refine ? builtinSource.refine(req, best, round, signal) : [];
    this.messages.push({ role: 'user', content: refinePrompt(best) });
    try {
      const revised = await this.plan(req, signal);
      return [{ ...revised, label: `${revised.label} (revision ${round})` }];
    } catch (err) {
      if (err instanceof EngineError && (err.kind === 'aborted' || signal?.aborted)) throw err;
      this.notes.push(`revision ${round} failed: ${(err as Error).message}`);
      return [];
    }
  }
}
