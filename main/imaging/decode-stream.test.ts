import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StreamMismatch, decodeStreamed, streamFolder, sweepOrphans } from './decode-stream.ts';
import { decodeImage, readMetadata } from './decode.ts';
import { ImagingError } from './errors.ts';

const folder = streamFolder(1 << 20);
let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-stream-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A textured w×h image (every row different), as a JPEG, or a 16-bit PNG. */
async function writeTexture(file: string, w: number, h: number, depth: 8 | 16 = 8): Promise<void> {
  const px = Buffer.alloc(w * h * 3);
  for (let i = 0; i < px.length; i++) px[i] = (i * 7919 + ((i / 3 / w) | 0) * 31) & 255;
  const img = sharp(px, { raw: { width: w, height: h, channels: 3 } });
  if (depth === 16) await img.toColourspace('rgb16').png().toFile(file);
  else await img.jpeg({ quality: 90 }).toFile(file);
}

async function both(file: string): Promise<{ streamed: Awaited<ReturnType<typeof decodeImage>>; buffered: Awaited<ReturnType<typeof decodeImage>>; progress: Int32Array }> {
  const meta = await readMetadata(file);
  const progress = new Int32Array(new SharedArrayBuffer(4));
  const streamed = await decodeImage(file, { metadata: meta, shared: true, progress });
  process.env.TONEWRIGHT_STREAM_DECODE = '0';
  try {
    return { streamed, buffered: await decodeImage(file, { metadata: meta, shared: true }), progress };
  } finally {
    delete process.env.TONEWRIGHT_STREAM_DECODE;
  }
}

/** This process's decode files still in the stream folder, once their removal (in the background) had a second to finish. */
async function leftovers(): Promise<string[]> {
  const list = () => (folder ? fs.readdirSync(folder).filter((f) => f.startsWith(`tonewright-decode-${process.pid}-`)) : []);
  for (let i = 0; i < 100 && list().length > 0; i++) await new Promise((r) => setTimeout(r, 10));
  return list();
}

describe.skipIf(!folder)('streamed decode (rows as libvips writes them, via a .v file on tmpfs)', () => {
  it('gives the very pixels of the buffered decode, 8 and 16 bits, oriented too, and counts every row', async () => {
    for (const [name, depth] of [['t8.jpg', 8], ['t16.png', 16]] as const) {
      const file = path.join(tmp, name);
      await writeTexture(file, 301, 203, depth);
      const { streamed, buffered, progress } = await both(file);
      expect(streamed.image.bits).toBe(depth);
      expect(streamed.image.data.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(Array.from(streamed.image.data)).toEqual(Array.from(buffered.image.data));
      expect(Atomics.load(progress, 0)).toBe(203);
    }
    const rotated = path.join(tmp, 'o6.jpg');
    await sharp(path.join(tmp, 't8.jpg')).withMetadata({ orientation: 6 }).toFile(rotated);
    const { streamed, buffered } = await both(rotated);
    expect([streamed.image.width, streamed.image.height]).toEqual([203, 301]);
    expect(Array.from(streamed.image.data)).toEqual(Array.from(buffered.image.data));
    expect(await leftovers()).toEqual([]);
  });

  it('publishes rows before the decode ends (a 12 MP image)', async () => {
    const file = path.join(tmp, 'big.jpg');
    await writeTexture(file, 4000, 3000);
    const progress = new Int32Array(new SharedArrayBuffer(4));
    const seen: number[] = [];
    const timer = setInterval(() => seen.push(Atomics.load(progress, 0)), 2);
    try {
      await decodeImage(file, { shared: true, progress });
    } finally {
      clearInterval(timer);
    }
    expect(seen.some((r) => r > 0 && r < 3000)).toBe(true);
    expect(Atomics.load(progress, 0)).toBe(3000);
  });

  it('fills the array it is given', async () => {
    const file = path.join(tmp, 't8.jpg');
    const into = new Uint8Array(new SharedArrayBuffer(301 * 203 * 3));
    const { image } = await decodeImage(file, { shared: true, into });
    expect(image.data).toBe(into);
  });

  it('a corrupt file: the same specific error, the counter at −1, no file left behind', async () => {
    const good = fs.readFileSync(path.join(tmp, 'big.jpg'));
    const file = path.join(tmp, 'truncated.jpg');
    fs.writeFileSync(file, good.subarray(0, good.length >> 1));
    const progress = new Int32Array(new SharedArrayBuffer(4));
    const err = await decodeImage(file, { shared: true, progress }).catch((e) => e);
    expect(err).toBeInstanceOf(ImagingError);
    expect((err as ImagingError).code).toBe('CORRUPT');
    expect(Atomics.load(progress, 0)).toBe(-1);
    expect(await leftovers()).toEqual([]);
  });

  it('output that is not the RGB image expected is refused before any row is published', async () => {
    const file = path.join(tmp, 'rgba.png');
    await sharp({ create: { width: 50, height: 40, channels: 4, background: { r: 10, g: 20, b: 30, alpha: 0.5 } } }).png().toFile(file);
    const data = new Uint8Array(new SharedArrayBuffer(50 * 40 * 3));
    const progress = new Int32Array(new SharedArrayBuffer(4));
    const err = await decodeStreamed(sharp(file), folder!, { data, width: 50, height: 40, progress }).catch((e) => e);
    expect(err).toBeInstanceOf(StreamMismatch);
    expect(Atomics.load(progress, 0)).toBe(0);
    // decodeImage does not stream images with alpha: composited over white as before.
    const { image } = await decodeImage(file, { shared: true });
    expect(Array.from(image.data.subarray(0, 3))).toEqual([132, 137, 142]);
    expect(await leftovers()).toEqual([]);
  });
});

describe.skipIf(!folder)('sweepOrphans', () => {
  it('removes the decode files of processes that no longer run, and only those', async () => {
    // A pid far above any this machine has given out, and a live one (this process's parent).
    const dead = path.join(folder!, 'tonewright-decode-999999999-abc123.v');
    const live = path.join(folder!, `tonewright-decode-${process.ppid}-def456.v`);
    const other = path.join(folder!, 'tonewright-decode-999999999-notours.txt');
    for (const f of [dead, live, other]) fs.writeFileSync(f, 'x');
    try {
      sweepOrphans(folder!);
      for (let i = 0; i < 100 && fs.existsSync(dead); i++) await new Promise((r) => setTimeout(r, 10));
      expect(fs.existsSync(dead)).toBe(false);
      expect(fs.existsSync(live)).toBe(true);
      expect(fs.existsSync(other)).toBe(true);
    } finally {
      for (const f of [dead, live, other]) fs.rmSync(f, { force: true });
    }
  });
});

describe('streamFolder', () => {
  it('is off with TONEWRIGHT_STREAM_DECODE=0, and refuses sizes no tmpfs holds', () => {
    process.env.TONEWRIGHT_STREAM_DECODE = '0';
    try {
      expect(streamFolder(1000)).toBeNull();
    } finally {
      delete process.env.TONEWRIGHT_STREAM_DECODE;
    }
    expect(streamFolder(2 ** 52)).toBeNull();
  });
});
