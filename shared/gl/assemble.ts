/**
 * The shader assembler: a RenderPlan (shared/pixel/pipeline) → GLSL ES 3.00 fragment shaders,
 * one per pass, generated from the op declarations' `maths.glsl` snippets. Pure.
 *
 * Passes. Pass 0 (helpers.ts SAMPLE_SHADER) applies the geometry and writes the linear source
 * at output size to a float texture; the generated passes follow. An op with a halo (a
 * neighbourhood op) starts a new pass, reading the previous pass's float texture through
 * `input_at(ivec2)` (clamped to the image edges, as the CPU kernels clamp); point-wise ops run
 * in the current pass one after the other. linear → display conversion happens before the
 * first display op exactly where the runner does it; the final pass clamps to 0..1 like the
 * runner's writeOut (and encodes if the pipeline ended in linear light).
 *
 * Helpers a snippet may call: source_uv(), output_uv(), guide_<name>() (float/vec2/vec3/vec4
 * by the guide's channel count, bilinear at the pixel's source position), local_<param>()
 * (Σ mask weight × local value; masks read the geometry-sampled, unedited source pixel, as
 * the CPU does), lut1/lut3/lut4, input_at (halo ops only) and the pipeline constants.
 */
import { MASK_GLSL, packMasks, type Mask } from '../develop/mask.ts';
import { OPS } from '../develop/registry.ts';
import type { AnyOp, PixelSpace, UniformValue } from '../develop/types.ts';
import { GUIDES } from '../pixel/guides/index.ts';
import type { RenderPlan } from '../pixel/pipeline/types.ts';
import { GLSL_ENCODE, GLSL_GUIDE, GLSL_HEADER, GLSL_LUT } from './helpers.ts';
import { opUploads, parseOpUniforms, type UniformUpload } from './uniforms.ts';

export interface PassSpec {
  /** The fragment shader source (also the program cache key). */
  fragment: string;
  /** Ops of this pass, in render order. */
  ops: string[];
  /** Space of the texture this pass reads, and of what it writes. */
  inSpace: PixelSpace;
  outSpace: PixelSpace;
  /** Whether the pass evaluates masks (needs u_tw_src, the geometry-sampled source). */
  masks: boolean;
  final: boolean;
}

export interface AssembleOptions {
  /** Channels per guide name (default: the guide registry's declarations). */
  guideChannels?: Record<string, number>;
  /** Add a mask overlay to the final pass (its uniforms: see maskUploads). */
  overlay?: boolean;
  /** Texture units a pass may use (MAX_TEXTURE_IMAGE_UNITS; default 16, WebGL2's minimum). */
  maxSamplers?: number;
}

export interface Assembled {
  passes: PassSpec[];
}

const GLSL_TYPE = ['', 'float', 'vec2', 'vec3', 'vec4'];
const SWIZZLE = ['', '.r', '.rg', '.rgb', ''];

function opDecl(ops: readonly AnyOp[], id: string): AnyOp {
  const d = ops.find((o) => o.id === id);
  if (!d?.maths) throw new Error(`assemble: the plan uses op "${id}", which has no maths in this ops list`);
  return d;
}

/** Every local-adjustment parameter name any op may read (so each local_<p>() exists). */
function localNames(ops: readonly AnyOp[]): string[] {
  const names = new Set<string>();
  for (const o of ops) for (const p of o.maths?.localParams ?? []) names.add(p);
  const local = ops.find((o) => o.id === 'local');
  for (const p of Object.keys(local?.params ?? {})) names.add(p);
  return [...names].sort();
}

/** Local params that some local adjustment of the plan sets. */
export function fedLocals(plan: RenderPlan): string[] {
  const s = new Set<string>();
  for (const l of plan.locals) for (const k of Object.keys(l.params)) s.add(k);
  return [...s].sort();
}

function guideCode(name: string, channels: number): string {
  if (!(channels >= 1 && channels <= 4)) throw new Error(`guide "${name}" has ${channels} channels (1..4 supported)`);
  return `uniform sampler2D u_guide_${name};\n${GLSL_TYPE[channels]} guide_${name}() { return tw_guide(u_guide_${name}, tw_uv)${SWIZZLE[channels]}; }\n`;
}

function localCode(names: readonly string[], fed: readonly string[], withMasks: boolean, count: number): string {
  let s = '';
  for (const p of names) {
    if (withMasks && fed.includes(p)) {
      s += `uniform float u_local_${p}[TW_LOCALS];\nfloat local_${p}() {\n  float s = 0.0;\n  for (int k = 0; k < TW_LOCALS; k++) s += tw_mask_w[k] * u_local_${p}[k];\n  return s;\n}\n`;
    } else s += `float local_${p}() { return 0.0; }\n`;
  }
  return count > 0 && withMasks ? `#define TW_LOCALS ${count}\nuniform vec3 u_tw_mask_range[TW_LOCALS];\nfloat tw_mask_w[TW_LOCALS];\n` + s : s;
}

