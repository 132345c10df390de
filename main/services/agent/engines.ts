/**
 * Which engine plans: the built-in planner (always available) or the local llama.cpp model the
 * user chose. Loading is lazy; a model that fails to load leaves the built-in planner active
 * and says why.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LlamaEngine } from '../../agent/engine/llama-engine.ts';
import type { Engine } from '../../agent/engine/types.ts';
import { loadManifest, ModelManager } from '../../agent/models/manager.ts';

const MANIFEST = join(fileURLToPath(new URL('../../..', import.meta.url)), 'models', 'manifest.json');

export interface EngineInfo {
  active: string;
  engines: { id: string; label: string; available: boolean; models: { id: string; name: string; available: boolean }[] }[];
}

export class Engines {
  private llama: LlamaEngine | null = null;
  private activeId: 'builtin' | 'llama' = 'builtin';
  private manager: Promise<ModelManager>;

  constructor(dataDir: string, private readonly makeLlama: () => LlamaEngine = () => new LlamaEngine()) {
    this.manager = loadManifest(MANIFEST)
      .catch(() => [])
      .then((m) => new ModelManager(dataDir, m));
  }

  /** The engine the agent should use now (null = built-in planner). */
  current(): Engine | null {
    return this.activeId === 'llama' && this.llama?.loaded ? this.llama : null;
  }

  async info(): Promise<EngineInfo> {
    const models = await (await this.manager).list();
    return {
      active: this.activeId,
      engines: [
        { id: 'builtin', label: 'Built-in planner', available: true, models: [] },
        {
          id: 'llama',
          label: this.llama?.loaded ? this.llama.describe() : 'Local model (llama.cpp)',
          available: models.some((m) => m.available),
          models: models.map((m) => ({ id: m.id, name: m.name, available: m.available })),
        },
      ],
    };
  }

  async select(engine: string, modelId?: string): Promise<EngineInfo> {
    if (engine === 'builtin') {
      this.activeId = 'builtin';
      return this.info();
    }
    if (engine !== 'llama') throw new Error(`unknown engine "${engine}" (builtin or llama)`);
    const manager = await this.manager;
    if (modelId) await manager.setActive(modelId);
    const model = await manager.active();
    if (!model?.path) throw new Error('no local model is available: add a GGUF with "tonewright models add <file.gguf>"');
    this.llama ??= this.makeLlama();
    await this.llama.load(model.path);
    this.activeId = 'llama';
    return this.info();
  }

  async addModel(path: string) {
    return (await this.manager).addLocal(path);
  }

  async dispose(): Promise<void> {
    await this.llama?.unload();
  }
}
