import { describe, expect, it } from 'vitest';
import { createDispatcher, EventBus, IpcFailure } from './dispatch.ts';

describe('createDispatcher', () => {
  const dispatch = createDispatcher({
    'library.setMarks': async (input) => ({ updated: input.photoIds.length }),
    'library.folders': async () => [{ id: 1, path: '/p', parentId: null, photoCount: 'many' as unknown as number }],
    'develop.load': async () => {
      throw new IpcFailure('not-found', 'photo 9 does not exist');
    },
  });
  it('validates input and returns the handler result', async () => {
    expect(await dispatch('library.setMarks', { photoIds: [1, 2], rating: 3 })).toEqual({ ok: true, value: { updated: 2 } });
  });
  it('rejects invalid input with the field named', async () => {
    const r = await dispatch('library.setMarks', { photoIds: [1], rating: 9 });
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(!r.ok && r.error.message).toMatch(/rating/);
  });
  it('rejects unknown channels', async () => {
    expect(await dispatch('fs.readFile', {})).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });
  it('refuses to return output that breaks the contract', async () => {
    expect(await dispatch('library.folders', {})).toMatchObject({ ok: false, error: { kind: 'failed' } });
  });
  it('passes error kinds through', async () => {
    expect(await dispatch('develop.load', { photoId: 9 })).toEqual({ ok: false, error: { kind: 'not-found', message: 'photo 9 does not exist' } });
  });
  it('says when a channel has no handler', async () => {
    expect(await dispatch('export.cancel', { jobId: 'x' })).toMatchObject({ ok: false, error: { message: /not available/ } });
  });
});

describe('EventBus', () => {
  it('validates payloads and fans out', () => {
    const bus = new EventBus();
    const seen: unknown[] = [];
    const off = bus.subscribe((e, p) => seen.push([e, p]));
    bus.emit('agent.token', { photoId: 1, text: 'hi' });
    off();
    bus.emit('agent.token', { photoId: 1, text: 'ignored' });
    expect(seen).toEqual([['agent.token', { photoId: 1, text: 'hi' }]]);
    expect(() => bus.emit('agent.token', { photoId: 'x' } as never)).toThrow();
  });
});
