/**
 * A small, strict-enough XML parser for XMP packets: elements, attributes, text, CDATA,
 * comments, processing instructions (<?xpacket …?>), a skipped DOCTYPE, the predefined and
 * numeric entities, and namespace resolution (xmlns / xmlns:p, scoped). No external entities,
 * no DTD expansion (so no entity bombs). Pure TS.
 *
 * Errors are XmlError with the line and column, e.g. "line 4, column 12: unclosed <rdf:li>".
 */

export interface XmlAttr {
  /** As written, e.g. "crs:Exposure2012". */
  name: string;
  /** Namespace URI ('' when none). */
  ns: string;
  local: string;
  value: string;
}

export interface XmlElement {
  name: string;
  ns: string;
  local: string;
  attrs: XmlAttr[];
  children: XmlNode[];
}

export type XmlNode = XmlElement | string;

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

const NAME_START = /[A-Za-z_:\u00C0-\uFFFF]/;
const NAME_CHAR = /[A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]/;

/** Parses a document and returns its root element. */
export function parseXml(text: string): XmlElement {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  const where = (at: number): string => {
    let line = 1;
    let col = 1;
    for (let k = 0; k < at && k < n; k++) {
      if (text.charCodeAt(k) === 10) {
        line++;
        col = 1;
      } else col++;
    }
    return `line ${line}, column ${col}`;
  };
  const fail = (msg: string, at = i): never => {
    throw new XmlError(`${where(at)}: ${msg}`);
  };

  const readName = (): string => {
    const start = i;
    if (i >= n || !NAME_START.test(text[i])) fail('expected a name');
    i++;
    while (i < n && NAME_CHAR.test(text[i])) i++;
    return text.slice(start, i);
  };
  const skipSpace = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const skipPast = (end: string, what: string) => {
    const at = text.indexOf(end, i);
    if (at < 0) fail(`unterminated ${what}`);
    i = at + end.length;
  };
  const skipDoctype = () => {
    // <!DOCTYPE … [ … ]>: skipped, internal subset included (never expanded).
    let depth = 0;
    for (; i < n; i++) {
      const c = text[i];
      if (c === '[') depth++;
      else if (c === ']') depth--;
      else if (c === '>' && depth <= 0) {
        i++;
        return;
      }
    }
    fail('unterminated DOCTYPE');
  };
  /** Skips comments, PIs, DOCTYPE and whitespace outside the root. */
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (text.startsWith('<?', i)) skipPast('?>', 'processing instruction');
      else if (text.startsWith('<!--', i)) skipPast('-->', 'comment');
      else if (text.startsWith('<!DOCTYPE', i)) skipDoctype();
      else return;
    }
  };

  interface Raw {
    name: string;
    attrs: { name: string; value: string }[];
    children: (Raw | string)[];
    at: number;
  }

  const parseElement = (): Raw => {
    const at = i;
    i++; // '<'
    const name = readName();
    const attrs: { name: string; value: string }[] = [];
    for (;;) {
      const before = i;
      skipSpace();
      if (text.startsWith('/>', i)) {
        i += 2;
        return { name, attrs, children: [], at };
      }
      if (text[i] === '>') {
        i++;
        break;
      }
      if (i === before) fail(`expected whitespace, ">" or "/>" in <${name}>`);
      const an = readName();
      skipSpace();
      if (text[i] !== '=') fail(`expected "=" after attribute ${an}`);
      i++;
      skipSpace();
      const q = text[i];
      if (q !== '"' && q !== "'") fail(`expected a quoted value for attribute ${an}`);
      const end = text.indexOf(q, i + 1);
      if (end < 0) fail(`unterminated value of attribute ${an}`);
      const raw = text.slice(i + 1, end);
      if (raw.includes('<')) fail(`"<" in the value of attribute ${an}`);
      if (attrs.some((a) => a.name === an)) fail(`duplicate attribute ${an}`);
      // Literal whitespace is normalised to spaces; character references (&#10;) are kept.
      attrs.push({ name: an, value: decodeEntities(raw.replace(/[\t\n\r]/g, ' '), (m) => fail(m)) });
      i = end + 1;
    }
    const children: (Raw | string)[] = [];
    let textBuf = '';
    const flush = () => {
      if (textBuf) children.push(textBuf);
      textBuf = '';
    };
    for (;;) {
      if (i >= n) fail(`unclosed <${name}>`, at);
      const lt = text.indexOf('<', i);
      if (lt < 0) fail(`unclosed <${name}>`, at);
      if (lt > i) {
        textBuf += decodeEntities(text.slice(i, lt), (m) => fail(m));
        i = lt;
      }
      if (text.startsWith('</', i)) {
        i += 2;
        const close = readName();
        if (close !== name) fail(`expected </${name}>, found </${close}>`);
        skipSpace();
        if (text[i] !== '>') fail(`expected ">" after </${close}`);
        i++;
        flush();
        return { name, attrs, children, at };
      }
      if (text.startsWith('<!--', i)) skipPast('-->', 'comment');
      else if (text.startsWith('<![CDATA[', i)) {
        const end = text.indexOf(']]>', i);
        if (end < 0) fail('unterminated CDATA section');
        textBuf += text.slice(i + 9, end);
        i = end + 3;
      } else if (text.startsWith('<?', i)) skipPast('?>', 'processing instruction');
      else {
        flush();
        children.push(parseElement());
      }
    }
  };

  skipMisc();
  if (text[i] !== '<') fail('no root element');
  const root = parseElement();
  skipMisc();
  // XMP packets are often padded with whitespace and a trailing <?xpacket end?>; anything else is junk.
  if (i < n && text.slice(i).trim() !== '' && text.slice(i).replace(/\0/g, '').trim() !== '') fail('content after the root element');
  return resolveNamespaces(root, new Map([['xml', XML_NS]]), fail);
}

