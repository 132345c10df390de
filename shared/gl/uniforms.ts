/**
 * Op uniforms for the generated shaders: the declarations a snippet makes
 * (`uniform <type> u_<id>_<name>[N];`) and the values its `uniforms(prepared)` returns, checked
 * against each other and turned into typed uploads. Pure.
 *
 * Conventions: numbers and booleans → float (or int/bool when declared so); arrays → the vecN
 * or float[N]/vecN[M] the snippet declares (length checked); `{ lut, channels }` → a sampler2D
 * table read by lut1/lut3/lut4 (see ./helpers.ts).
 */
import type { UniformValue } from '../develop/types.ts';

export interface UniformDecl {
  /** Full GLSL name, e.g. u_tone_exposure. */
  name: string;
  /** Key in the snippet's uniforms() result (name without the u_<id>_ prefix). */
  key: string;
  type: string;
  /** Array length, or 0 for a plain uniform. */
  array: number;
}

export type UniformUpload =
  | { kind: 'float' | 'int'; name: string; size: 1 | 2 | 3 | 4; data: Float32Array | Int32Array }
  | { kind: 'lut'; name: string; lut: Float32Array; channels: 1 | 3 | 4 };

const DECL = /^\s*uniform\s+(?:(?:highp|mediump|lowp)\s+)?(\w+)\s+(\w+)\s*(?:\[\s*(\d+)\s*\])?\s*;/gm;

/** Every `uniform` declaration of a snippet that belongs to op `id` (u_<id>_…). */
export function parseOpUniforms(id: string, source: string): UniformDecl[] {
  const prefix = `u_${id}_`;
  const out: UniformDecl[] = [];
  for (const m of source.matchAll(DECL)) {
    const [, type, name, arr] = m;
    if (!name.startsWith(prefix)) throw new Error(`op "${id}": uniform ${name} does not use the u_${id}_ prefix`);
    if (out.some((d) => d.name === name)) throw new Error(`op "${id}": uniform ${name} declared twice`);
    out.push({ name, key: name.slice(prefix.length), type, array: arr ? Number(arr) : 0 });
  }
  return out;
}

const VEC: Record<string, { kind: 'float' | 'int'; size: 1 | 2 | 3 | 4 }> = {
  float: { kind: 'float', size: 1 },
  vec2: { kind: 'float', size: 2 },
  vec3: { kind: 'float', size: 3 },
  vec4: { kind: 'float', size: 4 },
  int: { kind: 'int', size: 1 },
  ivec2: { kind: 'int', size: 2 },
  ivec3: { kind: 'int', size: 3 },
  ivec4: { kind: 'int', size: 4 },
  bool: { kind: 'int', size: 1 },
};

function isLut(v: UniformValue): v is { lut: Float32Array; channels: 1 | 3 | 4 } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'lut' in v;
}

/**
 * Typed uploads for an op: every declared uniform must get a value of a matching shape and every
 * value must be declared (a mismatch is a bug in the snippet, reported with the op id).
 */
export function opUploads(id: string, decls: readonly UniformDecl[], values: Record<string, UniformValue>): UniformUpload[] {
  const out: UniformUpload[] = [];
  for (const k of Object.keys(values))
    if (!decls.some((d) => d.key === k)) throw new Error(`op "${id}": uniforms() returns "${k}", which the snippet does not declare`);
  for (const d of decls) {
    const v = values[d.key];
    if (v === undefined) throw new Error(`op "${id}": the snippet declares ${d.name}, uniforms() gives no "${d.key}"`);
    if (d.type === 'sampler2D') {
      if (!isLut(v)) throw new Error(`op "${id}": ${d.name} is a sampler2D, the value is not a { lut, channels } table`);
      if (d.array) throw new Error(`op "${id}": sampler arrays are not supported (${d.name})`);
      if (v.lut.length % v.channels !== 0 || v.lut.length === 0) throw new Error(`op "${id}": ${d.name} has ${v.lut.length} values for ${v.channels} channels`);
      out.push({ kind: 'lut', name: d.name, lut: v.lut, channels: v.channels });
      continue;
    }
    const t = VEC[d.type];
    if (!t) throw new Error(`op "${id}": unsupported uniform type ${d.type} (${d.name})`);
    if (isLut(v)) throw new Error(`op "${id}": ${d.name} is declared ${d.type}, the value is a table`);
    const flat = typeof v === 'number' ? [v] : typeof v === 'boolean' ? [v ? 1 : 0] : Array.from(v as readonly number[]);
    const want = t.size * Math.max(1, d.array);
    if (flat.length !== want) throw new Error(`op "${id}": ${d.name} (${d.type}${d.array ? `[${d.array}]` : ''}) needs ${want} numbers, got ${flat.length}`);
    for (const x of flat) if (typeof x !== 'number' || !Number.isFinite(x)) throw new Error(`op "${id}": ${d.name} has a non-finite value`);
    out.push({ kind: t.kind, name: d.name, size: t.size, data: t.kind === 'int' ? Int32Array.from(flat, Math.round) : Float32Array.from(flat) });
  }
  return out;
}
