import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyGguf } from '../../../test/helpers/tiny-gguf.ts';
import { defaultThreads, LlamaEngine } from './llama-engine.ts';
import { EngineError } from './types.ts';

const dir = mkdtempSync(join(tmpdir(), 'tw-llama-'));
const modelPath = join(dir, 'tiny.gguf');
const engine = new LlamaEngine({ gpu: false, threads: 1, contextSize: 2048 });

const schema = {
  type: 'object',
  properties: {
    reply: { type: 'string', maxLength: 24 },
    exposure: { type: 'number', minimum: -5, maximum: 5 },
    op: { anyOf: [{ const: 'tone' }, { const: 'color' }] },
  },
  required: ['reply', 'exposure', 'op'],
  additionalProperties: false,
};

beforeAll(async () => {
  writeTinyGguf(modelPath);
  await engine.load(modelPath);
});
afterAll(async () => {
  await engine.unload();
});

describe('LlamaEngine with a tiny random-weight GGUF', () => {
  it('loads and reports the model', () => {
    expect(engine.loaded).toBe(true);
    expect(engine.describe()).toContain('tiny.gguf');
  });

  it('produces grammar-constrained JSON that parses and matches the schema shape', async () => {
    const chunks: string[] = [];
    const res = await engine.chat(
      [
        { role: 'system', content: 'You plan photo edits as JSON.' },
        { role: 'user', content: 'make it brighter' },
      ],
      { jsonSchema: schema, maxTokens: 200, onToken: (t) => chunks.push(t), seed: 1 },
    );
    expect(res.json).toBeTypeOf('object');
    const j = res.json as { reply: string; exposure: number; op: string };
    expect(typeof j.reply).toBe('string');
    expect(typeof j.exposure).toBe('number');
    expect(['tone', 'color']).toContain(j.op);
    expect(chunks.join('')).toBe(res.text);
  });

  it('reuses the session across turns (history with an earlier answer)', async () => {
    const first = await engine.chat([{ role: 'user', content: 'warmer' }], { jsonSchema: schema, maxTokens: 200, seed: 2 });
    const second = await engine.chat(
      [
        { role: 'user', content: 'warmer' },
        { role: 'assistant', content: first.text },
        { role: 'user', content: 'a bit less' },
      ],
      { jsonSchema: schema, maxTokens: 200, seed: 3 },
    );
    expect(second.json).toBeTypeOf('object');
  });

  it('an already aborted signal rejects with kind "aborted"', async () => {
    const c = new AbortController();
    c.abort();
    await expect(engine.chat([{ role: 'user', content: 'x' }], { signal: c.signal })).rejects.toMatchObject({ kind: 'aborted' });
  });

  // A grammar that forces a long answer, so a random model cannot end early by chance.
  const long = { type: 'object', properties: { text: { type: 'string', minLength: 400 } }, required: ['text'] };

  it('aborting mid-generation stops it', async () => {
    const c = new AbortController();
    let n = 0;
    const p = engine.chat([{ role: 'user', content: 'write a lot' }], {
      jsonSchema: long,
      maxTokens: 5000,
      onToken: () => {
        if (++n === 3) c.abort();
      },
      signal: c.signal,
    });
    await expect(p).rejects.toMatchObject({ kind: 'aborted' });
  });

  it('a timeout rejects with kind "timeout"', async () => {
    await expect(engine.chat([{ role: 'user', content: 'write a lot' }], { jsonSchema: long, maxTokens: 100000, timeoutMs: 50 })).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('output cut off by the token limit is reported as bad output, not a crash', async () => {
    await expect(
      engine.chat([{ role: 'user', content: 'x' }], { jsonSchema: { type: 'object', properties: { reply: { type: 'string' } }, required: ['reply'] }, maxTokens: 3 }),
    ).rejects.toBeInstanceOf(EngineError);
  });
});

describe('LlamaEngine failures', () => {
  it('a missing model file gives a clear error', async () => {
    const e = new LlamaEngine({ gpu: false, threads: 1 });
    await expect(e.load(join(dir, 'nope.gguf'))).rejects.toThrow(/file not found/);
    expect(e.loaded).toBe(false);
  });
  it('a corrupt model file gives a clear error', async () => {
    const bad = join(dir, 'bad.gguf');
    writeFileSync(bad, Buffer.from('GGUF\x03\x00\x00\x00garbage'));
    const e = new LlamaEngine({ gpu: false, threads: 1 });
    await expect(e.load(bad)).rejects.toMatchObject({ kind: 'load-failed' });
  });
  it('chat without a model fails with kind "not-loaded"', async () => {
    await expect(new LlamaEngine().chat([{ role: 'user', content: 'x' }])).rejects.toMatchObject({ kind: 'not-loaded' });
  });
  it('uses one thread on two cores', () => {
    expect(defaultThreads(2)).toBe(1);
    expect(defaultThreads(16)).toBe(8);
  });
});
