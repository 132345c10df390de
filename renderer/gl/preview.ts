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
import { computeGuides, planRender } from '../../shared/pixel/pipeline.ts';
import { prepareOps } from '../../shared/pixel/pipeline/run.ts';
import type { GuideSet, RenderPlan, ResolvedSettings, SourceImage } from '../../shared/pixel/pipeline/types.ts';
import { decodeLut } from '../../shared/pixel/transfer.ts';
import {
  createProgram, createTarget, deleteTarget, location, pickFloatFormat, setUniform, uploadFloat, uploadSource, uploadTable,
  type GL, type Program, type Target,
} from './glUtil.ts';

export interface RenderOpts {
  /** Id of a mask (of settings.locals) to show as a red overlay. */
  maskOverlay?: string;
  /** Output pixels per pixel of the full-resolution original (default 1). */
  scale?: number;
  /** Source pixels per pixel of the full-resolution original (default 1: the source is the original). */
  sourceScale?: number;
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

export function createPreviewRenderer(canvas: HTMLCanvasElement | OffscreenCanvas): PreviewRenderer {
  const gl = canvas.getContext('webgl2', {
    alpha: false, antialias: false, depth: false, stencil: false, premultipliedAlpha: false, preserveDrawingBuffer: true,
  }) as GL | null;
  if (!gl) throw new Error('WebGL2 is not available in this browser');
  const floatFormat = pickFloatFormat(gl);
  const maxSize = gl.getParameter(gl.MAX_TEXTURE_SIZE) as number;
  const vao = gl.createVertexArray();
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

  function program(fragment: string): Program {
    let p = programs.get(fragment);
    if (!p) {
      p = createProgram(gl!, VERTEX_SHADER, fragment);
      programs.set(fragment, p);
    }
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

  function ensureGuides(plan: RenderPlan): void {
    const missing = plan.guides.filter((g) => !guides[g]);
    if (!missing.length) return;
    guides = computeGuides(plan, source!, guides);
    for (const name of missing) {
      const g = guides[name];
      const tex = gl!.createTexture()!;
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
    g.uniform1i(location(g, p, 'u_tw_taps'), plan.geometry.taps);
    g.uniform1i(location(g, p, 'u_tw_exact'), plan.geometry.exact ? 1 : 0);
    let unit = bindTexture(p, 'u_tw_source', sourceTex!, 0);
    bindTexture(p, 'u_tw_decode', decodeTex!, unit);
    g.drawArrays(g.TRIANGLES, 0, 3);
    sampledKey = key;
  }

  /** Draw one generated pass into `fbo` (null = canvas). */
  function drawPass(fragment: string, plan: RenderPlan, uploads: UniformUpload[], input: WebGLTexture, fbo: WebGLFramebuffer | null, flip: boolean): void {
    const g = gl!;
    const p = program(fragment);
    g.useProgram(p.program);
    g.bindFramebuffer(g.FRAMEBUFFER, fbo);
    g.viewport(0, 0, plan.width, plan.height);
    common(p, plan, flip);
    let unit = bindTexture(p, 'u_tw_input', input, 0);
    unit = bindTexture(p, 'u_tw_src', sampled!.tex, unit);
    for (const [name, tex] of guideTex) unit = bindTexture(p, `u_guide_${name}`, tex, unit);
    for (const u of uploads) {
      if (u.kind === 'lut') {
        if (location(g, p, u.name)) unit = bindTexture(p, u.name, lutTexture(u), unit);
      } else setUniform(g, p, u);
    }
    g.drawArrays(g.TRIANGLES, 0, 3);
  }

  function assembled(plan: RenderPlan, overlay: boolean): Assembled {
    const key = JSON.stringify([plan.ops.map((o) => [o.id, o.halo > 0]), plan.locals.map((l) => Object.keys(l.params).sort()), overlay]);
    let a = asmCache.get(key);
    if (!a) {
      a = assemble(plan, OPS, { overlay });
      asmCache.set(key, a);
    }
    return a;
  }

  return {
    setSource(src) {
      const g = gl!;
      if (src.width > maxSize || src.height > maxSize)
        throw new Error(`the preview source is ${src.width}×${src.height}; this GPU's textures hold at most ${maxSize} px a side`);
      source = src;
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
      const g = gl!;
      const plan = planRender(settings, source.width, source.height, { scale: opts.scale ?? 1, sourceScale: opts.sourceScale ?? 1, rendered: true });
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
      const g = gl!;
      const w = g.drawingBufferWidth;
      const h = g.drawingBufferHeight;
      const k = maxEdge && maxEdge > 0 ? Math.min(1, maxEdge / Math.max(w, h)) : 1;
      const tw = Math.max(1, Math.round(w * k));
      const th = Math.max(1, Math.round(h * k));
      const rb = g.createRenderbuffer()!;
      g.bindRenderbuffer(g.RENDERBUFFER, rb);
      g.renderbufferStorage(g.RENDERBUFFER, g.RGBA8, tw, th);
      const fbo = g.createFramebuffer()!;
      g.bindFramebuffer(g.DRAW_FRAMEBUFFER, fbo);
      g.framebufferRenderbuffer(g.DRAW_FRAMEBUFFER, g.COLOR_ATTACHMENT0, g.RENDERBUFFER, rb);
      g.bindFramebuffer(g.READ_FRAMEBUFFER, null);
      // Flipped destination: row 0 of the result is the image's top row.
      g.blitFramebuffer(0, 0, w, h, 0, th, tw, 0, g.COLOR_BUFFER_BIT, k < 1 ? g.LINEAR : g.NEAREST);
      g.bindFramebuffer(g.FRAMEBUFFER, fbo);
      const out = new Uint8Array(tw * th * 4);
      g.readPixels(0, 0, tw, th, g.RGBA, g.UNSIGNED_BYTE, out);
      g.bindFramebuffer(g.FRAMEBUFFER, null);
      g.deleteFramebuffer(fbo);
      g.deleteRenderbuffer(rb);
      return out;
    },

    readFloatPixels() {
      if (!frame) throw new Error('readFloatPixels: nothing rendered yet');
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
      if (sourceTex) g.deleteTexture(sourceTex);
      if (decodeTex) g.deleteTexture(decodeTex);
      sourceTex = decodeTex = null;
      g.deleteVertexArray(vao);
      source = null;
      frame = null;
    },
  };
}
