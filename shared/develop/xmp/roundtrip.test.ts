/**
 * Our stack → XMP → our stack: the same effective settings, and the same pixels
 * (ΔE2000 < 0.5 through the CPU pipeline on a synthetic image).
 */
import { describe, expect, it } from 'vitest';
import { deltaE2000Image, summarize } from '../../pixel/color.ts';
import { renderImage, type ResolvedSettings, type SourceImage } from '../../pixel/pipeline.ts';
import { addStep, emptyStack, resolve, type EditStack, type StepInput } from '../stack.ts';
import { readXmp } from './read.ts';
import { writeXmp } from './write.ts';

function synthetic(w: number, h: number): SourceImage {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      const hue = (x / w) * 6;
      const v = 40 + (200 * y) / h;
      data[i] = Math.round(v * (0.5 + 0.5 * Math.cos(hue)));
      data[i + 1] = Math.round(v * (0.5 + 0.5 * Math.cos(hue - 2.1)));
      data[i + 2] = Math.round(v * (0.5 + 0.5 * Math.cos(hue + 2.1)) * (((x >> 2) + (y >> 2)) % 2 ? 1 : 0.8));
    }
  return { width: w, height: h, bits: 8, data };
}

const EDITS: StepInput[] = [
  { op: 'crop', params: { top: 0.05, left: 0.04, bottom: 0.97, right: 0.93, angle: 1.5, flipH: true } },
  { op: 'whiteBalance', params: { temperature: 14, tint: -6 } },
  { op: 'tone', params: { exposure: 0.37, contrast: 22, highlights: -40, shadows: 35, whites: 7, blacks: -9 } },
  { op: 'presence', params: { texture: 12, clarity: 18 } },
  { op: 'dehaze', params: { amount: 9 } },
  { op: 'parametricCurve', params: { darks: -12, lights: 8, midtoneSplit: 45 } },
  { op: 'pointCurve', params: { master: [[0, 0.02], [0.26, 0.22], [0.73, 0.79], [1, 0.98]], blue: [[0, 0], [0.5, 0.46], [1, 1]] } },
  { op: 'hsl', params: { hueOrange: -7, saturationBlue: 23, luminanceBlue: -18, saturationGreen: -30 } },
  { op: 'color', params: { vibrance: 25, saturation: -4 } },
  { op: 'colorGrading', params: { shadowHue: 215, shadowSat: 18, highlightHue: 42, highlightSat: 14, balance: 12, blending: 65 } },
  { op: 'vignette', params: { amount: -22, midpoint: 35, feather: 60, roundness: 15 } },
  { op: 'sharpening', params: { amount: 45, radius: 1.2, detail: 30, masking: 20 } },
  { op: 'noiseReduction', params: { luminance: 15, color: 20 } },
  {
    op: 'local',
    params: { exposure: -0.6, highlights: -25, temperature: -12, dehaze: 15 },
    mask: { id: 'sky', name: 'Sky', components: [{ shape: { type: 'linear', x0: 0.5, y0: 0.05, x1: 0.5, y1: 0.55 }, mode: 'add' }] },
  },
  {
    op: 'local',
    params: { exposure: 0.45, shadows: 20, saturation: 10, clarity: -15 },
    mask: {
      id: 'face',
      components: [
        { shape: { type: 'radial', cx: 0.42, cy: 0.58, rx: 0.22, ry: 0.18, angle: 20, feather: 60, inside: true }, mode: 'add' },
        { shape: { type: 'radial', cx: 0.4, cy: 0.55, rx: 0.05, ry: 0.05, angle: 0, feather: 10, inside: true }, mode: 'subtract', invert: false },
      ],
    },
  },
  {
    op: 'local',
    params: { saturation: -40, tint: 8 },
    mask: {
      id: 'range',
      invert: true,
      components: [
        { shape: { type: 'color', hue: 210, hueRange: 60, minSaturation: 0.1, feather: 40 }, mode: 'add' },
        { shape: { type: 'luminance', min: 0.3, max: 0.9, feather: 30 }, mode: 'intersect' },
      ],
    },
  },
];

