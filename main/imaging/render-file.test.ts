import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedSettings } from '../../shared/pixel/pipeline.ts';
import { ImagingError } from './errors.ts';
import { RenderPool } from './render.ts';
import { renderFile } from './render-file.ts';

let tmp: string;
let input: string;
beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-render-file-'));
  input = path.join(tmp, 'in.jpg');
  // 2.4 MP (rendered by a pool): gradients and texture, so the local tone ops have work.
  const w = 1900;
  const h = 1270;
  const px = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      const t = ((x * 13) ^ (y * 7)) & 31;
      px[i] = Math.min(255, (x / w) * 220 + t);
      px[i + 1] = Math.min(255, (y / h) * 200 + t);
      px[i + 2] = Math.min(255, 128 + 90 * Math.sin(x / 60) * Math.cos(y / 45));
    }
  await sharp(px, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 92 }).toFile(input);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const settings: ResolvedSettings = {
  ops: { tone: { exposure: 0.3, highlights: -40, shadows: 30 }, presence: { clarity: 20 }, color: { vibrance: 25 }, hsl: { saturationBlue: -15 }, sharpening: { amount: 40 } },
  locals: [],
} as unknown as ResolvedSettings;

let lastEarly: boolean | undefined;
async function render(output: string, env: Record<string, string>, pool?: RenderPool): Promise<Buffer> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    lastEarly = (await renderFile({ input, output, settings, quality: 90, overwrite: true, pool })).stats.gridWhileDecoding;
  } finally {
    for (const k of Object.keys(env)) if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  return fs.readFileSync(output);
}

describe('renderFile with a pool: the source streamed in while the grid starts on it', () => {
  it('writes the same file whether the decode streams or not', async () => {
    const streamed = await render(path.join(tmp, 'a.jpg'), { TONEWRIGHT_STREAM_DECODE: '1' });
    expect(lastEarly).toBe(true);
    const buffered = await render(path.join(tmp, 'b.jpg'), { TONEWRIGHT_STREAM_DECODE: '0' });
    // Started early too (on the rows as the buffered decode publishes them: all at its end).
    expect(lastEarly).toBe(true);
    expect(streamed.equals(buffered)).toBe(true);
  });

  it('a corrupt source fails with its specific error, and a kept pool renders the next file', async () => {
    const pool = new RenderPool(2, { callerRenders: true });
    try {
      const good = fs.readFileSync(input);
      const bad = path.join(tmp, 'truncated.jpg');
      fs.writeFileSync(bad, good.subarray(0, good.length >> 1));
      const err = await renderFile({ input: bad, output: path.join(tmp, 'c.jpg'), settings, pool }).catch((e) => e);
      expect(err).toBeInstanceOf(ImagingError);
      expect((err as ImagingError).code).toBe('CORRUPT');
      expect(fs.existsSync(path.join(tmp, 'c.jpg'))).toBe(false);
      const again = await render(path.join(tmp, 'd.jpg'), {}, pool);
      expect(again.equals(fs.readFileSync(path.join(tmp, 'a.jpg')))).toBe(true);
    } finally {
      await pool.close();
    }
  });
});
