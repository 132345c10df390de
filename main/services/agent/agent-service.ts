/**
 * The retouching agent as the app uses it: one chat turn = the user's message → perception of
 * the photo's preview → candidate plans (the built-in planner, or a local model) rendered and
 * scored by the critic → the best committed as one turn of the edit stack, stored with the
 * conversation. Undo/redo requests act on the stack; every step stays undoable.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolveSteps, type EditStep } from '../../../shared/develop/stack.ts';
import type { Repositories } from '../../repositories/index.ts';
import type { DevelopService, StackView } from '../develop/develop-service.ts';
import { NotFoundError } from '../develop/develop-service.ts';
import { decodeImage } from '../../imaging/decode.ts';
import { renderPath } from '../import/render-cache.ts';
import { builtinSource, runAgentLoop, type LoopResult, type PlanSource } from '../../agent/loop.ts';
import { perceive } from '../../agent/perception/facts.ts';
import type { RgbImage } from '../../agent/perception/image.ts';
import type { PlanStep, PreviousTurn } from '../../agent/planner/types.ts';
import { suggestPrompts } from '../../agent/suggest.ts';
import type { Engine } from '../../agent/engine/types.ts';
import { previewImagePart } from '../../vision/preview-image.ts';
import { ModelPlanSource } from '../../agent/llm/model-source.ts';

export interface TurnView {
  turnId: string;
  photoId: number;
  userText: string;
  reply: string;
  engine: string;
  stepIds: string[];
  critic: LoopResult['critic'];
  createdAt: string;
}

interface TurnData {
  userText: string;
  engine: string;
  stepIds: string[];
  critic: LoopResult['critic'];
  tried?: LoopResult['tried'];
  seconds?: number;
}

export interface AgentServiceOptions {
  repos: Pick<Repositories, 'photos' | 'chat' | 'keywords'>;
  develop: DevelopService;
  cacheDir: string;
  /** The model engine when one is chosen and loaded; null → the built-in planner. */
  engine?: () => Engine | null;
  onToken?: (photoId: number, text: string) => void;
  onStatus?: (photoId: number, status: string) => void;
}

const PREVIEW_EDGE = 512;

export class AgentService {
  private previews = new Map<string, RgbImage>();

  constructor(private readonly o: AgentServiceOptions) {}

  /** The ≤ 512 px preview the agent looks at (from the import's cached preview when present). */
  private async preview(photoId: number): Promise<{ image: RgbImage; text: Record<string, string | string[]> }> {
    const photo = this.o.repos.photos.byId(photoId);
    if (!photo) throw new NotFoundError(`photo ${photoId} is not in the catalog`);
    let image = this.previews.get(photo.hash);
    if (!image) {
      const cached = renderPath(this.o.cacheDir, 'previews', photo.hash);
      const decoded = await decodeImage(existsSync(cached) ? cached : photo.path, { longEdge: PREVIEW_EDGE });
      image = decoded.image as RgbImage;
      if (this.previews.size > 16) this.previews.delete(this.previews.keys().next().value!);
      this.previews.set(photo.hash, image);
    }
    const text: Record<string, string | string[]> = { fileName: photo.fileName };
    if (photo.title) text.title = photo.title;
    if (photo.caption) text.caption = photo.caption;
    const keywords = this.o.repos.keywords.forPhoto(photoId);
    if (keywords.length) text.keywords = keywords;
    return { image, text };
  }

  conversation(photoId: number): TurnView[] {
    return this.o.repos.chat.forPhoto(photoId).map((r) => {
      const d = (r.data ?? {}) as Partial<TurnData>;
      return {
        turnId: r.turnId,
        photoId,
        userText: d.userText ?? '',
        reply: r.content,
        engine: d.engine ?? 'builtin',
        stepIds: d.stepIds ?? [],
        critic: d.critic ?? null,
        createdAt: r.createdAt,
      };
    });
  }

  /** The previous turn that produced steps, for "a bit less" / "more". */
  private previousTurn(photoId: number, steps: readonly EditStep[]): PreviousTurn | undefined {
    const turns = this.conversation(photoId).filter((t) => t.stepIds.length > 0);
    const last = turns[turns.length - 1];
    if (!last) return undefined;
    const ids = new Set(last.stepIds);
    const first = steps.findIndex((s) => ids.has(s.id));
    if (first < 0) return undefined;
    const own = steps.filter((s) => ids.has(s.id) && s.enabled);
    return {
      instruction: last.userText,
      steps: own.map((s) => ({ op: s.op, params: s.params, mask: s.mask, reason: s.reason ?? '' })),
      before: resolveSteps(steps.slice(0, first)),
    };
  }

  async suggestions(photoId: number): Promise<string[]> {
    const { image } = await this.preview(photoId);
    return suggestPrompts(perceive(image));
  }

  async send(photoId: number, text: string, opts: { candidates?: number; signal?: AbortSignal } = {}): Promise<{ turn: TurnView; stepIds: string[]; view: StackView; result: LoopResult }> {
    const { image, text: photoText } = await this.preview(photoId);
    const stack = this.o.develop.stack(photoId);
    const applied = stack.steps.slice(0, stack.cursor);
    const engine = this.o.engine?.() ?? null;
    // A vision engine sees the photo: a downscaled preview goes with the first message.
    const seen = engine?.id === 'vision' ? await previewImagePart(image) : undefined;
    const source: PlanSource = engine
      ? new ModelPlanSource(engine, { image: seen, onToken: (t) => this.o.onToken?.(photoId, t), onStatus: (s) => this.o.onStatus?.(photoId, s) })
      : builtinSource;
    this.o.onStatus?.(photoId, engine ? `planning with ${engine.describe()}` : 'planning');
    const result = await runAgentLoop({
      instruction: text,
      preview: image,
      current: resolveSteps(applied),
      previous: this.previousTurn(photoId, applied),
      photoText,
      source,
      candidates: opts.candidates ?? 4,
      signal: opts.signal,
    });
    const turnId = randomUUID();
    let view: StackView;
    let stepIds: string[] = [];
    let reply = result.reply;
    if (source instanceof ModelPlanSource && source.notes.length) reply += `\n(Note: ${source.notes.join('; ')})`;
    if (result.action?.type === 'undo') view = this.o.develop.undo(photoId, result.action.scope);
    else if (result.action?.type === 'redo') view = this.o.develop.redo(photoId, result.action.scope);
    else if (result.action?.type === 'reset') view = this.o.develop.jumpTo(photoId, 0);
    else if (result.steps.length) {
      const committed = this.o.develop.commitTurn(photoId, result.steps.map(toStepInput), turnId, 'agent');
      view = committed.view;
      stepIds = committed.stepIds;
    } else view = this.o.develop.view(photoId);
    const engineName = engine ? engine.describe() : 'builtin';
    const data: TurnData = { userText: text, engine: engineName, stepIds, critic: result.critic, tried: result.tried, seconds: result.seconds };
    this.o.repos.chat.add({ turnId, photoId, role: 'assistant', content: reply, data });
    const turn = this.conversation(photoId).find((t) => t.turnId === turnId)!;
    return { turn, stepIds, view, result };
  }
}

function toStepInput(s: PlanStep) {
  return { op: s.op, params: s.params, mask: s.mask, reason: s.reason };
}
