/**
 * Which files an import looks at, and what a file really is (by its first bytes, since
 * extensions lie). RAW formats that are TIFF containers are told apart by extension.
 */
export type RawFormat = 'cr2' | 'cr3' | 'nef' | 'arw' | 'dng' | 'raf' | 'rw2' | 'orf';
export type ImageFormat = 'jpeg' | 'png' | 'tiff' | 'webp' | 'avif' | 'heic' | 'gif' | RawFormat;

export const RAW_EXTENSIONS: Record<string, RawFormat> = {
  cr2: 'cr2', cr3: 'cr3', nef: 'nef', nrw: 'nef', arw: 'arw', srf: 'arw', sr2: 'arw', dng: 'dng', raf: 'raf', rw2: 'rw2', orf: 'orf',
};

const IMPORTED = new Set(['jpg', 'jpeg', 'jpe', 'jfif', 'png', 'tif', 'tiff', 'webp', 'avif', 'heic', 'heif', 'hif', 'gif', ...Object.keys(RAW_EXTENSIONS)]);
/** Image formats an import recognises but cannot read yet (reported, never silently skipped). */
const UNSUPPORTED: Record<string, string> = {
  crw: 'Canon CRW RAW', x3f: 'Sigma X3F RAW', mrw: 'Minolta MRW RAW', iiq: 'Phase One IIQ RAW', pef: 'Pentax PEF RAW', srw: 'Samsung SRW RAW',
  '3fr': 'Hasselblad 3FR RAW', erf: 'Epson ERF RAW', kdc: 'Kodak KDC RAW', dcr: 'Kodak DCR RAW', mos: 'Leaf MOS RAW', rwl: 'Leica RWL RAW',
  bmp: 'BMP', psd: 'Photoshop PSD', jp2: 'JPEG 2000', jxl: 'JPEG XL', ico: 'ICO', tga: 'TGA', exr: 'OpenEXR', hdr: 'Radiance HDR',
};

export type Candidate = { kind: 'image' } | { kind: 'unsupported'; what: string } | { kind: 'other' };

export function extensionOf(p: string): string {
  const base = p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** How the scanner treats a file by its name: an image to import, an image format we cannot read, or something else (sniffed). */
export function classifyName(p: string): Candidate {
  const ext = extensionOf(p);
  if (IMPORTED.has(ext)) return { kind: 'image' };
  if (ext in UNSUPPORTED) return { kind: 'unsupported', what: UNSUPPORTED[ext] };
  return { kind: 'other' };
}

/** Names never worth opening: sidecars, documents, system files. */
const NEVER = new Set(['xmp', 'txt', 'md', 'json', 'xml', 'html', 'pdf', 'icc', 'icm', 'ini', 'db', 'db-wal', 'db-shm', 'lrcat', 'pp3', 'dop', 'thm', 'mp4', 'mov', 'avi', 'mts', 'wav', 'mp3', 'zip']);
export function worthSniffing(p: string): boolean {
  const base = p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);
  return !base.startsWith('.') && !NEVER.has(extensionOf(p));
}

const ascii = (b: Uint8Array, start: number, end: number) => String.fromCharCode(...b.subarray(start, Math.min(end, b.length)));

/** Identifies an image by its leading bytes (16+ bytes; 64 is plenty); null when it is no format we know. */
export function sniffFormat(head: Uint8Array, ext = ''): ImageFormat | 'unsupported' | null {
  if (head.length < 4) return null;
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head[0] === 0x89 && ascii(head, 1, 4) === 'PNG') return 'png';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return 'webp';
  if (ascii(head, 0, 3) === 'GIF') return 'gif';
  if (ascii(head, 0, 15) === 'FUJIFILMCCD-RAW') return 'raf';
  if (ascii(head, 4, 8) === 'ftyp') {
    const brand = ascii(head, 8, 12);
    if (brand === 'crx ') return 'cr3';
    if (brand === 'avif' || brand === 'avis') return 'avif';
    if (['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'].includes(brand)) return 'heic';
    return null;
  }
  const tiffLE = head[0] === 0x49 && head[1] === 0x49 && (head[2] === 0x2a || head[2] === 0x55 || head[2] === 0x52) && head[3] === 0;
  const tiffBE = head[0] === 0x4d && head[1] === 0x4d && head[2] === 0 && (head[3] === 0x2a || head[3] === 0x2b);
  if (tiffLE || tiffBE) {
    if (head[2] === 0x55) return 'rw2'; // Panasonic 'IIU'
    if (head[2] === 0x52) return 'orf'; // Olympus 'IIRO'
    if (ascii(head, 8, 10) === 'CR') return 'cr2';
    const raw = RAW_EXTENSIONS[ext];
    return raw ?? 'tiff';
  }
  if (head[0] === 0x42 && head[1] === 0x4d) return 'unsupported'; // BMP
  if (ascii(head, 6, 14) === 'HEAPCCDR') return 'unsupported'; // Canon CRW
  if (ascii(head, 0, 4) === 'FOVb' || ascii(head, 1, 4) === 'MRM') return 'unsupported'; // Sigma X3F, Minolta MRW
  return null;
}

export const isRaw = (f: string): f is RawFormat => Object.values(RAW_EXTENSIONS).includes(f as RawFormat);
