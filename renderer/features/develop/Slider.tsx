/**
 * One parameter slider generated from its declaration. Dragging previews live; releasing
 * commits one history step; double-click resets to the default (also one step).
 */
import { useEffect, useRef, useState } from 'react';
import type { NumberParamSpec } from '../../../shared/develop/types.ts';

interface Props {
  op: string;
  param: string;
  spec: NumberParamSpec;
  value: number;
  onPreview(value: number): void;
  onCommit(value: number): void;
}

function format(v: number, spec: NumberParamSpec): string {
  const decimals = spec.step >= 1 ? 0 : Math.min(3, Math.ceil(-Math.log10(spec.step)));
  const s = v.toFixed(decimals);
  const signed = spec.min < 0 && v > 0 ? `+${s}` : s;
  return spec.unit && spec.unit !== '%' ? `${signed} ${spec.unit}` : signed;
}

export function Slider({ op, param, spec, value, onPreview, onCommit }: Props) {
  const [draft, setDraft] = useState<number | null>(null);
  const ref = useRef<HTMLInputElement>(null);
  const latest = useRef({ value, onCommit });
  latest.current = { value, onCommit };
  useEffect(() => setDraft(null), [value]);
  // The native `change` event fires once when a drag (or a key press) ends: that is the step.
  useEffect(() => {
    const el = ref.current!;
    const onChange = () => {
      const v = Number(el.value);
      if (v !== latest.current.value) latest.current.onCommit(v);
    };
    el.addEventListener('change', onChange);
    return () => el.removeEventListener('change', onChange);
  }, []);
  const shown = draft ?? value;
  return (
    <div className={`slider${shown !== spec.default ? ' changed' : ''}`} title={spec.description}>
      <label htmlFor={`s-${op}-${param}`}>{spec.label}</label>
      <span className="value">{format(shown, spec)}</span>
      <input
        id={`s-${op}-${param}`}
        data-testid={`slider-${op}-${param}`}
        type="range"
        min={spec.min}
        max={spec.max}
        step={spec.step}
        value={shown}
        onInput={(e) => {
          const v = Number((e.target as HTMLInputElement).value);
          setDraft(v);
          onPreview(v);
        }}
        ref={ref}
        onChange={() => undefined}
        onDoubleClick={() => {
          setDraft(null);
          if (value !== spec.default) onCommit(spec.default);
        }}
      />
    </div>
  );
}