function resolveNamespaces(
  raw: { name: string; attrs: { name: string; value: string }[]; children: unknown[]; at: number },
  outer: Map<string, string>,
  fail: (msg: string, at?: number) => never,
): XmlElement {
  let scope = outer;
  for (const a of raw.attrs) {
    if (a.name === 'xmlns' || a.name.startsWith('xmlns:')) {
      if (scope === outer) scope = new Map(outer);
      scope.set(a.name === 'xmlns' ? '' : a.name.slice(6), a.value);
    }
  }
  const split = (qname: string, isAttr: boolean): { ns: string; local: string } => {
    const c = qname.indexOf(':');
    if (c < 0) return { ns: isAttr ? '' : (scope.get('') ?? ''), local: qname };
    const prefix = qname.slice(0, c);
    const ns = scope.get(prefix);
    if (ns === undefined) fail(`undeclared namespace prefix "${prefix}" in ${qname}`, raw.at);
    return { ns: ns as string, local: qname.slice(c + 1) };
  };
  const attrs: XmlAttr[] = [];
  for (const a of raw.attrs) {
    if (a.name === 'xmlns' || a.name.startsWith('xmlns:')) continue;
    attrs.push({ name: a.name, ...split(a.name, true), value: a.value });
  }
  const children: XmlNode[] = raw.children.map((c) =>
    typeof c === 'string' ? c : resolveNamespaces(c as typeof raw, scope, fail),
  );
  return { name: raw.name, ...split(raw.name, false), attrs, children };
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(s: string, fail: (msg: string) => never): string {
  if (!s.includes('&')) return s;
  return s.replace(/&([^;&\s]{0,12});?/g, (m, body: string) => {
    if (!m.endsWith(';')) return fail(`bad entity reference "${m}"`);
    if (body in NAMED) return NAMED[body];
    let code = NaN;
    if (/^#x[0-9a-fA-F]+$/.test(body)) code = parseInt(body.slice(2), 16);
    else if (/^#[0-9]+$/.test(body)) code = parseInt(body.slice(1), 10);
    if (!(code >= 0 && code <= 0x10ffff)) return fail(`unknown entity "&${body};"`);
    return String.fromCodePoint(code);
  });
}

/** Escapes text for an attribute value or element content. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"'\n\r\t]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : c === "'" ? '&apos;' : `&#${c.charCodeAt(0)};`,
  );
}

/** Child elements of an element. */
export const elements = (e: XmlElement): XmlElement[] => e.children.filter((c): c is XmlElement => typeof c !== 'string');

/** The concatenated text of an element's direct text children. */
export const textOf = (e: XmlElement): string => e.children.filter((c): c is string => typeof c === 'string').join('');
