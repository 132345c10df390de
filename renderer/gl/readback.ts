/**
 * Reading the drawn canvas back as RGBA8 (for the histogram): a GPU downscale by
 * blitFramebuffer into a small renderbuffer (kept between calls), flipped so that row 0 of the
 * result is the image's top row.
 */
import type { GL } from './glUtil.ts';

export class CanvasReadback {
  private small: { fbo: WebGLFramebuffer; rb: WebGLRenderbuffer; width: number; height: number } | null = null;

  /** Output size for the canvas downscaled to fit maxEdge (never enlarged). */
  size(gl: GL, maxEdge?: number): { width: number; height: number; k: number } {
    const w = gl.drawingBufferWidth;
    const h = gl.drawingBufferHeight;
    const k = maxEdge && maxEdge > 0 ? Math.min(1, maxEdge / Math.max(w, h)) : 1;
    return { width: Math.max(1, Math.round(w * k)), height: Math.max(1, Math.round(h * k)), k };
  }

  empty(gl: GL, maxEdge?: number): Uint8Array {
    const { width, height } = this.size(gl, maxEdge);
    return new Uint8Array(width * height * 4);
  }

  rgba8(gl: GL, maxEdge?: number): Uint8Array {
    const { width: tw, height: th, k } = this.size(gl, maxEdge);
    if (!this.small || this.small.width !== tw || this.small.height !== th) {
      this.dispose(gl);
      const rb = gl.createRenderbuffer()!;
      gl.bindRenderbuffer(gl.RENDERBUFFER, rb);
      gl.renderbufferStorage(gl.RENDERBUFFER, gl.RGBA8, tw, th);
      const fbo = gl.createFramebuffer()!;
      gl.bindFramebuffer(gl.FRAMEBUFFER, fbo);
      gl.framebufferRenderbuffer(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.RENDERBUFFER, rb);
      this.small = { fbo, rb, width: tw, height: th };
    }
    gl.bindFramebuffer(gl.DRAW_FRAMEBUFFER, this.small.fbo);
    gl.bindFramebuffer(gl.READ_FRAMEBUFFER, null);
    // Flipped destination: the canvas's bottom row lands in the last row of the result.
    gl.blitFramebuffer(0, 0, gl.drawingBufferWidth, gl.drawingBufferHeight, 0, th, tw, 0, gl.COLOR_BUFFER_BIT, k < 1 ? gl.LINEAR : gl.NEAREST);
    gl.bindFramebuffer(gl.FRAMEBUFFER, this.small.fbo);
    const out = new Uint8Array(tw * th * 4);
    gl.readPixels(0, 0, tw, th, gl.RGBA, gl.UNSIGNED_BYTE, out);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    return out;
  }

  /** Drop the GL objects without deleting them (after a context loss). */
  forget(): void {
    this.small = null;
  }

  dispose(gl: GL): void {
    if (!this.small) return;
    gl.deleteFramebuffer(this.small.fbo);
    gl.deleteRenderbuffer(this.small.rb);
    this.small = null;
  }
}
