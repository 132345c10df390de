/**
 * Validates and routes calls of the shared IPC contract: input schema → handler → output
 * schema. Used by the Electron ipcMain bridge and by the browser-mode HTTP server alike, so
 * both hosts enforce exactly the same contract.
 */
import { z } from 'zod';
import { CHANNELS, EVENTS, isChannel, type Channel, type ChannelInput, type ChannelOutput, type EventName, type EventPayload, type IpcError } from '../../shared/ipc/contract.ts';

export type Handlers = { [C in Channel]: (input: z.output<(typeof CHANNELS)[C]['input']>) => Promise<ChannelOutput<C>> | ChannelOutput<C> };

export class IpcFailure extends Error {
  constructor(readonly kind: IpcError['kind'], message: string) {
    super(message);
  }
}

export type DispatchResult = { ok: true; value: unknown } | { ok: false; error: IpcError };

function describeZod(err: z.ZodError): string {
  return err.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || 'input'}: ${i.message}`)
    .join('; ');
}

export function createDispatcher(handlers: Partial<Handlers>) {
  return async function dispatch(channel: string, rawInput: unknown): Promise<DispatchResult> {
    if (!isChannel(channel)) return { ok: false, error: { kind: 'invalid-input', message: `unknown channel "${channel}"` } };
    const spec = CHANNELS[channel];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) return { ok: false, error: { kind: 'invalid-input', message: `${channel}: ${describeZod(parsed.error)}` } };
    const handler = handlers[channel] as ((input: unknown) => unknown) | undefined;
    if (!handler) return { ok: false, error: { kind: 'failed', message: `${channel} is not available in this build` } };
    try {
      const value = await handler(parsed.data);
      const out = spec.output.safeParse(value);
      if (!out.success) return { ok: false, error: { kind: 'failed', message: `${channel} produced an invalid result: ${describeZod(out.error)}` } };
      return { ok: true, value: out.data };
    } catch (err) {
      if (err instanceof IpcFailure) return { ok: false, error: { kind: err.kind, message: err.message } };
      return { ok: false, error: { kind: 'failed', message: (err as Error).message ?? String(err) } };
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;

/** Typed event fan-out from services to whichever host is connected (Electron window or SSE clients). */
export class EventBus {
  private listeners = new Set<(event: EventName, payload: unknown) => void>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const checked = EVENTS[event].parse(payload);
    for (const l of this.listeners) l(event, checked);
  }

  subscribe(listener: (event: EventName, payload: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export type { ChannelInput };
