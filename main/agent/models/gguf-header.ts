/**
 * Reads a GGUF file's header (magic, version, counts and the small string/number metadata) to
 * check a model before llama.cpp loads it, and to show its architecture and name.
 */
import { open } from 'node:fs/promises';

export interface GgufHeader {
  version: number;
  tensorCount: number;
  metadata: Record<string, string | number | boolean>;
  architecture: string;
  name?: string;
}

const MAX_HEADER_BYTES = 16 * 1024 * 1024;

class Reader {
  pos = 0;
  constructor(readonly buf: Buffer) {}
  need(n: number): void {
    if (this.pos + n > this.buf.length) throw new Error('truncated GGUF header');
  }
  u32(): number {
    this.need(4);
    const v = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }
  u64(): number {
    this.need(8);
    const v = this.buf.readBigUInt64LE(this.pos);
    this.pos += 8;
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('implausible GGUF count');
    return Number(v);
  }
  str(): string {
    const len = this.u64();
    if (len > 1 << 20) throw new Error('implausible GGUF string length');
    this.need(len);
    const s = this.buf.toString('utf8', this.pos, this.pos + len);
    this.pos += len;
    return s;
  }
  f32(): number {
    this.need(4);
    const v = this.buf.readFloatLE(this.pos);
    this.pos += 4;
    return v;
  }
  u8(): number {
    this.need(1);
    return this.buf[this.pos++];
  }
  skip(n: number): void {
    this.need(n);
    this.pos += n;
  }
}

const SCALAR_SIZE: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };

function readValue(r: Reader, type: number): string | number | boolean | undefined {
  switch (type) {
    case 0:
      return r.u8();
    case 4:
      return r.u32();
    case 5:
      return r.u32() | 0;
    case 6:
      return r.f32();
    case 7:
      return r.u8() !== 0;
    case 8:
      return r.str();
    case 9: {
      const itemType = r.u32();
      const n = r.u64();
      if (itemType === 8) for (let i = 0; i < n; i++) r.str();
      else if (SCALAR_SIZE[itemType] !== undefined) r.skip(n * SCALAR_SIZE[itemType]);
      else throw new Error(`unsupported GGUF array type ${itemType}`);
      return undefined;
    }
    default: {
      const size = SCALAR_SIZE[type];
      if (size === undefined) throw new Error(`unknown GGUF value type ${type}`);
      r.skip(size);
      return undefined;
    }
  }
}

export async function readGgufHeader(path: string): Promise<GgufHeader> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error('file not found');
    if (code === 'EACCES') throw new Error('permission denied');
    if (code === 'EISDIR') throw new Error('is a folder, not a GGUF file');
    throw err;
  }
  try {
    const { size } = await fh.stat();
    const buf = Buffer.alloc(Math.min(size, MAX_HEADER_BYTES));
    await fh.read(buf, 0, buf.length, 0);
    if (buf.length < 24 || buf.toString('ascii', 0, 4) !== 'GGUF') throw new Error('not a GGUF file (bad magic)');
    const r = new Reader(buf);
    r.skip(4);
    const version = r.u32();
    if (version < 2 || version > 3) throw new Error(`unsupported GGUF version ${version}`);
    const tensorCount = r.u64();
    const kvCount = r.u64();
    if (kvCount > 100_000) throw new Error('implausible GGUF metadata count');
    const metadata: Record<string, string | number | boolean> = {};
    for (let i = 0; i < kvCount; i++) {
      const key = r.str();
      const type = r.u32();
      const value = readValue(r, type);
      if (value !== undefined) metadata[key] = value;
    }
    const architecture = metadata['general.architecture'];
    if (typeof architecture !== 'string') throw new Error('GGUF file has no general.architecture');
    if (tensorCount === 0) throw new Error('GGUF file holds no tensors');
    const name = typeof metadata['general.name'] === 'string' ? (metadata['general.name'] as string) : undefined;
    return { version, tensorCount, metadata, architecture, name };
  } finally {
    await fh.close();
  }
}
