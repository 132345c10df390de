/**
 * The local model engine on node-llama-cpp 3.21.1. Loads any instruct GGUF, constrains output
 * with a JSON-schema grammar, streams tokens, honours abort signals and timeouts, and reuses one
 * context sequence across turns (the chat session re-evaluates only what changed).
 */
import { availableParallelism } from 'node:os';
import type { Llama, LlamaChatSession, LlamaContext, LlamaModel, LlamaGrammar } from 'node-llama-cpp';
import { readGgufHeader } from '../models/gguf-header.ts';
import { EngineError, messageText, type ChatMessage, type ChatOptions, type ChatResult, type Engine, type ModelInfo } from './types.ts';
import { toGrammarSchema } from './gbnf-schema.ts';
import { abortError, callSignal } from './deadline.ts';
import { Serial } from './serial.ts';

export interface LlamaEngineOptions {
  /** 'auto' uses a GPU when node-llama-cpp has a binary for it; tests pass false. */
  gpu?: false | 'auto';
  /** Evaluation threads; default: cores − 1, at least 1, at most 8 (2 cores → 1: see README). */
  threads?: number;
  contextSize?: number;
  listModels?: () => Promise<ModelInfo[]>;
}

export function defaultThreads(cores = availableParallelism()): number {
  return Math.max(1, Math.min(8, cores - 1));
}

export class LlamaEngine implements Engine {
  readonly id = 'llama';
  private llama: Llama | null = null;
  private model: LlamaModel | null = null;
  private context: LlamaContext | null = null;
  private session: LlamaChatSession | null = null;
  private modelPath = '';
  private grammars = new Map<string, LlamaGrammar>();
  private readonly calls = new Serial();

  constructor(private readonly options: LlamaEngineOptions = {}) {}

  get loaded(): boolean {
    return this.session !== null;
  }

  describe(): string {
    return this.loaded ? `llama: ${this.modelPath.split(/[\\/]/).pop()}` : 'llama: no model loaded';
  }

  async load(modelPath?: string): Promise<void> {
    if (!modelPath) throw new EngineError('load-failed', 'no model file given: choose a GGUF model first');
    // A clear error for a missing, unreadable or non-GGUF file before llama.cpp sees it.
    try {
      await readGgufHeader(modelPath);
    } catch (err) {
      throw new EngineError('load-failed', `cannot load model ${modelPath}: ${(err as Error).message}`, { cause: err });
    }
    await this.unload();
    try {
      const { getLlama, LlamaChatSession } = await import('node-llama-cpp');
      this.llama ??= await getLlama({ gpu: this.options.gpu ?? 'auto', build: 'never', logLevel: 'error' as never });
      this.model = await this.llama.loadModel({ modelPath });
      this.context = await this.model.createContext({
        threads: this.options.threads ?? defaultThreads(),
        contextSize: { max: this.options.contextSize ?? 4096 },
      });
      this.session = new LlamaChatSession({ contextSequence: this.context.getSequence() });
      this.modelPath = modelPath;
    } catch (err) {
      await this.unload();
      throw new EngineError('load-failed', `llama.cpp could not load ${modelPath}: ${(err as Error).message}`, { cause: err });
    }
  }

  async unload(): Promise<void> {
    this.session?.dispose();
    this.session = null;
    await this.context?.dispose();
    this.context = null;
    await this.model?.dispose();
    this.model = null;
    this.grammars.clear();
    this.modelPath = '';
  }

  async listModels(): Promise<ModelInfo[]> {
    return this.options.listModels ? this.options.listModels() : [];
  }

  /** Calls are serialised: one context sequence evaluates one prompt at a time. */
  chat(messages: ChatMessage[], options: ChatOptions = {}): Promise<ChatResult> {
    return this.calls.run(() => this.chatNow(messages, options));
  }

  private async grammarFor(schema: object): Promise<LlamaGrammar> {
    const key = JSON.stringify(schema);
    let g = this.grammars.get(key);
    if (!g) {
      g = await this.llama!.createGrammarForJsonSchema(toGrammarSchema(schema) as never);
      this.grammars.set(key, g);
    }
    return g;
  }

  private async chatNow(messages: ChatMessage[], options: ChatOptions): Promise<ChatResult> {
    const session = this.session;
    if (!session) throw new EngineError('not-loaded', 'no model is loaded');
    const last = messages[messages.length - 1];
    if (!last || last.role !== 'user') throw new EngineError('bad-output', 'the last message must be the user\'s');

    const system = messages.filter((m) => m.role === 'system').map((m) => messageText(m)).join('\n\n');
    const history: Parameters<LlamaChatSession['setChatHistory']>[0] = [];
    if (system) history.push({ type: 'system', text: system });
    for (const m of messages.slice(0, -1)) {
      if (m.role === 'user') history.push({ type: 'user', text: messageText(m) });
      else if (m.role === 'tool') history.push({ type: 'user', text: `Tool result (${m.name ?? 'tool'}):\n${messageText(m)}` });
      else if (m.role === 'assistant') history.push({ type: 'model', response: [messageText(m)] });
    }
    session.setChatHistory(history);

    const { signal, done } = callSignal(options);
    const started = performance.now();
    try {
      if (signal.aborted) throw signal.reason;
      const grammar = options.jsonSchema ? await this.grammarFor(options.jsonSchema) : undefined;
      const res = await session.promptWithMeta(messageText(last), {
        grammar,
        signal,
        maxTokens: options.maxTokens ?? 512,
        temperature: options.temperature ?? 0.2,
        seed: options.seed,
        onTextChunk: options.onToken,
      });
      const text = res.responseText;
      const result: ChatResult = {
        text,
        ms: performance.now() - started,
        stopReason: res.stopReason === 'maxTokens' ? 'maxTokens' : 'done',
      };
      if (options.jsonSchema) {
        try {
          result.json = JSON.parse(text);
        } catch {
          throw new EngineError('bad-output', `the model's output is not valid JSON${result.stopReason === 'maxTokens' ? ' (cut off at the token limit)' : ''}`);
        }
      }
      return result;
    } catch (err) {
      if (err instanceof EngineError) throw err;
      throw abortError(signal, err) ?? new EngineError('bad-output', `llama.cpp failed: ${(err as Error).message}`, { cause: err });
    } finally {
      done();
    }
  }
}
