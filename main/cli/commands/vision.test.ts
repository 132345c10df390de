import { describe, expect, it } from 'vitest';
import { visionRuntimeForTests } from '../../../test/helpers/vision-runtime.ts';
import { UsageError } from '../command.ts';
import { command as edit } from './edit.ts';
import { command } from './vision.ts';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), cwd: '/' } };
}

const { skip } = visionRuntimeForTests('tonewright vision selftest');

describe('tonewright vision', () => {
  it('status --json says whether the runtime is built, where, and for which llama.cpp', async () => {
    const t = io();
    expect(await command.run(['status', '--json'], t.io)).toBe(0);
    const s = JSON.parse(t.out.join(''));
    expect(typeof s.built).toBe('boolean');
    expect(s.path).toMatch(/llama-server(\.exe)?$/);
    expect(s.version).toMatch(/-[0-9a-f]{12}$/);
    expect(s.built).toBe(!skip);
  });

  it('rejects unknown sub-commands and bad options', async () => {
    await expect(command.run(['frobnicate'], io().io)).rejects.toThrow(UsageError);
    await expect(command.run(['build', '--jobs', 'x'], io().io)).rejects.toThrow(/--jobs needs a positive integer/);
    await expect(command.run(['status', 'extra'], io().io)).rejects.toThrow(/unexpected argument/);
  });

  it.skipIf(!!skip)(`selftest --json runs the real runtime on the tiny pair${skip ? ` (skipped: ${skip})` : ''}`, async () => {
    const t = io();
    expect(await command.run(['selftest', '--json'], t.io)).toBe(0);
    const r = JSON.parse(t.out.join(''));
    expect(r).toMatchObject({ ok: true });
    expect(r.seconds).toBeGreaterThan(0);
    expect(typeof r.answer.exposure).toBe('number');
  }, 60_000);
});

describe('tonewright edit --engine vision', () => {
  it('needs --model and --mmproj, and --mmproj only with vision', async () => {
    await expect(edit.run(['a.jpg', 'brighter', '--engine', 'vision'], io().io)).rejects.toThrow(/needs --model/);
    await expect(edit.run(['a.jpg', 'brighter', '--engine', 'vision', '--model', 'm.gguf'], io().io)).rejects.toThrow(/needs --mmproj/);
    await expect(edit.run(['a.jpg', 'brighter', '--engine', 'llama', '--model', 'm.gguf', '--mmproj', 'p.gguf'], io().io)).rejects.toThrow(/only for --engine vision/);
    await expect(edit.run(['a.jpg', 'brighter', '--engine', 'gpt'], io().io)).rejects.toThrow(/builtin, llama or vision/);
  });
});
