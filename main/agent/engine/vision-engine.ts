/**
 * The vision engine: a llama.cpp multimodal model (language model + projector) served by a
 * supervised `llama-server` child on loopback (main/vision/). Image parts are downscaled and sent
 * inline as `data:` URIs; output is constrained by the JSON schema (the server compiles it to a
 * grammar); a 500 or a dropped connection (crash) is retried after the supervisor restarts the
 * server; abort and timeout cancel the HTTP request, which cancels the server's task.
 */
import { checkVisionPair, VisionPairError } from '../models/pair.ts';
import { chatCompletion, VisionHttpError, type CompletionRequest, type OpenAiContent } from '../../vision/chat-client.ts';
import { ImageInputError, imageDataUri, PREVIEW_EDGE } from '../../vision/preview-image.ts';
import { findRuntime, type RuntimeLocation } from '../../vision/runtime-paths.ts';
import { SupervisorError, VisionSupervisor, type SupervisorOptions } from '../../vision/supervisor.ts';
import { abortError, callSignal } from './deadline.ts';
import { Serial } from './serial.ts';
import { defaultThreads } from './llama-engine.ts';
import { EngineError, messageText, type ChatMessage, type ChatOptions, type ChatResult, type Engine, type ModelInfo } from './types.ts';

export interface VisionEngineOptions {
  /** The projector (mmproj) that belongs to the model given to load(). */
  mmproj?: string;
  /** Where llama-server is (default: findRuntime()). */
  runtime?: RuntimeLocation;
  threads?: number;
  contextSize?: number;
  /** Long edge of the image the model sees (default 448). */
  imageEdge?: number;
  /** Attempts per request for retryable failures (500, crash) (default 3). */
  attempts?: number;
  /** Bias applied to every request (tests ban the tiny model's raw byte tokens). */
  logitBias?: Record<string, number>;
  /** Supervisor settings (fixed port, back-off, start timeout). */
  server?: Partial<Pick<SupervisorOptions, 'port' | 'pickPort' | 'backoffMs' | 'startTimeoutMs' | 'portAttempts' | 'extraArgs'>>;
  listModels?: () => Promise<ModelInfo[]>;
}

export class VisionEngine implements Engine {
  readonly id = 'vision';
  private supervisor: VisionSupervisor | null = null;
  private modelPath = '';
  private readonly calls = new Serial();

  constructor(private readonly options: VisionEngineOptions = {}) {}

  get loaded(): boolean {
    return this.supervisor !== null;
  }

  /** The running server's pid (for tests and status). */
  get serverPid(): number | undefined {
    return this.supervisor?.pid;
  }

  get server(): VisionSupervisor | null {
    return this.supervisor;
  }

  describe(): string {
    return this.loaded ? `vision: ${this.modelPath.split(/[\\/]/).pop()}` : 'vision: no model loaded';
  }

  /** Checks the pair, then starts llama-server and waits until it is healthy. */
  async load(modelPath?: string): Promise<void> {
    if (!modelPath) throw new EngineError('load-failed', 'no model file given: choose a vision GGUF and its mmproj first');
    try {
      await checkVisionPair(modelPath, this.options.mmproj);
    } catch (err) {
      throw new EngineError('load-failed', (err as VisionPairError).message, { cause: err });
    }
    const runtime = this.options.runtime ?? findRuntime();
    if (!runtime.built)
      throw new EngineError('unavailable', `the vision runtime is not built for llama.cpp ${runtime.version} (expected ${runtime.serverPath}); build it with "npm run build:vision" or "tonewright vision build" (about 20 minutes on two cores)`);
    await this.unload();
    const supervisor = new VisionSupervisor({
      serverPath: runtime.serverPath,
      binDir: runtime.binDir,
      model: modelPath,
      mmproj: this.options.mmproj!,
      threads: this.options.threads ?? defaultThreads(),
      contextSize: this.options.contextSize ?? 8192,
      ...this.options.server,
    });
    try {
      await supervisor.ready();
    } catch (err) {
      await supervisor.shutdown();
      throw new EngineError('load-failed', `llama-server could not load ${modelPath} with ${this.options.mmproj}: ${(err as Error).message}`, { cause: err });
    }
    this.supervisor = supervisor;
    this.modelPath = modelPath;
  }

  /** Stops the server child (it is gone when this resolves). */
  async unload(): Promise<void> {
    const s = this.supervisor;
    this.supervisor = null;
    this.modelPath = '';
    await s?.shutdown();
  }

