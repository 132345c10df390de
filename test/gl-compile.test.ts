/**
 * Every operation's generated shader compiles and links in Chromium's WebGL2 (SwiftShader), alone
 * with non-default params and with its local adjustments; the GL info log is the failure
 * message. Also checks the canvas path (flip, readPixels) and the benchmark code. Skips without
 * /usr/bin/chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPS } from '../shared/develop/registry.ts';
import { SAMPLE_MASKS, STRONG, withOps } from '../shared/gl/testSettings.ts';
import { renderImage } from '../shared/pixel/pipeline.ts';
import { deltaE2000Image, summarize } from '../shared/pixel/color.ts';
import { chromiumMissing, openGlPage, type GlPage } from './gl/harness.ts';
import { syntheticSource } from './gl/images.ts';

if (chromiumMissing) console.warn(chromiumMissing);

describe.skipIf(!!chromiumMissing)('WebGL2 preview shaders compile', () => {
  let gl: GlPage;
  const src = syntheticSource(96, 72, 8, 3);
  let identity: Float32Array;

  beforeAll(async () => {
    gl = await openGlPage();
    await gl.setSource(src);
    identity = (await gl.render(withOps({}))).data;
  }, 120_000);
  afterAll(async () => gl?.close());

  const withMaths = OPS.filter((o) => o.maths).map((o) => o.id);

  it.each(['crop', ...withMaths])('%s alone compiles, links and changes the image', async (id) => {
    const op = OPS.find((o) => o.id === id)!;
    const local = op.maths?.localParams?.[0];
    const settings = withOps({ [id]: STRONG[id] }, local ? [{ mask: SAMPLE_MASKS[1], params: { [local]: local === 'exposure' ? 0.7 : 40 } }] : []);
    const out = await gl.render(settings);
    for (const v of out.data) expect(Number.isFinite(v) && v >= 0 && v <= 1).toBe(true);
    const cpu = renderImage(settings, src);
    expect([out.width, out.height]).toEqual([cpu.width, cpu.height]);
    if (id !== 'crop') expect(summarize(deltaE2000Image(out.data, identity)).mean).toBeGreaterThan(0.2);
    // A quick sanity check of agreement; the real parity test is gl-parity.test.ts.
    expect(summarize(deltaE2000Image(out.data, cpu.data)).mean).toBeLessThan(1);
  }, 60_000);

  it('draws the mask overlay and reads the canvas top row first', async () => {
    const settings = withOps({ tone: { exposure: 0.3 } }, [{ mask: SAMPLE_MASKS[0], params: { exposure: 1 } }]);
    const r = await gl.page.evaluate((s) => {
      const tw = (window as any).tw;
      tw.render(s, { maskOverlay: 'lin' });
      return { rgba: Array.from(tw.readCanvas(0) as Uint8Array), w: document.querySelector('canvas')!.width };
    }, settings);
    const w = r.w;
    const h = r.rgba.length / 4 / w;
    // Overlay: red where the linear mask is full (top), unchanged at the bottom.
    const top = r.rgba.slice(4 * (2 * w + 48), 4 * (2 * w + 48) + 3);
    expect(top[0] - Math.max(top[1], top[2])).toBeGreaterThan(60);
    const plain = await gl.render(settings);
    const y = h - 3;
    const x = 20;
    for (let c = 0; c < 3; c++) expect(Math.abs(r.rgba[4 * (y * w + x) + c] - plain.data[3 * (y * w + x) + c] * 255)).toBeLessThanOrEqual(1);
  }, 60_000);

  it('the canvas matches readFloatPixels, and readPixels downscales to maxEdge', async () => {
    const settings = withOps({ tone: STRONG.tone, vignette: STRONG.vignette });
    const f = await gl.render(settings);
    const r = await gl.page.evaluate(() => {
      const tw = (window as any).tw;
      const full = tw.readCanvas(0) as Uint8Array;
      const small = tw.readCanvas(24) as Uint8Array;
      return { full: Array.from(full), small: small.length };
    });
    expect(r.full.length).toBe(f.width * f.height * 4);
    let worst = 0;
    for (let i = 0; i < f.width * f.height; i++) for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(r.full[4 * i + c] - f.data[3 * i + c] * 255));
    expect(worst).toBeLessThanOrEqual(1);
    expect(r.small).toBe(24 * 18 * 4);
  }, 60_000);

  it('renders 16-bit sources', async () => {
    const s16 = syntheticSource(64, 48, 16, 5);
    await gl.setSource(s16);
    const settings = withOps({ tone: STRONG.tone, hsl: STRONG.hsl });
    const out = await gl.render(settings);
    const d = summarize(deltaE2000Image(out.data, renderImage(settings, s16).data));
    expect(d.mean).toBeLessThan(0.05);
    await gl.setSource(src);
  }, 60_000);

  it('reports a broken shader with the GL info log and the offending source lines', async () => {
    const msg = await gl.page.evaluate(() => (window as any).tw.compileError('#version 300 es\nprecision highp float;\nout vec4 o;\nvoid main() {\n  o = vec4(undefined_thing, 1.0);\n}\n'));
    expect(msg).toMatch(/fragment shader failed to compile/);
    expect(msg).toMatch(/undefined_thing/);
    expect(msg).toMatch(/ {3}5\| {3}o = vec4/);
    expect(await gl.page.evaluate(() => (window as any).tw.compileError('#version 300 es\nprecision highp float;\nout vec4 o;\nvoid main() { o = vec4(1.0); }\n'))).toBe('');
  }, 60_000);

  it('survives a lost and restored WebGL context', async () => {
    const settings = withOps({ tone: STRONG.tone, hsl: STRONG.hsl }, [{ mask: SAMPLE_MASKS[1], params: { exposure: 0.5 } }]);
    const before = await gl.render(settings);
    await gl.page.evaluate(() => (window as any).tw.loseAndRestore());
    const after = await gl.render(settings);
    expect(summarize(deltaE2000Image(after.data, before.data)).max).toBeLessThan(1e-3);
  }, 60_000);

  it('the benchmark runs (tiny image)', async () => {
    const r = await gl.page.evaluate(() => (window as any).tw.benchSmall(2));
    expect(r.frames).toBe(2);
    expect(r.fullMs).toBeGreaterThan(0);
    expect(r.passThroughMs).toBeGreaterThan(0);
    expect(r.ratio).toBeGreaterThan(1);
  }, 120_000);
});
