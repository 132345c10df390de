/**
 * The abort side of an engine call, shared by the engines: the caller's signal joined with a
 * timeout (which aborts with EngineError('timeout')), and the error an aborted call reports.
 */
import { EngineError } from './types.ts';

export interface CallSignal {
  signal: AbortSignal;
  /** Clears the timer; call when the call settles. */
  done: () => void;
}

export function callSignal(o: { signal?: AbortSignal; timeoutMs?: number }, what = 'the model'): CallSignal {
  const controller = new AbortController();
  const timer = o.timeoutMs ? setTimeout(() => controller.abort(new EngineError('timeout', `${what} did not answer within ${o.timeoutMs} ms`)), o.timeoutMs) : null;
  return { signal: o.signal ? AbortSignal.any([o.signal, controller.signal]) : controller.signal, done: () => timer && clearTimeout(timer) };
}

/** When the call was aborted: the timeout's own error, else EngineError('aborted'); otherwise null. */
export function abortError(signal: AbortSignal, cause: unknown): EngineError | null {
  if (!signal.aborted) return null;
  if (signal.reason instanceof EngineError) return signal.reason;
  return new EngineError('aborted', 'the request was cancelled', { cause });
}