interface PassDraft {
  ops: string[];
  inSpace: PixelSpace;
  /** Encode linear → display at the end (the next pass starts with a display halo op). */
  convertAtEnd?: boolean;
}

/** Samplers an op's snippet declares (its tables). */
function opSamplers(d: AnyOp): number {
  return parseOpUniforms(d.id, d.maths!.glsl.source).filter((u) => u.type === 'sampler2D').length;
}

/**
 * Split the plan's ops into passes: a new pass before every halo op that is not first, and
 * whenever the pass would need more texture units than the GPU has (input, source, guides,
 * tables) — point-wise ops split across passes give the same result through float targets.
 */
function splitPasses(plan: RenderPlan, ops: readonly AnyOp[], maxSamplers: number): PassDraft[] {
  const passes: PassDraft[] = [{ ops: [], inSpace: 'linear' }];
  let space: PixelSpace = 'linear';
  let guides = new Set<string>();
  let tables = 0;
  for (const op of plan.ops) {
    const d = opDecl(ops, op.id);
    let cur = passes[passes.length - 1];
    const newGuides = (d.maths!.guides ?? []).filter((g) => !guides.has(g)).length;
    const n = opSamplers(d);
    if (2 + n + (d.maths!.guides ?? []).length > maxSamplers)
      throw new Error(`assemble: op "${op.id}" needs more texture units than the GPU has (${maxSamplers})`);
    if (op.halo > 0 && op.space === 'display' && space === 'linear') {
      // A display halo op reads display values: the pass before it encodes once per pixel
      // (an empty pass when nothing precedes it), rather than input_at encoding every tap.
      cur.convertAtEnd = true;
      space = 'display';
      cur = { ops: [], inSpace: space };
      passes.push(cur);
      guides = new Set();
      tables = 0;
    } else if (cur.ops.length > 0 && (op.halo > 0 || 2 + guides.size + newGuides + tables + n > maxSamplers)) {
      cur = { ops: [], inSpace: space };
      passes.push(cur);
      guides = new Set();
      tables = 0;
    }
    for (const g of d.maths!.guides ?? []) guides.add(g);
    tables += n;
    if (op.space === 'display') space = 'display';
    else if (space === 'display') throw new Error(`assemble: linear op "${op.id}" after a display op`);
    cur.ops.push(op.id);
  }
  return passes;
}

