/**
 * (c) Instruction following. Fix cases: real photos perturbed with known edits through our own
 * pipeline, then the instruction a person would write to fix it; did the result move back
 * towards the original (mean ΔE2000 to the original reduced)? Direction table: phrasings ×
 * photos, each checking that the measured quantity moves the asked way.
 */
import { meanDeltaE } from '../../main/agent/metrics/image-metrics.ts';
import { perceive, perceiveFull, type ImageFacts } from '../../main/agent/perception/facts.ts';
import { edgeRatio } from '../../main/agent/critic/measure.ts';
import { applySteps } from '../../main/agent/planner/apply.ts';
import { planEdit } from '../../main/agent/planner/plan.ts';
import { renderImage } from '../../shared/pixel/pipeline.ts';
import type { Rgb8 } from './data.ts';
import { f1, f2, mean, table } from './table.ts';

type Ops = Record<string, Record<string, number>>;

/** Known damage and the complaint a person would write about it. */
export const FIX_CASES: { damage: Ops; say: string }[] = [
  { damage: { tone: { exposure: -1.3 } }, say: 'way too dark' },
  { damage: { tone: { exposure: -0.6 } }, say: 'a bit too dark' },
  { damage: { tone: { exposure: 1 } }, say: 'too bright' },
  { damage: { whiteBalance: { temperature: -45 } }, say: 'too blue' },
  { damage: { whiteBalance: { temperature: 45 } }, say: 'too warm, too yellow' },
  { damage: { whiteBalance: { tint: 40 } }, say: 'too magenta' },
  { damage: { whiteBalance: { tint: -40 } }, say: 'too green' },
  { damage: { tone: { contrast: -60 } }, say: 'flat, needs more contrast' },
  { damage: { tone: { contrast: 70 } }, say: 'too contrasty' },
  { damage: { color: { saturation: -60 } }, say: 'the colours are washed out' },
  { damage: { color: { saturation: 60 } }, say: 'oversaturated' },
  { damage: { tone: { exposure: -1.1 }, whiteBalance: { temperature: -40 } }, say: 'way too dark and too blue' },
  { damage: { tone: { exposure: 0.8 }, whiteBalance: { temperature: 40 } }, say: 'too bright and too warm' },
  { damage: { tone: { shadows: -70 } }, say: 'the shadows are too dark' },
  { damage: { tone: { highlights: 70, whites: 30 } }, say: 'the highlights are blown, recover them' },
];

const render = (ops: Ops, img: Rgb8): Float32Array => renderImage({ ops, locals: [] } as never, img, { scale: 1, rendered: true }).data;
const toRgb8 = (d: Float32Array, like: Rgb8): Rgb8 => ({ ...like, data: Uint8Array.from(d, (v) => Math.round(Math.min(1, Math.max(0, v)) * 255)) });

export interface FixRow {
  photo: string;
  say: string;
  before: number;
  after: number;
}

export function runFixes(photos: { name: string; img: Rgb8 }[]): FixRow[] {
  const rows: FixRow[] = [];
  for (const { name, img } of photos)
    for (const c of FIX_CASES) {
      const damaged = toRgb8(render(c.damage, img), img);
      const plan = planEdit({ instruction: c.say, facts: perceive(damaged) });
      const fixed = renderImage(applySteps(undefined, plan.steps) as never, damaged).data;
      rows.push({ photo: name, say: c.say, before: meanDeltaE(damaged.data, img.data, 255, 255), after: meanDeltaE(fixed, img.data, 1, 255) });
    }
  return rows;
}

export function fixTables(rows: FixRow[]): string {
  const improved = rows.filter((r) => r.after < r.before).length;
  const summary = table(['cases', 'moved towards the original', 'mean ΔE2000 to original: damaged → fixed', 'mean reduction'], [
    [rows.length, `${improved} (${((100 * improved) / rows.length).toFixed(1)}%)`, `${f2(mean(rows.map((r) => r.before)))} → ${f2(mean(rows.map((r) => r.after)))}`, `${f1((100 * (1 - mean(rows.map((r) => r.after)) / mean(rows.map((r) => r.before)))))}%`],
  ]);
  const bySay = FIX_CASES.map((c) => {
    const g = rows.filter((r) => r.say === c.say);
    return [`"${c.say}"`, `${g.filter((r) => r.after < r.before).length}/${g.length}`, `${f2(mean(g.map((r) => r.before)))} → ${f2(mean(g.map((r) => r.after)))}`];
  });
  return `${summary}\n\n${table(['instruction (damage it fixes)', 'improved', 'ΔE2000 damaged → fixed'], bySay)}`;
}

