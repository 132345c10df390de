/**
 * A tiny JavaScript/TypeScript lexer for the architecture rules: it splits a source file into
 * code (with comments and string contents blanked out, newlines kept so line numbers hold) and
 * the list of string literals (quoted strings and the text chunks of template literals).
 *
 * It is not a parser. It knows enough to never mistake a comment or a string for code, and to
 * tell a regular-expression literal from a division in the usual cases, which is all the rules
 * need.
 */

export interface StringLiteral {
  /** The literal's text without quotes (escapes left as written). */
  value: string;
  /** 1-based line of the opening quote. */
  line: number;
  /** Whether it is (part of) a template literal. */
  template: boolean;
  /** Offset of the opening quote (or of the chunk's first character for templates). */
  start: number;
}

export interface ScannedSource {
  /** The source with comments, string contents and regex bodies replaced by spaces. */
  code: string;
  strings: StringLiteral[];
}

/** Characters after which a `/` starts a regular expression rather than a division. */
const REGEX_AFTER = new Set([...'(,=:[!&|?{};+-*%<>~^', '']);
const REGEX_AFTER_WORDS = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'yield', 'await']);

export function scanSource(text: string): ScannedSource {
  const out: string[] = [];
  const strings: StringLiteral[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  /** Brace depth of each open `${` inside template literals. */
  const templateStack: number[] = [];
  let braceDepth = 0;
  let lastSignificant = '';
  let lastWord = '';

  const blank = (ch: string): string => (ch === '\n' ? '\n' : ' ');

  const readTemplateChunk = (): void => {
    // i is just after a backtick or the closing brace of `${…}`.
    const startLine = line;
    const start = i;
    let value = '';
    while (i < n) {
      const ch = text[i];
      if (ch === '\\' && i + 1 < n) {
        value += ch + text[i + 1];
        out.push(' ', blank(text[i + 1]));
        if (text[i + 1] === '\n') line++;
        i += 2;
        continue;
      }
      if (ch === '`') {
        strings.push({ value, line: startLine, template: true, start });
        out.push('`');
        i++;
        lastSignificant = '`';
        return;
      }
      if (ch === '$' && text[i + 1] === '{') {
        strings.push({ value, line: startLine, template: true, start });
        out.push('${');
        i += 2;
        templateStack.push(braceDepth);
        braceDepth++;
        lastSignificant = '{';
        return;
      }
      if (ch === '\n') line++;
      value += ch;
      out.push(blank(ch));
      i++;
    }
    strings.push({ value, line: startLine, template: true, start });
  };

  while (i < n) {
    const ch = text[i];
    const next = text[i + 1];
    if (ch === '/' && next === '/') {
      while (i < n && text[i] !== '\n') {
        out.push(' ');
        i++;
      }
      continue;
    }
    if (ch === '/' && next === '*') {
      while (i < n && !(text[i] === '*' && text[i + 1] === '/')) {
        if (text[i] === '\n') line++;
        out.push(blank(text[i]));
        i++;
      }
      out.push('  ');
      i += 2;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const startLine = line;
      const start = i;
      let value = '';
      out.push(ch);
      i++;
      while (i < n && text[i] !== ch && text[i] !== '\n') {
        if (text[i] === '\\' && i + 1 < n) {
          value += text[i] + text[i + 1];
          out.push('  ');
          i += 2;
          continue;
        }
        value += text[i];
        out.push(' ');
        i++;
      }
      if (i < n && text[i] === ch) {
        out.push(ch);
        i++;
      }
      strings.push({ value, line: startLine, template: false, start });
      lastSignificant = ch;
      lastWord = '';
      continue;
    }
    if (ch === '`') {
      out.push('`');
      i++;
      readTemplateChunk();
      lastWord = '';
      continue;
    }
    if (ch === '/' && (REGEX_AFTER.has(lastSignificant) || REGEX_AFTER_WORDS.has(lastWord))) {
      // Regular-expression literal: skip to the closing slash (respecting classes and escapes).
      out.push('/');
      i++;
      let inClass = false;
      while (i < n && text[i] !== '\n') {
        const c = text[i];
        if (c === '\\') {
          out.push('  ');
          i += 2;
          continue;
        }
        if (c === '[') inClass = true;
        else if (c === ']') inClass = false;
        else if (c === '/' && !inClass) break;
        out.push(' ');
        i++;
      }
      if (i < n && text[i] === '/') {
        out.push('/');
        i++;
      }
      lastSignificant = '/x';
      lastWord = '';
      continue;
    }
    if (ch === '{') braceDepth++;
    if (ch === '}') {
      braceDepth--;
      if (templateStack.length > 0 && templateStack[templateStack.length - 1] === braceDepth) {
        templateStack.pop();
        out.push('}');
        i++;
        readTemplateChunk();
        continue;
      }
    }
    if (ch === '\n') line++;
    out.push(ch);
    i++;
    if (/[A-Za-z0-9_$]/.test(ch)) {
      let word = ch;
      while (i < n && /[A-Za-z0-9_$]/.test(text[i])) {
        word += text[i];
        out.push(text[i]);
        i++;
      }
      lastWord = word;
      lastSignificant = 'w';
    } else if (!/\s/.test(ch)) {
      lastSignificant = ch;
      lastWord = '';
    }
  }
  return { code: out.join(''), strings };
}

/** 1-based line number of a character offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let k = 0; k < offset && k < text.length; k++) if (text.charCodeAt(k) === 10) line++;
  return line;
}
