/**
 * Which engine plans: the built-in planner (always available), the local llama.cpp model the
 * user chose, or a local vision model (model + projector pair, run by the supervised
 * llama-server of main/vision) that sees the photo's preview. Loading is lazy; a model that
 * fails to load leaves the built-in planner active and says why.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LlamaEngine } from '../../agent/engine/llama-engine.ts';
import { VisionEngine } from '../../agent/engine/vision-engine.ts';
import { findRuntime } from '../../vision/runtime-paths.ts';
import { buildVisionRuntime, type BuildOptions } from '../../vision/runtime-build.ts';
import type { Engine } from '../../agent/engine/types.ts';
import { loadManifest, ModelManager } from '../../agent/models/manager.ts';

const MANIFEST = join(fileURLToPath(new URL('../../..', import.meta.url)), 'models', 'manifest.json');

/** Whether a vision runtime (llama-server) is built or shipped; never throws. */
function visionRuntimeBuilt(): boolean {
  try {
    return findRuntime().built;
  } catch {
    return false;
  }
}

export interface EngineInfo {
  active: string;
  engines: { id: string; label: string; available: boolean; models: { id: string; name: string; available: boolean }[]; needsRuntime?: boolean; building?: boolean }[];
}

export class Engines {
  private llama: LlamaEngine | null = null;
  private vision: VisionEngine | null = null;
  private building: Promise<void> | null = null;
  private activeId: 'builtin' | 'llama' | 'vision' = 'builtin';
  private manager: Promise<ModelManager>;

  constructor(
    dataDir: string,
    private readonly makeLlama: () => LlamaEngine = () => new LlamaEngine(),
    private readonly makeVision: (mmproj: string) => VisionEngine = (mmproj) => new VisionEngine({ mmproj }),
    private readonly build: (o: BuildOptions) => Promise<unknown> = buildVisionRuntime,
    private readonly runtimeBuilt: () => boolean = visionRuntimeBuilt,
  ) {
    this.manager = loadManifest(MANIFEST)
      .catch(() => [])
      .then((m) => new ModelManager(dataDir, m));
  }

  /** The engine the agent should use now (null = built-in planner). */
  current(): Engine | null {
    if (this.activeId === 'vision') return this.vision?.loaded ? this.vision : null;
    return this.activeId === 'llama' && this.llama?.loaded ? this.llama : null;
  }

  async info(): Promise<EngineInfo> {
    const models = await (await this.manager).list();
    const visionModels = models.filter((m) => m.vision);
    const runtime = this.runtimeBuilt();
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
        {
          id: 'vision',
          label: this.vision?.loaded ? this.vision.describe() : runtime ? 'Vision model (sees the photo)' : 'Vision model (runtime not built: tonewright vision build)',
          available: runtime && visionModels.some((m) => m.available),
          models: visionModels.map((m) => ({ id: m.id, name: m.name, available: m.available })),
          needsRuntime: !runtime,
          building: this.building !== null,
        },
      ],
    };
  }

  async select(engine: string, modelId?: string): Promise<EngineInfo> {
    if (engine === 'builtin') {
      this.activeId = 'builtin';
      return this.info();
    }
    if (engine !== 'llama' && engine !== 'vision') throw new Error(`unknown engine "${engine}" (builtin, llama or vision)`);
    const manager = await this.manager;
    if (engine === 'vision') return this.selectVision(manager, modelId);
    if (modelId) await manager.setActive(modelId);
    const model = await manager.active();
    if (!model?.path) throw new Error('no local model is available: add a GGUF with "tonewright models add <file.gguf>"');
    this.llama ??= this.makeLlama();
    await this.llama.load(model.path);
    this.activeId = 'llama';
    return this.info();
  }

  /**
   * Builds the vision runtime in the background (offline, from node-llama-cpp's bundled source;
   * minutes). `onProgress` gets each progress line, then one last call with done = true.
   * Nothing starts when it is built already or a build is running.
   */
  buildRuntime(onProgress: (p: { line: string; done: boolean; ok?: boolean; error?: string }) => void): { started: boolean; built: boolean } {
    if (this.runtimeBuilt()) return { started: false, built: true };
    if (this.building) return { started: false, built: false };
    const t0 = Date.now();
    this.building = this.build({ log: (line) => onProgress({ line, done: false }) })
      .then(
        () => onProgress({ line: `vision runtime built in ${Math.round((Date.now() - t0) / 1000)} s`, done: true, ok: true }),
        (err: Error) => onProgress({ line: `vision runtime build failed: ${err.message}`, done: true, ok: false, error: err.message }),
      )
      .finally(() => {
        this.building = null;
      });
    return { started: true, built: false };
  }

  private async selectVision(manager: ModelManager, modelId?: string): Promise<EngineInfo> {
    const models = (await manager.list()).filter((m) => m.vision && m.available);
    const model = modelId ? models.find((m) => m.id === modelId) : models[0];
    if (!model?.path || !model.mmprojPath)
      throw new Error(modelId ? `vision model "${modelId}" is not available (model and projector must both be present)` : 'no vision model is available: add a pair with "tonewright models add <model.gguf> --mmproj <mmproj.gguf>"');
    await this.vision?.unload();
    this.vision = this.makeVision(model.mmprojPath);
    await this.vision.load(model.path);
    this.activeId = 'vision';
    return this.info();
  }

  /** Registers a local GGUF (with its projector, for a vision pair). */
  async addModel(path: string, mmproj?: string) {
    return (await this.manager).addLocal(path, mmproj);
  }

  async dispose(): Promise<void> {
    await this.llama?.unload();
    await this.vision?.unload();
  }
}
