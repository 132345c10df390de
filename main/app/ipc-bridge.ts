/**
 * The one place Electron's ipcMain is touched. main/ipc/dispatch.ts validates every call
 * against the shared contract (input schema → handler → output schema); this file connects a
 * dispatcher and the event bus to Electron behind two fixed channels:
 *
 *   'tw:invoke'  renderer → main: (channel, input) → DispatchResult ({ ok, value } | { ok: false, error })
 *   'tw:event'   main → renderer: { event, payload } (progress, token streams, job events)
 *
 * Every call's sender frame must be the app's own origin (tw://app); anything else is refused.
 */
import { ipcMain, type WebContents } from 'electron';
import type { Dispatch, DispatchResult, EventBus } from '../ipc/dispatch.ts';
import { isAppUrl } from './protocol-paths.ts';

export const INVOKE_CHANNEL = 'tw:invoke';
export const EVENT_CHANNEL = 'tw:event';

export function installIpcBridge(dispatch: Dispatch): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, channel: unknown, input: unknown): Promise<DispatchResult> => {
    const frameUrl = event.senderFrame?.url ?? '';
    if (!isAppUrl(frameUrl)) return { ok: false, error: { kind: 'failed', message: 'refused: the caller is not the app' } };
    if (typeof channel !== 'string') return { ok: false, error: { kind: 'invalid-input', message: 'channel must be a string' } };
    return dispatch(channel, input);
  });
  return () => ipcMain.removeHandler(INVOKE_CHANNEL);
}

/** Forward every bus event to one window's renderer; returns the unsubscribe function. */
export function forwardEvents(bus: EventBus, contents: WebContents): () => void {
  const unsubscribe = bus.subscribe((event, payload) => {
    if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, { event, payload });
  });
  contents.once('destroyed', unsubscribe);
  return unsubscribe;
}