function stackOf(inputs: readonly StepInput[]): EditStack {
  return inputs.reduce((s, step) => addStep(s, step), emptyStack());
}

function expectSameSettings(a: ResolvedSettings, b: ResolvedSettings): void {
  for (const [op, params] of Object.entries(a.ops))
    for (const [k, v] of Object.entries(params)) {
      const w = b.ops[op][k];
      if (typeof v === 'number') expect(w, `${op}.${k}`).toBeCloseTo(v, 6);
      else expect(w, `${op}.${k}`).toEqual(v);
    }
  expect(b.locals.map((l) => l.mask)).toEqual(a.locals.map((l) => l.mask));
  a.locals.forEach((l, i) => {
    for (const [k, v] of Object.entries(l.params)) expect(b.locals[i].params[k], `local ${l.mask.id}.${k}`).toBeCloseTo(v as number, 6);
  });
}

describe('XMP round trip', () => {
  const original = resolve(stackOf(EDITS));
  const xmp = writeXmp(original);
  const back = readXmp(xmp);

  it('maps everything (nothing unmapped, no warnings)', () => {
    expect(back.unmapped).toEqual([]);
    expect(back.warnings).toEqual([]);
    expect(back.steps.every((s) => s.source === 'import')).toBe(true);
  });

  it('resolves to the same settings', () => {
    expectSameSettings(original, resolve(stackOf(back.steps)));
  });

  it('renders the same (ΔE2000 < 0.5)', () => {
    const src = synthetic(96, 64);
    const a = renderImage(original, src, { rendered: true });
    const b = renderImage(resolve(stackOf(back.steps)), src, { rendered: true });
    expect([b.width, b.height]).toEqual([a.width, a.height]);
    const d = summarize(deltaE2000Image(a.data, b.data));
    expect(d.max).toBeLessThan(0.5);
    // And the edit is not a no-op (the test would pass trivially otherwise).
    const plain = renderImage(resolve(emptyStack()), src, { rendered: true });
    expect(plain.width).not.toBe(a.width);
  });

  it('keeps Lightroom-rounded curves usable without our namespace', () => {
    // A reader that ignores tw: (Lightroom) still gets the curves, rounded to 1/255.
    const crsOnly = xmp.replace(/\s+tw:[A-Za-z_]+="[^"]*"/g, '');
    const r = readXmp(crsOnly);
    const master = r.steps.find((s) => s.op === 'pointCurve')!.params.master as [number, number][];
    expect(master).toHaveLength(4);
    master.forEach(([x, y], i) => {
      const [ox, oy] = (EDITS[6].params.master as [number, number][])[i];
      expect(Math.abs(x - ox)).toBeLessThanOrEqual(0.5 / 255 + 1e-12);
      expect(Math.abs(y - oy)).toBeLessThanOrEqual(0.5 / 255 + 1e-12);
    });
    // Without tw:Mask the colour/luminance mask has no Lightroom spelling: reported, not guessed.
    expect(r.unmapped.some((u) => u.includes('MaskGroupBasedCorrections[3]'))).toBe(true);
    expect(r.steps.filter((s) => s.op === 'local')).toHaveLength(2);
  });

  it('writes a well-formed Lightroom packet', () => {
    expect(xmp.startsWith('<?xpacket begin=')).toBe(true);
    expect(xmp).toContain('crs:ProcessVersion="11.0"');
    expect(xmp).toContain('crs:Exposure2012="+0.37"');
    expect(xmp).toContain('crs:HasCrop="True"');
    expect(xmp).toContain('crs:ConvertToGrayscale="False"');
    expect(xmp).toContain('<rdf:li>66, 56</rdf:li>');
    expect(xmp).toContain('crs:What="Mask/CircularGradient"');
    expect(xmp).toContain('crs:LocalExposure2012="-0.15"');
  });
});
