/**
 * A tiny random-weight vision pair for tests of the real llama.cpp multimodal path (~125 KB in
 * all, written into a temp folder at test time, never committed):
 *
 * - the text model: tiny-gguf's llama-architecture model plus a ChatML chat template;
 * - the projector (mmproj): CLIP with projector type `mlp` (LLaVA-1.5 style) and ZERO vision
 *   blocks — a 32×32 image is cut into four 16×16 patches, embedded, and projected by
 *   mm.0 → GELU → mm.2 to the text model's embedding width. Gibberish by design: the JSON schema
 *   is what makes the answer valid, and the tests check the plumbing, not the model's taste.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rng } from '../../shared/pixel/random.ts';
import { ggufBuffer, tinyGgufBuffer, type KvValue, type TensorSpec } from './tiny-gguf.ts';

/** ChatML; typed (image) content is flattened by llama-server before templating. */
export const TINY_CHAT_TEMPLATE =
  "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

/** The text model's embedding width (tiny-gguf's default); the projector must end at it. */
export const TINY_TEXT_EMBD = 64;

export interface TinyMmprojOptions {
  seed?: number;
  /** Vision embedding width E. */
  embd?: number;
  /** Hidden width of the mm.0 → mm.2 projector. */
  hidden?: number;
  /** Output width of mm.2: must equal the text model's embedding width to be accepted. */
  projectionDim?: number;
}

export function tinyMmprojBuffer(o: TinyMmprojOptions = {}): Buffer {
  const e = o.embd ?? 32;
  const hidden = o.hidden ?? 64;
  const out = o.projectionDim ?? TINY_TEXT_EMBD;
  const imageSize = 32;
  const patch = 16;
  const patches = (imageSize / patch) ** 2;
  const rand = rng(o.seed ?? 4321);
  const kv: [string, KvValue][] = [
    ['general.architecture', { type: 'str', value: 'clip' }],
    ['general.name', { type: 'str', value: 'tonewright-tiny-mmproj' }],
    ['general.alignment', { type: 'u32', value: 32 }],
    ['clip.projector_type', { type: 'str', value: 'mlp' }],
    ['clip.has_vision_encoder', { type: 'bool', value: true }],
    ['clip.has_text_encoder', { type: 'bool', value: false }],
    ['clip.vision.image_size', { type: 'u32', value: imageSize }],
    ['clip.vision.patch_size', { type: 'u32', value: patch }],
    ['clip.vision.embedding_length', { type: 'u32', value: e }],
    ['clip.vision.feed_forward_length', { type: 'u32', value: 2 * e }],
    ['clip.vision.block_count', { type: 'u32', value: 0 }],
    ['clip.vision.attention.head_count', { type: 'u32', value: 4 }],
    ['clip.vision.attention.layer_norm_epsilon', { type: 'f32', value: 1e-6 }],
    ['clip.vision.projection_dim', { type: 'u32', value: out }],
    ['clip.vision.image_mean', { type: 'f32s', value: [0.5, 0.5, 0.5] }],
    ['clip.vision.image_std', { type: 'f32s', value: [0.5, 0.5, 0.5] }],
  ];
  const tensors: TensorSpec[] = [
    { name: 'v.patch_embd.weight', dims: [patch, patch, 3, e] },
    { name: 'v.position_embd.weight', dims: [e, patches] },
    { name: 'mm.0.weight', dims: [e, hidden] },
    { name: 'mm.0.bias', dims: [hidden] },
    { name: 'mm.2.weight', dims: [hidden, out] },
    { name: 'mm.2.bias', dims: [out] },
  ];
  return ggufBuffer(kv, tensors, (t) => (t.name.endsWith('.bias') ? () => 0 : () => (rand() - 0.5) * 0.1));
}

export interface TinyVisionPair {
  model: string;
  mmproj: string;
}

/** Writes `tiny-vision.gguf` and `tiny-vision-mmproj.gguf` into `dir`. */
export function writeTinyVisionPair(dir: string, o: { seed?: number; mmproj?: TinyMmprojOptions } = {}): TinyVisionPair {
  const model = join(dir, 'tiny-vision.gguf');
  const mmproj = join(dir, 'tiny-vision-mmproj.gguf');
  writeFileSync(model, tinyGgufBuffer({ seed: o.seed, embd: TINY_TEXT_EMBD, chatTemplate: TINY_CHAT_TEMPLATE }));
  writeFileSync(mmproj, tinyMmprojBuffer(o.mmproj));
  return { model, mmproj };
}

/**
 * A logit bias that bans the tiny vocabulary's 256 raw byte tokens (ids 3…258): random weights
 * otherwise emit lone bytes that are not valid UTF-8, and llama-server's parser answers 500.
 */
export function banByteTokens(): Record<string, number> {
  // The OpenAI-style object form: this llama-server ignores the [[id, false]] array form on
  // /v1/chat/completions (measured: the array form still produced a byte token and a 500).
  return Object.fromEntries(Array.from({ length: 256 }, (_, i) => [String(3 + i), -100]));
}
