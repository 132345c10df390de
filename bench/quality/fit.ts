/**
 * (b) Parameter-fit ceiling: how close our own parameters can bring each FiveK input to its
 * expert target. Coordinate descent (±step per parameter, steps halved when a pass finds no
 * gain) over ~35 global parameters, minimising MSE on a ≤ 256 px downscale (guides computed
 * once per source and reused), then rendered and scored at full size.
 */
import { listParams } from '../../shared/develop/params.ts';
import type { ResolvedSettings } from '../../shared/pixel/pipeline.ts';
import { previewRenderer } from '../../main/agent/preview-render.ts';
import { scoreAgainst, type Scores } from '../../main/agent/metrics/image-metrics.ts';
import type { Rgb8, Pair } from './data.ts';
import { isHeldOut } from './data.ts';
import { f2, f3, mean, table } from './table.ts';
import sharp from 'sharp';

/** The parameters fitted, with their initial coordinate-descent steps. */
export const FIT_PARAMS: [op: string, param: string, step: number][] = [
  ['tone', 'exposure', 0.4],
  ['tone', 'contrast', 25],
  ['tone', 'highlights', 25],
  ['tone', 'shadows', 25],
  ['tone', 'whites', 25],
  ['tone', 'blacks', 25],
  ['whiteBalance', 'temperature', 15],
  ['whiteBalance', 'tint', 15],
  ['presence', 'clarity', 20],
  ['color', 'vibrance', 25],
  ['color', 'saturation', 15],
  ['parametricCurve', 'shadows', 20],
  ['parametricCurve', 'darks', 20],
  ['parametricCurve', 'lights', 20],
  ['parametricCurve', 'highlights', 20],
  ...['Red', 'Orange', 'Yellow', 'Green', 'Aqua', 'Blue', 'Purple', 'Magenta'].flatMap((b) => [
    ['hsl', `saturation${b}`, 20] as [string, string, number],
    ['hsl', `luminance${b}`, 20] as [string, string, number],
  ]),
  ['colorGrading', 'shadowHue', 40],
  ['colorGrading', 'shadowSat', 10],
  ['colorGrading', 'highlightHue', 40],
  ['colorGrading', 'highlightSat', 10],
];

const RANGE = new Map(listParams().map((p) => [`${p.op}.${p.param}`, p]));

function settingsOf(values: Map<string, number>): ResolvedSettings {
  const ops: Record<string, Record<string, number>> = {};
  for (const [key, v] of values) {
    const [op, param] = key.split('.');
    (ops[op] ??= {})[param] = v;
  }
  return { ops, locals: [] };
}

function mse(a: Float32Array, t: Uint8Array): number {
  let s = 0;
  const k = 1 / 255;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - t[i] * k;
    s += d * d;
  }
  return s / a.length;
}

async function shrink(img: Rgb8, maxSide: number): Promise<Rgb8> {
  if (Math.max(img.width, img.height) <= maxSide) return img;
  const { data, info } = await sharp(Buffer.from(img.data), { raw: { width: img.width, height: img.height, channels: 3 } })
    .resize(maxSide, maxSide, { fit: 'inside', kernel: 'lanczos3' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, bits: 8, data: new Uint8Array(data) };
}

export interface FitRow {
  name: string;
  heldOut: boolean;
  input: Scores;
  fit: Scores;
  renders: number;
  seconds: number;
  values: Record<string, number>;
}

export async function fitPair(pair: Pair, opts: { maxSide?: number; maxPasses?: number } = {}): Promise<Omit<FitRow, 'heldOut'>> {
  const t0 = performance.now();
  const src = await shrink(pair.input, opts.maxSide ?? 192);
  const tgt = await shrink(pair.target, opts.maxSide ?? 192);
  const render = previewRenderer();
  const values = new Map<string, number>();
  let renders = 0;
  const cost = (v: Map<string, number>): number => {
    renders++;
    return mse(render(settingsOf(v), src).data, tgt.data);
  };
  let best = cost(values);
  const steps = new Map(FIT_PARAMS.map(([op, p, s]) => [`${op}.${p}`, s]));
  const maxPasses = opts.maxPasses ?? 6;
  for (let pass = 0; pass < maxPasses; pass++) {
    let gained = 0;
    for (const [op, param] of FIT_PARAMS) {
      const key = `${op}.${param}`;
      const info = RANGE.get(key)!;
      const step = steps.get(key)!;
      const cur = values.get(key) ?? (info.default as number);
      const circular = /Hue$/.test(param);
      for (const dir of [1, -1]) {
        let moved = false;
        // Keep going in a direction while it pays (a line search in step units).
        for (let k = 0; k < 6; k++) {
          const base = values.get(key) ?? cur;
          let next = base + dir * step;
          if (circular) next = ((next % 360) + 360) % 360;
          else next = Math.min(info.max, Math.max(info.min, next));
          if (next === base) break;
          const trial = new Map(values).set(key, next);
          const c = cost(trial);
          if (c < best - 1e-7) {
            gained += best - c;
            best = c;
            values.set(key, next);
            moved = true;
          } else break;
        }
        if (moved) break;
      }
    }
    if (gained < best * 0.002) for (const [k, s] of steps) steps.set(k, s / 2);
  }
  const full = render(settingsOf(values), pair.input).data;
  const { width: w, height: h } = pair.input;
  return {
    name: pair.name,
    input: scoreAgainst(pair.input.data, pair.target.data, w, h, 255, 255),
    fit: scoreAgainst(full, pair.target.data, w, h, 1, 255),
    renders,
    seconds: (performance.now() - t0) / 1000,
    values: Object.fromEntries([...values].filter(([, v]) => v !== 0).map(([k, v]) => [k, Math.round(v * 100) / 100])),
  };
}

export async function runFit(pairs: Pair[], opts: { maxSide?: number; maxPasses?: number } = {}): Promise<FitRow[]> {
  const out: FitRow[] = [];
  for (let i = 0; i < pairs.length; i++) out.push({ ...(await fitPair(pairs[i], opts)), heldOut: isHeldOut(i) });
  return out;
}

export function fitTables(rows: FitRow[]): string {
  const summary = table(
    ['pairs', 'input PSNR', 'fitted PSNR (mean)', 'fitted PSNR (min)', 'fitted SSIM', 'fitted ΔE2000', 'renders / pair', 's / pair'],
    [[rows.length, f2(mean(rows.map((r) => r.input.psnr))), f2(mean(rows.map((r) => r.fit.psnr))), f2(Math.min(...rows.map((r) => r.fit.psnr))), f3(mean(rows.map((r) => r.fit.ssim))), f2(mean(rows.map((r) => r.fit.deltaE))), Math.round(mean(rows.map((r) => r.renders))), f2(mean(rows.map((r) => r.seconds)))]],
  );
  const per = table(
    ['pair', 'input PSNR', 'fitted PSNR', 'fitted SSIM', 'fitted ΔE', 'largest fitted values'],
    rows.map((r) => [r.name, f2(r.input.psnr), f2(r.fit.psnr), f3(r.fit.ssim), f2(r.fit.deltaE), Object.entries(r.values).sort((a, b) => Math.abs(b[1]) / (b[0] === 'tone.exposure' ? 0.02 : 1) - Math.abs(a[1]) / (a[0] === 'tone.exposure' ? 0.02 : 1)).slice(0, 5).map(([k, v]) => `${k} ${v}`).join(', ')]),
  );
  return `${summary}\n\n${per}`;
}
