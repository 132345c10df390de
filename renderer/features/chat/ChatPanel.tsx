/**
 * The retouching chat for one photo: the conversation, streamed model text, each agent step as
 * a card (reason, on/off, undo), "undo this turn", the critic's summary, suggested prompts and
 * the active engine.
 */
import { useEffect, useRef, useState } from 'react';
import type { StackState, Turn } from '../../../shared/ipc/contract.ts';
import { getApi } from '../../lib/api.ts';
import { describeStep } from '../history/HistoryPanel.tsx';
import { RuntimeOffer } from './RuntimeOffer.tsx';
import type { DevelopModel } from '../develop/useDevelop.ts';

interface Props {
  photoId: number;
  model: DevelopModel;
}

export function ChatPanel({ photoId, model }: Props) {
  const [turns, setTurns] = useState<Turn[]>([]);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [stream, setStream] = useState('');
  const [status, setStatus] = useState('');
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const [engine, setEngine] = useState<{ active: string; engines: { id: string; label: string; available: boolean; needsRuntime?: boolean; building?: boolean }[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const end = useRef<HTMLDivElement>(null);
  const api = getApi();

  useEffect(() => {
    api.invoke('agent.conversation', { photoId }).then(setTurns, () => setTurns([]));
    api.invoke('agent.suggestions', { photoId }).then(setSuggestions, () => setSuggestions([]));
    api.invoke('agent.engines', {}).then(setEngine, () => setEngine(null));
    const offT = api.on('agent.token', (e) => e.photoId === photoId && setStream((s) => s + e.text));
    const offS = api.on('agent.status', (e) => e.photoId === photoId && setStatus(e.status));
    return () => {
      offT();
      offS();
    };
  }, [photoId]);
  useEffect(() => {
    // A block body: newer Chromium returns a Promise from scrollIntoView, which is not a cleanup.
    end.current?.scrollIntoView({ block: 'end' });
  }, [turns, stream]);

  const send = async (message: string) => {
    if (!message.trim() || busy) return;
    setBusy(true);
    setStream('');
    setError(null);
    try {
      const r = await api.invoke('agent.send', { photoId, text: message });
      setTurns((t) => [...t, r.turn]);
      model.setStack(r.stack);
      setText('');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
      setStream('');
      setStatus('');
    }
  };

  const stack = model.stack;
  const stepsOf = (turn: Turn): { step: StackState['steps'][number]; index: number }[] =>
    stack ? stack.steps.map((step, index) => ({ step, index })).filter(({ step }) => turn.stepIds.includes(step.id)) : [];

  return (
    <aside className="chat" data-testid="chat">
      <header className="chat-head">
        <h3>Retouch assistant</h3>
        {engine && (
          <select
            aria-label="Engine"
            value={engine.active}
            onChange={(e) => api.invoke('agent.setEngine', { engine: e.target.value }).then(setEngine, (err: Error) => setError(err.message))}
          >
            {engine.engines.map((e) => (
              <option key={e.id} value={e.id} disabled={!e.available}>
                {e.label}
              </option>
            ))}
          </select>
        )}
        <RuntimeOffer engine={engine?.engines.find((e) => e.needsRuntime)} onBuilt={() => api.invoke('agent.engines', {}).then(setEngine, () => {})} />
      </header>
      <div className="chat-log">
        {turns.length === 0 && !busy && (
          <p className="chat-empty">Describe the look you want. Each change arrives as a step with its reason, which you can switch off or undo.</p>
        )}
        {turns.map((turn) => {
          const steps = stepsOf(turn);
          const applied = steps.some(({ index }) => stack && index < stack.cursor);
          return (
            <div key={turn.turnId} className="turn">
              <div className="msg user">{turn.userText}</div>
              <AgentReply text={turn.reply} hasSteps={steps.length > 0} />
              {steps.map(({ step, index }) => (
                <div key={step.id} className={`step-card${step.enabled ? '' : ' off'}${stack && index >= stack.cursor ? ' undone' : ''}`} data-testid="agent-step">
                  <div className="step-title">{describeStep(step)}</div>
                  {step.reason && <div className="step-reason">{step.reason}</div>}
                  <div className="step-actions">
                    <label>
                      <input type="checkbox" checked={step.enabled} onChange={(e) => model.toggleStep(step.id, e.target.checked)} /> on
                    </label>
                    <button
                      data-testid="step-undo"
                      disabled={!stack || index >= stack.cursor || !step.enabled}
                      onClick={() => (stack && index === stack.cursor - 1 ? model.undo('step') : model.toggleStep(step.id, false))}
                    >
                      Undo
                    </button>
                  </div>
                </div>
              ))}
              {turn.critic && (
                <div className="critic" title={turn.critic.criteria.map((c) => `${c.name}: ${c.score.toFixed(2)} (${c.note})`).join('\n')}>
                  Critic {Math.round(turn.critic.score * 100)}/100 — {turn.critic.summary}
                </div>
              )}
              {steps.length > 0 && (
                <button data-testid="turn-undo" className="turn-undo" disabled={!applied} onClick={() => model.undo('turn')}>
                  Undo this turn
                </button>
              )}
            </div>
          );
        })}
        {busy && <div className="msg agent streaming">{stream || status || 'Thinking…'}</div>}
        {error && <div className="error">{error}</div>}
        <div ref={end} />
      </div>
      {suggestions.length > 0 && (
        <div className="suggestions">
          {suggestions.map((s) => (
            <button key={s} onClick={() => send(s)} disabled={busy}>
              {s}
            </button>
          ))}
        </div>
      )}
      <form
        className="chat-input"
        onSubmit={(e) => {
          e.preventDefault();
          void send(text);
        }}
      >
        <textarea
          data-testid="chat-input"
          rows={2}
          value={text}
          placeholder="Describe an edit: warmer, lift the shadows, a moodier sky…"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              void send(text);
            }
          }}
        />
        <button data-testid="chat-send" type="submit" className="primary" disabled={busy || !text.trim()}>
          Send
        </button>
      </form>
    </aside>
  );
}

/**
 * The agent's reply. When the turn has step cards (which already show each step and its reason,
 * and the critic line below them), the reply's first line leads and the rest folds away, so
 * the photographer does not read the same explanation three times.
 */
function AgentReply({ text, hasSteps }: { text: string; hasSteps: boolean }) {
  const [first, ...rest] = text.trim().split('\n');
  if (!hasSteps || rest.length === 0) return <div className="msg agent">{text}</div>;
  return (
    <div className="msg agent">
      {first}
      <details className="reply-details">
        <summary>Details</summary>
        {rest.join('\n')}
      </details>
    </div>
  );
}
