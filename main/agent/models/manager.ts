/**
 * The model manager: recommended models from models/manifest.json, GGUF files the user added
 * (header checked, registered by path — multi-GB weights are never copied), downloads with
 * progress when online, and the active model. Weights live in the user's data folder, never in git.
 * Vision models are pairs (weights + projector/mmproj): available only when both files are there
 * and the projector belongs to the weights (see pair.ts); a download fetches both.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { ModelInfo } from '../engine/types.ts';
import { readGgufHeader } from './gguf-header.ts';
import { checkVisionPair } from './pair.ts';

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
  mmproj?: ManifestProjector | null;
}

export interface ManifestProjector {
  file: string;
  url?: string;
  sha256?: string | null;
  sizeBytes?: number | null;
  quantization?: string;
  /** clip.projector_type the file must declare (same conversion family as the weights). */
  projector?: string;
}

interface Registry {
  added: { id: string; path: string; name: string; mmproj?: string }[];
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
    const sizeOf = (p: string) => stat(p).then((s) => s.size, () => undefined);
    for (const m of this.manifest) {
      const path = this.fileOf(m, m.file);
      const size = await sizeOf(path);
      const info: ModelInfo = { id: m.id, name: m.name, path: size !== undefined ? path : undefined, sizeBytes: size ?? m.sizeBytes, available: size !== undefined, vision: !!m.vision };
      if (m.vision && m.mmproj) {
        const proj = this.fileOf(m, m.mmproj.file);
        const projSize = await sizeOf(proj);
        if (projSize !== undefined) info.mmprojPath = proj;
        info.available &&= projSize !== undefined;
      }
      out.push(info);
    }
    for (const a of reg.added) {
      const size = await sizeOf(a.path);
      const projOk = a.mmproj ? (await sizeOf(a.mmproj)) !== undefined : true;
      out.push({ id: a.id, name: a.name, path: a.path, sizeBytes: size, available: size !== undefined && projOk, vision: !!a.mmproj, ...(a.mmproj ? { mmprojPath: a.mmproj } : {}) });
    }
    return out;
  }

  /**
   * Registers a GGUF the user already has — with its projector (mmproj) for a vision model.
   * Throws a clear error when a file is not a usable GGUF or the projector is not the model's.
   */
  async addLocal(path: string, mmproj?: string): Promise<ModelInfo> {
    const abs = resolve(path);
    const proj = mmproj ? resolve(mmproj) : undefined;
    const header = proj
      ? (await checkVisionPair(abs, proj).catch((err: Error) => {
          throw new Error(`cannot add ${abs}: ${err.message}`);
        })).model
      : await readGgufHeader(abs).catch((err: Error) => {
          throw new Error(`cannot add ${abs}: ${err.message}`);
        });
    if (!proj && header.architecture === 'clip') throw new Error(`cannot add ${abs}: it is a projector (mmproj); add the language model with --mmproj ${basename(abs)}`);
    const reg = await this.registry();
    const id = `local:${basename(abs).replace(/\.gguf$/i, '')}`;
    reg.added = reg.added.filter((a) => a.id !== id);
    reg.added.push({ id, path: abs, name: header.name ?? basename(abs), ...(proj ? { mmproj: proj } : {}) });
    await this.saveRegistry(reg);
    const size = (await stat(abs)).size;
    return { id, name: header.name ?? basename(abs), path: abs, sizeBytes: size, available: true, vision: !!proj, ...(proj ? { mmprojPath: proj } : {}) };
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

  /**
   * Downloads a manifest model with progress (a vision model: the weights, then the projector,
   * and checks that they belong together); offline gives a clear error and leaves nothing behind.
   */
  async download(id: string, onProgress?: (p: DownloadProgress) => void, signal?: AbortSignal): Promise<ModelInfo> {
    const m = this.manifest.find((x) => x.id === id);
    if (!m) throw new Error(`unknown model "${id}"`);
    if (!m.url) throw new Error(`model "${id}" has no download address; add the file yourself with "models add"`);
    if (m.vision && !m.mmproj?.url) throw new Error(`vision model "${id}" has no projector (mmproj) download address; add both files with "models add <file.gguf> --mmproj <mmproj.gguf>"`);
    await mkdir(m.vision ? join(this.dir, m.id) : this.dir, { recursive: true });
    const files = [{ url: m.url, target: this.fileOf(m, m.file), sha256: m.sha256 }];
    if (m.vision && m.mmproj) files.push({ url: m.mmproj.url!, target: this.fileOf(m, m.mmproj.file), sha256: m.mmproj.sha256 });
    let before = 0;
    for (const f of files) {
      const got = await this.downloadFile(f, (p) => onProgress?.({ received: before + p.received, total: p.total === undefined ? undefined : before + p.total }), signal);
      before += got;
    }
    if (m.vision && m.mmproj) {
      const proj = this.fileOf(m, m.mmproj.file);
      const pair = await checkVisionPair(this.fileOf(m, m.file), proj);
      if (m.mmproj.projector && pair.projectorType !== m.mmproj.projector) {
        await rm(proj, { force: true });
        throw new Error(`downloaded ${m.mmproj.file} declares projector "${pair.projectorType}", the manifest expects "${m.mmproj.projector}"`);
      }
    }
    return (await this.list()).find((x) => x.id === id)!;
  }

  /**
   * Where a manifest model's file lives: vision pairs in a folder of their own (projectors often
   * share generic names such as mmproj-model-f16.gguf), text models directly in models/.
   */
  private fileOf(m: ManifestModel, file: string): string {
    return m.vision ? join(this.dir, m.id, file) : join(this.dir, file);
  }

  /** One file into the models folder via a .part file; returns the bytes received. */
  private async downloadFile(f: { url: string; target: string; sha256?: string | null }, onProgress?: (p: DownloadProgress) => void, signal?: AbortSignal): Promise<number> {
    const target = f.target;
    const file = basename(target);
    const part = `${target}.part`;
    let res: Response;
    try {
      res = await this.fetchImpl(f.url, { signal });
    } catch (err) {
      throw new Error(`cannot download ${file}: no connection to ${new URL(f.url).host} (${(err as Error).message}). Download it on a connected machine and add it with "tonewright models add <file.gguf>".`);
    }
    if (!res.ok || !res.body) throw new Error(`cannot download ${file}: the server answered ${res.status}`);
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
      if (f.sha256 && digest !== f.sha256.toLowerCase()) throw new Error(`checksum mismatch for ${file}: expected ${f.sha256}, got ${digest}`);
      await readGgufHeader(part).catch((err: Error) => {
        throw new Error(`downloaded ${file} is not a usable GGUF: ${err.message}`);
      });
      await rename(part, target);
    } catch (err) {
      out.destroy();
      await rm(part, { force: true });
      throw err;
    }
    return received;
  }
}

export async function loadManifest(path: string): Promise<ManifestModel[]> {
  const raw = JSON.parse(await readFile(path, 'utf8')) as { models?: ManifestModel[] } | ManifestModel[];
  return Array.isArray(raw) ? raw : (raw.models ?? []);
}
