import { describe, expect, it } from 'vitest';
import { abortError, callSignal } from './deadline.ts';
import { EngineError } from './types.ts';

describe('callSignal / abortError', () => {
  it('a timeout aborts with EngineError("timeout") naming what did not answer', async () => {
    const { signal, done } = callSignal({ timeoutMs: 10 }, 'the vision model');
    await new Promise((r) => setTimeout(r, 30));
    expect(signal.aborted).toBe(true);
    expect(abortError(signal, null)).toMatchObject({ kind: 'timeout', message: 'the vision model did not answer within 10 ms' });
    done();
  });
  it("the caller's abort gives kind 'aborted'; no abort gives null; done() stops the timer", async () => {
    const c = new AbortController();
    const a = callSignal({ signal: c.signal, timeoutMs: 20 });
    expect(abortError(a.signal, null)).toBeNull();
    c.abort();
    expect(abortError(a.signal, new Error('x'))).toMatchObject({ kind: 'aborted' });
    const b = callSignal({ timeoutMs: 10 });
    b.done();
    await new Promise((r) => setTimeout(r, 25));
    expect(b.signal.aborted).toBe(false);
    expect(abortError(b.signal, null)).toBeNull();
    expect(EngineError).toBeDefined();
  });
});
