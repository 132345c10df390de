/**
 * Browser entry of the GL test page (bundled by ./harness.ts): exposes the preview renderer to
 * Playwright as window.tw, with images passed as base64 strings.
 */
import { createPreviewRenderer, type PreviewRenderer, type RenderOpts } from '../../renderer/gl/preview.ts';
import { benchPreview, benchSource } from '../../renderer/gl/bench.ts';
import type { ResolvedSettings } from '../../shared/pixel/pipeline/types.ts';
import { createProgram } from '../../renderer/gl/glUtil.ts';
import { VERTEX_SHADER } from '../../shared/gl/helpers.ts';

function toB64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
function fromB64(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

const canvas = document.createElement('canvas');
document.body.append(canvas);
let renderer: PreviewRenderer | null = null;

const api = {
  info(): { vendor: string; renderer: string } {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return { vendor: 'none', renderer: 'none' };
    return { vendor: String(gl.getParameter(gl.VENDOR)), renderer: String(gl.getParameter(gl.RENDERER)) };
  },
  setSource(b64: string, width: number, height: number, bits: 8 | 16): void {
    renderer ??= createPreviewRenderer(canvas);
    const raw = fromB64(b64);
    const data = bits === 8 ? raw : new Uint16Array(raw.buffer, raw.byteOffset, raw.byteLength / 2);
    renderer.setSource({ width, height, bits, data });
  },
  /** Render and return the float frame as RGB (base64 of a Float32Array) with its size and timing. */
  render(settings: ResolvedSettings, opts: RenderOpts = {}): { width: number; height: number; rgb: string; ms: number } {
    const t0 = performance.now();
    renderer!.render(settings, opts);
    const rgba = renderer!.readFloatPixels();
    const ms = performance.now() - t0;
    const n = rgba.length / 4;
    const rgb = new Float32Array(n * 3);
    for (let i = 0; i < n; i++) {
      rgb[3 * i] = rgba[4 * i];
      rgb[3 * i + 1] = rgba[4 * i + 1];
      rgb[3 * i + 2] = rgba[4 * i + 2];
    }
    return { width: canvas.width, height: canvas.height, rgb: toB64(new Uint8Array(rgb.buffer)), ms };
  },
  /** The error createProgram throws for a fragment shader ('' when it compiles). */
  compileError(fragment: string): string {
    const gl = document.createElement('canvas').getContext('webgl2')!;
    try {
      gl.deleteProgram(createProgram(gl, VERTEX_SHADER, fragment).program);
      return '';
    } catch (e) {
      return (e as Error).message;
    }
  },
  /** Lose and restore the preview's WebGL context (WEBGL_lose_context). */
  loseAndRestore(): Promise<void> {
    const gl = canvas.getContext('webgl2')!;
    const ext = gl.getExtension('WEBGL_lose_context')!;
    return new Promise((resolve) => {
      canvas.addEventListener('webglcontextlost', () => setTimeout(() => ext.restoreContext(), 10), { once: true });
      canvas.addEventListener('webglcontextrestored', () => setTimeout(resolve, 0), { once: true });
      ext.loseContext();
    });
  },
  /** Render to the canvas only (timing). */
  renderOnly(settings: ResolvedSettings, opts: RenderOpts = {}): void {
    renderer!.render(settings, opts);
  },
  /** The canvas as RGBA8 rows, top row first (renderer.readPixels). */
  readCanvas(maxEdge: number): Uint8Array {
    return renderer!.readPixels(maxEdge || undefined);
  },
  bench(frames: number, perOp = false): ReturnType<typeof benchPreview> {
    return benchPreview(frames, benchSource(), { perOp });
  },
  benchSmall(frames: number): ReturnType<typeof benchPreview> {
    return benchPreview(frames, benchSource(64, 48));
  },
};

(window as unknown as { tw: typeof api }).tw = api;
document.title = 'ready';
