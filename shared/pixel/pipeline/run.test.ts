import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AnyOp } from '../../develop/types.ts';
import { sampleGuideAt } from '../guides/util.ts';
import { linearToSrgb, srgbToLinear } from '../transfer.ts';
import { computeGuidesWith } from './guides.ts';
import { renderImageWith } from './image.ts';
import { planRenderWith } from './plan.ts';
import { renderRowsWith } from './run.ts';
import { ALL_TEST_OPS, blurOp, gainOp, gammaOp, guideOp, passOp, poisonOp, randomSource, testGuide } from './testOps.ts';
import type { RenderOptions, ResolvedSettings, SourceImage } from './types.ts';

const S = (ops: Record<string, Record<string, unknown>> = {}, locals: ResolvedSettings['locals'] = []): ResolvedSettings =>
  ({ ops, locals }) as ResolvedSettings;

function render(ops: readonly AnyOp[], settings: ResolvedSettings, src: SourceImage, opts: RenderOptions = {}, strip?: number) {
  const plan = planRenderWith(ops, settings, src.width, src.height, opts);
  const guides = computeGuidesWith([testGuide], plan, src);
  const out = new Float32Array(plan.width * plan.height * 3);
  if (!strip) renderRowsWith(ops, plan, src, guides, 0, plan.height, out);
  else
    for (let y = 0; y < plan.height; y += strip) {
      const rows = Math.min(strip, plan.height - y);
      renderRowsWith(ops, plan, src, guides, y, rows, out.subarray(y * plan.width * 3, (y + rows) * plan.width * 3));
    }
  return { plan, out };
}

describe('renderRows: identity', () => {
  it('8-bit source, no active op → Uint8 output equals the source exactly', () => {
    const src = randomSource(37, 23, 8);
    const plan = planRenderWith(ALL_TEST_OPS, S(), 37, 23);
    expect(plan.ops).toEqual([]);
    const out = new Uint8Array(37 * 23 * 3);
    renderRowsWith(ALL_TEST_OPS, plan, src, {}, 0, 23, out);
    expect(out).toEqual(src.data);
  });

  for (const bits of [8, 16] as const)
    for (const kind of ['u8', 'u16', 'f32'] as const)
      it(`float path (an active no-op) reproduces a ${bits}-bit source within 0.5/255 (${kind} out)`, () => {
        const src = randomSource(41, 19, bits, 7);
        const plan = planRenderWith([passOp], S({ pass: { on: true } }), 41, 19);
        expect(plan.ops.map((o) => o.id)).toEqual(['pass']);
        const n = 41 * 19 * 3;
        const out = kind === 'u8' ? new Uint8Array(n) : kind === 'u16' ? new Uint16Array(n) : new Float32Array(n);
        renderRowsWith([passOp], plan, src, {}, 0, 19, out);
        const outMax = kind === 'u8' ? 255 : kind === 'u16' ? 65535 : 1;
        const srcMax = bits === 8 ? 255 : 65535;
        let worst = 0;
        for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(out[i] / outMax - src.data[i] / srcMax));
        expect(worst).toBeLessThanOrEqual(kind === 'u8' && bits === 16 ? 0.5 / 255 + 1e-6 : 0.5 / 255);
        if (kind === 'u8' && bits === 8) expect(out).toEqual(src.data);
      });

  it('16-bit source to 16-bit output with no op copies exactly', () => {
    const src = randomSource(9, 5, 16);
    const plan = planRenderWith([], S(), 9, 5);
    const out = new Uint16Array(9 * 5 * 3);
    renderRowsWith([], plan, src, {}, 0, 5, out);
    expect(out).toEqual(src.data);
  });
});

