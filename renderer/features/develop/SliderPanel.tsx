/**
 * The develop panel: every operation's controls, grouped like Lightroom, generated from the
 * declarations in shared/develop (labels, ranges, steps, units, descriptions as tooltips).
 */
import { useState } from 'react';
import { OPS } from '../../../shared/develop/registry.ts';
import { GROUPS, type Group, type NumberParamSpec, type ParamSpec, type CurvePoints } from '../../../shared/develop/types.ts';
import type { ResolvedSettings } from '../../../shared/develop/defaults.ts';
import { Slider } from './Slider.tsx';
import { CurveEditor } from './CurveEditor.tsx';

const GROUP_LABELS: Record<Group, string> = {
  whiteBalance: 'White balance',
  basic: 'Basic',
  presence: 'Presence',
  toneCurve: 'Tone curve',
  hsl: 'HSL / Colour',
  colorGrading: 'Colour grading',
  blackWhite: 'Black & white',
  detail: 'Detail',
  effects: 'Effects',
  geometry: 'Crop & geometry',
  local: 'Masks',
};

interface Props {
  settings: ResolvedSettings;
  onPreview(op: string, param: string, value: unknown): void;
  onCommit(op: string, param: string, value: unknown): void;
}

export function SliderPanel({ settings, onPreview, onCommit }: Props) {
  const [closed, setClosed] = useState<Set<Group>>(new Set(['geometry', 'detail', 'colorGrading', 'blackWhite']));
  const toggle = (g: Group) =>
    setClosed((s) => {
      const n = new Set(s);
      if (n.has(g)) n.delete(g);
      else n.add(g);
      return n;
    });
  return (
    <div className="slider-panel" data-testid="slider-panel">
      {GROUPS.filter((g) => g !== 'local').map((group) => {
        const ops = OPS.filter((o) => o.group === group);
        if (!ops.length) return null;
        const open = !closed.has(group);
        return (
          <section key={group} className="panel-group">
            <h3 onClick={() => toggle(group)} className={open ? 'open' : ''}>
              {GROUP_LABELS[group]}
            </h3>
            {open &&
              ops.map((op) => (
                <div key={op.id} className="op-block" title={op.description}>
                  {ops.length > 1 && <h4>{op.label}</h4>}
                  {(Object.entries(op.params) as [string, ParamSpec][]).map(([param, spec]) => {
                    const value = settings.ops[op.id]?.[param] ?? spec.default;
                    if (spec.kind === 'number')
                      return (
                        <Slider
                          key={param}
                          op={op.id}
                          param={param}
                          spec={spec as NumberParamSpec}
                          value={value as number}
                          onPreview={(v) => onPreview(op.id, param, v)}
                          onCommit={(v) => onCommit(op.id, param, v)}
                        />
                      );
                    if (spec.kind === 'boolean')
                      return (
                        <label key={param} className="checkbox" title={spec.description}>
                          <input type="checkbox" data-testid={`slider-${op.id}-${param}`} checked={value as boolean} onChange={(e) => onCommit(op.id, param, e.target.checked)} />
                          {spec.label}
                        </label>
                      );
                    return (
                      <CurveEditor
                        key={param}
                        label={spec.label}
                        testId={`slider-${op.id}-${param}`}
                        points={value as CurvePoints}
                        onPreview={(pts) => onPreview(op.id, param, pts)}
                        onCommit={(pts) => onCommit(op.id, param, pts)}
                      />
                    );
                  })}
                </div>
              ))}
          </section>
        );
      })}
    </div>
  );
}
