/**
 * The RDF subset XMP uses, read into plain values. A property of an rdf:Description can be
 * written as an attribute (`crs:Exposure2012="+0.50"`) or as a child element
 * (`<crs:Exposure2012>+0.50</crs:Exposure2012>`); arrays are rdf:Seq/Bag/Alt of rdf:li; a
 * structure is a nested rdf:Description, `rdf:parseType="Resource"`, or an element (or rdf:li)
 * carrying property attributes. Every form reads to the same value:
 *
 *   RdfValue = string | RdfValue[] | RdfStruct (a map of property keys to values)
 *
 * Property keys are "prefix:Local" for the namespaces we know (crs, tw — whatever prefix the
 * file used), and "{uri}Local" for any other.
 */
import { elements, textOf, type XmlElement } from './xml.ts';

export const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
export const CRS_NS = 'http://ns.adobe.com/camera-raw-settings/1.0/';
/** Tonewright's own namespace: what Lightroom has no key for. */
export const TW_NS = 'https://tonewright.app/ns/1.0/';
/** Older spelling of our namespace (used in shared/develop/ops/crop.ts's comment); read as tw. */
export const TW_NS_ALT = 'http://ns.tonewright.app/develop/1.0/';

const PREFIX_OF: Record<string, string> = { [CRS_NS]: 'crs', [TW_NS]: 'tw', [TW_NS_ALT]: 'tw' };

export type RdfValue = string | RdfValue[] | RdfStruct;
export interface RdfStruct {
  [key: string]: RdfValue;
}

export const keyOf = (ns: string, local: string): string => (PREFIX_OF[ns] ? `${PREFIX_OF[ns]}:${local}` : `{${ns}}${local}`);

const isRdf = (e: { ns: string; local: string }, local?: string) => e.ns === RDF_NS && (local === undefined || e.local === local);

/** Finds every top-level rdf:Description (under rdf:RDF, wherever that sits) and merges their properties. */
export function readRdf(root: XmlElement): RdfStruct {
  const out: RdfStruct = {};
  const visit = (e: XmlElement) => {
    if (isRdf(e, 'RDF')) {
      for (const d of elements(e)) if (isRdf(d, 'Description')) Object.assign(out, readStruct(d));
      return;
    }
    for (const c of elements(e)) visit(c);
  };
  if (isRdf(root, 'Description')) Object.assign(out, readStruct(root));
  else visit(root);
  return out;
}

/** Properties of a node element: its property attributes and its property elements. */
export function readStruct(e: XmlElement): RdfStruct {
  const out: RdfStruct = {};
  for (const a of e.attrs) {
    if (a.ns === RDF_NS || a.ns === 'http://www.w3.org/XML/1998/namespace' || a.ns === '') continue;
    out[keyOf(a.ns, a.local)] = a.value;
  }
  for (const c of elements(e)) out[keyOf(c.ns, c.local)] = readProperty(c);
  return out;
}

/** The value of a property element. */
export function readProperty(p: XmlElement): RdfValue {
  const kids = elements(p);
  const parseType = p.attrs.find((a) => a.ns === RDF_NS && a.local === 'parseType')?.value;
  if (parseType === 'Resource') return readStruct(p);
  const resource = p.attrs.find((a) => a.ns === RDF_NS && a.local === 'resource');
  if (resource && kids.length === 0) return resource.value;
  const container = kids.find((k) => isRdf(k, 'Seq') || isRdf(k, 'Bag') || isRdf(k, 'Alt'));
  if (container) return elements(container).filter((li) => isRdf(li, 'li')).map(readItem);
  const desc = kids.find((k) => isRdf(k, 'Description'));
  if (desc) return readStruct(desc);
  if (kids.length > 0) return readStruct(p);
  const props = p.attrs.filter((a) => a.ns !== RDF_NS && a.ns !== 'http://www.w3.org/XML/1998/namespace' && a.ns !== '');
  if (props.length > 0) return readStruct(p);
  const rdfValue = p.attrs.find((a) => a.ns === RDF_NS && a.local === 'value');
  return rdfValue ? rdfValue.value : textOf(p).trim();
}

/** An rdf:li: a plain value, or a structure in any of its spellings. */
function readItem(li: XmlElement): RdfValue {
  return readProperty(li);
}

export const isStruct = (v: RdfValue | undefined): v is RdfStruct => typeof v === 'object' && v !== null && !Array.isArray(v);
export const asString = (v: RdfValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
