import { describe, expect, it } from 'vitest';
import { Serial } from './serial.ts';

describe('Serial', () => {
  it('runs jobs one at a time in order, past failures', async () => {
    const s = new Serial();
    const log: string[] = [];
    const job = (name: string, ms: number, fail = false) => async () => {
      log.push(`${name}+`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`${name}-`);
      if (fail) throw new Error(name);
      return name;
    };
    const a = s.run(job('a', 20));
    const b = s.run(job('b', 1, true));
    const c = s.run(job('c', 1));
    expect(await a).toBe('a');
    await expect(b).rejects.toThrow('b');
    expect(await c).toBe('c');
    expect(log).toEqual(['a+', 'a-', 'b+', 'b-', 'c+', 'c-']);
  });
});
