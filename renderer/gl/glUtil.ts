/**
 * Small WebGL2 utilities for the preview: programs with readable errors, float render targets,
 * data textures (tables, guides, the integer source) and typed uniform uploads.
 */
import type { UniformUpload } from '../../shared/gl/uniforms.ts';
import { lutLayout } from '../../shared/gl/helpers.ts';

export type GL = WebGL2RenderingContext;

/** A GL error with the shader's info log and the numbered source lines around each error. */
function compileError(kind: string, log: string, source: string): Error {
  const lines = source.split('\n');
  const near = new Set<number>();
  for (const m of log.matchAll(/\d+:(\d+)/g)) {
    const n = Number(m[1]);
    for (let i = n - 3; i <= n + 1; i++) if (i >= 1 && i <= lines.length) near.add(i);
  }
  const excerpt = [...near].sort((a, b) => a - b).map((i) => `${String(i).padStart(4)}| ${lines[i - 1]}`).join('\n');
  return new Error(`${kind} shader failed to compile:\n${log.trim()}\n${excerpt}`);
}

function shader(gl: GL, type: number, source: string): WebGLShader {
  const s = gl.createShader(type)!;
  gl.shaderSource(s, source);
  gl.compileShader(s);
  if (!gl.getShaderParameter(s, gl.COMPILE_STATUS)) {
    const log = gl.getShaderInfoLog(s) ?? '(no log)';
    gl.deleteShader(s);
    throw compileError(type === gl.VERTEX_SHADER ? 'vertex' : 'fragment', log, source);
  }
  return s;
}

export interface Program {
  program: WebGLProgram;
  uniforms: Map<string, WebGLUniformLocation | null>;
}

export function createProgram(gl: GL, vertex: string, fragment: string): Program {
  const vs = shader(gl, gl.VERTEX_SHADER, vertex);
  let fs: WebGLShader;
  try {
    fs = shader(gl, gl.FRAGMENT_SHADER, fragment);
  } catch (e) {
    gl.deleteShader(vs);
    throw e;
  }
  const program = gl.createProgram()!;
  gl.attachShader(program, vs);
  gl.attachShader(program, fs);
  gl.linkProgram(program);
  gl.deleteShader(vs);
  gl.deleteShader(fs);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) {
    const log = gl.getProgramInfoLog(program) ?? '(no log)';
    gl.deleteProgram(program);
    throw new Error(`program failed to link:\n${log}`);
  }
  return { program, uniforms: new Map() };
}

export function location(gl: GL, p: Program, name: string): WebGLUniformLocation | null {
  let loc = p.uniforms.get(name);
  if (loc === undefined) {
    loc = gl.getUniformLocation(p.program, name);
    p.uniforms.set(name, loc);
  }
  return loc;
}

/** Set a numeric uniform (ignored when the program does not use it). */
export function setUniform(gl: GL, p: Program, u: Exclude<UniformUpload, { kind: 'lut' }>): void {
  const loc = location(gl, p, u.name);
  if (!loc) return;
  if (u.kind === 'int') {
    const d = u.data as Int32Array;
    if (u.size === 1) gl.uniform1iv(loc, d);
    else if (u.size === 2) gl.uniform2iv(loc, d);
    else if (u.size === 3) gl.uniform3iv(loc, d);
    else gl.uniform4iv(loc, d);
  } else {
    const d = u.data as Float32Array;
    if (u.size === 1) gl.uniform1fv(loc, d);
    else if (u.size === 2) gl.uniform2fv(loc, d);
    else if (u.size === 3) gl.uniform3fv(loc, d);
    else gl.uniform4fv(loc, d);
  }
}

function nearest(gl: GL): void {
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
}

const FLOAT_FORMATS = (gl: GL): Record<number, [number, number]> => ({
  1: [gl.R32F, gl.RED],
  2: [gl.RG32F, gl.RG],
  3: [gl.RGB32F, gl.RGB],
  4: [gl.RGBA32F, gl.RGBA],
});

/** Upload `channels`-channel float data of `n` entries as a W×H table texture (see lutLayout). */
export function uploadTable(gl: GL, tex: WebGLTexture, data: Float32Array, channels: number, maxSize: number): void {
  const n = data.length / channels;
  const { width, height } = lutLayout(n, maxSize);
  uploadFloat(gl, tex, data, channels, width, height);
}

/** Upload a width×height float image of 1–4 channels (texelFetch only: NEAREST, no mipmaps). */
export function uploadFloat(gl: GL, tex: WebGLTexture, data: Float32Array, channels: number, width: number, height: number): void {
  const fmt = FLOAT_FORMATS(gl)[channels];
  if (!fmt) throw new Error(`${channels}-channel float texture`);
  gl.bindTexture(gl.TEXTURE_2D, tex);
  gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
  gl.texImage2D(gl.TEXTURE_2D, 0, fmt[0], width, height, 0, fmt[1], gl.FLOAT, data);
  nearest(gl);
}

/** The integer source image (8- or 16-bit RGB) as an unsigned-integer texture. */
export function uploadSource(gl: GL, tex: WebGLTexture, width: number, height: number, bits: 8 | 16, data: Uint8Array | Uint16Array): void {
  gl.bindTexture(gl.TEXTURE_2D, tex);
  gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
  if (bits === 8) gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGB8UI, width, height, 0, gl.RGB_INTEGER, gl.UNSIGNED_BYTE, data);
  else gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGB16UI, width, height, 0, gl.RGB_INTEGER, gl.UNSIGNED_SHORT, data);
  nearest(gl);
}

export interface Target {
  tex: WebGLTexture;
  fbo: WebGLFramebuffer;
  width: number;
  height: number;
}

/** A float colour target (RGBA32F or RGBA16F) of the given size. */
export function createTarget(gl: GL, internalFormat: number, width: number, height: number): Target {
  const tex = gl.createTexture()!;
  gl.bindTexture(gl.TEXTURE_2D, tex);
  gl.texStorage2D(gl.TEXTURE_2D, 1, internalFormat, width, height);
  nearest(gl);
  const fbo = gl.createFramebuffer()!;
  gl.bindFramebuffer(gl.FRAMEBUFFER, fbo);
  gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, tex, 0);
  const status = gl.checkFramebufferStatus(gl.FRAMEBUFFER);
  gl.bindFramebuffer(gl.FRAMEBUFFER, null);
  if (status !== gl.FRAMEBUFFER_COMPLETE) {
    gl.deleteFramebuffer(fbo);
    gl.deleteTexture(tex);
    throw new Error(`float render target ${width}×${height} incomplete (status 0x${status.toString(16)})`);
  }
  return { tex, fbo, width, height };
}

export function deleteTarget(gl: GL, t: Target | null): void {
  if (!t) return;
  gl.deleteFramebuffer(t.fbo);
  gl.deleteTexture(t.tex);
}

/**
 * The float format passes render into: RGBA32F with EXT_color_buffer_float, else RGBA16F
 * (EXT_color_buffer_float or EXT_color_buffer_half_float). Throws if neither is renderable.
 */
export function pickFloatFormat(gl: GL): number {
  const full = gl.getExtension('EXT_color_buffer_float');
  const half = full ?? gl.getExtension('EXT_color_buffer_half_float');
  const candidates = full ? [gl.RGBA32F, gl.RGBA16F] : half ? [gl.RGBA16F] : [];
  for (const f of candidates) {
    try {
      deleteTarget(gl, createTarget(gl, f, 4, 4));
      return f;
    } catch {
      // try the next format
    }
  }
  throw new Error('this GPU cannot render to float textures (EXT_color_buffer_float missing); the preview needs them');
}
