/**
 * The preload (sandboxed; bundled to dist/main/preload/index.cjs). It exposes exactly the typed
 * contract's API (`TonewrightApi` of shared/ipc/contract.ts) as `window.tonewright`, through
 * contextBridge — never ipcRenderer itself:
 *
 *   invoke(channel, input) → Promise<output>   one call; main validates input and output
 *   on(event, listener) → unsubscribe          progress, token streams, job events
 *
 * Errors: contextBridge copies only an Error's message across worlds, so a failed call rejects
 * with an Error whose message is "[<kind>] <message>" (kind: invalid-input, not-found, failed,
 * cancelled), e.g. "[not-found] photo 12 is not in the catalog".
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { TonewrightApi } from '../../shared/ipc/contract.ts';

const INVOKE_CHANNEL = 'tw:invoke';
const EVENT_CHANNEL = 'tw:event';
const NAME = /^[a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)+$/;

type Listener = (payload: unknown) => void;
type Result = { ok: true; value: unknown } | { ok: false; error: { kind: string; message: string } };

const listeners = new Map<string, Set<Listener>>();

ipcRenderer.on(EVENT_CHANNEL, (_event: IpcRendererEvent, message: { event?: unknown; payload?: unknown } | null) => {
  if (!message || typeof message.event !== 'string') return;
  for (const listener of listeners.get(message.event) ?? []) {
    try {
      listener(message.payload);
    } catch (err) {
      console.error(`tonewright: listener for ${message.event} failed`, err);
    }
  }
});

async function invoke(channel: string, input: unknown): Promise<unknown> {
  if (typeof channel !== 'string' || !NAME.test(channel)) throw new Error(`[invalid-input] bad channel name ${String(channel)}`);
  const result = (await ipcRenderer.invoke(INVOKE_CHANNEL, channel, input)) as Result;
  if (result.ok) return result.value;
  throw new Error(`[${result.error.kind}] ${result.error.message}`);
}

function on(event: string, listener: Listener): () => void {
  if (typeof event !== 'string' || !NAME.test(event) || typeof listener !== 'function') throw new TypeError('on(event, listener)');
  let set = listeners.get(event);
  if (!set) listeners.set(event, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
  };
}

const api = { invoke, on } as unknown as TonewrightApi;
contextBridge.exposeInMainWorld('tonewright', api);
