/**
 * The selected mask: its components (mode add / subtract / intersect, invert, remove, the
 * range controls of luminance and colour ranges and a radial's feather and inside/outside —
 * all generated from the shape declarations in shared/develop/maskSpec.ts), components to add,
 * the whole mask's invert, and the local sliders generated from the `local` op's declaration.
 * Every change is one `local` step; a slider drag previews live and commits once.
 */
import { MASK_MODES, MASK_SHAPES } from '../../../../shared/develop/maskSpec.ts';
import type { Mask, MaskMode, MaskShape } from '../../../../shared/develop/mask.ts';
import { getOp } from '../../../../shared/develop/registry.ts';
import type { NumberParamSpec, ParamValues } from '../../../../shared/develop/types.ts';
import { Slider } from '../Slider.tsx';
import { invertMask, removeComponent, SHAPE_FIELD_DEFAULTS, shapeName, updateComponent, updateShape } from './maskEdit.ts';

/** Shape fields edited with sliders (the geometry of gradients is edited on the preview). */
const SLIDER_FIELDS: Partial<Record<MaskShape['type'], string[]>> = {
  radial: ['feather'],
  luminance: ['min', 'max', 'feather'],
  color: ['hue', 'hueRange', 'minSaturation', 'feather'],
};

function fieldSpec(type: MaskShape['type'], field: string, current: number): NumberParamSpec {
  const f = MASK_SHAPES[type].fields[field];
  const min = f.min ?? 0;
  const max = f.max ?? 1;
  const label = field.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());
  const def = SHAPE_FIELD_DEFAULTS[type]?.[field] ?? current;
  return { kind: 'number', label, description: f.description, min, max, default: def, step: max - min > 10 ? 1 : 0.01 };
}

interface Props {
  mask: Mask;
  params: ParamValues;
  addMode: MaskMode;
  onAddMode(mode: MaskMode): void;
  onAdd(kind: MaskShape['type']): void;
  onPreview(mask: Mask, params: ParamValues): void;
  onCommit(mask: Mask, params: ParamValues): void;
}

export function MaskEditor({ mask, params, addMode, onAddMode, onAdd, onPreview, onCommit }: Props) {
  const local = getOp('local')!;
  return (
    <div className="mask-editor" data-testid="mask-editor">
      <ol className="mask-components">
        {mask.components.map((c, i) => (
          <li key={i} data-testid="mask-component">
            <div className="component-head">
              <span>{shapeName(c.shape.type)}</span>
              {i > 0 && (
                <select data-testid="mask-component-mode" value={c.mode} onChange={(e) => onCommit(updateComponent(mask, i, { mode: e.target.value as MaskMode }), {})}>
                  {MASK_MODES.map((m) => (
                    <option key={m} value={m}>
                      {m}
                    </option>
                  ))}
                </select>
              )}
              <label className="checkbox" title="Invert this component">
                <input type="checkbox" data-testid="mask-component-invert" checked={!!c.invert} onChange={() => onCommit(updateComponent(mask, i, { invert: !c.invert }), {})} />
                Invert
              </label>
              {c.shape.type === 'radial' && (
                <label className="checkbox" title={MASK_SHAPES.radial.fields.inside.description}>
                  <input type="checkbox" checked={c.shape.inside} onChange={() => onCommit(updateShape(mask, i, { inside: !(c.shape as { inside: boolean }).inside }), {})} />
                  Inside
                </label>
              )}
              {mask.components.length > 1 && (
                <button data-testid="mask-component-remove" onClick={() => onCommit(removeComponent(mask, i), {})} title="Remove this component">
                  ✕
                </button>
              )}
            </div>
            {(SLIDER_FIELDS[c.shape.type] ?? []).map((field) => (
              <Slider
                key={field}
                op={`mask-${c.shape.type}`}
                param={field}
                spec={fieldSpec(c.shape.type, field, (c.shape as unknown as Record<string, number>)[field])}
                value={(c.shape as unknown as Record<string, number>)[field]}
                onPreview={(v) => onPreview(updateShape(mask, i, { [field]: v }), {})}
                onCommit={(v) => onCommit(updateShape(mask, i, { [field]: v }), {})}
              />
            ))}
          </li>
        ))}
      </ol>
      <div className="mask-add-component">
        <select data-testid="mask-add-mode" value={addMode} onChange={(e) => onAddMode(e.target.value as MaskMode)} title="How the next component combines with the mask">
          {MASK_MODES.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        {(['linear', 'radial', 'luminance', 'color'] as const).map((k) => (
          <button key={k} data-testid={`mask-component-add-${k}`} onClick={() => onAdd(k)} title={`${addMode} a ${shapeName(k).toLowerCase()}`}>
            + {shapeName(k).split(' ')[0]}
          </button>
        ))}
      </div>
      <label className="checkbox">
        <input type="checkbox" data-testid="mask-invert" checked={!!mask.invert} onChange={() => onCommit(invertMask(mask), {})} />
        Invert mask
      </label>
      <div className="op-block local-sliders" title={local.description}>
        {Object.entries(local.params).map(([param, spec]) => (
          <Slider
            key={param}
            op="local"
            param={param}
            spec={spec as NumberParamSpec}
            value={(params[param] as number) ?? (spec as NumberParamSpec).default}
            onPreview={(v) => onPreview(mask, { [param]: v })}
            onCommit={(v) => onCommit(mask, { [param]: v })}
          />
        ))}
      </div>
    </div>
  );
}
