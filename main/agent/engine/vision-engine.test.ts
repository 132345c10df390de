import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planFromGrammar } from '../../../shared/develop/grammarSchema.ts';
import { banByteTokens, tinyMmprojBuffer, writeTinyVisionPair } from '../../../test/helpers/tiny-vision-pair.ts';
import { visionRuntimeForTests } from '../../../test/helpers/vision-runtime.ts';
import { chatCompletion } from '../../vision/chat-client.ts';
import { freeLoopbackPort } from '../../vision/free-port.ts';
import { runAgentLoop } from '../loop.ts';
import { ModelPlanSource } from '../llm/model-source.ts';
import { solid } from '../perception/synthetic.ts';
import { EngineError, type ChatContentPart } from './types.ts';
import { VisionEngine } from './vision-engine.ts';

const { runtime, skip } = visionRuntimeForTests('vision engine');
const dir = mkdtempSync(join(tmpdir(), 'tw-vision-'));
const pair = writeTinyVisionPair(dir);
const engineFor = (o: ConstructorParameters<typeof VisionEngine>[0] = {}) =>
  new VisionEngine({ runtime: runtime!, mmproj: pair.mmproj, threads: 1, contextSize: 4096, logitBias: banByteTokens(), ...o });

async function pngPart(w = 64, h = 48): Promise<ChatContentPart> {
  const png = await sharp({ create: { width: w, height: h, channels: 3, background: { r: 200, g: 120, b: 60 } } }).png().toBuffer();
  return { type: 'image', mimeType: 'image/png', data: new Uint8Array(png) };
}

/** Forces one tone step with an exposure of 50..99 EV — far outside the op's ±5 range. */
const outOfRangePlan = {
  type: 'object',
  properties: {
    reply: { const: 'ok' },
    steps: {
      type: 'array', minItems: 1, maxItems: 1,
      items: {
        type: 'object',
        properties: {
          op: { const: 'tone' },
          params: { type: 'array', minItems: 1, maxItems: 1, items: { type: 'object', properties: { name: { const: 'exposure' }, value: { type: 'integer', minimum: 50, maximum: 99 } }, required: ['name', 'value'] } },
          reason: { const: 'x' },
        },
        required: ['op', 'params', 'reason'],
      },
    },
  },
  required: ['reply', 'steps'],
};
/** A grammar that forces a long answer, so a random model cannot finish before the test acts. */
// (llama.cpp's grammar parser refuses a single string of minLength 2000, so: 8 strings of ≥ 900.)
const long = { type: 'object', properties: { t: { type: 'array', minItems: 8, maxItems: 8, items: { type: 'string', minLength: 900, maxLength: 1000 } } }, required: ['t'] };

const gone = (pid: number) => {
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
};