describe('renderRows: strips', () => {
  const settings = S({
    gain: { exposure: 0.3 },
    blurA: { radius: 2 },
    gamma: { gamma: 1.3 },
    guided: { amount: 0.5 },
    blurB: { radius: 3 },
  }, [
    { mask: { id: 'm', components: [{ mode: 'add', shape: { type: 'linear', x0: 0.2, y0: 0.1, x1: 0.8, y1: 0.9 } }] }, params: { exposure: 1, tint: 50 } },
    { mask: { id: 'l', components: [{ mode: 'add', shape: { type: 'luminance', min: 0.3, max: 0.7, feather: 50 } }] }, params: { tint: -30 } },
  ]);

  for (const crop of [{}, { crop: { left: 0.1, right: 0.9, top: 0.05, bottom: 0.8, angle: 7, rotate: 1, flipH: true } }] as Record<string, Record<string, unknown>>[])
    it(`whole image and strips of 1, 7, 64 rows give identical output${'crop' in crop ? ' (rotated crop)' : ''}`, () => {
      const src = randomSource(53, 131, 8, 3);
      const s = S({ ...settings.ops, ...crop }, settings.locals);
      const whole = render(ALL_TEST_OPS, s, src);
      expect(whole.plan.halo).toBe(5);
      expect(whole.plan.ops.map((o) => o.id)).toEqual(['gain', 'blurA', 'gamma', 'guided', 'blurB']);
      for (const k of [1, 7, 64]) expect(render(ALL_TEST_OPS, s, src, {}, k).out).toEqual(whole.out);
      // and whatever the internal strip height
      for (const stripRows of [1, 3, 200]) expect(render(ALL_TEST_OPS, s, src, { stripRows }).out).toEqual(whole.out);
    });
});

describe('renderRows: halo', () => {
  it('a halo op sees its context rows: equals the blur of the whole image, edges replicated', () => {
    const src = randomSource(11, 40, 8, 5);
    const ops = [blurOp('blur', 'linear')];
    const r = 2;
    const { out } = render(ops, S({ blur: { radius: r } }), src, { stripRows: 4 });
    const lin = (x: number, y: number, c: number) =>
      srgbToLinear(src.data[(Math.min(39, Math.max(0, y)) * 11 + Math.min(10, Math.max(0, x))) * 3 + c] / 255);
    let worst = 0;
    for (let y = 0; y < 40; y++)
      for (let x = 0; x < 11; x++)
        for (let c = 0; c < 3; c++) {
          let s = 0;
          for (let j = -r; j <= r; j++) for (let i = -r; i <= r; i++) s += lin(x + i, y + j, c);
          worst = Math.max(worst, Math.abs(out[(y * 11 + x) * 3 + c] - linearToSrgb(s / 25)));
        }
    expect(worst).toBeLessThan(3e-4);
  });

  it('without the halo declared, strips would differ (the test can fail)', () => {
    const src = randomSource(11, 40, 8, 5);
    const noHalo = blurOp('blur', 'linear');
    const liar = { ...noHalo, maths: { ...noHalo.maths!, halo: () => 0 } } as AnyOp;
    const a = render([liar], S({ blur: { radius: 2 } }), src, { stripRows: 40 }).out;
    const b = render([liar], S({ blur: { radius: 2 } }), src, { stripRows: 4 }).out;
    expect(b).not.toEqual(a);
  });
});

