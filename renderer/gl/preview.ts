/**
 * The WebGL2 develop preview: the same RenderPlan as the CPU render (shared/pixel/pipeline),
 * drawn by shaders generated from the op declarations (shared/gl/assemble.ts).
 *
 * Per frame: plan → (cached) assembled passes → pass 0 samples the source through the geometry
 * into a float texture (cached while the geometry does not change) → each generated pass draws
 * into a float target (ping-pong), the last one into the canvas. Guides are computed in JS from
 * the source (shared/pixel/guides) once per source and uploaded as float textures; op tables
 * (LUTs) are uploaded when their prepared arrays change; masks are uniforms.
 */
import type { Mask } from '../../shared/develop/mask.ts';
import { OPS } from '../../shared/develop/registry.ts';
import { assemble, maskUploads, opUniformUploads, type Assembled } from '../../shared/gl/assemble.ts';
import { SAMPLE_SHADER, VERTEX_SHADER } from '../../shared/gl/helpers.ts';
import type { UniformUpload } from '../../shared/gl/uniforms.ts';
import { planRender } from '../../shared/pixel/pipeline.ts';
import { computeNamedGuides } from '../../shared/pixel/pipeline/guides.ts';
import { GUIDES } from '../../shared/pixel/guides/index.ts';
import { prepareOps } from '../../shared/pixel/pipeline/run.ts';
import type { GuideSet, RenderPlan, ResolvedSettings, SourceImage } from '../../shared/pixel/pipeline/types.ts';
import { decodeLut } from '../../shared/pixel/transfer.ts';
import { sampleArea } from '../../shared/gl/sampling.ts';
import {
  createProgram, createTarget, deleteTarget, location, pickFloatFormat, setUniform, uploadFloat, uploadSource, uploadTable,
  type GL, type Program, type Target,
} from './glUtil.ts';
import { CanvasReadback } from './readback.ts';

export interface RenderOpts {
  /** Id of a mask (of settings.locals) to show as a red overlay. */
  maskOverlay?: string;
  /** Output pixels per pixel of the full-resolution original (default 1). */
  scale?: number;
  /** Source pixels per pixel of the full-resolution original (default 1: the source is the original). */
  sourceScale?: number;
  /** Whether the photo is a rendered file (JPEG, PNG…) rather than raw data (default true). */
  rendered?: boolean;
}

export interface PreviewRenderer {
  setSource(source: SourceImage): void;
  render(settings: ResolvedSettings, opts?: RenderOpts): void;
  readPixels(maxEdge?: number): Uint8Array;
  readFloatPixels(): Float32Array;
  dispose(): void;
}

interface Frame {
  plan: RenderPlan;
  asm: Assembled;
  uploads: UniformUpload[];
  /** Input texture of the final pass. */
  finalInput: WebGLTexture;
}

/** Programs kept compiled (each distinct set of active ops is one or a few programs). */
const MAX_PROGRAMS = 48;

