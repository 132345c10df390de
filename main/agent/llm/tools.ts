/**
 * The tools a model may call before it plans: the luminance histogram and one region's
 * statistics, answered from the measured image facts as compact text.
 */
import type { ImageFacts } from '../perception/facts.ts';

const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;
const n2 = (v: number) => Math.round(v * 100) / 100;

export function answerTool(call: Record<string, unknown>, facts: ImageFacts): string {
  if (call.action === 'histogram') {
    const h = facts.tone.histogram;
    const bars = h.map((v, i) => `${Math.round((i / h.length) * 100)}–${Math.round(((i + 1) / h.length) * 100)}%: ${pct(v)}`);
    return `Luminance histogram (16 bins of encoded luma, share of pixels):\n${bars.join('\n')}\nClipped highlights ${pct(facts.tone.clipping.highlights)}, crushed shadows ${pct(facts.tone.clipping.shadows)}.`;
  }
  if (call.action === 'region') {
    const region = String(call.region);
    const r = facts.regions;
    const describe = (name: string, f: { coverage: number; meanLuma: number; meanLab: { L: number; a: number; b: number }; box: { x0: number; y0: number; x1: number; y1: number } } | null) =>
      f
        ? `${name}: ${pct(f.coverage)} of the image, box x ${n2(f.box.x0)}–${n2(f.box.x1)}, y ${n2(f.box.y0)}–${n2(f.box.y1)}, mean luma ${n2(f.meanLuma)}, Lab ${Math.round(f.meanLab.L)}/${Math.round(f.meanLab.a)}/${Math.round(f.meanLab.b)}`
        : `${name}: not found in this image`;
    if (region === 'sky') return describe('sky', r.sky as never);
    if (region === 'subject') return `subject: centre (${n2(r.subject.cx)}, ${n2(r.subject.cy)}), radii ${n2(r.subject.rx)} × ${n2(r.subject.ry)} (found by ${r.subject.basis})`;
    if (region === 'foreground' || region === 'bottom') return describe('foliage/foreground', r.foliage as never);
    if (region === 'shadows' || region === 'highlights') {
      const z = facts.tone.zones;
      return `${region}: ${pct(region === 'shadows' ? z.shadows : z.highlights)} of pixels; luma p5 ${n2(facts.tone.luma.p5)}, p50 ${n2(facts.tone.luma.p50)}, p95 ${n2(facts.tone.luma.p95)}`;
    }
    return `${region}: use a linear gradient mask for it; whole-image luma p50 ${n2(facts.tone.luma.p50)}`;
  }
  return `unknown tool "${String(call.action)}"; answer with a plan`;
}
