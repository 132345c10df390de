import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatCompletion, requestBody } from './chat-client.ts';

/** A stand-in server: answers by the request's first message text. */
let seen: { auth?: string; body: Record<string, unknown> }[] = [];
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  let raw = '';
  req.on('data', (c) => (raw += c));
  req.on('end', () => {
    const body = JSON.parse(raw) as { messages: { content: string }[]; stream?: boolean };
    seen.push({ auth: req.headers.authorization, body });
    const say = body.messages[0].content;
    if (say === 'crash') return req.socket.destroy();
    if (say === '500') return void res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 500, message: 'parser failed' } }));
    if (say === '400') return void res.writeHead(400).end(JSON.stringify({ error: { message: 'failed to load image' } }));
    if (body.stream) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const piece of ['{"a"', ':1}']) res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: piece } }] })}\n\n`);
      res.write(`data: ${JSON.stringify({ choices: [{ delta: {}, finish_reason: 'length' }], usage: { prompt_tokens: 9 } })}\n\n`);
      return void res.end('data: [DONE]\n\n');
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ choices: [{ message: { content: '{"a":1}' }, finish_reason: 'stop' }], usage: { prompt_tokens: 7 } }));
  });
});
let conn = { baseUrl: '', apiKey: 'k', pid: undefined as number | undefined };
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  conn = { ...conn, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
});
afterAll(() => new Promise((r) => server.close(r)));

describe('chatCompletion', () => {
  it('sends the bearer key, the schema as response_format and the logit bias', async () => {
    seen = [];
    const r = await chatCompletion(conn, { messages: [{ role: 'user', content: 'hi' }], jsonSchema: { type: 'object' }, logitBias: { '5': -100 }, maxTokens: 9 });
    expect(r).toEqual({ text: '{"a":1}', finishReason: 'stop', promptTokens: 7 });
    expect(seen[0].auth).toBe('Bearer k');
    expect(seen[0].body).toMatchObject({ max_tokens: 9, stream: false, logit_bias: { '5': -100 }, response_format: { type: 'json_schema', json_schema: { schema: { type: 'object' } } } });
  });

  it('streams tokens over SSE', async () => {
    const tokens: string[] = [];
    const r = await chatCompletion(conn, { messages: [{ role: 'user', content: 'hi' }] }, { onToken: (t) => tokens.push(t) });
    expect(tokens).toEqual(['{"a"', ':1}']);
    expect(r).toEqual({ text: '{"a":1}', finishReason: 'length', promptTokens: 9 });
  });

  it('a 500 and a dropped connection are retryable; a 400 is not, with the server message', async () => {
    await expect(chatCompletion(conn, { messages: [{ role: 'user', content: '500' }] })).rejects.toMatchObject({ status: 500, retryable: true, message: expect.stringMatching(/parser failed/) });
    await expect(chatCompletion(conn, { messages: [{ role: 'user', content: 'crash' }] })).rejects.toMatchObject({ status: 0, retryable: true });
    await expect(chatCompletion(conn, { messages: [{ role: 'user', content: '400' }] })).rejects.toMatchObject({ status: 400, retryable: false, message: expect.stringMatching(/failed to load image/) });
  });

  it('leaves optional fields out of the body', () => {
    const b = requestBody({ messages: [] }, false);
    expect(b).not.toHaveProperty('response_format');
    expect(b).not.toHaveProperty('logit_bias');
    expect(b).not.toHaveProperty('seed');
  });
});
