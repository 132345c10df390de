/**
 * A Lightroom / Camera Raw XMP (sidecar or embedded packet) → edit steps (`source: 'import'`).
 *
 * Generic over the op declarations' `xmp` mappings (crs: and tw: keys), attribute or element
 * form alike (./rdf.ts). One step per op whose values differ from its defaults (the step sets
 * every param the file gives for that op), in pipeline order, then one `local` step per
 * correction (./masks.ts). Crop keys count only with crs:HasCrop="True" (when the file says).
 *
 * `unmapped` lists what the file sets that we cannot reproduce: unknown crs: keys with a
 * non-neutral value, the pre-2012 tone controls of an old process version (crs:Exposure,
 * crs:Brightness, …), a raw white balance in Kelvin, brush / AI masks. Bookkeeping keys and
 * keys at their neutral value are not reported.
 */
import { defaultParams } from '../params.ts';
import { OPS } from '../registry.ts';
import type { StepInput } from '../stack.ts';
import type { AnyOp, CurvePoints, ParamSpec, ParamValue, ParamValues } from '../types.ts';
import { readCorrection } from './masks.ts';
import { asString, isStruct, readRdf, type RdfStruct, type RdfValue } from './rdf.ts';
import { parseXml } from './xml.ts';
import { formatCurve, isLinearCurve, parseBool, parseCurve, parseNumber, sameCurve } from './values.ts';

export interface XmpImport {
  steps: StepInput[];
  /** Keys (or mask descriptions) the file sets that could not be mapped. */
  unmapped: string[];
  /** Values that were read but adjusted (clamped), one line each. */
  warnings: string[];
}

interface Target {
  op: AnyOp;
  param: string;
  spec: ParamSpec;
  scale: number;
}

const CORRECTION_KEYS = ['crs:MaskGroupBasedCorrections', 'crs:GradientBasedCorrections', 'crs:CircularGradientBasedCorrections'];
const CROP_KEYS = new Set(['top', 'left', 'bottom', 'right', 'angle']);
/** Keys that carry no develop setting, or that we read specially. */
const BOOKKEEPING = new Set(
  [
    'Version', 'ProcessVersion', 'CompatibleVersion', 'HasSettings', 'HasCrop', 'AlreadyApplied', 'WhiteBalance', 'Temperature', 'Tint',
    'CameraProfile', 'CameraProfileDigest', 'ToneCurveName', 'ToneCurveName2010', 'ToneCurveName2012', 'CropConstrainToWarp',
    'CropConstrainToUnitSquare', 'CropUnit', 'CropWidth', 'CropHeight', 'RawFileName', 'GrainSeed', 'Look', 'LookName',
    'OverrideLookVignette', 'UprightVersion', 'UprightPreview', 'UprightTransform_0', 'UprightTransform_1', 'UprightTransform_2',
    'UprightTransform_3', 'UprightTransform_4', 'UprightTransform_5', 'UprightTransformCount', 'UprightFourSegments_0',
    'UprightFourSegments_1', 'UprightFourSegments_2', 'UprightFourSegments_3', 'UprightFocalMode', 'UprightFocalLength35mm',
    'UprightCenterMode', 'UprightCenterNormX', 'UprightCenterNormY', 'PostCropVignetteStyle', 'LensProfileSetup', 'LensProfileName',
    'LensProfileFilename', 'LensProfileDigest', 'LensProfileIsEmbedded', 'LensProfileDistortionScale', 'LensProfileVignettingScale',
    'LensProfileChromaticAberrationScale', 'LensManualDistortionAmount', 'PerspectiveScale', 'PerspectiveAspect', 'PerspectiveUpright',
    'DefringePurpleHueLo', 'DefringePurpleHueHi', 'DefringeGreenHueLo', 'DefringeGreenHueHi', 'ColorNoiseReductionSmoothness',
    'CurveRefineSaturation', 'SupportsAmount', 'SupportsColor', 'SupportsMonochrome', 'SupportsHighDynamicRange',
    'SupportsNormalDynamicRange', 'SupportsSceneReferred', 'SupportsOutputReferred', 'Copyright', 'ContactInfo', 'PresetType', 'Cluster',
    'UUID', 'Name', 'ShortName', 'SortName', 'Group', 'Description', 'RequiresRGBTables', 'CameraModelRestriction',
    'AutoToneDigest', 'AutoWhiteVersion', 'HDREditMode', 'SDRBrightness', 'SDRContrast', 'SDRClarity', 'SDRHighlights', 'SDRShadows',
    'SDRWhites', 'SDRBlend', 'ToneMapStrength',
  ].map((k) => `crs:${k}`),
);
/** The tone controls of process versions before 2012 (PV2003/PV2010): a different tone model. */
const LEGACY_TONE = new Set(['Exposure', 'Brightness', 'Contrast', 'Shadows', 'FillLight', 'HighlightRecovery', 'Clarity', 'ToneCurve'].map((k) => `crs:${k}`));

let index: Map<string, Target> | undefined;
function targets(): Map<string, Target> {
  if (index) return index;
  index = new Map();
  for (const op of OPS) {
    if (op.id === 'local') continue;
    const specs = op.params as Record<string, ParamSpec>;
    const mapped = new Set<string>();
    for (const m of op.xmp) {
      if (!specs[m.param]) continue;
      mapped.add(m.param);
      index.set(m.key, { op, param: m.param, spec: specs[m.param], scale: m.scale ?? 1 });
    }
    for (const [p, spec] of Object.entries(specs)) if (!mapped.has(p)) index.set(`tw:${op.id}_${p}`, { op, param: p, spec, scale: 1 });
  }
  return index;
}

