/**
 * The crop tool's controls, shown under the develop toolbar while it is open: aspect presets
 * and lock, the straighten angle (double-click resets it), swap orientation (X), quarter turns,
 * flips, reset, cancel (Esc) and done (Enter or R).
 */
import { getOp } from '../../../../shared/develop/registry.ts';
import type { NumberParamSpec } from '../../../../shared/develop/types.ts';
import { ASPECT_PRESETS, type AspectPreset, type CropTool } from './useCropTool.ts';

export function CropToolbar({ tool, onDone }: { tool: CropTool; onDone(): void }) {
  const angle = getOp('crop')!.params.angle as NumberParamSpec;
  const value = tool.draft?.rect.angle ?? 0;
  return (
    <div className="crop-toolbar" data-testid="crop-toolbar">
      <label title="Aspect ratio of the crop (long side : short side, in the crop's orientation)">
        <select data-testid="crop-aspect" value={tool.preset} onChange={(e) => tool.choosePreset(e.target.value as AspectPreset)}>
          {ASPECT_PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <label className="checkbox" title="Keep the aspect ratio while dragging (hold Shift for a moment's lock)">
        <input type="checkbox" data-testid="crop-lock" checked={tool.locked} onChange={(e) => tool.setLocked(e.target.checked)} />
        Lock
      </label>
      <button data-testid="crop-swap" onClick={tool.swap} title="Swap portrait / landscape (X)">
        ⤾
      </button>
      <label className="crop-angle" title={angle.description}>
        <span>Angle</span>
        <input
          type="range"
          data-testid="crop-angle"
          min={angle.min}
          max={angle.max}
          step={angle.step}
          value={value}
          onChange={(e) => tool.setAngle(Number(e.target.value))}
          onDoubleClick={() => tool.setAngle(0)}
        />
        <span className="value">{value.toFixed(1)}°</span>
      </label>
      <button data-testid="crop-rotate-left" onClick={() => tool.turn(-1)} title="Rotate 90° left">
        ⟲
      </button>
      <button data-testid="crop-rotate-right" onClick={() => tool.turn(1)} title="Rotate 90° right">
        ⟳
      </button>
      <button data-testid="crop-flip-h" className={tool.draft?.flipH ? 'active' : ''} onClick={() => tool.flip('h')} title="Flip horizontal">
        ⇋
      </button>
      <button data-testid="crop-flip-v" className={tool.draft?.flipV ? 'active' : ''} onClick={() => tool.flip('v')} title="Flip vertical">
        ⇵
      </button>
      <span className="spacer" />
      <button data-testid="crop-reset" onClick={tool.reset} title="Reset the crop (or double-click the picture)">
        Reset
      </button>
      <button data-testid="crop-cancel" onClick={tool.close} title="Cancel (Esc)">
        Cancel
      </button>
      <button data-testid="crop-done" className="primary" onClick={onDone} title="Apply the crop (Enter)">
        Done
      </button>
    </div>
  );
}
