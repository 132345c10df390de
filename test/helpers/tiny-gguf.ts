/**
 * Writes a tiny random-weight llama-architecture GGUF (~0.5 MB) for tests of the real
 * llama.cpp path. Nothing here is committed as a binary: tests call writeTinyGguf() into a
 * temp folder. The model is gibberish by design; the grammar is what makes its output valid.
 *
 * Format: GGUF v3 (magic "GGUF", little-endian), F32 tensors, SentencePiece-style vocab made
 * of <unk>, <s>, </s>, the 256 byte tokens <0x00>…<0xFF> and a few common pieces.
 */
import { writeFileSync } from 'node:fs';
import { rng } from '../../shared/pixel/random.ts';

const T_UINT32 = 4;
const T_INT32 = 5;
const T_FLOAT32 = 6;
const T_BOOL = 7;
const T_STRING = 8;
const T_ARRAY = 9;

export type KvValue =
  | { type: 'u32'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'f32'; value: number }
  | { type: 'str'; value: string }
  | { type: 'strs'; value: string[] }
  | { type: 'f32s'; value: number[] }
  | { type: 'i32s'; value: number[] };

class ByteWriter {
  private chunks: Buffer[] = [];
  size = 0;
  push(b: Buffer): void {
    this.chunks.push(b);
    this.size += b.length;
  }
  u32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v);
    this.push(b);
  }
  i32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeInt32LE(v);
    this.push(b);
  }
  u64(v: number): void {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(v));
    this.push(b);
  }
  f32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeFloatLE(v);
    this.push(b);
  }
  str(s: string): void {
    const b = Buffer.from(s, 'utf8');
    this.u64(b.length);
    this.push(b);
  }
  pad(align: number): void {
    const rem = this.size % align;
    if (rem) this.push(Buffer.alloc(align - rem));
  }
  toBuffer(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

function writeKv(w: ByteWriter, key: string, v: KvValue): void {
  w.str(key);
  switch (v.type) {
    case 'u32':
      w.u32(T_UINT32);
      w.u32(v.value);
      break;
    case 'f32':
      w.u32(T_FLOAT32);
      w.f32(v.value);
      break;
    case 'bool':
      w.u32(T_BOOL);
      w.push(Buffer.from([v.value ? 1 : 0]));
      break;
    case 'str':
      w.u32(T_STRING);
      w.str(v.value);
      break;
    case 'strs':
      w.u32(T_ARRAY);
      w.u32(T_STRING);
      w.u64(v.value.length);
      for (const s of v.value) w.str(s);
      break;
    case 'f32s':
      w.u32(T_ARRAY);
      w.u32(T_FLOAT32);
      w.u64(v.value.length);
      for (const x of v.value) w.f32(x);
      break;
    case 'i32s':
      w.u32(T_ARRAY);
      w.u32(T_INT32);
      w.u64(v.value.length);
      for (const x of v.value) w.i32(x);
      break;
  }
}

export interface TinyGgufOptions {
  seed?: number;
  embd?: number;
  layers?: number;
  ff?: number;
  heads?: number;
  contextLength?: number;
  /** Stored as tokenizer.chat_template (llama-server formats chat requests with it). */
  chatTemplate?: string;
}

export function tinyGgufBuffer(o: TinyGgufOptions = {}): Buffer {
  const nEmbd = o.embd ?? 64;
  const nLayer = o.layers ?? 2;
  const nFf = o.ff ?? 128;
  const nHead = o.heads ?? 4;
  const ctx = o.contextLength ?? 4096;
  const rand = rng(o.seed ?? 1234);

  const tokens: string[] = ['<unk>', '<s>', '</s>'];
  const types: number[] = [2, 3, 3];
  for (let i = 0; i < 256; i++) {
    tokens.push(`<0x${i.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(6);
  }
  const pieces = ['▁', '{', '}', '"', ':', ',', '▁the', 'op', 'params', 'reply', 'steps', '0', '1', '.', '-'];
  for (const p of pieces) {
    tokens.push(p);
    types.push(1);
  }
  const nVocab = tokens.length;
  const scores = tokens.map((_, i) => (i < 259 ? 0 : -i));

  const tensors: TensorSpec[] = [
    { name: 'token_embd.weight', dims: [nEmbd, nVocab] },
    { name: 'output_norm.weight', dims: [nEmbd] },
    { name: 'output.weight', dims: [nEmbd, nVocab] },
  ];
  for (let l = 0; l < nLayer; l++) {
    const p = `blk.${l}.`;
    tensors.push(
      { name: p + 'attn_norm.weight', dims: [nEmbd] },
      { name: p + 'attn_q.weight', dims: [nEmbd, nEmbd] },
      { name: p + 'attn_k.weight', dims: [nEmbd, nEmbd] },
      { name: p + 'attn_v.weight', dims: [nEmbd, nEmbd] },
      { name: p + 'attn_output.weight', dims: [nEmbd, nEmbd] },
      { name: p + 'ffn_norm.weight', dims: [nEmbd] },
      { name: p + 'ffn_gate.weight', dims: [nEmbd, nFf] },
      { name: p + 'ffn_up.weight', dims: [nEmbd, nFf] },
      { name: p + 'ffn_down.weight', dims: [nFf, nEmbd] },
    );
  }

  const kv: [string, KvValue][] = [
    ['general.architecture', { type: 'str', value: 'llama' }],
    ['general.name', { type: 'str', value: 'tonewright-tiny-test' }],
    ['general.alignment', { type: 'u32', value: 32 }],
    ['llama.context_length', { type: 'u32', value: ctx }],
    ['llama.embedding_length', { type: 'u32', value: nEmbd }],
    ['llama.block_count', { type: 'u32', value: nLayer }],
    ['llama.feed_forward_length', { type: 'u32', value: nFf }],
    ['llama.attention.head_count', { type: 'u32', value: nHead }],
    ['llama.attention.head_count_kv', { type: 'u32', value: nHead }],
    ['llama.rope.dimension_count', { type: 'u32', value: nEmbd / nHead }],
    ['llama.attention.layer_norm_rms_epsilon', { type: 'f32', value: 1e-5 }],
    ['tokenizer.ggml.model', { type: 'str', value: 'llama' }],
    ['tokenizer.ggml.tokens', { type: 'strs', value: tokens }],
    ['tokenizer.ggml.scores', { type: 'f32s', value: scores }],
    ['tokenizer.ggml.token_type', { type: 'i32s', value: types }],
    ['tokenizer.ggml.unknown_token_id', { type: 'u32', value: 0 }],
    ['tokenizer.ggml.bos_token_id', { type: 'u32', value: 1 }],
    ['tokenizer.ggml.eos_token_id', { type: 'u32', value: 2 }],
  ];
  if (o.chatTemplate) kv.push(['tokenizer.chat_template', { type: 'str', value: o.chatTemplate }]);
  return ggufBuffer(kv, tensors, (t) => (t.name.endsWith('norm.weight') ? () => 1 : () => (rand() - 0.5) * 0.2));
}

export interface TensorSpec {
  name: string;
  /** GGML order: dims[0] is the innermost (row) length. */
  dims: number[];
}

/** A GGUF v3 file with these metadata keys and F32 tensors whose values come from `fill`. */
export function ggufBuffer(kv: [string, KvValue][], tensors: TensorSpec[], fill: (t: TensorSpec) => (i: number) => number): Buffer {
  const w = new ByteWriter();
  w.push(Buffer.from('GGUF', 'ascii'));
  w.u32(3);
  w.u64(tensors.length);
  w.u64(kv.length);
  for (const [k, v] of kv) writeKv(w, k, v);

  let offset = 0;
  const offsets: number[] = [];
  for (const t of tensors) {
    const bytes = t.dims.reduce((a, b) => a * b, 1) * 4;
    offsets.push(offset);
    offset += Math.ceil(bytes / 32) * 32;
  }
  tensors.forEach((t, i) => {
    w.str(t.name);
    w.u32(t.dims.length);
    for (const d of t.dims) w.u64(d);
    w.u32(0); // GGML_TYPE_F32
    w.u64(offsets[i]);
  });
  w.pad(32);
  for (const t of tensors) {
    const n = t.dims.reduce((a, b) => a * b, 1);
    const data = Buffer.alloc(n * 4);
    const value = fill(t);
    for (let i = 0; i < n; i++) data.writeFloatLE(value(i), i * 4);
    w.push(data);
    w.pad(32);
  }
  return w.toBuffer();
}

export function writeTinyGguf(path: string, o: TinyGgufOptions = {}): string {
  writeFileSync(path, tinyGgufBuffer(o));
  return path;
}
