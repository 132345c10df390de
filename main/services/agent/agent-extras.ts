/** The agent's channels of the contract, built on the core services. */
import { IpcFailure, type Handlers } from '../../ipc/dispatch.ts';
import type { CoreServices } from '../app-services.ts';
import { NotFoundError } from '../develop/develop-service.ts';
import { AgentService } from './agent-service.ts';
import { Engines } from './engines.ts';

export function agentExtras(core: CoreServices): Partial<Handlers> {
  const engines = new Engines(core.dataDir);
  const agent = new AgentService({
    repos: core.catalog,
    develop: core.develop,
    cacheDir: core.cacheDir,
    engine: () => engines.current(),
    onToken: (photoId, text) => core.bus.emit('agent.token', { photoId, text }),
    onStatus: (photoId, status) => core.bus.emit('agent.status', { photoId, status }),
  });
  const notFound = (err: unknown): never => {
    if (err instanceof NotFoundError) throw new IpcFailure('not-found', err.message);
    throw err;
  };
  return {
    'agent.send': async ({ photoId, text, candidates }) => {
      const r = await agent.send(photoId, text, { candidates }).catch(notFound);
      const steps = r.view.steps.filter((s) => r.stepIds.includes(s.id));
      return { turn: r.turn, steps, critic: r.result.critic, stack: r.view };
    },
    'agent.conversation': ({ photoId }) => agent.conversation(photoId),
    'agent.suggestions': ({ photoId }) => agent.suggestions(photoId).catch(notFound),
    'agent.engines': () => engines.info(),
    'agent.buildRuntime': () => engines.buildRuntime((p) => core.bus.emit('agent.runtimeProgress', p)),
    'agent.setEngine': async ({ engine, modelId }) => {
      try {
        return await engines.select(engine, modelId);
      } catch (err) {
        throw new IpcFailure('invalid-input', (err as Error).message);
      }
    },
  };
}
