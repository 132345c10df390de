/**
 * A deliberately small YAML reader for configuration files we write ourselves (block mappings,
 * block sequences, plain/quoted scalars, flow sequences of scalars, comments). Anything beyond
 * that — anchors, aliases, block scalars, tags, flow mappings, tabs — throws instead of being
 * misread, so the packaging test fails loudly if the config outgrows it.
 */
export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

interface Line {
  indent: number;
  text: string;
  no: number;
}

function stripComment(text: string): string {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      if (i === 0 || /[\s:[,-]/.test(text[i - 1])) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      return text.slice(0, i);
    }
  }
  return text;
}

export function parseScalar(raw: string, no = 0): YamlValue {
  const s = raw.trim();
  if (s === '' || s === '~' || s === 'null') return null;
  if (s === 'true') return true;
  if (s === 'false') return false;
  if (/^[&*!|>]/.test(s) || s.startsWith('{')) throw new Error(`mini-yaml: unsupported syntax on line ${no}: ${s}`);
  if (s.startsWith('"')) {
    if (!s.endsWith('"') || s.length < 2) throw new Error(`mini-yaml: unterminated string on line ${no}`);
    return JSON.parse(s) as string;
  }
  if (s.startsWith("'")) {
    if (!s.endsWith("'") || s.length < 2) throw new Error(`mini-yaml: unterminated string on line ${no}`);
    return s.slice(1, -1).replace(/''/g, "'");
  }
  if (s.startsWith('[')) {
    if (!s.endsWith(']')) throw new Error(`mini-yaml: unterminated flow sequence on line ${no}`);
    const inner = s.slice(1, -1).trim();
    return inner === '' ? [] : inner.split(',').map((x) => parseScalar(x, no));
  }
  if (/^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i.test(s)) return Number(s);
  return s;
}

/** Split `key: value` (the key may be quoted); null if the text is not a mapping entry. */
function splitKey(text: string): [string, string] | null {
  const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s"'#][^:#]*?)\s*:(?:\s+(.*))?$/.exec(text);
  if (!m) return null;
  const key = parseScalar(m[1]);
  return [String(key), m[2] ?? ''];
}

export function parseYaml(source: string): YamlValue {
  const lines: Line[] = [];
  source.split(/\r?\n/).forEach((rawLine, i) => {
    if (/^\s*\t/.test(rawLine)) throw new Error(`mini-yaml: tab indentation on line ${i + 1}`);
    const text = stripComment(rawLine).trimEnd();
    if (text.trim() === '' || text.trim() === '---') return;
    lines.push({ indent: text.length - text.trimStart().length, text: text.trim(), no: i + 1 });
  });
  let pos = 0;

  const isItem = (l: Line): boolean => l.text === '-' || l.text.startsWith('- ');

  function parseBlock(indent: number): YamlValue {
    const first = lines[pos];
    if (!first || first.indent < indent) return null;
    return isItem(first) ? parseSequence(first.indent) : parseMapping(first.indent);
  }

  function parseSequence(indent: number): YamlValue[] {
    const out: YamlValue[] = [];
    while (pos < lines.length && lines[pos].indent === indent && isItem(lines[pos])) {
      const line = lines[pos];
      const rest = line.text.slice(1).trim();
      if (rest === '') {
        pos++;
        out.push(parseBlock(indent + 1));
      } else if (splitKey(rest) && !/^["'[]/.test(rest)) {
        // "- key: value" starts a mapping whose other keys sit at indent + 2.
        lines[pos] = { indent: indent + 2, text: rest, no: line.no };
        out.push(parseMapping(indent + 2));
      } else {
        pos++;
        out.push(parseScalar(rest, line.no));
      }
    }
    return out;
  }

  function parseMapping(indent: number): { [key: string]: YamlValue } {
    const out: { [key: string]: YamlValue } = {};
    while (pos < lines.length && lines[pos].indent === indent && !isItem(lines[pos])) {
      const line = lines[pos];
      const kv = splitKey(line.text);
      if (!kv) throw new Error(`mini-yaml: expected "key: value" on line ${line.no}: ${line.text}`);
      const [key, rest] = kv;
      if (Object.hasOwn(out, key)) throw new Error(`mini-yaml: duplicate key "${key}" on line ${line.no}`);
      pos++;
      if (rest.trim() !== '') {
        out[key] = parseScalar(rest, line.no);
      } else {
        const next = lines[pos];
        // A sequence may sit at the key's own indent ("key:\n- a").
        if (next && (next.indent > indent || (next.indent === indent && isItem(next)))) out[key] = parseBlock(next.indent);
        else out[key] = null;
      }
    }
    if (pos < lines.length && lines[pos].indent > indent) {
      throw new Error(`mini-yaml: unexpected indentation on line ${lines[pos].no}`);
    }
    return out;
  }

  const value = parseBlock(0);
  if (pos < lines.length) throw new Error(`mini-yaml: could not read line ${lines[pos].no}: ${lines[pos].text}`);
  return value;
}
