import { describe, expect, it } from 'vitest';
import { XmlError, elements, escapeXml, parseXml, textOf } from './xml.ts';
import { readRdf } from './rdf.ts';

describe('parseXml', () => {
  it('parses elements, attributes, text, CDATA, comments and PIs with namespaces', () => {
    const doc = parseXml(`\uFEFF<?xml version="1.0"?><?xpacket begin="" id="x"?><!DOCTYPE a [ <!ENTITY e "boom"> ]>
      <a:root xmlns:a="urn:a" xmlns="urn:default" a:k='v &amp; &lt;w&gt; &#65;&#x42;'><!-- c --><child>t1<![CDATA[<raw>&amp;]]>t2</child><b:x xmlns:b="urn:b" attr="1"/></a:root>
      <?xpacket end="w"?>   `);
    expect(doc.ns).toBe('urn:a');
    expect(doc.local).toBe('root');
    expect(doc.attrs[0]).toMatchObject({ ns: 'urn:a', local: 'k', value: 'v & <w> AB' });
    const [child, x] = elements(doc);
    expect(child.ns).toBe('urn:default');
    expect(textOf(child)).toBe('t1<raw>&amp;t2');
    expect(x).toMatchObject({ ns: 'urn:b', local: 'x' });
    expect(x.attrs[0]).toMatchObject({ ns: '', local: 'attr', value: '1' });
  });

  it('reports malformed input with a position', () => {
    expect(() => parseXml('<a><b></a>')).toThrow(/line 1, column \d+: expected <\/b>, found <\/a>/);
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow(/duplicate attribute/);
    expect(() => parseXml('<p:a/>')).toThrow(/undeclared namespace prefix "p"/);
    expect(() => parseXml('<a>&bogus;</a>')).toThrow(XmlError);
    expect(() => parseXml('<a>\n<b>')).toThrow(/unclosed <b>|unclosed <a>/);
    expect(() => parseXml('<a/><b/>')).toThrow(/content after the root/);
    expect(() => parseXml('')).toThrow(/no root element/);
  });

  it('never expands DTD entities (no entity bombs)', () => {
    expect(() => parseXml('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>')).toThrow(/unknown entity/);
  });

  it('escapes what it must', () => {
    const s = `a&b<c>"d"'e'\n`;
    expect(parseXml(`<a v="${escapeXml(s)}"/>`).attrs[0].value).toBe(s);
  });
});

describe('readRdf', () => {
  const CRS = 'xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/"';
  const RDF = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"';
  it('reads attribute, element, Seq, parseType=Resource and nested-Description forms alike', () => {
    const props = readRdf(
      parseXml(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF ${RDF}>
        <rdf:Description rdf:about="" xmlns:c="http://ns.adobe.com/camera-raw-settings/1.0/" c:Exposure2012="+1.00"/>
        <rdf:Description rdf:about="" ${CRS}>
          <crs:Contrast2012>+20</crs:Contrast2012>
          <crs:ToneCurvePV2012><rdf:Seq><rdf:li>0, 0</rdf:li><rdf:li>255, 255</rdf:li></rdf:Seq></crs:ToneCurvePV2012>
          <crs:A rdf:parseType="Resource"><crs:B>1</crs:B></crs:A>
          <crs:C><rdf:Description crs:D="2"/></crs:C>
          <crs:L><rdf:Seq><rdf:li crs:What="Mask/Gradient"/><rdf:li><rdf:Description crs:What="x"/></rdf:li></rdf:Seq></crs:L>
        </rdf:Description></rdf:RDF></x:xmpmeta>`),
    );
    expect(props['crs:Exposure2012']).toBe('+1.00');
    expect(props['crs:Contrast2012']).toBe('+20');
    expect(props['crs:ToneCurvePV2012']).toEqual(['0, 0', '255, 255']);
    expect(props['crs:A']).toEqual({ 'crs:B': '1' });
    expect(props['crs:C']).toEqual({ 'crs:D': '2' });
    expect(props['crs:L']).toEqual([{ 'crs:What': 'Mask/Gradient' }, { 'crs:What': 'x' }]);
  });
});
