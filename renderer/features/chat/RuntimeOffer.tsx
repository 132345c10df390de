/**
 * The vision engine's first-use offer: when its runtime (llama-server, built offline from the
 * llama.cpp source that node-llama-cpp ships) is missing, a button builds it in the background
 * and the latest progress line is shown until it is done; then the engine list is refreshed.
 */
import { useEffect, useState } from 'react';
import { getApi } from '../../lib/api.ts';

interface Props {
  /** The engine entry that needs the runtime, or undefined when none does. */
  engine: { id: string; needsRuntime?: boolean; building?: boolean } | undefined;
  onBuilt: () => void;
}

export function RuntimeOffer({ engine, onBuilt }: Props) {
  const api = getApi();
  const [line, setLine] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  useEffect(
    () =>
      api.on('agent.runtimeProgress', (p) => {
        setLine(p.line);
        setRunning(!p.done);
        if (p.done && p.ok) onBuilt();
      }),
    [],
  );
  if (!engine?.needsRuntime && !running && !line) return null;
  const busy = running || !!engine?.building;
  const start = () =>
    api.invoke('agent.buildRuntime', {}).then(
      (r) => {
        if (r.built) onBuilt();
        else setRunning(true);
      },
      (err: Error) => setLine(err.message),
    );
  return (
    <div className="runtime-offer" data-testid="vision-runtime">
      {engine?.needsRuntime && !busy && (
        <button type="button" data-testid="vision-build" onClick={start} title="Builds llama-server from the llama.cpp source bundled with the app, offline (10–20 minutes on two cores)">
          Build the vision runtime
        </button>
      )}
      {line && <span className="runtime-progress">{line}</span>}
    </div>
  );
}