type Measure = (f: ImageFacts, edge: number) => number;
const M: Record<string, Measure> = {
  median: (f) => f.tone.luma.p50,
  b: (f) => f.colour.meanLab.b,
  a: (f) => f.colour.meanLab.a,
  rms: (f) => f.tone.contrast.rms,
  colourful: (f) => f.colour.colourfulness,
  p25: (f) => f.tone.luma.p25,
  p95: (f) => f.tone.luma.p95,
  p1: (f) => f.tone.luma.p1,
  p99: (f) => f.tone.luma.p99,
  edge: (_f, e) => e,
  texture: (f) => f.detail.texture,
};

/** Phrasing, measured quantity, expected sign. */
export const PHRASINGS: [string, keyof typeof M, 1 | -1][] = [
  ['brighter', 'median', 1], ['make it lighter', 'median', 1], ['a touch brighter', 'median', 1], ['much brighter', 'median', 1], ['brighten it up a little', 'median', 1],
  ['darker', 'median', -1], ['a bit darker please', 'median', -1], ['darken it a lot', 'median', -1], ['tone it down, less bright', 'median', -1], ['underexpose it slightly', 'median', -1],
  ['warmer', 'b', 1], ['make it warmer', 'b', 1], ['a little warmer', 'b', 1], ['cooler', 'b', -1], ['make it colder', 'b', -1], ['more blue', 'b', -1],
  ['more magenta', 'a', 1], ['greener tint', 'a', -1],
  ['more contrast', 'rms', 1], ['add some punch', 'rms', 1], ['less contrast', 'rms', -1], ['softer, flatter look', 'rms', -1],
  ['more saturated', 'colourful', 1], ['more vibrant colours', 'colourful', 1], ['make the colours pop', 'colourful', 1], ['desaturate it', 'colourful', -1], ['less saturation', 'colourful', -1], ['mute the colours', 'colourful', -1],
  ['lift the shadows', 'p25', 1], ['open up the shadows', 'p25', 1], ['recover the highlights', 'p95', -1], ['tone down the highlights', 'p95', -1],
  ['deeper blacks', 'p1', -1], ['fade the blacks', 'p1', 1], ['brighter whites', 'p99', 1],
  ['add a vignette', 'edge', -1], ['darken the edges', 'edge', -1], ['more clarity', 'texture', 1],
];

export interface DirRow {
  photo: string;
  phrasing: string;
  measure: string;
  before: number;
  after: number;
  ok: boolean;
}

export function runDirections(photos: { name: string; img: Rgb8 }[]): DirRow[] {
  const rows: DirRow[] = [];
  for (const { name, img } of photos) {
    const p0 = perceiveFull(img);
    for (const [phrasing, key, sign] of PHRASINGS) {
      const plan = planEdit({ instruction: phrasing, facts: p0.facts });
      const out = renderImage(applySteps(undefined, plan.steps) as never, img);
      const p1 = perceiveFull(out, { skipTilt: true });
      const before = M[key](p0.facts, edgeRatio(p0.planes)), after = M[key](p1.facts, edgeRatio(p1.planes));
      rows.push({ photo: name, phrasing, measure: key, before, after, ok: (after - before) * sign > 1e-4 });
    }
  }
  return rows;
}

export function dirTables(rows: DirRow[]): string {
  const ok = rows.filter((r) => r.ok).length;
  const summary = table(['checks (phrasings × photos)', 'moved the asked way'], [[rows.length, `${ok} (${((100 * ok) / rows.length).toFixed(1)}%)`]]);
  const fails = rows.filter((r) => !r.ok);
  const failTable = fails.length ? `\n\nNot the asked way:\n\n${table(['photo', 'phrasing', 'measure', 'before → after'], fails.map((r) => [r.photo, `"${r.phrasing}"`, r.measure, `${r.before.toFixed(3)} → ${r.after.toFixed(3)}`]))}` : '';
  return summary + failTable;
}
