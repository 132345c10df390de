/**
 * The vision runtime's self-test: writes the tiny random-weight vision pair into a temp folder,
 * starts llama-server on it, sends one image request under a JSON schema and checks the answer
 * parses, then stops the server. Proves the built runtime, the projector path and our client
 * work on this machine in about a second, without downloading a real model.
 *
 * The tiny pair's writer lives with the test helpers, so this runs from a source checkout (as the
 * `tonewright` CLI does).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { VisionEngine } from '../agent/engine/vision-engine.ts';
import { findRuntime, type RuntimeLocation } from './runtime-paths.ts';

export interface SelftestResult {
  ok: boolean;
  seconds: number;
  startMs?: number;
  requestMs?: number;
  answer?: unknown;
  error?: string;
  path: string;
  version: string;
}

export async function visionSelftest(runtime: RuntimeLocation = findRuntime()): Promise<SelftestResult> {
  const t0 = performance.now();
  const base = { path: runtime.serverPath, version: runtime.version };
  const secs = () => Math.round(performance.now() - t0) / 1000;
  if (!runtime.built) return { ok: false, seconds: secs(), error: `the vision runtime is not built (no ${runtime.serverPath}); run "tonewright vision build"`, ...base };
  const dir = mkdtempSync(join(tmpdir(), 'tw-vision-selftest-'));
  let engine: VisionEngine | null = null;
  try {
    const { writeTinyVisionPair, banByteTokens } = await import('../../test/helpers/tiny-vision-pair.ts').catch((err: Error) => {
      throw new Error(`the self-test's tiny model writer is missing (it needs a source checkout): ${err.message}`);
    });
    const pair = writeTinyVisionPair(dir);
    engine = new VisionEngine({ runtime, mmproj: pair.mmproj, threads: 1, contextSize: 2048, logitBias: banByteTokens() });
    const t1 = performance.now();
    await engine.load(pair.model);
    const startMs = performance.now() - t1;
    const png = await sharp({ create: { width: 96, height: 64, channels: 3, background: { r: 180, g: 120, b: 70 } } }).png().toBuffer();
    const schema = { type: 'object', properties: { exposure: { type: 'integer', minimum: -5, maximum: 5 } }, required: ['exposure'] };
    const t2 = performance.now();
    const res = await engine.chat([{ role: 'user', content: [{ type: 'image', mimeType: 'image/png', data: new Uint8Array(png) }, { type: 'text', text: 'exposure?' }] }], { jsonSchema: schema, maxTokens: 24, timeoutMs: 30_000 });
    const requestMs = performance.now() - t2;
    const ok = typeof (res.json as { exposure?: unknown })?.exposure === 'number';
    return { ok, seconds: secs(), startMs: Math.round(startMs), requestMs: Math.round(requestMs), answer: res.json, ...(ok ? {} : { error: `unexpected answer ${res.text}` }), ...base };
  } catch (err) {
    return { ok: false, seconds: secs(), error: (err as Error).message, ...base };
  } finally {
    await engine?.unload();
    rmSync(dir, { recursive: true, force: true });
  }
}