describe.skipIf(!!skip)(`vision engine on the real llama-server with the tiny pair${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const engine = engineFor();
  beforeAll(() => engine.load(pair.model), 60_000);
  afterAll(() => engine.unload());

  it('starts healthy on loopback with an API key', async () => {
    expect(engine.loaded).toBe(true);
    const conn = await engine.server!.ready();
    expect(conn.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${conn.baseUrl}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
    expect(conn.apiKey.length).toBeGreaterThanOrEqual(24);
  });

  it('refuses a request without the API key, or with a wrong one', async () => {
    const conn = await engine.server!.ready();
    const body = JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], max_tokens: 2 });
    const none = await fetch(`${conn.baseUrl}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(none.status).toBe(401);
    await expect(chatCompletion({ ...conn, apiKey: 'wrong' }, { messages: [{ role: 'user', content: 'hi' }], maxTokens: 2 })).rejects.toMatchObject({ status: 401, retryable: false });
  });

  it('an image request is answered under the schema and becomes clamped steps', async () => {
    const res = await engine.chat([{ role: 'user', content: [await pngPart(), { type: 'text', text: 'much brighter' }] }], { jsonSchema: outOfRangePlan, maxTokens: 200, seed: 1 });
    const json = res.json as { steps: { params: { name: string; value: number }[] }[] };
    expect(json.steps[0].params[0].value).toBeGreaterThanOrEqual(50);
    const plan = planFromGrammar(json);
    expect(plan.steps[0]).toMatchObject({ op: 'tone', params: { exposure: 5 } });
    expect(plan.warnings.join()).toMatch(/clamp/i);
  });

  it('the image reaches the model (its projected tokens are in the prompt)', async () => {
    const conn = await engine.server!.ready();
    const text = { type: 'text' as const, text: 'describe' };
    const withImage = await engine.toRequest([{ role: 'user', content: [await pngPart(), text] }], { maxTokens: 2 });
    const without = await engine.toRequest([{ role: 'user', content: [text] }], { maxTokens: 2 });
    const a = await chatCompletion(conn, { ...withImage, logitBias: banByteTokens() });
    const b = await chatCompletion(conn, { ...without, logitBias: banByteTokens() });
    // 32×32 px in 16 px patches → 4 image tokens (plus any image markers).
    expect(a.promptTokens! - b.promptTokens!).toBeGreaterThanOrEqual(4);
    const uri = (withImage.messages[0].content as { type: string; image_url?: { url: string } }[]).find((p) => p.type === 'image_url')!.image_url!.url;
    expect(uri).toMatch(/^data:image\/jpeg;base64,/);
  });

  it('the agent loop plans from the preview image and the facts, with valid steps', async () => {
    const img = solid(96, 64, [40, 40, 40]);
    const preview = { width: img.width, height: img.height, bits: 8 as const, data: img.data };
    const { previewImagePart } = await import('../../vision/preview-image.ts');
    const src = new ModelPlanSource(engine, { maxTokens: 200, maxToolCalls: 1, image: await previewImagePart(preview) });
    const r = await runAgentLoop({ instruction: 'brighter', preview, source: src, candidates: 1, maxRounds: 1 });
    for (const s of r.steps) expect(typeof s.op).toBe('string');
    expect(typeof r.reply).toBe('string');
  }, 120_000);

  it('an undecodable image fails with a clear error, here and at the server', async () => {
    const junk: ChatContentPart = { type: 'image', mimeType: 'image/jpeg', data: new Uint8Array(Buffer.from('\xff\xd8 not really a jpeg at all', 'latin1')) };
    await expect(engine.chat([{ role: 'user', content: [junk, { type: 'text', text: 'x' }] }], { maxTokens: 4 })).rejects.toMatchObject({ kind: 'bad-input', message: expect.stringMatching(/cannot be decoded/) });
    // Bypassing our own check, the server refuses it too (and does not crash).
    const conn = await engine.server!.ready();
    const pid = conn.pid;
    await expect(
      chatCompletion(conn, { messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/jpeg;base64,' + Buffer.from('garbage').toString('base64') } }, { type: 'text', text: 'x' }] }], maxTokens: 4 }),
    ).rejects.toMatchObject({ status: expect.any(Number) });
    expect(engine.serverPid).toBe(pid);
  });

  it('a timeout rejects with kind "timeout" and an abort with kind "aborted"; the server keeps serving', async () => {
    await expect(engine.chat([{ role: 'user', content: 'write a lot' }], { jsonSchema: long, maxTokens: 3500, timeoutMs: 150 })).rejects.toMatchObject({ kind: 'timeout' });
    const c = new AbortController();
    let n = 0;
    const p = engine.chat([{ role: 'user', content: 'write a lot' }], { jsonSchema: long, maxTokens: 3500, signal: c.signal, onToken: () => ++n === 3 && c.abort() });
    await expect(p).rejects.toMatchObject({ kind: 'aborted' });
    const ok = await engine.chat([{ role: 'user', content: 'x' }], { jsonSchema: { type: 'object', properties: { a: { type: 'integer' } }, required: ['a'] }, maxTokens: 20 });
    expect(typeof (ok.json as { a: number }).a).toBe('number');
  });

  it('a server that crashes mid-request is restarted and the request retried', async () => {
    const before = engine.serverPid!;
    const launches = engine.server!.launches;
    let killed = false;
    const p = engine.chat([{ role: 'user', content: 'write a lot' }], {
      jsonSchema: long,
      maxTokens: 3500,
      onToken: () => {
        if (!killed) {
          killed = true;
          process.kill(before, 'SIGKILL');
        }
      },
    });
    const res = await p;
    expect(killed).toBe(true);
    expect((res.json as { t: string[] }).t.join('').length).toBeGreaterThanOrEqual(7200);
    expect(engine.server!.launches).toBe(launches + 1);
    expect(engine.serverPid).not.toBe(before);
    expect(gone(before)).toBe(true);
  }, 60_000);

  it('the child is gone after shutdown', async () => {
    const e = engineFor();
    await e.load(pair.model);
    const pid = e.serverPid!;
    expect(gone(pid)).toBe(false);
    await e.unload();
    expect(gone(pid)).toBe(true);
    await expect(e.chat([{ role: 'user', content: 'x' }])).rejects.toMatchObject({ kind: 'not-loaded' });
  });
});

