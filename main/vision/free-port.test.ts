import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freeLoopbackPort } from './free-port.ts';

describe('freeLoopbackPort', () => {
  it('gives a loopback port that can be listened on', async () => {
    const port = await freeLoopbackPort();
    expect(port).toBeGreaterThan(1023);
    const srv = createServer();
    await new Promise<void>((r, j) => srv.once('error', j).listen(port, '127.0.0.1', r));
    await new Promise((r) => srv.close(r));
  });
});
