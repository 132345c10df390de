/**
 * Local adjustments ↔ Lightroom corrections (`crs:MaskGroupBasedCorrections`, and on read also the
 * pre-LR11 `crs:GradientBasedCorrections` / `crs:CircularGradientBasedCorrections`).
 *
 * One local adjustment = one Correction: its sliders are the `local` op's xmp mappings
 * (crs:Local*, −1..+1 as declared there), its components are CorrectionMasks:
 * - linear  ↔ Mask/Gradient: full effect at (FullX, FullY), none at (ZeroX, ZeroY);
 * - radial  ↔ Mask/CircularGradient: the ellipse's unrotated box Top/Left/Bottom/Right (fractions
 *   of the height/width), Angle, Feather; Flipped = the outside is selected (inside: false);
 * - mode    ↔ MaskBlendMode 0 add / 1 subtract / 2 intersect; invert ↔ MaskInverted.
 * Luminance and colour ranges (and a whole-mask invert) have no Lightroom spelling here, so the
 * complete mask is also written as JSON in `tw:Mask`; on read that copy wins when it is valid.
 */
import type { LocalAdjustment } from '../../pixel/pipeline/types.ts';
import type { Mask, MaskComponent, MaskMode } from '../mask.ts';
import { validateMask } from '../maskSpec.ts';
import { localOp } from '../ops/local.ts';
import type { StepInput } from '../stack.ts';
import type { NumberParamSpec } from '../types.ts';
import { asString, isStruct, type RdfStruct, type RdfValue } from './rdf.ts';
import { escapeXml } from './xml.ts';
import { formatNumber, parseBool, parseNumber } from './values.ts';

const MODE_CODE: Record<MaskMode, number> = { add: 0, subtract: 1, intersect: 2 };
const CODE_MODE: MaskMode[] = ['add', 'subtract', 'intersect'];
const coord = (v: number) => formatNumber(v);

/** Keys of a correction we read or that carry no setting. */
const CORRECTION_BOOKKEEPING = new Set([
  'crs:What', 'crs:CorrectionAmount', 'crs:CorrectionActive', 'crs:CorrectionName', 'crs:CorrectionSyncID',
  'crs:CorrectionMasks', 'crs:CorrectionReferenceX', 'crs:CorrectionReferenceY',
]);
/** Local sliders whose neutral value is not 0. */
const LOCAL_NEUTRAL: Record<string, number> = { 'crs:LocalCurveRefineSaturation': 100 };

export function writeCorrection(local: LocalAdjustment, indent: string): string {
  const attrs: string[] = ['crs:What="Correction"', 'crs:CorrectionAmount="1"', 'crs:CorrectionActive="true"'];
  if (local.mask.name) attrs.push(`crs:CorrectionName="${escapeXml(local.mask.name)}"`);
  const specs = localOp.params as Record<string, NumberParamSpec>;
  const mapped = new Set<string>();
  for (const m of localOp.xmp) {
    mapped.add(m.param);
    const v = Number(local.params[m.param] ?? specs[m.param]?.default ?? 0);
    attrs.push(`${m.key}="${formatNumber(v * (m.scale ?? 1), true)}"`);
  }
  for (const p of Object.keys(specs)) if (!mapped.has(p)) attrs.push(`tw:Local_${p}="${formatNumber(Number(local.params[p] ?? 0), true)}"`);
  attrs.push(`tw:Mask="${escapeXml(JSON.stringify(local.mask))}"`);
  const comps = local.mask.components.map((c) => writeComponent(c)).filter((s): s is string => s !== undefined);
  const i2 = indent + ' ';
  const lines = [`${indent}<rdf:li>`, `${i2}<rdf:Description`, ...attrs.map((a) => `${i2}  ${a}`)];
  lines[lines.length - 1] += '>';
  lines.push(`${i2} <crs:CorrectionMasks>`, `${i2}  <rdf:Seq>`);
  for (const c of comps) lines.push(`${i2}   <rdf:li ${c}/>`);
  lines.push(`${i2}  </rdf:Seq>`, `${i2} </crs:CorrectionMasks>`, `${i2}</rdf:Description>`, `${indent}</rdf:li>`);
  return lines.join('\n');
}

function writeComponent(c: MaskComponent): string | undefined {
  const common = `crs:MaskActive="true" crs:MaskBlendMode="${MODE_CODE[c.mode] ?? 0}" crs:MaskInverted="${c.invert ? 'true' : 'false'}" crs:MaskValue="1"`;
  const s = c.shape;
  if (s.type === 'linear')
    return `crs:What="Mask/Gradient" ${common} crs:ZeroX="${coord(s.x1)}" crs:ZeroY="${coord(s.y1)}" crs:FullX="${coord(s.x0)}" crs:FullY="${coord(s.y0)}"`;
  if (s.type === 'radial')
    return (
      `crs:What="Mask/CircularGradient" ${common} crs:Top="${coord(s.cy - s.ry)}" crs:Left="${coord(s.cx - s.rx)}" ` +
      `crs:Bottom="${coord(s.cy + s.ry)}" crs:Right="${coord(s.cx + s.rx)}" crs:Angle="${coord(s.angle)}" crs:Midpoint="50" ` +
      `crs:Roundness="0" crs:Feather="${coord(s.feather)}" crs:Flipped="${s.inside === false ? 'true' : 'false'}" crs:Version="2"`
    );
  return undefined; // luminance / colour: only in tw:Mask
}

export interface ReadCorrection {
  step?: StepInput;
  unmapped: string[];
  warnings: string[];
}

