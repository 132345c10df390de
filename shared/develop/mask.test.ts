import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { srgbToLinear } from '../pixel/transfer.ts';
import { MASK_GLSL, compileMask, evaluateMask, maskWeightAt, packMasks, type Mask, type MaskComponent, type MaskShape } from './mask.ts';

const one = (shape: MaskShape, extra: Partial<MaskComponent> = {}): Mask => ({ id: 'm', components: [{ shape, mode: 'add', ...extra }] });
const grey = (v: number): [number, number, number] => [srgbToLinear(v), srgbToLinear(v), srgbToLinear(v)];

describe('mask shapes', () => {
  it('linear: 1 on the start side, smooth ramp, 0 past the end', () => {
    const m = one({ type: 'linear', x0: 0.2, y0: 0.5, x1: 0.6, y1: 0.5 });
    expect(maskWeightAt(m, 1, 0.1, 0.3)).toBe(1);
    expect(maskWeightAt(m, 1, 0.2, 0.9)).toBe(1);
    expect(maskWeightAt(m, 1, 0.4, 0.5)).toBeCloseTo(0.5, 6);
    expect(maskWeightAt(m, 1, 0.3, 0.5)).toBeCloseTo(1 - (0.25 * 0.25 * (3 - 0.5)), 6);
    expect(maskWeightAt(m, 1, 0.6, 0.5)).toBe(0);
    expect(maskWeightAt(m, 1, 0.9, 0.1)).toBe(0);
  });

  it('linear: the ramp is perpendicular in pixels, not in normalised units', () => {
    // Diagonal gradient on a 2:1 image from (0,0) to (1,1): the point halfway along the pixel
    // diagonal is 0.5, and points on the pixel-space perpendicular through it share its weight.
    const m = one({ type: 'linear', x0: 0, y0: 0, x1: 1, y1: 1 });
    const w = maskWeightAt(m, 2, 0.5, 0.5);
    expect(w).toBeCloseTo(0.5, 6);
    // pixel-space direction (2,1) ⟂ (−1, 2): move by (−1, 2) px-units → normalised (−0.5/2·…)
    expect(maskWeightAt(m, 2, 0.5 - 0.05, 0.5 + 0.2)).toBeCloseTo(0.5, 5);
  });

  it('radial: inside/outside, feather, rotation, aspect', () => {
    const m = one({ type: 'radial', cx: 0.5, cy: 0.5, rx: 0.2, ry: 0.1, angle: 0, feather: 50, inside: true });
    expect(maskWeightAt(m, 1, 0.5, 0.5)).toBe(1);
    expect(maskWeightAt(m, 1, 0.59, 0.5)).toBe(1); // r = 0.45 < inner 0.5
    expect(maskWeightAt(m, 1, 0.65, 0.5)).toBeCloseTo(0.5, 6); // r = 0.75, middle of the shoulder
    expect(maskWeightAt(m, 1, 0.71, 0.5)).toBe(0);
    expect(maskWeightAt(m, 1, 0.5, 0.61)).toBe(0);
    const out = one({ type: 'radial', cx: 0.5, cy: 0.5, rx: 0.2, ry: 0.1, angle: 0, feather: 50, inside: false });
    expect(maskWeightAt(out, 1, 0.5, 0.5)).toBe(0);
    expect(maskWeightAt(out, 1, 0.9, 0.9)).toBe(1);
    // rotated by 90°: the long axis is vertical
    const rot = one({ type: 'radial', cx: 0.5, cy: 0.5, rx: 0.2, ry: 0.2, angle: 90, feather: 0, inside: true });
    const rotNarrow = one({ type: 'radial', cx: 0.5, cy: 0.5, rx: 0.3, ry: 0.1, angle: 90, feather: 0, inside: true });
    expect(maskWeightAt(rotNarrow, 1, 0.5, 0.75)).toBe(1);
    expect(maskWeightAt(rotNarrow, 1, 0.65, 0.5)).toBe(0);
    expect(maskWeightAt(rot, 1, 0.5, 0.69)).toBe(1);
    // radii are fractions of width and height: a circle on a 2:1 image is rx = ry/2
    const circle = one({ type: 'radial', cx: 0.5, cy: 0.5, rx: 0.1, ry: 0.2, angle: 45, feather: 0, inside: true });
    expect(maskWeightAt(circle, 2, 0.5 + 0.099, 0.5)).toBe(1);
    expect(maskWeightAt(circle, 2, 0.5, 0.5 + 0.199)).toBe(1);
    expect(maskWeightAt(circle, 2, 0.5 + 0.07, 0.5 + 0.14)).toBe(1);
    expect(maskWeightAt(circle, 2, 0.5 + 0.072, 0.5 + 0.144)).toBe(0);
  });

  it('luminance: the range of the source lightness, with feathered ends', () => {
    const hard = one({ type: 'luminance', min: 0.4, max: 0.6, feather: 0 });
    expect(maskWeightAt(hard, 1, 0, 0, grey(0.5))).toBeCloseTo(1, 5);
    expect(maskWeightAt(hard, 1, 0, 0, grey(0.39))).toBeCloseTo(0, 5);
    expect(maskWeightAt(hard, 1, 0, 0, grey(0.61))).toBeCloseTo(0, 5);
    const soft = one({ type: 'luminance', min: 0.4, max: 0.6, feather: 100 }); // shoulders 0.25 wide
    expect(maskWeightAt(soft, 1, 0, 0, grey(0.275))).toBeCloseTo(0.5, 2);
    expect(maskWeightAt(soft, 1, 0, 0, grey(0.725))).toBeCloseTo(0.5, 2);
    expect(maskWeightAt(soft, 1, 0, 0, grey(0.1))).toBe(0);
    const blacks = one({ type: 'luminance', min: 0, max: 0.2, feather: 0 });
    expect(maskWeightAt(blacks, 1, 0, 0, [0, 0, 0])).toBe(1);
  });

  it('color: hue band with feather, greys never selected', () => {
    const blue = one({ type: 'color', hue: 220, hueRange: 40, minSaturation: 0.2, feather: 50 });
    const lin = (r: number, g: number, b: number): [number, number, number] => [srgbToLinear(r), srgbToLinear(g), srgbToLinear(b)];
    expect(maskWeightAt(blue, 1, 0, 0, lin(0.2, 0.4667, 0.8))).toBeCloseTo(1, 3); // hue ≈ 213
    expect(maskWeightAt(blue, 1, 0, 0, lin(0.8, 0.3, 0.2))).toBe(0); // orange
    expect(maskWeightAt(blue, 1, 0, 0, lin(0.5, 0.5, 0.5))).toBe(0); // grey
    expect(maskWeightAt(blue, 1, 0, 0, lin(0.45, 0.5, 0.55))).toBe(0); // hue ok, saturation 0.18 < 0.2
    // 30° feather shoulder: hue 255 (15° past the band) is half selected
    const h255 = lin(0.35, 0.2, 0.8); // hue = 255°, sat 0.75
    expect(maskWeightAt(blue, 1, 0, 0, h255)).toBeCloseTo(0.5, 2);
    // wraps around 0/360
    const red = one({ type: 'color', hue: 350, hueRange: 40, minSaturation: 0.1, feather: 0 });
    expect(maskWeightAt(red, 1, 0, 0, lin(0.8, 0.2, 0.24))).toBeCloseTo(1, 5); // hue ≈ 356
    expect(maskWeightAt(red, 1, 0, 0, lin(0.8, 0.4, 0.2))).toBe(0); // hue 20: 30° away, outside the ±20° band
  });
});

