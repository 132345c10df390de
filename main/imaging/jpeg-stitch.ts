/**
 * One baseline JPEG from bands encoded separately (in parallel): each band is a whole number of
 * MCU rows, encoded on its own by libjpeg-turbo with the same quality, subsampling and standard
 * Huffman tables; the result keeps the first band's headers (its SOF height set to the image's),
 * declares a restart interval of one band (DRI), and joins the bands' entropy-coded data with
 * restart markers RST0…RST7 between them.
 *
 * Why it is exact: in a baseline JPEG the only state carried from one MCU to the next is the DC
 * prediction (and the bit position), and a restart marker resets both — the encoder pads to a
 * byte with 1-bits at a restart just as it does before EOI. So a decoder reads the very same
 * coefficients as from a single encode: the pixels are identical (jpeg-stitch.test.ts).
 *
 * Limits: a restart interval is at most 65535 MCUs, so bands are at most that many MCUs; every
 * band but the last has the same height. Only for encodes with fixed tables (not optimised
 * Huffman coding, not progressive, not mozjpeg): encode.ts checks that.
 */

/** Rows per band for an image `width` wide with MCUs `mcuHeight` tall (a multiple of it, ≤ 65535 MCUs). */
export function bandRowsFor(width: number, height: number, mcuHeight: number, bands: number): number {
  const mcuWidth = mcuHeight; // 8×8 at 4:4:4, 16×16 at 4:2:0
  const perRow = Math.ceil(width / mcuWidth);
  const maxMcuRows = Math.floor(65535 / perRow);
  if (maxMcuRows < 1) return 0;
  const mcuRows = Math.ceil(height / mcuHeight);
  const want = Math.max(1, Math.ceil(mcuRows / bands));
  return Math.min(want, maxMcuRows) * mcuHeight;
}

interface Parsed {
  /** Bytes from SOI up to (not including) SOS. */
  header: Buffer;
  /** Offset of the SOF0 segment's height field within header. */
  sofHeightAt: number;
  /** The SOS segment (marker to the end of its header). */
  sos: Buffer;
  /** Entropy-coded data (after SOS, before EOI). */
  scan: Buffer;
  width: number;
  height: number;
}

function parse(jpeg: Buffer): Parsed {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('jpeg-stitch: not a JPEG (no SOI)');
  let p = 2;
  let sofHeightAt = -1;
  let width = 0;
  let height = 0;
  while (p + 4 <= jpeg.length) {
    if (jpeg[p] !== 0xff) throw new Error(`jpeg-stitch: expected a marker at ${p}`);
    const m = jpeg[p + 1];
    const len = jpeg.readUInt16BE(p + 2);
    if (m === 0xda) {
      const end = p + 2 + len;
      if (jpeg[jpeg.length - 2] !== 0xff || jpeg[jpeg.length - 1] !== 0xd9) throw new Error('jpeg-stitch: the band does not end with EOI');
      return { header: jpeg.subarray(0, p), sofHeightAt, sos: jpeg.subarray(p, end), scan: jpeg.subarray(end, jpeg.length - 2), width, height };
    }
    if (m === 0xc0) {
      sofHeightAt = p + 5;
      height = jpeg.readUInt16BE(p + 5);
      width = jpeg.readUInt16BE(p + 7);
    } else if (m >= 0xc1 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) {
      throw new Error('jpeg-stitch: only baseline JPEG bands can be joined');
    } else if (m === 0xdd) {
      throw new Error('jpeg-stitch: a band already has a restart interval');
    }
    p += 2 + len;
  }
  throw new Error('jpeg-stitch: no SOS in the band');
}

/**
 * Joins bands (top to bottom; all but the last `bandRows` tall, MCUs `mcuHeight` tall) into one
 * JPEG of the total height. The first band's headers (APP segments, tables) are kept, through
 * `editHeader` when given: it gets SOI and the header segments up to (not including) SOS, with
 * the total height already in SOF, and may add leading segments (metadata).
 */
export function stitchJpegBands(bands: Buffer[], bandRows: number, mcuHeight: number, editHeader: (header: Buffer) => Buffer = (h) => h): Buffer {
  if (bands.length === 0) throw new Error('jpeg-stitch: no bands');
  if (bands.length === 1) return editHeader(bands[0]);
  if (bandRows % mcuHeight !== 0) throw new Error('jpeg-stitch: band height is not a whole number of MCU rows');
  const parts = bands.map(parse);
  const { width } = parts[0];
  let height = 0;
  parts.forEach((b, i) => {
    if (b.width !== width) throw new Error('jpeg-stitch: bands differ in width');
    if (i < parts.length - 1 && b.height !== bandRows) throw new Error(`jpeg-stitch: band ${i} is ${b.height} rows, not ${bandRows}`);
    if (b.sofHeightAt < 0) throw new Error('jpeg-stitch: a band has no baseline SOF');
    height += b.height;
  });
  if (height > 65535) throw new Error('jpeg-stitch: image too tall for a JPEG');
  const interval = Math.ceil(width / mcuHeight) * (bandRows / mcuHeight);
  if (interval > 65535) throw new Error('jpeg-stitch: a band holds more than 65535 MCUs');

  const patched = Buffer.from(parts[0].header); // a copy: its height is patched
  patched.writeUInt16BE(height, parts[0].sofHeightAt);
  const header = editHeader(patched);
  const dri = Buffer.from([0xff, 0xdd, 0x00, 0x04, interval >> 8, interval & 0xff]);
  const pieces: Buffer[] = [header, dri, parts[0].sos];
  parts.forEach((b, i) => {
    if (i > 0) pieces.push(Buffer.from([0xff, 0xd0 + ((i - 1) & 7)]));
    pieces.push(b.scan);
  });
  pieces.push(Buffer.from([0xff, 0xd9]));
  return Buffer.concat(pieces);
}
