/**
 * Effective settings → a Camera Raw (crs:) XMP sidecar Lightroom reads.
 *
 * Generic over the op declarations: every op's `xmp` mappings are written (all of them, defaults
 * included, as Lightroom itself does — an absent key would mean Lightroom's own default, e.g.
 * Sharpness 25 on raw files); point curves as rdf:Seq of "x, y"; local adjustments as
 * crs:MaskGroupBasedCorrections (./masks.ts). A param an op declares without any mapping is
 * written as `tw:<op>_<param>`, so nothing is lost even before someone maps it.
 */
import type { LocalAdjustment, ResolvedSettings } from '../../pixel/pipeline/types.ts';
import { isIdentityCurve } from '../ops/pointCurve.ts';
import { OPS } from '../registry.ts';
import type { AnyOp, CurvePoints, ParamSpec, ParamValue } from '../types.ts';
import { writeCorrection } from './masks.ts';
import { CRS_NS, RDF_NS, TW_NS } from './rdf.ts';
import { escapeXml } from './xml.ts';
import { formatBool, formatCurve, formatNumber, parseCurve, sameCurve } from './values.ts';

export const TW_XMP_VERSION = 1;

export interface WriteXmpOptions {
  /** Written as xmp:CreatorTool. */
  creatorTool?: string;
  /** Whether to wrap the packet in <?xpacket?> markers (default true; false for embedding in other XML). */
  packet?: boolean;
}

const isCurve = (v: unknown): v is CurvePoints => Array.isArray(v);

export function writeXmp(settings: ResolvedSettings, opts: WriteXmpOptions = {}): string {
  const attrs: string[] = [
    'crs:Version="15.0"',
    'crs:ProcessVersion="11.0"',
    'crs:HasSettings="True"',
    'crs:WhiteBalance="As Shot"',
    `tw:Version="${TW_XMP_VERSION}"`,
  ];
  if (opts.creatorTool) attrs.push(`xmp:CreatorTool="${escapeXml(opts.creatorTool)}"`);
  const elements: string[] = [];
  const ind = '   ';
  for (const op of OPS) {
    if (op.id === 'local') continue;
    const params = settings.ops[op.id] ?? {};
    writeOp(op, params, attrs, elements, ind);
  }
  const crop = settings.ops.crop;
  if (crop) attrs.push(`crs:HasCrop="${formatBool(!(OPS.find((o) => o.id === 'crop')?.isIdentity?.(crop) ?? true))}"`);
  const master = settings.ops.pointCurve?.master;
  attrs.push(`crs:ToneCurveName2012="${isCurve(master) && !isIdentityCurve(master) ? 'Custom' : 'Linear'}"`);
  if (settings.locals.length > 0) elements.push(correctionsXml(settings.locals, ind));

  const head = [
    ` <rdf:RDF xmlns:rdf="${RDF_NS}">`,
    `  <rdf:Description rdf:about=""`,
    `    xmlns:crs="${CRS_NS}"`,
    `    xmlns:tw="${TW_NS}"`,
    ...(opts.creatorTool ? [`    xmlns:xmp="http://ns.adobe.com/xap/1.0/"`] : []),
    ...attrs.map((a) => `    ${a}`),
  ];
  head[head.length - 1] += elements.length ? '>' : '/>';
  const body = [`<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Tonewright">`, ...head];
  if (elements.length) body.push(...elements, '  </rdf:Description>');
  body.push(' </rdf:RDF>', '</x:xmpmeta>');
  const xml = body.join('\n') + '\n';
  return opts.packet === false ? xml : `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>\n${xml}<?xpacket end="w"?>\n`;
}

function writeOp(op: AnyOp, params: Record<string, ParamValue>, attrs: string[], elements: string[], ind: string): void {
  const specs = op.params as Record<string, ParamSpec>;
  const mapped = new Set<string>();
  for (const m of op.xmp) {
    mapped.add(m.param);
    const spec = specs[m.param];
    if (!spec) continue;
    const v = params[m.param] ?? spec.default;
    if (spec.kind === 'curve') {
      const pts = isCurve(v) ? v : spec.default;
      const items = formatCurve(pts);
      elements.push(seqXml(m.key, items, ind));
      // Lightroom's 0..255 whole numbers round our points: keep the exact curve beside it.
      if (!sameCurve(parseCurve(items), pts)) attrs.push(`tw:${op.id}_${m.param}="${escapeXml(JSON.stringify(pts))}"`);
    }
    else attrs.push(`${m.key}="${scalar(spec, v, m.scale ?? 1)}"`);
  }
  for (const [name, spec] of Object.entries(specs)) {
    if (mapped.has(name)) continue;
    const v = params[name] ?? spec.default;
    const key = `tw:${op.id}_${name}`;
    attrs.push(`${key}="${escapeXml(spec.kind === 'curve' ? JSON.stringify(v) : scalar(spec, v, 1))}"`);
  }
}

function scalar(spec: ParamSpec, v: ParamValue, scale: number): string {
  if (spec.kind === 'boolean') return formatBool(v === true);
  if (spec.kind === 'number') return formatNumber((typeof v === 'number' ? v : spec.default) * scale, spec.min < 0);
  return '';
}

function seqXml(key: string, items: string[], ind: string): string {
  return [`${ind}<${key}>`, `${ind} <rdf:Seq>`, ...items.map((i) => `${ind}  <rdf:li>${escapeXml(i)}</rdf:li>`), `${ind} </rdf:Seq>`, `${ind}</${key}>`].join('\n');
}

function correctionsXml(locals: readonly LocalAdjustment[], ind: string): string {
  return [
    `${ind}<crs:MaskGroupBasedCorrections>`,
    `${ind} <rdf:Seq>`,
    ...locals.map((l) => writeCorrection(l, ind + '  ')),
    `${ind} </rdf:Seq>`,
    `${ind}</crs:MaskGroupBasedCorrections>`,
  ].join('\n');
}