describe('mask combination', () => {
  const left = { type: 'linear', x0: 0.4, y0: 0, x1: 0.6, y1: 0 } as const; // 1 left, 0 right
  const dot = { type: 'radial', cx: 0.2, cy: 0.5, rx: 0.1, ry: 0.1, angle: 0, feather: 0, inside: true } as const;
  const rightDot = { ...dot, cx: 0.8 };

  it('add (max), subtract, intersect, invert', () => {
    const add: Mask = { id: 'a', components: [{ shape: left, mode: 'add' }, { shape: rightDot, mode: 'add' }] };
    expect(maskWeightAt(add, 1, 0.1, 0.1)).toBe(1);
    expect(maskWeightAt(add, 1, 0.8, 0.5)).toBe(1);
    expect(maskWeightAt(add, 1, 0.8, 0.1)).toBe(0);
    const sub: Mask = { id: 's', components: [{ shape: left, mode: 'add' }, { shape: dot, mode: 'subtract' }] };
    expect(maskWeightAt(sub, 1, 0.2, 0.5)).toBe(0);
    expect(maskWeightAt(sub, 1, 0.2, 0.1)).toBe(1);
    const inter: Mask = { id: 'i', components: [{ shape: left, mode: 'add' }, { shape: dot, mode: 'intersect' }] };
    expect(maskWeightAt(inter, 1, 0.2, 0.5)).toBe(1);
    expect(maskWeightAt(inter, 1, 0.1, 0.1)).toBe(0);
    const compInv: Mask = { id: 'c', components: [{ shape: left, mode: 'add' }, { shape: dot, mode: 'intersect', invert: true }] };
    expect(maskWeightAt(compInv, 1, 0.2, 0.5)).toBe(0);
    expect(maskWeightAt(compInv, 1, 0.1, 0.1)).toBe(1);
    expect(maskWeightAt({ ...add, invert: true }, 1, 0.8, 0.1)).toBe(1);
  });

  it('a mask that starts by subtracting means everything but that shape', () => {
    const m: Mask = { id: 'x', components: [{ shape: dot, mode: 'subtract' }] };
    expect(maskWeightAt(m, 1, 0.2, 0.5)).toBe(0);
    expect(maskWeightAt(m, 1, 0.7, 0.5)).toBe(1);
    expect(maskWeightAt({ id: 'e', components: [] }, 1, 0.5, 0.5)).toBe(0);
  });

  it('weights stay in 0..1 and finite for any shape values (fast-check)', () => {
    const num = fc.double({ noNaN: false });
    const shape = fc.oneof(
      fc.record({ type: fc.constant('linear' as const), x0: num, y0: num, x1: num, y1: num }),
      fc.record({ type: fc.constant('radial' as const), cx: num, cy: num, rx: num, ry: num, angle: num, feather: num, inside: fc.boolean() }),
      fc.record({ type: fc.constant('luminance' as const), min: num, max: num, feather: num }),
      fc.record({ type: fc.constant('color' as const), hue: num, hueRange: num, minSaturation: num, feather: num }),
    );
    const comp = fc.record({ shape, mode: fc.constantFrom('add' as const, 'subtract' as const, 'intersect' as const), invert: fc.boolean() });
    fc.assert(
      fc.property(fc.array(comp, { minLength: 1, maxLength: 4 }), fc.boolean(), fc.double({ min: 0.1, max: 10, noNaN: true }), (components, invert, aspect) => {
        const cm = compileMask({ id: 'p', components, invert }, aspect);
        const n = 9;
        const coords = Float32Array.from({ length: 2 * n }, (_, i) => (i % 5) / 4 - 0.25);
        const rgb = Float32Array.from({ length: 3 * n }, (_, i) => ((i * 7) % 11) / 5 - 0.2);
        const out = new Float32Array(n);
        evaluateMask(cm, coords, rgb, n, out, new Float32Array(n));
        for (const v of out) if (!(v >= 0 && v <= 1)) throw new Error(`weight ${v}`);
      }),
      { numRuns: 300 },
    );
  });
});