describe('renderRows: spaces, guides, locals', () => {
  it('linear ops run on linear light, display ops on sRGB-encoded values', () => {
    const src: SourceImage = { width: 1, height: 1, bits: 8, data: Uint8Array.of(128, 64, 200) };
    const { out } = render([gainOp, gammaOp], S({ gain: { exposure: 1 }, gamma: { gamma: 2 } }), src);
    [128, 64, 200].forEach((v, c) => {
      const lin = Math.min(1, 2 * srgbToLinear(v / 255));
      expect(out[c]).toBeCloseTo(Math.pow(linearToSrgb(lin), 2), 3);
    });
  });

  it('values above 1 survive into display ops; the output is clamped at the end', () => {
    const src: SourceImage = { width: 1, height: 1, bits: 8, data: Uint8Array.of(200, 200, 200) };
    // ×4 then v^0.5 in display: 4·lin(200/255) > 1, encoded > 1, then sqrt still > 1 → clamped to 1.
    const { out } = render([gainOp, gammaOp], S({ gain: { exposure: 2 }, gamma: { gamma: 0.5 } }), src);
    expect(Array.from(out)).toEqual([1, 1, 1]);
    // gamma 4 brings the >1 value back below 1 only if it was kept: (enc(4·lin))^4 vs 1
    const lin = 4 * srgbToLinear(100 / 255);
    const src2: SourceImage = { width: 1, height: 1, bits: 8, data: Uint8Array.of(100, 100, 100) };
    const { out: o2 } = render([gainOp, gammaOp], S({ gain: { exposure: 2 }, gamma: { gamma: 4 } }), src2);
    expect(o2[0]).toBeCloseTo(Math.min(1, Math.pow(linearToSrgb(lin), 4)), 3);
  });

  it('Strip.guide is the bilinear sample of the guide at each pixel\'s source coordinate', () => {
    const src = randomSource(12, 8, 8, 2);
    const base = render([gainOp, guideOp], S({ gain: { exposure: 0.0001 } }), src).out;
    const withGuide = render([gainOp, guideOp], S({ gain: { exposure: 0.0001 }, guided: { amount: 1 } }), src).out;
    const g = testGuide.compute(src);
    for (const [x, y] of [[0, 0], [5, 3], [11, 7], [6, 4]]) {
      const i = (y * 12 + x) * 3;
      const u = (x + 0.5) / 12;
      const v = (y + 0.5) / 8;
      const expected = sampleGuideAt(g, u, v) + 0.01 * (y / 8) + 0.01 * u;
      const encBase = base[i]; // amount 0 → identity op skipped? no: gain is active, guided is not
      expect(withGuide[i] - encBase).toBeCloseTo(expected, 4);
    }
  });

  it('local exposure through a mask brightens only the masked region', () => {
    const src: SourceImage = { width: 20, height: 4, bits: 8, data: new Uint8Array(20 * 4 * 3).fill(100) };
    const mask = { id: 'left', components: [{ mode: 'add' as const, shape: { type: 'radial' as const, cx: 0.25, cy: 0.5, rx: 0.2, ry: 2, angle: 0, feather: 0, inside: true } }] };
    const { plan, out } = render([gainOp], S({}, [{ mask, params: { exposure: 1 } }]), src);
    expect(plan.ops.map((o) => o.id)).toEqual(['gain']); // active only because a local feeds it
    const brighter = linearToSrgb(2 * srgbToLinear(100 / 255));
    for (let x = 0; x < 20; x++) {
      const v = out[(1 * 20 + x) * 3];
      const u = (x + 0.5) / 20;
      if (Math.abs(u - 0.25) < 0.18) expect(v).toBeCloseTo(brighter, 3);
      else if (Math.abs(u - 0.25) > 0.21) expect(v).toBeCloseTo(100 / 255, 3);
    }
  });

  it('a local adjustment of a param no active op reads does not activate anything', () => {
    const mask = { id: 'm', components: [{ mode: 'add' as const, shape: { type: 'linear' as const, x0: 0, y0: 0, x1: 1, y1: 0 } }] };
    const plan = planRenderWith([gainOp, gammaOp], S({}, [{ mask, params: { saturation: 50 } }]), 10, 10);
    expect(plan.ops).toEqual([]);
    expect(plan.locals).toEqual([]);
  });

  it('luminance masks read the unedited source, before the ops', () => {
    const data = new Uint8Array(2 * 3);
    data.set([30, 30, 30, 220, 220, 220]);
    const src: SourceImage = { width: 2, height: 1, bits: 8, data };
    const mask = { id: 'bright', components: [{ mode: 'add' as const, shape: { type: 'luminance' as const, min: 0.5, max: 1, feather: 0 } }] };
    // Global +3 EV makes both pixels bright; the mask must still select only the originally bright one.
    const { out } = render([gainOp], S({ gain: { exposure: 3 } }, [{ mask, params: { exposure: -3 } }]), src);
    expect(out[0]).toBeCloseTo(Math.min(1, linearToSrgb(8 * srgbToLinear(30 / 255))), 3);
    expect(out[3]).toBeCloseTo(220 / 255, 3);
  });
});

