/**
 * The XMP packet an exported JPEG carries: title (dc:title), keywords (dc:subject), rating
 * (xmp:Rating), copyright (dc:rights) — those the settings ask for — and the creator tool.
 * Returns undefined when there is nothing to write.
 */
import { escapeXml } from '../../../shared/develop/xmp/xml.ts';

export interface ExportXmpFields {
  title?: string;
  keywords?: readonly string[];
  rating?: number;
  copyright?: string;
}

export function exportXmp(f: ExportXmpFields): string | undefined {
  const attrs: string[] = ['xmp:CreatorTool="Tonewright"'];
  const els: string[] = [];
  const alt = (key: string, text: string) =>
    els.push(`   <${key}><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(text)}</rdf:li></rdf:Alt></${key}>`);
  if (f.rating !== undefined && f.rating > 0) attrs.push(`xmp:Rating="${Math.max(0, Math.min(5, Math.round(f.rating)))}"`);
  if (f.title?.trim()) alt('dc:title', f.title.trim());
  if (f.copyright?.trim()) alt('dc:rights', f.copyright.trim());
  const kws = [...new Set((f.keywords ?? []).map((k) => k.trim()).filter(Boolean))];
  if (kws.length) els.push(`   <dc:subject><rdf:Bag>${kws.map((k) => `<rdf:li>${escapeXml(k)}</rdf:li>`).join('')}</rdf:Bag></dc:subject>`);
  if (attrs.length === 1 && els.length === 0) return undefined;
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    `  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" ${attrs.join(' ')}>`,
    ...els,
    '  </rdf:Description>',
    ' </rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}