/**
 * The GLSL must mirror the CPU maths. We cannot compile GLSL here, so this test translates the
 * (deliberately simple) GLSL subset used by MASK_GLSL into JavaScript and evaluates it on the
 * packed uniforms, comparing with the CPU evaluator on many points and masks.
 */
function glslToJs(src: string): (data: Float32Array, start: number, count: number, invert: number, uv: [number, number], lin: [number, number, number]) => number {
  let js = src
    .replace(/^#.*$/gm, '')
    .replace(/^uniform .*$/gm, '')
    .replace(/\b(float|int|vec2|vec3|vec4)\s+(\w+)\s*\(([^)]*)\)\s*\{/g, (_m, _t, name, args: string) =>
      `function ${name}(${args.split(',').map((a) => a.trim().split(/\s+/).pop()).filter(Boolean).join(', ')}) {`)
    .replace(/\b(float|int|vec4)\s+(\w+)\s*(=|;)/g, 'let $2 $3')
    .replace(/for \(int /g, 'for (let ')
    .replace(/\bint\(/g, 'Math.floor(')
    .replace(/\b(clamp|max|min|sqrt|pow|abs)\(/g, '$1_(')
    .replace(/==/g, '===')
    .replace(/!===/g, '!==');
  js = js.replace(/let (\w+) ;/g, 'let $1;');
  const prelude = `
    const clamp_ = (x, a, b) => Math.min(Math.max(x, a), b);
    const max_ = Math.max, min_ = Math.min, sqrt_ = Math.sqrt, pow_ = Math.pow, abs_ = Math.abs;
    const f = Math.fround;
    const TW_MAX_MASK_COMPONENTS = 32;
    const u_mask_data = new Proxy({}, { get: (_, k) => { const i = Number(k) * 4; return { x: DATA[i], y: DATA[i + 1], z: DATA[i + 2], w: DATA[i + 3] }; } });
  `;
  const body = `${prelude}\n${js}\nreturn mask_eval(START, COUNT, INVERT, { x: UV[0], y: UV[1] }, { r: LIN[0], g: LIN[1], b: LIN[2] });`;
  const fn = new Function('DATA', 'START', 'COUNT', 'INVERT', 'UV', 'LIN', body) as (...a: unknown[]) => number;
  return (data, start, count, invert, uv, lin) => fn(data, start, count, invert, uv, lin);
}

describe('MASK_GLSL mirrors the CPU maths', () => {
  const evalGlsl = glslToJs(MASK_GLSL);
  const masks: Mask[] = [
    { id: 'a', components: [{ shape: { type: 'linear', x0: 0.1, y0: 0.2, x1: 0.7, y1: 0.9 }, mode: 'add' }] },
    {
      id: 'b',
      invert: true,
      components: [
        { shape: { type: 'radial', cx: 0.4, cy: 0.6, rx: 0.3, ry: 0.2, angle: 33, feather: 40, inside: true }, mode: 'add' },
        { shape: { type: 'luminance', min: 0.3, max: 0.7, feather: 30 }, mode: 'intersect', invert: true },
        { shape: { type: 'color', hue: 200, hueRange: 60, minSaturation: 0.1, feather: 70 }, mode: 'subtract' },
      ],
    },
    { id: 'c', components: [{ shape: { type: 'radial', cx: 0.5, cy: 0.5, rx: 0.2, ry: 0.4, angle: -20, feather: 0, inside: false }, mode: 'subtract' }] },
  ];

  it('agrees with evaluateMask at many points (within the sRGB table error)', () => {
    const aspect = 1.5;
    const { data, ranges } = packMasks(masks, aspect);
    let worst = 0;
    for (let k = 0; k < masks.length; k++) {
      const cm = compileMask(masks[k], aspect);
      for (let i = 0; i < 400; i++) {
        const uv: [number, number] = [((i * 37) % 101) / 100, ((i * 53) % 97) / 96];
        const lin: [number, number, number] = [((i * 13) % 17) / 16, ((i * 7) % 19) / 18, ((i * 11) % 23) / 22];
        const out = new Float32Array(1);
        evaluateMask(cm, Float32Array.from(uv), Float32Array.from(lin), 1, out, new Float32Array(1));
        const [start, count, inv] = ranges[k];
        const g = evalGlsl(data, start, count, inv, [Math.fround(uv[0]), Math.fround(uv[1])], [Math.fround(lin[0]), Math.fround(lin[1]), Math.fround(lin[2])]);
        worst = Math.max(worst, Math.abs(g - out[0]));
      }
    }
    expect(worst).toBeLessThan(5e-3);
  });

  it('the translation is not vacuous: a wrong component layout disagrees', () => {
    const { data, ranges } = packMasks([masks[0]], 1);
    const shifted = new Float32Array(data.length);
    shifted.set(data.subarray(4), 0); // misaligned vec4s
    const a = evalGlsl(data, ranges[0][0], ranges[0][1], 0, [0.3, 0.3], [0, 0, 0]);
    const b = evalGlsl(shifted, ranges[0][0], ranges[0][1], 0, [0.3, 0.3], [0, 0, 0]);
    expect(a).not.toBeCloseTo(b, 3);
  });
});
