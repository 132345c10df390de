/**
 * Tonewright's architecture rules, checked on source text (see test/architecture.test.ts):
 *
 * - `shared-purity`: `shared/**` (non-test files) is pure TypeScript: no Node builtins
 *   (`node:*`, `fs`, …), no `electron`, no imports reaching into `main/` or `renderer/`, and no
 *   DOM or Node globals (`window.`, `document.`, `process.`, `Buffer`, `require(` …).
 * - `renderer-boundary`: `renderer/**` never imports `main/` nor a Node builtin (it runs in a
 *   sandboxed page; it reaches main only through the typed API).
 * - `electron-confined`: `electron` is imported only in `main/app/**` and `main/preload/**`.
 * - `raw-ipc`: `ipcRenderer` only in `main/preload/**`; `ipcMain` only in `main/ipc/**` and the
 *   one bridge file `main/app/ipc-bridge.ts` that hands Electron's ipcMain to the handlers.
 * - `sql-confined`: SQL statements in string literals only in `main/repositories/**` and
 *   `main/db/**` (connection and migrations). Test files are exempt from this one rule.
 */
import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import { lineOf, scanSource, type StringLiteral } from './scan.ts';

export type RuleId = 'shared-purity' | 'renderer-boundary' | 'electron-confined' | 'raw-ipc' | 'sql-confined';

export interface Violation {
  rule: RuleId;
  file: string;
  line: number;
  message: string;
}

export interface ImportRef {
  specifier: string;
  line: number;
}

const NODE_BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));

export function isNodeBuiltin(specifier: string): boolean {
  if (specifier.startsWith('node:')) return true;
  return NODE_BUILTINS.has(specifier.split('/')[0]) && !specifier.startsWith('.');
}

export function isElectron(specifier: string): boolean {
  return specifier === 'electron' || specifier.startsWith('electron/');
}

export function isTestFile(file: string): boolean {
  return /\.(test|spec)\.[cm]?[jt]sx?$/.test(file);
}

const IMPORT_BEFORE = /(?:\bfrom|\bimport|\brequire\s*\(|\bimport\s*\()\s*$/;

/** Module specifiers of static imports, re-exports, dynamic imports and require calls. */
export function findImports(code: string, strings: StringLiteral[]): ImportRef[] {
  const refs: ImportRef[] = [];
  for (const s of strings) {
    if (s.template) continue;
    const before = code.slice(Math.max(0, s.start - 200), s.start);
    if (IMPORT_BEFORE.test(before)) refs.push({ specifier: s.value, line: s.line });
  }
  return refs;
}

/** Repo-relative target of a relative specifier, or null for a package specifier. */
export function resolveRelative(file: string, specifier: string): string | null {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return null;
  return posix.normalize(posix.join(posix.dirname(file), specifier));
}

function under(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir + '/');
}

/** Globals that only exist in a browser (DOM) or in Node; `shared/` must use neither. */
const FORBIDDEN_GLOBALS: { pattern: RegExp; what: string }[] = [
  { pattern: /(?<![\w$.])(window|document|navigator|localStorage|sessionStorage)\s*\./g, what: 'DOM global' },
  { pattern: /(?<![\w$.])process\s*\./g, what: 'Node global' },
  { pattern: /(?<![\w$.])Buffer(?![\w$])/g, what: 'Node global' },
  { pattern: /(?<![\w$.])(__dirname|__filename)(?![\w$])/g, what: 'Node global' },
  { pattern: /(?<![\w$.])require\s*\(/g, what: 'CommonJS require' },
];

const SQL_PATTERNS: RegExp[] = [
  /\bSELECT\s+(?:DISTINCT\s+)?(?:\*|[\w."(),\s]+?)\s+FROM\b/,
  /\bselect\s+(?:\*|count\s*\()/i,
  /\bINSERT\s+(?:OR\s+\w+\s+)?INTO\b/i,
  /\bCREATE\s+(?:TEMP\s+|TEMPORARY\s+)?(?:TABLE|INDEX|VIEW|TRIGGER)\b/i,
  /\bUPDATE\s+[\w."]+\s+SET\b/,
  /\bDELETE\s+FROM\b/i,
  /\bDROP\s+(?:TABLE|INDEX|VIEW)\b/i,
  /\bALTER\s+TABLE\b/i,
];

export function looksLikeSql(text: string): boolean {
  return SQL_PATTERNS.some((p) => p.test(text));
}

/** Check one file. `file` is the repo-relative POSIX path; `text` its contents. */
export function checkSource(file: string, text: string): Violation[] {
  const { code, strings } = scanSource(text);
  const imports = findImports(code, strings);
  const out: Violation[] = [];
  const add = (rule: RuleId, line: number, message: string): void => {
    out.push({ rule, file, line, message });
  };
  const test = isTestFile(file);

  if (under(file, 'shared') && !test) {
    for (const ref of imports) {
      const target = resolveRelative(file, ref.specifier);
      if (isNodeBuiltin(ref.specifier)) add('shared-purity', ref.line, `shared/ imports the Node builtin '${ref.specifier}'`);
      else if (isElectron(ref.specifier)) add('shared-purity', ref.line, `shared/ imports '${ref.specifier}'`);
      else if (target && !under(target, 'shared')) add('shared-purity', ref.line, `shared/ imports '${ref.specifier}' from outside shared/`);
    }
    for (const { pattern, what } of FORBIDDEN_GLOBALS) {
      for (const m of code.matchAll(pattern)) {
        add('shared-purity', lineOf(code, m.index ?? 0), `shared/ uses the ${what} '${m[0].trim()}'`);
      }
    }
  }

  if (under(file, 'renderer')) {
    for (const ref of imports) {
      const target = resolveRelative(file, ref.specifier);
      if (target && under(target, 'main')) add('renderer-boundary', ref.line, `renderer/ imports '${ref.specifier}' from main/`);
      else if (isNodeBuiltin(ref.specifier)) add('renderer-boundary', ref.line, `renderer/ imports the Node builtin '${ref.specifier}'`);
    }
  }

  if (!under(file, 'main/app') && !under(file, 'main/preload')) {
    for (const ref of imports) {
      if (isElectron(ref.specifier)) add('electron-confined', ref.line, `'${ref.specifier}' imported outside main/app and main/preload`);
    }
  }

  const ipcRendererOk = under(file, 'main/preload');
  const ipcMainOk = under(file, 'main/ipc') || file === 'main/app/ipc-bridge.ts';
  for (const m of code.matchAll(/(?<![\w$])(ipcRenderer|ipcMain)(?![\w$])/g)) {
    const ok = m[1] === 'ipcRenderer' ? ipcRendererOk : ipcMainOk;
    if (!ok) add('raw-ipc', lineOf(code, m.index ?? 0), `raw ${m[1]} used outside ${m[1] === 'ipcRenderer' ? 'main/preload' : 'main/ipc and main/app/ipc-bridge.ts'}`);
  }

  if (!test && !under(file, 'main/repositories') && !under(file, 'main/db')) {
    for (const s of strings) {
      if (looksLikeSql(s.value)) {
        const shown = s.value.replace(/\s+/g, ' ').trim().slice(0, 40);
        add('sql-confined', s.line, `SQL outside main/repositories and main/db: "${shown}"`);
      }
    }
  }
  return out;
}

export function formatViolation(v: Violation): string {
  return `${v.file}:${v.line} [${v.rule}] ${v.message}`;
}