export function assemble(plan: RenderPlan, ops: readonly AnyOp[] = OPS, opts: AssembleOptions = {}): Assembled {
  const channels = opts.guideChannels ?? Object.fromEntries(GUIDES.map((g) => [g.name, g.channels]));
  const names = localNames(ops);
  const fed = fedLocals(plan);
  const K = plan.locals.length;
  const drafts = splitPasses(plan, ops, opts.maxSamplers ?? 16);
  const passes: PassSpec[] = [];
  drafts.forEach((draft, pi) => {
    const final = pi === drafts.length - 1;
    const decls = draft.ops.map((id) => opDecl(ops, id));
    const masks = K > 0 && decls.some((d) => fed.some((p) => d.maths!.glsl.source.includes(`local_${p}(`)));
    const needSrc = masks || (final && !!opts.overlay);
    const guides: string[] = [];
    for (const d of decls) for (const g of d.maths!.guides ?? []) if (!guides.includes(g)) guides.push(g);

    let src = GLSL_HEADER;
    src += `out vec4 tw_out;\nuniform sampler2D u_tw_input;\nuniform ivec2 u_tw_size;\nuniform int u_tw_flip;\nuniform vec2 u_tw_srcSize;\nuniform vec3 u_tw_m0;\nuniform vec3 u_tw_m1;\n`;
    if (needSrc) src += `uniform sampler2D u_tw_src;\n`;
    src += `ivec2 tw_px;\nvec2 tw_uv;\nvec2 tw_out_uv;\nvec3 tw_src_lin;\n`;
    src += `vec2 source_uv() { return tw_uv; }\nvec2 output_uv() { return tw_out_uv; }\n`;
    src += GLSL_ENCODE + GLSL_LUT + GLSL_GUIDE;
    src += `vec3 input_at(ivec2 o) {\n  return texelFetch(u_tw_input, clamp(tw_px + o, ivec2(0), u_tw_size - 1), 0).rgb;\n}\n`;
    if (needSrc) src += MASK_GLSL;
    if (final && opts.overlay) src += `uniform vec3 u_tw_overlay;\n`;
    src += localCode(names, fed, masks, K);
    for (const g of guides) {
      if (channels[g] === undefined) throw new Error(`assemble: guide "${g}" is not registered`);
      src += guideCode(g, channels[g]);
    }
    for (const d of decls) src += `\n// ---- op ${d.id} (${d.maths!.space})\n${d.maths!.glsl.source}\n`;

    let main = `void main() {\n  tw_px = ivec2(gl_FragCoord.xy);\n  if (u_tw_flip == 1) tw_px.y = u_tw_size.y - 1 - tw_px.y;\n`;
    main += `  vec2 pc = vec2(tw_px) + 0.5;\n  tw_out_uv = pc / vec2(u_tw_size);\n`;
    main += `  tw_uv = vec2(dot(u_tw_m0.xy, pc) + u_tw_m0.z, dot(u_tw_m1.xy, pc) + u_tw_m1.z) / u_tw_srcSize;\n`;
    main += needSrc ? `  tw_src_lin = texelFetch(u_tw_src, tw_px, 0).rgb;\n` : `  tw_src_lin = vec3(0.0);\n`;
    if (masks) main += `  for (int k = 0; k < TW_LOCALS; k++) {\n    vec3 r = u_tw_mask_range[k];\n    tw_mask_w[k] = mask_eval(int(r.x + 0.5), int(r.y + 0.5), r.z, tw_uv, tw_src_lin);\n  }\n`;
    main += `  vec3 c = input_at(ivec2(0));\n`;
    let space: PixelSpace = draft.inSpace;
    for (const d of decls) {
      if (space === 'linear' && d.maths!.space === 'display') {
        main += `  c = tw_to_display(c);\n`;
        space = 'display';
      }
      main += `  c = op_${d.id}(c);\n`;
    }
    if (draft.convertAtEnd && space === 'linear') {
      main += `  c = tw_to_display(c);\n`;
      space = 'display';
    }
    if (final) {
      if (space === 'linear') main += `  c = tw_to_display(c);\n`;
      main += `  c = tw_output(c);\n`;
      if (opts.overlay) main += `  float ow = mask_eval(int(u_tw_overlay.x + 0.5), int(u_tw_overlay.y + 0.5), u_tw_overlay.z, tw_uv, tw_src_lin);\n  c = mix(c, vec3(1.0, 0.12, 0.12), 0.5 * ow);\n`;
      space = 'display';
    }
    main += `  tw_out = vec4(c, 1.0);\n}\n`;
    passes.push({ fragment: src + '\n' + main, ops: draft.ops, inSpace: draft.inSpace, outSpace: space, masks, final });
  });
  return { passes };
}

/** Uniform uploads of every op in the plan, from its prepared state (see run.ts prepareOps). */
export function opUniformUploads(plan: RenderPlan, prepared: readonly unknown[], ops: readonly AnyOp[] = OPS): UniformUpload[] {
  const out: UniformUpload[] = [];
  plan.ops.forEach((p, i) => {
    const d = opDecl(ops, p.id);
    const decls = parseOpUniforms(p.id, d.maths!.glsl.source);
    const values: Record<string, UniformValue> = d.maths!.glsl.uniforms(prepared[i]);
    out.push(...opUploads(p.id, decls, values));
  });
  return out;
}

/**
 * Mask uniforms: the packed components of the plan's local masks (then the overlay mask, if
 * any), each local's range (start, count, invert) and the local values per fed parameter.
 */
export function maskUploads(plan: RenderPlan, overlay?: Mask): UniformUpload[] {
  const masks = plan.locals.map((l) => l.mask);
  if (overlay) masks.push(overlay);
  if (masks.length === 0) return [];
  const { data, ranges } = packMasks(masks, plan.sourceWidth / plan.sourceHeight);
  const out: UniformUpload[] = [{ kind: 'float', name: 'u_mask_data', size: 4, data }];
  const K = plan.locals.length;
  if (K > 0) {
    out.push({ kind: 'float', name: 'u_tw_mask_range', size: 3, data: Float32Array.from(ranges.slice(0, K).flat()) });
    for (const p of fedLocals(plan))
      out.push({ kind: 'float', name: `u_local_${p}`, size: 1, data: Float32Array.from(plan.locals, (l) => l.params[p] ?? 0) });
  }
  if (overlay) out.push({ kind: 'float', name: 'u_tw_overlay', size: 3, data: Float32Array.from(ranges[K]) });
  return out;
}
