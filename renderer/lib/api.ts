/**
 * The renderer's typed client of the shared IPC contract. In the desktop app the preload
 * exposes `window.tonewright` (contextBridge); in browser mode the same calls go over HTTP
 * (POST /api/invoke/<channel>) with the per-start token, and events arrive over SSE.
 */
import type { Channel, ChannelInput, ChannelOutput, EventName, EventPayload, IpcError, TonewrightApi } from '../../shared/ipc/contract.ts';

export class ApiError extends Error {
  constructor(readonly kind: IpcError['kind'], message: string) {
    super(message);
  }
}

declare global {
  interface Window {
    tonewright?: TonewrightApi;
  }
}

function tokenFromLocation(): string {
  const url = new URL(window.location.href);
  const t = url.searchParams.get('token');
  if (t) {
    sessionStorage.setItem('tw_token', t);
    return t;
  }
  return sessionStorage.getItem('tw_token') ?? '';
}

export function createHttpApi(base = ''): TonewrightApi {
  const token = tokenFromLocation();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let source: EventSource | null = null;
  const ensureSource = () => {
    if (source) return;
    source = new EventSource(`${base}/api/events`);
    source.onmessage = (e) => {
      const { event, payload } = JSON.parse(e.data) as { event: string; payload: unknown };
      listeners.get(event)?.forEach((l) => l(payload));
    };
  };
  return {
    async invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
      const res = await fetch(`${base}/api/invoke/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tonewright-token': token },
        body: JSON.stringify(input ?? {}),
      });
      const text = await res.text();
      let body: { ok: boolean; value?: unknown; error?: IpcError };
      try {
        body = JSON.parse(text);
      } catch {
        throw new ApiError('failed', `${channel}: ${res.status} ${text.slice(0, 200)}`);
      }
      if (!body.ok) throw new ApiError(body.error?.kind ?? 'failed', body.error?.message ?? 'request failed');
      return body.value as ChannelOutput<C>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      ensureSource();
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (p: unknown) => void);
      return () => set!.delete(listener as (p: unknown) => void);
    },
  };
}

let api: TonewrightApi | null = null;

export function getApi(): TonewrightApi {
  api ??= window.tonewright ?? createHttpApi();
  return api;
}

/** For tests: replace the API with a fake. */
export function setApi(fake: TonewrightApi): void {
  api = fake;
}
