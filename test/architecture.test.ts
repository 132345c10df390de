/**
 * Walks the source tree and enforces the layer rules of test/arch/rules.ts (shared/ pure,
 * renderer/ never imports main/, electron only in the shell and preload, raw IPC only in the
 * preload and the handlers, SQL only in repositories and migrations).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkSource, formatViolation } from './arch/rules.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCE_ROOTS = ['shared', 'main', 'renderer', 'bench', 'bin'];
const SOURCE_EXT = /\.(?:[cm]?[jt]s|tsx|jsx)$/;

function walk(dir: string, out: string[]): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile() && SOURCE_EXT.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

function sourceFiles(): string[] {
  const files: string[] = [];
  for (const root of SOURCE_ROOTS) {
    const dir = join(ROOT, root);
    if (existsSync(dir)) walk(dir, files);
  }
  return files.map((f) => relative(ROOT, f).split(sep).join('/')).sort();
}

describe('architecture rules', () => {
  const files = sourceFiles();

  it('finds the source tree', () => {
    expect(files).toContain('shared/develop/types.ts');
    expect(files.some((f) => f.startsWith('main/app/'))).toBe(true);
  });

  it('has no layer violations', () => {
    const violations = files.flatMap((file) => checkSource(file, readFileSync(join(ROOT, file), 'utf8')));
    expect(violations.map(formatViolation)).toEqual([]);
  });
});
