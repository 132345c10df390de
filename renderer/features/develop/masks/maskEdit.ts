/**
 * Building and changing masks from the masks panel and the preview, pure: a new mask from its
 * first component, adding / removing / changing components, inverting. Every function returns
 * a new Mask; the caller records it as one `local` step (shared/develop/stack.ts groups steps
 * by mask id, and a later step's mask replaces the earlier one).
 */
import { MAX_MASK_COMPONENTS, type Mask, type MaskComponent, type MaskMode, type MaskShape } from '../../../../shared/develop/mask.ts';

const KIND_NAMES: Record<MaskShape['type'], string> = { linear: 'Linear gradient', radial: 'Radial gradient', luminance: 'Luminance range', color: 'Colour range' };

export function shapeName(type: MaskShape['type']): string {
  return KIND_NAMES[type];
}

/** A fresh id that no mask in `existing` has. */
export function newMaskId(existing: readonly Mask[], random: () => number = Math.random): string {
  for (;;) {
    const id = `m-${Math.floor(random() * 36 ** 6).toString(36).padStart(6, '0')}`;
    if (!existing.some((m) => m.id === id)) return id;
  }
}

export function newMask(shape: MaskShape, existing: readonly Mask[], random?: () => number): Mask {
  const n = existing.filter((m) => m.components[0]?.shape.type === shape.type).length + 1;
  return { id: newMaskId(existing, random), name: `${KIND_NAMES[shape.type]} ${n}`, components: [{ shape, mode: 'add' }] };
}

/** The default luminance range: the brighter half, soft ends. */
export const DEFAULT_LUMINANCE: MaskShape = { type: 'luminance', min: 0.5, max: 1, feather: 50 };

/**
 * What a double-click on a mask shape's slider resets to (the values a new shape starts with;
 * a colour range's hue has none: it is where the user clicked).
 */
export const SHAPE_FIELD_DEFAULTS: Partial<Record<MaskShape['type'], Record<string, number>>> = {
  radial: { feather: 50 },
  luminance: { min: 0.5, max: 1, feather: 50 },
  color: { hueRange: 30, minSaturation: 0.05, feather: 50 },
};

export function addComponent(mask: Mask, shape: MaskShape, mode: MaskMode): Mask {
  if (mask.components.length >= MAX_MASK_COMPONENTS) throw new Error(`a mask holds at most ${MAX_MASK_COMPONENTS} components`);
  return { ...mask, components: [...mask.components, { shape, mode }] };
}

export function updateComponent(mask: Mask, index: number, change: Partial<MaskComponent>): Mask {
  if (index < 0 || index >= mask.components.length) throw new Error(`mask "${mask.id}" has no component ${index + 1}`);
  return { ...mask, components: mask.components.map((c, i) => (i === index ? { ...c, ...change } : c)) };
}

export function updateShape(mask: Mask, index: number, change: Record<string, number | boolean>): Mask {
  const c = mask.components[index];
  if (!c) throw new Error(`mask "${mask.id}" has no component ${index + 1}`);
  return updateComponent(mask, index, { shape: { ...c.shape, ...change } as MaskShape });
}

export function removeComponent(mask: Mask, index: number): Mask {
  if (mask.components.length <= 1) throw new Error('a mask needs at least one component');
  return { ...mask, components: mask.components.filter((_, i) => i !== index) };
}

export function invertMask(mask: Mask): Mask {
  return { ...mask, invert: !mask.invert };
}