describe('renderRows: robustness', () => {
  it('NaN and ±Inf written by an op never reach the output', () => {
    const src = randomSource(5, 5, 8);
    const { out } = render([poisonOp], S({ poison: { on: true } }), src);
    expect(out.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)).toBe(true);
  });

  it('extreme random params, crops and masks give finite output in 0..1 (fast-check)', () => {
    const src = randomSource(17, 13, 16, 9);
    const num = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(
        fc.record({
          exposure: fc.oneof(num, fc.constantFrom(-1e9, 1e9, 0)),
          gamma: fc.double({ min: 0.01, max: 100, noNaN: true }),
          top: num, left: num, bottom: num, right: num, angle: num,
          rotate: fc.integer({ min: -10, max: 10 }), flipH: fc.boolean(), flipV: fc.boolean(), constrain: fc.boolean(),
          scale: fc.double({ min: 0.05, max: 3, noNaN: true }),
          mask: fc.record({ cx: num, cy: num, rx: num, ry: num, angle: num, feather: num, inside: fc.boolean() }),
          local: num,
        }),
        (p) => {
          const settings = S(
            { gain: { exposure: p.exposure }, gamma: { gamma: p.gamma }, crop: { top: p.top, left: p.left, bottom: p.bottom, right: p.right, angle: p.angle, rotate: p.rotate, flipH: p.flipH, flipV: p.flipV, constrain: p.constrain } },
            [{ mask: { id: 'r', components: [{ mode: 'add', shape: { type: 'radial', ...p.mask } }] }, params: { exposure: p.local } }],
          );
          const r = renderImageWith([gainOp, gammaOp], [], settings, src, { scale: p.scale });
          expect(r.width).toBeGreaterThanOrEqual(1);
          expect(r.height).toBeGreaterThanOrEqual(1);
          for (const v of r.data) if (!(v >= 0 && v <= 1)) throw new Error(`bad output value ${v}`);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('rejects a source that does not match the plan, and rows out of range', () => {
    const plan = planRenderWith([gainOp], S({ gain: { exposure: 1 } }), 4, 4);
    const out = new Float32Array(48);
    expect(() => renderRowsWith([gainOp], plan, randomSource(5, 4, 8), {}, 0, 4, out)).toThrow(/5×4/);
    expect(() => renderRowsWith([gainOp], plan, randomSource(4, 4, 8), {}, 2, 3, out)).toThrow(/outside/);
    expect(() => renderRowsWith([gainOp], plan, randomSource(4, 4, 8), {}, 0, 4, new Float32Array(10))).toThrow(/needed/);
  });

  it('plans clamp params to their declared range and reject ops out of pipeline order', () => {
    const plan = planRenderWith([gammaOp], S({ gamma: { gamma: 1e9 } }), 4, 4);
    expect(plan.ops[0].params.gamma).toBe(100);
    expect(() => planRenderWith([gammaOp, gainOp], S({ gamma: { gamma: 2 }, gain: { exposure: 1 } }), 4, 4)).toThrow(/pipeline order/);
  });

  it('a plan is plain data: structured-cloned plans and guides render the same', () => {
    const src = randomSource(23, 17, 8, 4);
    const settings = S({ gain: { exposure: 0.5 }, guided: { amount: 0.3 }, blurB: { radius: 1 }, crop: { angle: 3 } });
    const ops = ALL_TEST_OPS;
    const plan = planRenderWith(ops, settings, 23, 17);
    const guides = computeGuidesWith([testGuide], plan, src);
    const a = new Float32Array(plan.width * plan.height * 3);
    renderRowsWith(ops, plan, src, guides, 0, plan.height, a);
    const plan2 = structuredClone(plan);
    const b = new Float32Array(a.length);
    renderRowsWith(ops, plan2, src, structuredClone(guides), 0, plan.height, b);
    expect(b).toEqual(a);
    expect(planRenderWith(ops, settings, 23, 17)).toEqual(plan); // deterministic
  });
});
