/**
 * The OpenAI-compatible `/v1/chat/completions` call to our own llama-server: bearer API key,
 * optional JSON-schema response format (the server turns it into a grammar), streaming over SSE
 * when tokens are wanted, abort via the signal. Failures come back as VisionHttpError with
 * `retryable` set for a 500 (random or odd output the server's parser rejected) and for a
 * connection that dropped (the child crashed mid-request).
 */
import type { Connection } from './supervisor.ts';

export type OpenAiContent = string | ({ type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } })[];

export interface CompletionRequest {
  messages: { role: 'system' | 'user' | 'assistant'; content: OpenAiContent }[];
  jsonSchema?: object;
  maxTokens?: number;
  temperature?: number;
  seed?: number;
  /** Token id → additive bias, OpenAI style (-100 bans the token). */
  logitBias?: Record<string, number>;
}

export interface Completion {
  text: string;
  finishReason: string;
  /** Prompt tokens as the server counted them (an image adds its projected tokens). */
  promptTokens?: number;
}

export class VisionHttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'VisionHttpError';
  }
}

export function requestBody(r: CompletionRequest, stream: boolean): Record<string, unknown> {
  return {
    messages: r.messages,
    max_tokens: r.maxTokens ?? 512,
    temperature: r.temperature ?? 0.2,
    ...(r.seed !== undefined ? { seed: r.seed } : {}),
    ...(r.jsonSchema ? { response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: r.jsonSchema, strict: true } } } : {}),
    ...(r.logitBias && Object.keys(r.logitBias).length ? { logit_bias: r.logitBias } : {}),
    cache_prompt: true,
    stream,
  };
}

export async function chatCompletion(conn: Connection, r: CompletionRequest, o: { signal?: AbortSignal; onToken?: (t: string) => void } = {}): Promise<Completion> {
  const stream = !!o.onToken;
  let res: Response;
  try {
    res = await fetch(`${conn.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${conn.apiKey}` },
      body: JSON.stringify(requestBody(r, stream)),
      signal: o.signal,
    });
  } catch (err) {
    if (o.signal?.aborted) throw err;
    throw new VisionHttpError(`the vision server could not be reached (${causeText(err)})`, 0, true);
  }
  if (!res.ok) {
    const detail = await res.text().catch(() => '');
    const msg = serverMessage(detail) || res.statusText;
    if (res.status === 401) throw new VisionHttpError(`the vision server refused the request's API key (${msg})`, 401, false);
    throw new VisionHttpError(`the vision server answered ${res.status}: ${msg}`, res.status, res.status >= 500);
  }
  try {
    return stream ? await readStream(res, o.onToken!) : readJson((await res.json()) as ChatJson);
  } catch (err) {
    if (o.signal?.aborted || err instanceof VisionHttpError) throw err;
    throw new VisionHttpError(`the vision server's answer broke off (${causeText(err)})`, 0, true);
  }
}

interface ChatJson {
  usage?: { prompt_tokens?: number };
  choices?: { message?: { content?: string | null }; delta?: { content?: string | null }; finish_reason?: string | null }[];
  error?: { message?: string };
}

function readJson(j: ChatJson): Completion {
  const c = j.choices?.[0];
  if (!c) throw new VisionHttpError(`the vision server's answer has no choices${j.error?.message ? ` (${j.error.message})` : ''}`, 200, false);
  return { text: c.message?.content ?? '', finishReason: c.finish_reason ?? 'stop', promptTokens: j.usage?.prompt_tokens };
}

async function readStream(res: Response, onToken: (t: string) => void): Promise<Completion> {
  const decoder = new TextDecoder();
  let buf = '';
  let text = '';
  let finishReason = 'stop';
  let promptTokens: number | undefined;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buf += decoder.decode(chunk, { stream: true });
    let cut: number;
    while ((cut = buf.indexOf('\n\n')) >= 0) {
      const event = buf.slice(0, cut);
      buf = buf.slice(cut + 2);
      for (const line of event.split('\n')) {
        if (!line.startsWith('data:')) continue;
        const data = line.slice(5).trim();
        if (data === '[DONE]') return { text, finishReason, promptTokens };
        const j = JSON.parse(data) as ChatJson;
        if (j.error) throw new VisionHttpError(`the vision server failed mid-answer: ${j.error.message ?? 'unknown error'}`, 500, true);
        const c = j.choices?.[0];
        const piece = c?.delta?.content ?? '';
        if (piece) {
          text += piece;
          onToken(piece);
        }
        if (c?.finish_reason) finishReason = c.finish_reason;
        if (j.usage?.prompt_tokens !== undefined) promptTokens = j.usage.prompt_tokens;
      }
    }
  }
  return { text, finishReason, promptTokens };
}

function serverMessage(body: string): string {
  try {
    const j = JSON.parse(body) as { error?: { message?: string } | string };
    return typeof j.error === 'string' ? j.error : (j.error?.message ?? '');
  } catch {
    return body.slice(0, 300);
  }
}

function causeText(err: unknown): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  return e.cause?.code ?? e.cause?.message ?? e.message;
}
