/**
 * Preview benchmark (for `npm run bench:ui`): time per frame of the full develop pipeline (every
 * operation active, local masks included, a slider value changing every frame as during a drag)
 * against a pass-through shader (the source texture copied to the canvas), on a 2 MP image in
 * the same browser. Each frame ends with gl.finish() and a 1-pixel readPixels so the GPU work is
 * inside the measurement. The ratio is what matters; absolute times only mean something on a GPU.
 */
import { fullSettings, STRONG, withOps } from '../../shared/gl/testSettings.ts';
import { GLSL_HEADER, VERTEX_SHADER } from '../../shared/gl/helpers.ts';
import type { SourceImage } from '../../shared/pixel/pipeline/types.ts';
import { createProgram, uploadSource } from './glUtil.ts';
import { createPreviewRenderer } from './preview.ts';

export interface BenchResult {
  width: number;
  height: number;
  frames: number;
  /** Median milliseconds per frame. */
  fullMs: number;
  defaultMs: number;
  passThroughMs: number;
  /** fullMs / passThroughMs. */
  ratio: number;
  /** The WebGL renderer string (GPU or SwiftShader). */
  gpu: string;
  /** With `perOp`: median ms per frame with only that op active (where the time goes). */
  perOpMs?: Record<string, number>;
}

/** A deterministic 2 MP test image: gradients, colour patches, edges and fine texture. */
export function benchSource(width = 1728, height = 1152): SourceImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0, i = 0; y < height; y++)
    for (let x = 0; x < width; x++, i += 3) {
      const u = x / width;
      const v = y / height;
      const patch = ((x >> 6) + (y >> 6)) & 1;
      const tex = ((x * 7919 + y * 104729) % 31) - 15;
      data[i] = Math.max(0, Math.min(255, 255 * u * (0.6 + 0.4 * patch) + tex));
      data[i + 1] = Math.max(0, Math.min(255, 255 * v * 0.8 + 30 * Math.sin(x / 17) + tex));
      data[i + 2] = Math.max(0, Math.min(255, 255 * (1 - u) * (1 - 0.5 * v) + tex));
    }
  return { width, height, bits: 8, data };
}

const PASS_THROUGH =
  GLSL_HEADER +
  /* glsl */ `
uniform highp usampler2D u_src;
out vec4 o;
void main() {
  ivec2 sz = textureSize(u_src, 0);
  ivec2 p = ivec2(gl_FragCoord.xy);
  o = vec4(vec3(texelFetch(u_src, ivec2(p.x, sz.y - 1 - p.y), 0).rgb) / 255.0, 1.0);
}
`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function makeCanvas(w: number, h: number): HTMLCanvasElement | OffscreenCanvas {
  if (typeof document !== 'undefined') {
    const c = document.createElement('canvas');
    c.width = w;
    c.height = h;
    return c;
  }
  return new OffscreenCanvas(w, h);
}

export function benchPreview(frames = 20, source: SourceImage = benchSource(), opts: { perOp?: boolean } = {}): BenchResult {
  const sync = (gl: WebGL2RenderingContext) => {
    gl.finish();
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
  };

  // Full pipeline and default settings, through the real renderer.
  const canvas = makeCanvas(source.width, source.height);
  const r = createPreviewRenderer(canvas);
  const gl = canvas.getContext('webgl2') as WebGL2RenderingContext;
  r.setSource(source);
  const full = fullSettings(true);
  const time = (settingsAt: (i: number) => typeof full): number => {
    r.render(settingsAt(-1)); // warm-up: compile, guides, tables
    sync(gl);
    const t: number[] = [];
    for (let i = 0; i < frames; i++) {
      const t0 = performance.now();
      r.render(settingsAt(i));
      sync(gl);
      t.push(performance.now() - t0);
    }
    return median(t);
  };
  const fullMs = time((i) => ({ ...full, ops: { ...full.ops, tone: { ...full.ops.tone, exposure: 0.4 + 0.01 * (i + 1) } } }));
  const defaults = fullSettings(false);
  for (const id of Object.keys(defaults.ops)) defaults.ops[id] = {};
  const defaultMs = time(() => defaults);
  let perOpMs: Record<string, number> | undefined;
  if (opts.perOp) {
    perOpMs = {};
    for (const id of Object.keys(STRONG)) perOpMs[id] = time(() => withOps({ [id]: STRONG[id] }));
  }
  const dbg = gl.getExtension('WEBGL_debug_renderer_info');
  const gpu = String(gl.getParameter(dbg ? dbg.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  r.dispose();

  // Pass-through: one texelFetch of the source per pixel.
  const c2 = makeCanvas(source.width, source.height);
  const g2 = c2.getContext('webgl2', { antialias: false, preserveDrawingBuffer: true }) as WebGL2RenderingContext;
  const p = createProgram(g2, VERTEX_SHADER, PASS_THROUGH);
  const tex = g2.createTexture()!;
  uploadSource(g2, tex, source.width, source.height, source.bits, source.data);
  const vao = g2.createVertexArray();
  g2.useProgram(p.program);
  g2.bindVertexArray(vao);
  g2.activeTexture(g2.TEXTURE0);
  g2.bindTexture(g2.TEXTURE_2D, tex);
  g2.uniform1i(g2.getUniformLocation(p.program, 'u_src'), 0);
  g2.viewport(0, 0, source.width, source.height);
  g2.drawArrays(g2.TRIANGLES, 0, 3);
  sync(g2);
  const t: number[] = [];
  for (let i = 0; i < frames; i++) {
    const t0 = performance.now();
    g2.drawArrays(g2.TRIANGLES, 0, 3);
    sync(g2);
    t.push(performance.now() - t0);
  }
  const passThroughMs = median(t);
  g2.deleteProgram(p.program);
  g2.deleteTexture(tex);
  return { width: source.width, height: source.height, frames, fullMs, defaultMs, passThroughMs, ratio: fullMs / passThroughMs, gpu, perOpMs };
}
