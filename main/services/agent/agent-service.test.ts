import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { tempCatalog } from '../../../test/helpers/catalog-fixture.ts';
import { DevelopService } from '../develop/develop-service.ts';
import { AgentService } from './agent-service.ts';

let close: (() => void) | undefined;
afterEach(() => close?.());

async function setup() {
  const t = tempCatalog(['/nowhere/a.jpg']);
  close = () => t.catalog.close();
  // A dark, slightly blue photo on disk where the catalog says it is.
  const file = join(t.dir, 'dark.jpg');
  const w = 160, h = 120;
  const px = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) px.set([30 + (x % 40), 36 + (y % 30), 60], (y * w + x) * 3);
  await sharp(px, { raw: { width: w, height: h, channels: 3 } }).jpeg().toFile(file);
  t.catalog.db.prepare('UPDATE photos SET path = ? WHERE id = ?').run(file, t.ids[0]);
  const develop = new DevelopService(t.catalog);
  const statuses: string[] = [];
  const agent = new AgentService({ repos: t.catalog, develop, cacheDir: join(t.dir, 'cache'), onStatus: (_p, s) => statuses.push(s) });
  return { ...t, develop, agent, statuses };
}

describe('AgentService', () => {
  it('turns an instruction into one undoable turn stored with the conversation', async () => {
    const { agent, develop, ids, statuses } = await setup();
    const r = await agent.send(ids[0], 'brighter and warmer');
    expect(r.stepIds.length).toBeGreaterThan(0);
    const s = develop.settings(ids[0]);
    expect(s.ops.tone.exposure as number).toBeGreaterThan(0);
    expect(s.ops.whiteBalance.temperature as number).toBeGreaterThan(0);
    expect(r.turn.userText).toBe('brighter and warmer');
    expect(r.turn.critic?.score).toBeGreaterThan(0);
    expect(agent.conversation(ids[0])).toHaveLength(1);
    expect(statuses.length).toBeGreaterThan(0);
    develop.undo(ids[0], 'turn');
    expect(develop.settings(ids[0]).ops.tone.exposure).toBe(0);
  });

  it('"a bit less" refers to the previous turn, "undo that" undoes it', async () => {
    const { agent, develop, ids } = await setup();
    await agent.send(ids[0], 'much warmer');
    const t1 = develop.settings(ids[0]).ops.whiteBalance.temperature as number;
    await agent.send(ids[0], 'a bit less');
    const t2 = develop.settings(ids[0]).ops.whiteBalance.temperature as number;
    expect(t2).toBeLessThan(t1);
    expect(t2).toBeGreaterThan(0);
    await agent.send(ids[0], 'undo that');
    expect(develop.settings(ids[0]).ops.whiteBalance.temperature).toBe(t1);
  });

  it('nonsense gets a helpful reply and no edit; suggestions come from the image', async () => {
    const { agent, develop, ids } = await setup();
    const r = await agent.send(ids[0], 'qwrtzp blorf');
    expect(r.stepIds).toHaveLength(0);
    expect(r.turn.reply.length).toBeGreaterThan(10);
    expect(develop.stack(ids[0]).steps).toHaveLength(0);
    const sug = await agent.suggestions(ids[0]);
    expect(sug.length).toBeGreaterThan(0);
  });
});
