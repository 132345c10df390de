/**
 * The engine interface every language-model backend implements (after Jan's engines): load,
 * unload, chat with an abort signal and streamed tokens, list models. Messages use the common
 * chat shape with room for image parts, so a vision model slots in without changing callers.
 */

export type ChatContentPart =
  | { type: 'text'; text: string }
  /** An image for vision models: encoded bytes (JPEG/PNG) and their MIME type. */
  | { type: 'image'; mimeType: string; data: Uint8Array };

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string | ChatContentPart[];
  /** For role 'tool': which tool answered. */
  name?: string;
}

export interface ChatOptions {
  signal?: AbortSignal;
  /** Streamed text as it is generated. */
  onToken?: (text: string) => void;
  /** Constrain the output to this JSON schema (a grammar; numeric ranges are NOT enforced). */
  jsonSchema?: object;
  maxTokens?: number;
  temperature?: number;
  seed?: number;
  /** Wall-clock limit for this call; exceeding it throws EngineError('timeout'). */
  timeoutMs?: number;
  /**
   * Conversation key: calls with the same key reuse the evaluated prefix of the context
   * sequence (KV cache) across turns.
   */
  conversationId?: string;
}

export interface ChatResult {
  text: string;
  /** Parsed JSON when jsonSchema was given and the output parsed. */
  json?: unknown;
  ms: number;
  stopReason: 'done' | 'maxTokens';
}

export interface ModelInfo {
  id: string;
  name: string;
  /** Absolute path of the weights when present locally. */
  path?: string;
  sizeBytes?: number;
  available: boolean;
  vision: boolean;
  /** For vision models: the projector (mmproj) that belongs to the weights, when present. */
  mmprojPath?: string;
}

export type EngineErrorKind = 'not-loaded' | 'load-failed' | 'aborted' | 'timeout' | 'bad-output' | 'bad-input' | 'unavailable';

export class EngineError extends Error {
  constructor(
    readonly kind: EngineErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EngineError';
  }
}

export interface Engine {
  readonly id: string;
  readonly loaded: boolean;
  /** What is loaded, for the UI ("llama: qwen2.5-3b-instruct-q4_k_m.gguf"). */
  describe(): string;
  load(modelPath?: string): Promise<void>;
  unload(): Promise<void>;
  chat(messages: ChatMessage[], options?: ChatOptions): Promise<ChatResult>;
  listModels(): Promise<ModelInfo[]>;
}

/** The text of a message, with image parts replaced by a note for text-only models. */
export function messageText(m: ChatMessage, imageNote = '[image omitted: this model cannot see images]'): string {
  if (typeof m.content === 'string') return m.content;
  return m.content.map((p) => (p.type === 'text' ? p.text : imageNote)).join('\n');
}