export function createPreviewRenderer(canvas: HTMLCanvasElement | OffscreenCanvas): PreviewRenderer {
  const gl = canvas.getContext('webgl2', {
    alpha: false, antialias: false, depth: false, stencil: false, premultipliedAlpha: false, preserveDrawingBuffer: true,
  }) as GL | null;
  if (!gl) throw new Error('WebGL2 is not available in this browser');
  let floatFormat = pickFloatFormat(gl);
  const maxSize = gl.getParameter(gl.MAX_TEXTURE_SIZE) as number;
  const maxSamplers = gl.getParameter(gl.MAX_TEXTURE_IMAGE_UNITS) as number;
  let vao = gl.createVertexArray();
  let lost = false;
  const programs = new Map<string, Program>();
  const luts = new Map<string, { tex: WebGLTexture; data: Float32Array }>();
  const asmCache = new Map<string, Assembled>();

  let source: SourceImage | null = null;
  let sourceTex: WebGLTexture | null = null;
  let decodeTex: WebGLTexture | null = null;
  let guides: GuideSet = {};
  const guideTex = new Map<string, WebGLTexture>();
  let sampled: Target | null = null;
  let sampledKey = '';
  let ping: [Target | null, Target | null] = [null, null];
  let readTarget: Target | null = null;
  let frame: Frame | null = null;
  const readback = new CanvasReadback();

  /** Compiled programs by fragment source, least recently used first (bounded). */
  function program(fragment: string): Program {
    let p = programs.get(fragment);
    if (p) programs.delete(fragment);
    else {
      p = createProgram(gl!, VERTEX_SHADER, fragment);
      if (programs.size >= MAX_PROGRAMS) {
        const [oldest, q] = programs.entries().next().value!;
        gl!.deleteProgram(q.program);
        programs.delete(oldest);
      }
    }
    programs.set(fragment, p);
    return p;
  }

  function target(t: Target | null, w: number, h: number): Target {
    if (t && t.width === w && t.height === h) return t;
    deleteTarget(gl!, t);
    return createTarget(gl!, floatFormat, w, h);
  }

  function lutTexture(u: Extract<UniformUpload, { kind: 'lut' }>): WebGLTexture {
    let e = luts.get(u.name);
    if (!e) {
      e = { tex: gl!.createTexture()!, data: new Float32Array(0) };
      luts.set(u.name, e);
    }
    if (e.data !== u.lut) {
      uploadTable(gl!, e.tex, u.lut, u.channels, maxSize);
      e.data = u.lut;
    }
    return e.tex;
  }

  /** Guides depend on the source only: each is computed and uploaded once per source. */
  function ensureGuides(plan: RenderPlan): void {
    // Every guide the shaders declare (the CPU plan lists only those its params read): a
    // sampler left unbound would read texture unit 0.
    const wanted = new Set(plan.ops.flatMap((o) => OPS.find((d) => d.id === o.id)?.maths?.guides ?? []));
    const missing = [...wanted].filter((g) => !guides[g]);
    if (!missing.length) return;
    guides = { ...guides, ...computeNamedGuides(GUIDES, missing, source!, guides) };
    for (const name of missing) {
      const g = guides[name];
      const tex = guideTex.get(name) ?? gl!.createTexture()!;
      uploadFloat(gl!, tex, g.data, g.channels, g.width, g.height);
      guideTex.set(name, tex);
    }
  }

  /** Common uniforms of every pass. */
  function common(p: Program, plan: RenderPlan, flip: boolean): void {
    const g = gl!;
    const m = plan.geometry.m;
    g.uniform2i(location(g, p, 'u_tw_size'), plan.width, plan.height);
    g.uniform1i(location(g, p, 'u_tw_flip'), flip ? 1 : 0);
    g.uniform2f(location(g, p, 'u_tw_srcSize'), plan.sourceWidth, plan.sourceHeight);
    g.uniform3f(location(g, p, 'u_tw_m0'), m[0], m[1], m[2]);
    g.uniform3f(location(g, p, 'u_tw_m1'), m[3], m[4], m[5]);
  }

  function bindTexture(p: Program, name: string, tex: WebGLTexture, unit: number): number {
    const loc = location(gl!, p, name);
    if (!loc) return unit;
    gl!.activeTexture(gl!.TEXTURE0 + unit);
    gl!.bindTexture(gl!.TEXTURE_2D, tex);
    gl!.uniform1i(loc, unit);
    return unit + 1;
  }

  function drawSample(plan: RenderPlan): void {
    const g = gl!;
    const key = JSON.stringify([plan.geometry.m, plan.geometry.taps, plan.geometry.exact, plan.width, plan.height]);
    if (sampled && sampledKey === key) return;
    sampled = target(sampled, plan.width, plan.height);
    const p = program(SAMPLE_SHADER);
    g.useProgram(p.program);
    g.bindFramebuffer(g.FRAMEBUFFER, sampled.fbo);
    g.viewport(0, 0, plan.width, plan.height);
    common(p, plan, false);
    const geo = plan.geometry;
    g.uniform1i(location(g, p, 'u_tw_taps'), geo.taps);
    g.uniform1i(location(g, p, 'u_tw_exact'), geo.exact ? 1 : 0);
    const area = sampleArea(geo, source!.width, source!.height);
    g.uniform1i(location(g, p, 'u_tw_mode'), area ? 2 : geo.exact || geo.taps === 1 ? 0 : 1);
    if (area) {
      g.uniform3f(location(g, p, 'u_tw_ax'), ...area.x);
      g.uniform3f(location(g, p, 'u_tw_ay'), ...area.y);
      g.uniform1i(location(g, p, 'u_tw_swap'), area.swap ? 1 : 0);
    }
    let unit = bindTexture(p, 'u_tw_source', sourceTex!, 0);
    bindTexture(p, 'u_tw_decode', decodeTex!, unit);
    g.drawArrays(g.TRIANGLES, 0, 3);
    sampledKey = key;
  }

  /** Draw one generated pass into `fbo` (null = canvas). */
  function drawPass(fragment: string, plan: RenderPlan, uploads: UniformUpload[], input: WebGLTexture, fbo: WebGLFramebuffer | null, flip: boolean): void {
    const g = gl!;
    const p = program(fragment);
    // Upload changed tables first: an upload binds its texture on the active unit.
    const tables: [string, WebGLTexture][] = [];
    for (const u of uploads) if (u.kind === 'lut' && location(g, p, u.name)) tables.push([u.name, lutTexture(u)]);
    g.useProgram(p.program);
    g.bindFramebuffer(g.FRAMEBUFFER, fbo);
    g.viewport(0, 0, plan.width, plan.height);
    common(p, plan, flip);
    let unit = bindTexture(p, 'u_tw_input', input, 0);
    unit = bindTexture(p, 'u_tw_src', sampled!.tex, unit);
    for (const [name, tex] of guideTex) unit = bindTexture(p, `u_guide_${name}`, tex, unit);
    for (const [name, tex] of tables) unit = bindTexture(p, name, tex, unit);
    for (const u of uploads) if (u.kind !== 'lut') setUniform(g, p, u);
    g.drawArrays(g.TRIANGLES, 0, 3);
  }

  function assembled(plan: RenderPlan, overlay: boolean): Assembled {
    const key = JSON.stringify([plan.ops.map((o) => [o.id, o.halo > 0]), plan.locals.map((l) => Object.keys(l.params).sort()), overlay]);
    let a = asmCache.get(key);
    if (!a) {
      a = assemble(plan, OPS, { overlay, maxSamplers });
      asmCache.set(key, a);
    }
    return a;
  }

  /** Forget every GL object (after a context loss; the restored context starts empty). */
  function forget(): void {
    programs.clear();
    luts.clear();
    guideTex.clear();
    guides = {};
    sampled = readTarget = null;
    ping = [null, null];
    readback.forget();
    sourceTex = decodeTex = null;
    sampledKey = '';
    frame = null;
  }

  // A lost context (GPU reset, driver update, too many contexts) is restored by the browser
  // when we prevent the default; everything is then re-created from the source kept here.
  const onLost = (e: Event) => {
    e.preventDefault();
    lost = true;
  };
  const onRestored = () => {
    lost = false;
    forget();
    floatFormat = pickFloatFormat(gl); // extensions must be enabled again on the new context
    vao = gl.createVertexArray();
    if (source) api.setSource(source);
  };
  canvas.addEventListener('webglcontextlost', onLost as EventListener);
  canvas.addEventListener('webglcontextrestored', onRestored);

  const api: PreviewRenderer = {
    setSource(src) {
      const g = gl!;
      if (src.width > maxSize || src.height > maxSize)
        throw new Error(`the preview source is ${src.width}×${src.height}; this GPU's textures hold at most ${maxSize} px a side`);
      source = src;
      if (lost) return;
      sourceTex ??= g.createTexture()!;
      uploadSource(g, sourceTex, src.width, src.height, src.bits, src.data);
      decodeTex ??= g.createTexture()!;
      const lut = decodeLut(src.bits);
      uploadFloat(g, decodeTex, lut, 1, 256, lut.length / 256);
      for (const t of guideTex.values()) g.deleteTexture(t);
      guideTex.clear();
      guides = {};
      sampledKey = '';
      frame = null;
    },

    render(settings, opts = {}) {
      if (!source) throw new Error('render: no source (call setSource first)');
      if (lost) return;
      const g = gl!;
      const plan = planRender(settings, source.width, source.height, { scale: opts.scale ?? 1, sourceScale: opts.sourceScale ?? 1, rendered: opts.rendered ?? true });
      const overlay: Mask | undefined = opts.maskOverlay ? settings.locals.find((l) => l.mask.id === opts.maskOverlay)?.mask : undefined;
      const asm = assembled(plan, !!overlay);
      const { prepared } = prepareOps(OPS, plan);
      const uploads = [...opUniformUploads(plan, prepared, OPS), ...maskUploads(plan, overlay)];
      ensureGuides(plan);
      if (canvas.width !== plan.width || canvas.height !== plan.height) {
        canvas.width = plan.width;
        canvas.height = plan.height;
      }
      g.bindVertexArray(vao);
      drawSample(plan);
      let input = sampled!.tex;
      asm.passes.forEach((pass, i) => {
        if (pass.final) {
          frame = { plan, asm, uploads, finalInput: input };
          drawPass(pass.fragment, plan, uploads, input, null, true);
          return;
        }
        const k = i % 2;
        ping[k] = target(ping[k], plan.width, plan.height);
        drawPass(pass.fragment, plan, uploads, input, ping[k]!.fbo, false);
        input = ping[k]!.tex;
      });
    },

    readPixels(maxEdge) {
      return lost ? readback.empty(gl!, maxEdge) : readback.rgba8(gl!, maxEdge);
    },

    readFloatPixels() {
      if (!frame || lost) throw new Error('readFloatPixels: nothing rendered yet (or the WebGL context is lost)');
      const g = gl!;
      const { plan, asm, uploads, finalInput } = frame;
      readTarget = target(readTarget, plan.width, plan.height);
      g.bindVertexArray(vao);
      drawPass(asm.passes[asm.passes.length - 1].fragment, plan, uploads, finalInput, readTarget.fbo, false);
      const out = new Float32Array(plan.width * plan.height * 4);
      g.readPixels(0, 0, plan.width, plan.height, g.RGBA, g.FLOAT, out);
      g.bindFramebuffer(g.FRAMEBUFFER, null);
      return out;
    },

    dispose() {
      const g = gl!;
      canvas.removeEventListener('webglcontextlost', onLost as EventListener);
      canvas.removeEventListener('webglcontextrestored', onRestored);
      for (const p of programs.values()) g.deleteProgram(p.program);
      programs.clear();
      for (const e of luts.values()) g.deleteTexture(e.tex);
      luts.clear();
      for (const t of guideTex.values()) g.deleteTexture(t);
      guideTex.clear();
      deleteTarget(g, sampled);
      deleteTarget(g, ping[0]);
      deleteTarget(g, ping[1]);
      deleteTarget(g, readTarget);
      sampled = readTarget = null;
      ping = [null, null];
      readback.dispose(g);
      if (sourceTex) g.deleteTexture(sourceTex);
      if (decodeTex) g.deleteTexture(decodeTex);
      sourceTex = decodeTex = null;
      g.deleteVertexArray(vao);
      source = null;
      frame = null;
    },
  };
  return api;
}