describe.skipIf(!!skip)(`vision engine: bad pairs and ports${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('a missing mmproj is refused before anything starts', async () => {
    await expect(new VisionEngine({ runtime: runtime! }).load(pair.model)).rejects.toMatchObject({ kind: 'load-failed', message: expect.stringMatching(/no projector \(mmproj\)/) });
    await expect(engineFor({ mmproj: join(dir, 'nope.gguf') }).load(pair.model)).rejects.toMatchObject({ message: expect.stringMatching(/mmproj.*file not found/) });
  });

  it('an mmproj from another model (wrong width) is refused', async () => {
    const other = join(dir, 'other-mmproj.gguf');
    writeFileSync(other, tinyMmprojBuffer({ projectionDim: 32 }));
    await expect(engineFor({ mmproj: other }).load(pair.model)).rejects.toMatchObject({ kind: 'load-failed', message: expect.stringMatching(/does not belong/) });
  });

  describe('a port already in use', () => {
    let taken: Server;
    let port = 0;
    const sockets = new Set<Socket>();
    beforeAll(async () => {
      port = await freeLoopbackPort();
      // Accepts connections and never answers (health checks must time out, not hang).
      taken = createServer((s) => sockets.add(s)).listen(port, '127.0.0.1');
      await new Promise((r) => taken.once('listening', r));
    });
    afterAll(() => {
      for (const s of sockets) s.destroy();
      return new Promise((r) => taken.close(r));
    });

    it('a fixed port that is taken gives a specific error', async () => {
      const e = engineFor({ server: { port } });
      await expect(e.load(pair.model)).rejects.toMatchObject({ kind: 'load-failed', message: expect.stringMatching(new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`)) });
      expect(e.loaded).toBe(false);
    });

    it('a picked port that turns out taken is replaced by another', async () => {
      const ports = [port];
      const e = engineFor({ server: { pickPort: async () => ports.shift() ?? freeLoopbackPort() } });
      await e.load(pair.model);
      try {
        expect(e.server!.launches).toBe(2);
        expect((await e.server!.ready()).baseUrl).not.toContain(`:${port}`);
      } finally {
        await e.unload();
      }
    });
  });

  it('a runtime that is not built gives the build command', async () => {
    const e = new VisionEngine({ mmproj: pair.mmproj, runtime: { ...runtime!, built: false } });
    await expect(e.load(pair.model)).rejects.toMatchObject({ kind: 'unavailable', message: expect.stringMatching(/npm run build:vision/) });
    expect(EngineError).toBeDefined();
  });
});
