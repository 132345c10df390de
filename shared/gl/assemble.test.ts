import { describe, it, expect } from 'vitest';
import { OPS } from '../develop/registry.ts';
import { planRender } from '../pixel/pipeline.ts';
import { prepareOps } from '../pixel/pipeline/run.ts';
import { assemble, maskUploads, opUniformUploads } from './assemble.ts';
import { lutLayout, SAMPLE_SHADER } from './helpers.ts';
import { parseOpUniforms, opUploads } from './uniforms.ts';
import { fullSettings, randomSettings, SAMPLE_MASKS, STRONG, structuredSettings, withOps } from './testSettings.ts';

/** Resolve #ifndef/#ifdef/#else/#define/#endif the way the GLSL preprocessor does (enough for our guards). */
function preprocess(src: string): string {
  const defined = new Set<string>();
  const stack: boolean[] = [];
  const out: string[] = [];
  const on = () => stack.every(Boolean);
  for (const line of src.split('\n')) {
    const t = line.trim();
    let m: RegExpMatchArray | null;
    if ((m = t.match(/^#ifndef\s+(\w+)/))) stack.push(!defined.has(m[1]));
    else if ((m = t.match(/^#ifdef\s+(\w+)/))) stack.push(defined.has(m[1]));
    else if (t.startsWith('#else')) stack.push(!stack.pop()!);
    else if (t.startsWith('#endif')) stack.pop();
    else if ((m = t.match(/^#define\s+(\w+)/))) {
      if (on()) defined.add(m[1]);
      out.push(line);
    } else if (on()) out.push(line);
  }
  expect(stack).toEqual([]);
  return out.join('\n');
}

/** Names of functions defined (not just called) at top level: `<type> name(...) {`. */
function definedFunctions(src: string): string[] {
  return [...src.matchAll(/^\s*(?:float|vec[234]|ivec[234]|int|bool|void|uint)\s+(\w+)\s*\([^;{]*\)\s*\{/gm)].map((m) => m[1]);
}

function uniformNames(src: string): string[] {
  return [...src.matchAll(/^\s*uniform\s+(?:highp\s+|mediump\s+|lowp\s+)?\w+\s+(\w+)/gm)].map((m) => m[1]);
}

const dup = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);

describe('shader assembler', () => {
  const settings = fullSettings(true);
  const plan = planRender(settings, 640, 480, { scale: 1 });

  it('activates every op with maths in the full settings', () => {
    expect(plan.ops.map((o) => o.id)).toEqual(OPS.filter((o) => o.maths).map((o) => o.id));
  });

  it('calls every active op once, in pipeline order, across the passes', () => {
    const { passes } = assemble(plan);
    const calls = passes.flatMap((p) => [...p.fragment.matchAll(/c = op_(\w+)\(c\);/g)].map((m) => m[1]));
    expect(calls).toEqual(plan.ops.map((o) => o.id));
    expect(passes.flatMap((p) => p.ops)).toEqual(calls);
    expect(passes.filter((p) => p.final)).toHaveLength(1);
    expect(passes[passes.length - 1].final).toBe(true);
  });

  it('starts a pass at every halo op and reads it through input_at', () => {
    const { passes } = assemble(plan);
    for (const o of plan.ops.filter((o) => o.halo > 0)) {
      const p = passes.find((q) => q.ops.includes(o.id))!;
      expect(p.ops[0]).toBe(o.id);
    }
    expect(passes.find((p) => p.ops.includes('sharpening'))!.inSpace).toBe('display');
  });

  it('converts linear → display exactly once, before the first display op', () => {
    const { passes } = assemble(plan);
    const all = passes.map((p) => p.fragment.slice(p.fragment.indexOf('void main()'))).join('\n');
    const conv = [...all.matchAll(/c = tw_to_display\(c\);/g)];
    expect(conv).toHaveLength(1);
    expect(all.indexOf('c = tw_to_display(c);')).toBeLessThan(all.indexOf('c = op_parametricCurve(c);'));
    expect(all.indexOf('c = tw_to_display(c);')).toBeGreaterThan(all.indexOf('c = op_tone(c);'));
  });

  it('declares each uniform once and defines each helper once per pass (guards work)', () => {
    for (const p of assemble(plan, OPS, { overlay: true }).passes) {
      const src = preprocess(p.fragment);
      expect(dup(uniformNames(src))).toEqual([]);
      expect(dup(definedFunctions(src))).toEqual([]);
      expect(src.match(/^#version 300 es/)).not.toBeNull();
    }
    // The raw (unpreprocessed) source does contain guarded duplicates: the guards are needed.
    const raw = assemble(plan).passes.map((p) => p.fragment).join('\n');
    expect(raw.match(/#ifndef TW_LOG_DELTA/g)!.length).toBeGreaterThan(1);
  });

  it('defines every helper the snippets call (guides by channel count, locals, input_at)', () => {
    for (const p of assemble(plan).passes) {
      const defs = new Set(definedFunctions(preprocess(p.fragment)));
      for (const m of p.fragment.matchAll(/\b(guide_\w+|local_\w+|lut[134]|input_at|source_uv|output_uv)\s*\(/g)) expect(defs.has(m[1]), m[1]).toBe(true);
    }
    const tone = assemble(plan).passes.find((p) => p.ops.includes('tone'))!.fragment;
    expect(tone).toMatch(/vec2 guide_toneBase\(\)/);
    const dehaze = assemble(plan).passes.find((p) => p.ops.includes('dehaze'))!.fragment;
    expect(dehaze).toMatch(/vec3 guide_airlight\(\)/);
    expect(tone).toMatch(/float local_exposure\(\) \{\n  float s = 0\.0;/);
    expect(tone).toMatch(/float local_tint\(\) \{ return 0\.0; \}/);
  });

  it('keeps every pass within the texture units it is given', () => {
    for (const max of [16, 8]) {
      const { passes } = assemble(plan, OPS, { maxSamplers: max });
      for (const p of passes) expect(uniformNames(p.fragment).filter((n) => new RegExp(`uniform (highp )?u?sampler2D ${n}\\b`).test(p.fragment)).length).toBeLessThanOrEqual(max);
      expect(passes.flatMap((p) => p.ops)).toEqual(plan.ops.map((o) => o.id));
    }
  });

  it('gives every declared op uniform a value of the declared shape', () => {
    const { prepared } = prepareOps(OPS, plan);
    const ups = opUniformUploads(plan, prepared);
    for (const op of plan.ops) {
      const decls = parseOpUniforms(op.id, OPS.find((o) => o.id === op.id)!.maths!.glsl.source);
      expect(decls.length).toBeGreaterThan(0);
      for (const d of decls) expect(ups.some((u) => u.name === d.name), d.name).toBe(true);
    }
    expect(ups.find((u) => u.name === 'u_grain_outSize')).toMatchObject({ kind: 'float', size: 2 });
    expect(ups.find((u) => u.name === 'u_whiteBalance_m0')).toMatchObject({ kind: 'float', size: 3 });
    expect(ups.find((u) => u.name === 'u_tone_curve')).toMatchObject({ kind: 'lut', channels: 1 });
  });

  it('rejects uniform values that do not match the declarations', () => {
    const decls = parseOpUniforms('x', 'uniform vec3 u_x_a;\nuniform sampler2D u_x_t;\nuniform float u_x_f[2];');
    expect(() => opUploads('x', decls, { a: [1, 2], t: { lut: new Float32Array(4), channels: 1 }, f: [1, 2] })).toThrow(/needs 3 numbers/);
    expect(() => opUploads('x', decls, { a: [1, 2, 3], t: 1, f: [1, 2] })).toThrow(/sampler2D/);
    expect(() => opUploads('x', decls, { a: [1, 2, 3], t: { lut: new Float32Array(4), channels: 1 } })).toThrow(/no "f"/);
    expect(() => opUploads('x', decls, { a: [1, 2, 3], t: { lut: new Float32Array(4), channels: 1 }, f: [1, 2], g: 3 })).toThrow(/does not declare/);
    expect(() => parseOpUniforms('x', 'uniform float u_y_a;')).toThrow(/prefix/);
  });

  it('packs masks: locals first, overlay last, local values per fed param', () => {
    const ups = maskUploads(plan, SAMPLE_MASKS[2]);
    const range = ups.find((u) => u.name === 'u_tw_mask_range')!;
    expect(Array.from(range.kind === 'lut' ? [] : range.data)).toEqual([0, 1, 0, 1, 1, 0]);
    const ov = ups.find((u) => u.name === 'u_tw_overlay')!;
    expect(Array.from(ov.kind === 'lut' ? [] : ov.data)).toEqual([2, 1, 0]);
    const exp = ups.find((u) => u.name === 'u_local_exposure')!;
    expect(Array.from(exp.kind === 'lut' ? [] : exp.data)).toEqual([-0.5, Math.fround(0.3)]);
  });

  it('evaluates masks only in passes whose ops read a fed local', () => {
    const p2 = planRender(withOps({ tone: STRONG.tone, sharpening: STRONG.sharpening }, [{ mask: SAMPLE_MASKS[0], params: { exposure: 1 } }]), 200, 100);
    const { passes } = assemble(p2);
    expect(passes.map((p) => p.masks)).toEqual([true, false]);
    expect(passes[1].fragment).not.toMatch(/u_tw_src\b/);
    expect(passes[0].fragment).toMatch(/uniform sampler2D u_tw_src;/);
  });

  it('a display halo op with linear input gets display values from the pass before (encoded once)', () => {
    const p3 = planRender(withOps({ sharpening: STRONG.sharpening }), 200, 100);
    const { passes } = assemble(p3);
    expect(passes.map((p) => p.ops)).toEqual([[], ['sharpening']]);
    expect(passes.map((p) => [p.inSpace, p.outSpace])).toEqual([['linear', 'display'], ['display', 'display']]);
    expect(passes[0].fragment).toMatch(/c = tw_to_display\(c\);\n  tw_out/);
    expect(passes[1].fragment).not.toMatch(/tw_to_display\((c|v)\)/);
    const p4 = planRender(withOps({ tone: STRONG.tone, sharpening: STRONG.sharpening }), 200, 100);
    expect(assemble(p4).passes.map((p) => [p.ops, p.outSpace])).toEqual([[['tone'], 'display'], [['sharpening'], 'display']]);
  });

  it('encodes at the end when no display op runs, and always clamps in the final pass', () => {
    for (const s of [withOps({}), withOps({ tone: STRONG.tone })]) {
      const { passes } = assemble(planRender(s, 64, 64));
      expect(passes).toHaveLength(1);
      expect(passes[0].fragment).toMatch(/c = tw_to_display\(c\);\n  c = tw_output\(c\);/);
    }
  });

  it('assembles random plans (masks included) without errors', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const p = planRender(randomSettings(seed), 300, 200, { scale: seed % 3 === 0 ? 0.5 : 1 });
      const { passes } = assemble(p, OPS, { overlay: seed % 2 === 0 });
      expect(passes.flatMap((q) => q.ops)).toEqual(p.ops.map((o) => o.id));
      opUniformUploads(p, prepareOps(OPS, p).prepared);
      maskUploads(p);
    }
  });

  it('structured random settings share one shader whatever the seed (only uniforms change)', () => {
    const frag = (seed: number) => assemble(planRender(structuredSettings(seed), 300, 200)).passes.map((p) => p.fragment).join('\n');
    const a = frag(1);
    for (const seed of [2, 3, 20, 21]) expect(frag(seed) === a, `seed ${seed}`).toBe(true);
  });

  it('lays tables out as W×H = N texels', () => {
    expect(lutLayout(4096, 8192)).toEqual({ width: 4096, height: 1 });
    expect(lutLayout(4096, 2048)).toEqual({ width: 2048, height: 2 });
    expect(lutLayout(1681, 1024)).toEqual({ width: 41, height: 41 });
    expect(lutLayout(12, 5)).toEqual({ width: 4, height: 3 });
    expect(() => lutLayout(4099, 2048)).toThrow(/does not fit/);
    expect(SAMPLE_SHADER).toMatch(/usampler2D u_tw_source/);
  });
});