/** Parses an XMP packet or sidecar. Throws XmlError when the XML itself is malformed. */
export function readXmp(text: string): XmpImport {
  return readXmpProperties(readRdf(parseXml(text)));
}

export function readXmpProperties(props: RdfStruct): XmpImport {
  const unmapped: string[] = [];
  const warnings: string[] = [];
  const perOp = new Map<string, ParamValues>();
  const pv = parseNumber(props['crs:ProcessVersion']);
  const oldProcess = pv !== undefined && pv < 6.7;
  const hasCrop = parseBool(props['crs:HasCrop']);
  const idx = targets();
  const exact = new Map<string, RdfValue>();

  for (const [key, value] of Object.entries(props)) {
    const t = idx.get(key);
    if (t) {
      if (t.op.id === 'crop' && CROP_KEYS.has(t.param) && hasCrop === false) continue;
      const v = convert(t, value, key, warnings);
      if (v === undefined) {
        unmapped.push(key);
        continue;
      }
      let params = perOp.get(t.op.id);
      if (!params) perOp.set(t.op.id, (params = {}));
      params[t.param] = v;
      continue;
    }
    if (key.startsWith('tw:')) {
      exact.set(key, value);
      continue;
    }
    if (CORRECTION_KEYS.includes(key) || !key.startsWith('crs:')) continue;
    if (LEGACY_TONE.has(key)) {
      if (oldProcess || !isNeutral(value)) unmapped.push(key);
      continue;
    }
    if (BOOKKEEPING.has(key)) continue;
    if (!isNeutral(value)) unmapped.push(key);
  }
  whiteBalanceNotes(props, unmapped);
  preferExactCurves(perOp, exact);

  const steps: StepInput[] = [];
  for (const op of OPS) {
    const params = perOp.get(op.id);
    if (!params) continue;
    const defaults = defaultParams(op);
    const changed = Object.entries(params).some(([k, v]) => !sameValue(v, defaults[k]));
    if (changed) steps.push({ op: op.id, params, source: 'import' });
  }
  let n = 0;
  for (const key of CORRECTION_KEYS) {
    const list = props[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      unmapped.push(key);
      continue;
    }
    for (const item of list) {
      n++;
      const where = `${key.slice(4)}[${n}]`;
      if (!isStruct(item)) {
        unmapped.push(`${where}: unreadable`);
        continue;
      }
      const sync = asString(item['crs:CorrectionSyncID']);
      const r = readCorrection(item, where, sync && sync.length <= 64 ? sync : `xmp-${n}`);
      unmapped.push(...r.unmapped);
      warnings.push(...r.warnings);
      if (r.step) steps.push(r.step);
    }
  }
  return { steps, unmapped, warnings };
}

function convert(t: Target, value: RdfValue, key: string, warnings: string[]): ParamValue | undefined {
  const { spec } = t;
  if (spec.kind === 'boolean') return parseBool(value);
  if (spec.kind === 'curve') {
    if (key.startsWith('tw:') && typeof value === 'string') {
      try {
        const pts = JSON.parse(value) as unknown;
        return Array.isArray(pts) ? (pts as [number, number][]) : undefined;
      } catch {
        return undefined;
      }
    }
    return parseCurve(value);
  }
  const raw = parseNumber(value);
  if (raw === undefined) return undefined;
  const v = raw / t.scale;
  const c = Math.min(spec.max, Math.max(spec.min, v));
  if (c !== v) warnings.push(`${key}=${raw} is out of range [${spec.min * t.scale}, ${spec.max * t.scale}]; clamped`);
  return Math.round(c * 1e6) / 1e6;
}

function sameValue(a: ParamValue, b: ParamValue | undefined): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

/** Zero, False, empty, a straight curve: a key at such a value changes nothing. */
function isNeutral(v: RdfValue): boolean {
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' || parseNumber(t) === 0 || parseBool(t) === false;
  }
  if (Array.isArray(v)) return v.length === 0 || isLinearCurve(v);
  return Object.values(v).every(isNeutral);
}

function whiteBalanceNotes(props: RdfStruct, unmapped: string[]): void {
  const wb = asString(props['crs:WhiteBalance'])?.trim();
  if (wb === undefined || wb === 'As Shot') return;
  // Raw white balance is absolute (Kelvin); ours is incremental on the rendered file.
  unmapped.push(`crs:WhiteBalance (${wb})`);
  for (const k of ['crs:Temperature', 'crs:Tint']) if (props[k] !== undefined) unmapped.push(k);
}

/**
 * A curve written by us carries its exact points in `tw:<op>_<param>` beside Lightroom's rounded
 * 0..255 ones; the exact copy wins while it still rounds to what the crs: key says (so a curve
 * edited in Lightroom since is taken from the crs: key).
 */
function preferExactCurves(perOp: Map<string, ParamValues>, exact: Map<string, RdfValue>): void {
  for (const [opId, params] of perOp) {
    for (const [param, v] of Object.entries(params)) {
      if (!Array.isArray(v)) continue;
      const raw = asString(exact.get(`tw:${opId}_${param}`));
      if (raw === undefined) continue;
      let pts: unknown;
      try {
        pts = JSON.parse(raw);
      } catch {
        continue;
      }
      if (!isCurvePoints(pts)) continue;
      if (sameCurve(parseCurve(formatCurve(pts)), v as CurvePoints)) params[param] = pts;
    }
  }
}

const isCurvePoints = (v: unknown): v is [number, number][] =>
  Array.isArray(v) && v.length >= 2 && v.every((p) => Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === 'number' && Number.isFinite(x)));