/** One Correction struct → a `local` step (or the reasons it could not be read). */
export function readCorrection(c: RdfStruct, where: string, fallbackId: string): ReadCorrection {
  const unmapped: string[] = [];
  const warnings: string[] = [];
  const amount = parseNumber(c['crs:CorrectionAmount']) ?? 1;
  const active = parseBool(c['crs:CorrectionActive']) ?? true;
  const specs = localOp.params as Record<string, NumberParamSpec>;
  const params: Record<string, number> = {};
  const known = new Set<string>(CORRECTION_BOOKKEEPING);
  for (const m of localOp.xmp) {
    known.add(m.key);
    const raw = parseNumber(c[m.key]);
    if (raw === undefined) continue;
    const spec = specs[m.param];
    const v = (raw / (m.scale ?? 1)) * amount;
    const clamped = Math.min(spec.max, Math.max(spec.min, v));
    if (clamped !== v) warnings.push(`${where} ${m.key}=${raw} is out of range; clamped`);
    params[m.param] = Math.round(clamped * 1e6) / 1e6;
  }
  for (const [k, v] of Object.entries(c)) {
    if (k.startsWith('tw:Local_')) {
      const p = k.slice(9);
      const n = parseNumber(v);
      if (specs[p] && n !== undefined) params[p] = n * amount;
      continue;
    }
    if (known.has(k) || k.startsWith('tw:')) continue;
    const n = parseNumber(v);
    if (n !== undefined && n === (LOCAL_NEUTRAL[k] ?? 0)) continue;
    unmapped.push(`${where} ${k}`);
  }

  let mask = maskFromTw(c['tw:Mask'], warnings, where);
  if (!mask) {
    const built = maskFromCrs(c['crs:CorrectionMasks'], where, fallbackId, asString(c['crs:CorrectionName']));
    unmapped.push(...built.unmapped);
    mask = built.mask;
  }
  if (!mask) return { unmapped, warnings };
  if (Object.keys(params).length === 0) return { unmapped, warnings };
  const step: StepInput = { op: 'local', params, mask, source: 'import' };
  if (!active) step.enabled = false;
  return { step, unmapped, warnings };
}

function maskFromTw(v: RdfValue | undefined, warnings: string[], where: string): Mask | undefined {
  const s = asString(v);
  if (s === undefined) return undefined;
  try {
    return validateMask(JSON.parse(s)).mask;
  } catch (e) {
    warnings.push(`${where} tw:Mask is not a valid mask (${(e as Error).message}); using the Lightroom mask`);
    return undefined;
  }
}

function maskFromCrs(v: RdfValue | undefined, where: string, id: string, name: string | undefined): { mask?: Mask; unmapped: string[] } {
  const unmapped: string[] = [];
  if (!Array.isArray(v) || v.length === 0) return { unmapped: [`${where}: no masks`] };
  const components: MaskComponent[] = [];
  for (const [i, item] of v.entries()) {
    if (!isStruct(item)) return { unmapped: [`${where} mask ${i + 1}: unreadable`] };
    if (parseBool(item['crs:MaskActive']) === false) continue;
    const what = asString(item['crs:What']) ?? '?';
    const comp = readComponent(item, what);
    if (!comp) return { unmapped: [`${where} ${what}`] }; // a component we cannot draw changes the whole mask
    components.push(comp.component);
    unmapped.push(...comp.unmapped.map((k) => `${where} ${what} ${k}`));
  }
  if (components.length === 0) return { unmapped: [`${where}: no active masks`] };
  try {
    const mask = validateMask({ id, ...(name ? { name } : {}), components }).mask;
    return { mask, unmapped };
  } catch (e) {
    return { unmapped: [`${where}: ${(e as Error).message}`] };
  }
}

function readComponent(m: RdfStruct, what: string): { component: MaskComponent; unmapped: string[] } | undefined {
  const num = (k: string) => parseNumber(m[`crs:${k}`]);
  const mode = CODE_MODE[num('MaskBlendMode') ?? 0] ?? 'add';
  const invert = parseBool(m['crs:MaskInverted']) ?? false;
  const unmapped: string[] = [];
  let component: MaskComponent;
  if (what === 'Mask/Gradient') {
    const [zx, zy, fx, fy] = ['ZeroX', 'ZeroY', 'FullX', 'FullY'].map(num);
    if ([zx, zy, fx, fy].some((x) => x === undefined)) return undefined;
    component = { shape: { type: 'linear', x0: fx!, y0: fy!, x1: zx!, y1: zy! }, mode };
  } else if (what === 'Mask/CircularGradient') {
    const [top, left, bottom, right] = ['Top', 'Left', 'Bottom', 'Right'].map(num);
    if ([top, left, bottom, right].some((x) => x === undefined)) return undefined;
    const flipped = parseBool(m['crs:Flipped']) ?? false;
    const rx = Math.max(0.001, Math.abs(right! - left!) / 2);
    const ry = Math.max(0.001, Math.abs(bottom! - top!) / 2);
    component = {
      shape: {
        type: 'radial',
        cx: (left! + right!) / 2,
        cy: (top! + bottom!) / 2,
        rx,
        ry,
        angle: num('Angle') ?? 0,
        feather: Math.min(100, Math.max(0, num('Feather') ?? 50)),
        inside: !flipped,
      },
      mode,
    };
    const mid = num('Midpoint');
    if (mid !== undefined && mid !== 50) unmapped.push('crs:Midpoint');
    const round = num('Roundness');
    if (round !== undefined && round !== 0) unmapped.push('crs:Roundness');
  } else return undefined;
  if (invert) component.invert = true;
  const value = num('MaskValue');
  if (value !== undefined && value !== 1 && mode === 'add') unmapped.push('crs:MaskValue');
  return { component, unmapped };
}

