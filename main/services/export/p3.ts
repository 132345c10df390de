/**
 * sRGB-encoded 8-bit RGB → Display P3-encoded 8-bit RGB, in place: decode (256-entry table),
 * 3×3 matrix in linear light (sRGB D65 → Display P3 D65), encode (65536-entry table over linear
 * 0..1; both spaces use the sRGB transfer curve). libvips only tags an image with 'p3', it does
 * not convert raw pixels, hence this. Colours look the same; the file's profile says P3.
 */
const M = [0.8224621, 0.177538, 0.0, 0.0331941, 0.9668058, 0.0, 0.0170827, 0.0723974, 0.9105199];
const ENC_N = 65536;
let dec: Float32Array | undefined;
let enc: Uint8Array | undefined;

function tables(): { dec: Float32Array; enc: Uint8Array } {
  if (!dec || !enc) {
    dec = new Float32Array(256);
    for (let i = 0; i < 256; i++) {
      const v = i / 255;
      dec[i] = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
    enc = new Uint8Array(ENC_N);
    for (let i = 0; i < ENC_N; i++) {
      const l = i / (ENC_N - 1);
      const v = l <= 0.0031308 ? l * 12.92 : 1.055 * Math.pow(l, 1 / 2.4) - 0.055;
      enc[i] = Math.round(v * 255);
    }
  }
  return { dec, enc };
}

export function srgbToDisplayP3(data: Uint8Array): void {
  const { dec, enc } = tables();
  const k = ENC_N - 1;
  const [a, b, c, d, e, f, g, h, i] = M;
  for (let p = 0; p < data.length; p += 3) {
    const r = dec[data[p]];
    const gg = dec[data[p + 1]];
    const bb = dec[data[p + 2]];
    // Rows sum to 1 and all coefficients are ≥ 0: results stay in 0..1.
    data[p] = enc[((a * r + b * gg + c * bb) * k + 0.5) | 0];
    data[p + 1] = enc[((d * r + e * gg + f * bb) * k + 0.5) | 0];
    data[p + 2] = enc[((g * r + h * gg + i * bb) * k + 0.5) | 0];
  }
}
