import { describe, it, expect } from 'vitest';
import { classifyName, sniffFormat, worthSniffing, extensionOf } from './formats.ts';

const bytes = (...parts: (string | number[])[]) => Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('formats', () => {
  it('classifies names', () => {
    expect(classifyName('/a/IMG_1.CR3')).toEqual({ kind: 'image' });
    expect(classifyName('/a/b.jpeg')).toEqual({ kind: 'image' });
    expect(classifyName('/a/old.crw')).toEqual({ kind: 'unsupported', what: 'Canon CRW RAW' });
    expect(classifyName('/a/notes')).toEqual({ kind: 'other' });
    expect(extensionOf('/a.b/c')).toBe('');
    expect(worthSniffing('/a/x.bin')).toBe(true);
    expect(worthSniffing('/a/x.xmp')).toBe(false);
    expect(worthSniffing('/a/.DS_Store')).toBe(false);
  });

  it('sniffs by leading bytes, not by extension', () => {
    expect(sniffFormat(bytes([0xff, 0xd8, 0xff, 0xe0]), 'png')).toBe('jpeg');
    expect(sniffFormat(bytes([0x89], 'PNG', [13, 10]))).toBe('png');
    expect(sniffFormat(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).toBe('webp');
    expect(sniffFormat(bytes([0, 0, 0, 24], 'ftypheic'))).toBe('heic');
    expect(sniffFormat(bytes([0, 0, 0, 24], 'ftypavif'))).toBe('avif');
    expect(sniffFormat(bytes([0, 0, 0, 24], 'ftypcrx '))).toBe('cr3');
    expect(sniffFormat(bytes('FUJIFILMCCD-RAW 0201'))).toBe('raf');
    expect(sniffFormat(bytes('II', [0x2a, 0, 16, 0, 0, 0], 'CR'))).toBe('cr2');
    expect(sniffFormat(bytes('II', [0x2a, 0, 8, 0, 0, 0, 0, 0]), 'nef')).toBe('nef');
    expect(sniffFormat(bytes('MM', [0, 0x2a, 0, 0, 0, 8]), 'tif')).toBe('tiff');
    expect(sniffFormat(bytes('IIU', [0, 8, 0, 0, 0]))).toBe('rw2');
    expect(sniffFormat(bytes('BM', [0, 0, 0, 0]))).toBe('unsupported');
    expect(sniffFormat(bytes('%PDF-1.4'))).toBeNull();
    expect(sniffFormat(bytes([0xff]))).toBeNull();
  });
});
