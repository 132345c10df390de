/**
 * The model manager: recommended models from models/manifest.json, GGUF files the user added
 * (header checked, registered by path — multi-GB weights are never copied), downloads with
 * progress when online, and the active model. Weights live in the user's data folder, never in git.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { ModelInfo } from '../engine/types.ts';
import { readGgufHeader } from './gguf-header.ts';

export interface ManifestModel {
  id: string;
  name: string;
  file: string;
  url?: string;
  sha256?: string | null;
  sizeBytes?: number;
  quantization?: string;
  license?: string;
  vision?: boolean;
  mmproj?: { file: string; url?: string; sha256?: string | null } | null;
}

interface Registry {
  added: { id: string; path: string; name: string }[];
  active?: string;
}

export interface DownloadProgress {
  received: number;
  total?: number;
}

export class ModelManager {
  private readonly dir: string;
  private readonly registryPath: string;

  constructor(
    dataDir: string,
    private readonly manifest: ManifestModel[],
    private readonly fetchImpl: typeof fetch = globalThis.fetch,
  ) {
    this.dir = join(dataDir, 'models');
    this.registryPath = join(this.dir, 'registry.json');
  }

  private async registry(): Promise<Registry> {
    try {
      return JSON.parse(await readFile(this.registryPath, 'utf8')) as Registry;
    } catch {
      return { added: [] };
    }
  }

  private async saveRegistry(r: Registry): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const tmp = `${this.registryPath}.tmp`;
    await writeFile(tmp, JSON.stringify(r, null, 2));
    await rename(tmp, this.registryPath);
  }

  async list(): Promise<ModelInfo[]> {
    const reg = await this.registry();
    const out: ModelInfo[] = [];
    for (const m of this.manifest) {
      const path = join(this.dir, m.file);
      const size = await stat(path).then((s) => s.size, () => undefined);
      out.push({ id: m.id, name: m.name, path: size !== undefined ? path : undefined, sizeBytes: size ?? m.sizeBytes, available: size !== undefined, vision: !!m.vision });
    }
    for (const a of reg.added) {
      const size = await stat(a.path).then((s) => s.size, () => undefined);
      out.push({ id: a.id, name: a.name, path: a.path, sizeBytes: size, available: size !== undefined, vision: false });
    }
    return out;
  }

  /** Registers a GGUF the user already has. Throws a clear error when the file is not a usable GGUF. */
  async addLocal(path: string): Promise<ModelInfo> {
    const abs = resolve(path);
    const header = await readGgufHeader(abs).catch((err: Error) => {
      throw new Error(`cannot add ${abs}: ${err.message}`);
    });
    const reg = await this.registry();
    const id = `local:${basename(abs).replace(/\.gguf$/i, '')}`;
    reg.added = reg.added.filter((a) => a.id !== id);
    reg.added.push({ id, path: abs, name: header.name ?? basename(abs) });
    await this.saveRegistry(reg);
    const size = (await stat(abs)).size;
    return { id, name: header.name ?? basename(abs), path: abs, sizeBytes: size, available: true, vision: false };
  }

  async setActive(id: string): Promise<void> {
    const models = await this.list();
    const m = models.find((x) => x.id === id);
    if (!m) throw new Error(`unknown model "${id}" (known: ${models.map((x) => x.id).join(', ') || 'none'})`);
    if (!m.available) throw new Error(`model "${id}" is not downloaded yet`);
    const reg = await this.registry();
    reg.active = id;
    await this.saveRegistry(reg);
  }

  async active(): Promise<ModelInfo | undefined> {
    const reg = await this.registry();
    if (!reg.active) return undefined;
    return (await this.list()).find((m) => m.id === reg.active && m.available);
  }

  /** Downloads a manifest model with progress; offline gives a clear error and leaves nothing behind. */
  async download(id: string, onProgress?: (p: DownloadProgress) => void, signal?: AbortSignal): Promise<ModelInfo> {
    const m = this.manifest.find((x) => x.id === id);
    if (!m) throw new Error(`unknown model "${id}"`);
    if (!m.url) throw new Error(`model "${id}" has no download address; add the file yourself with "models add"`);
    await mkdir(this.dir, { recursive: true });
    const target = join(this.dir, m.file);
    const part = `${target}.part`;
    let res: Response;
    try {
      res = await this.fetchImpl(m.url, { signal });
    } catch (err) {
      throw new Error(`cannot download ${m.file}: no connection to ${new URL(m.url).host} (${(err as Error).message}). Download it on a connected machine and add it with "tonewright models add <file.gguf>".`);
    }
    if (!res.ok || !res.body) throw new Error(`cannot download ${m.file}: the server answered ${res.status}`);
    const total = Number(res.headers.get('content-length')) || undefined;
    const hash = createHash('sha256');
    const out = createWriteStream(part);
    let received = 0;
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        hash.update(chunk);
        received += chunk.length;
        if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
        onProgress?.({ received, total });
      }
      await new Promise<void>((r, j) => out.end((err?: Error | null) => (err ? j(err) : r())));
      const digest = hash.digest('hex');
      if (m.sha256 && digest !== m.sha256.toLowerCase()) throw new Error(`checksum mismatch for ${m.file}: expected ${m.sha256}, got ${digest}`);
      await readGgufHeader(part).catch((err: Error) => {
        throw new Error(`downloaded ${m.file} is not a usable GGUF: ${err.message}`);
      });
      await rename(part, target);
    } catch (err) {
      out.destroy();
      await rm(part, { force: true });
      throw err;
    }
    return (await this.list()).find((x) => x.id === id)!;
  }
}

export async function loadManifest(path: string): Promise<ManifestModel[]> {
  const raw = JSON.parse(await readFile(path, 'utf8')) as { models?: ManifestModel[] } | ManifestModel[];
  return Array.isArray(raw) ? raw : (raw.models ?? []);
}