  async listModels(): Promise<ModelInfo[]> {
    return this.options.listModels ? this.options.listModels() : [];
  }

  /** Calls are serialised (one slot): the server evaluates one prompt at a time. */
  chat(messages: ChatMessage[], options: ChatOptions = {}): Promise<ChatResult> {
    return this.calls.run(() => this.chatNow(messages, options));
  }

  /** The request as llama-server takes it: roles it knows, images as data: URIs. */
  async toRequest(messages: ChatMessage[], options: ChatOptions = {}): Promise<CompletionRequest> {
    const edge = this.options.imageEdge ?? PREVIEW_EDGE;
    const out: CompletionRequest['messages'] = [];
    for (const m of messages) {
      if (m.role === 'tool') {
        out.push({ role: 'user', content: `Tool result (${m.name ?? 'tool'}):\n${messageText(m)}` });
        continue;
      }
      if (typeof m.content === 'string' || m.role !== 'user') {
        out.push({ role: m.role, content: typeof m.content === 'string' ? m.content : messageText(m, '[image]') });
        continue;
      }
      const parts: Exclude<OpenAiContent, string> = [];
      for (const p of m.content) {
        if (p.type === 'text') parts.push({ type: 'text', text: p.text });
        else parts.push({ type: 'image_url', image_url: { url: await imageDataUri(p, edge) } });
      }
      out.push({ role: 'user', content: parts });
    }
    return {
      messages: out,
      jsonSchema: options.jsonSchema,
      maxTokens: options.maxTokens ?? 512,
      temperature: options.temperature ?? 0.2,
      seed: options.seed,
      logitBias: this.options.logitBias,
    };
  }

  private async chatNow(messages: ChatMessage[], options: ChatOptions): Promise<ChatResult> {
    const supervisor = this.supervisor;
    if (!supervisor) throw new EngineError('not-loaded', 'no vision model is loaded');
    const last = messages[messages.length - 1];
    if (!last || last.role !== 'user') throw new EngineError('bad-output', "the last message must be the user's");
    const { signal, done } = callSignal(options, 'the vision model');
    const started = performance.now();
    try {
      let request: CompletionRequest;
      try {
        request = await this.toRequest(messages, options);
      } catch (err) {
        if (err instanceof ImageInputError) throw new EngineError('bad-input', err.message, { cause: err });
        throw err;
      }
      const attempts = Math.max(1, this.options.attempts ?? 3);
      for (let attempt = 1; ; attempt++) {
        if (signal.aborted) throw signal.reason;
        let pid: number | undefined;
        try {
          const conn = await supervisor.ready();
          pid = conn.pid;
          const res = await chatCompletion(conn, request, { signal, onToken: options.onToken });
          const result: ChatResult = { text: res.text, ms: performance.now() - started, stopReason: res.finishReason === 'length' ? 'maxTokens' : 'done' };
          if (options.jsonSchema) {
            try {
              result.json = JSON.parse(res.text);
            } catch {
              throw new EngineError('bad-output', `the vision model's output is not valid JSON${result.stopReason === 'maxTokens' ? ' (cut off at the token limit)' : ''}`);
            }
          }
          return result;
        } catch (err) {
          if (signal.aborted) throw err;
          if (err instanceof VisionHttpError && err.retryable && attempt < attempts) {
            // A lost connection: let the supervisor see the crash (and restart) first.
            if (err.status === 0) await supervisor.recover(pid);
            continue;
          }
          throw err;
        }
      }
    } catch (err) {
      throw toEngineError(err, signal);
    } finally {
      done();
    }
  }
}

function toEngineError(err: unknown, signal: AbortSignal): EngineError {
  if (err instanceof EngineError) return err;
  const aborted = abortError(signal, err);
  if (aborted) return aborted;
  if (err instanceof SupervisorError) return new EngineError('unavailable', `the vision server is unavailable: ${err.message}`, { cause: err });
  if (err instanceof VisionHttpError) {
    if (err.status === 400) return new EngineError('bad-input', err.message, { cause: err });
    if (err.status === 401 || err.status === 0) return new EngineError('unavailable', err.message, { cause: err });
    return new EngineError('bad-output', err.message, { cause: err });
  }
  return new EngineError('bad-output', `the vision request failed: ${(err as Error).message}`, { cause: err });
}
