/**
 * Develop settings from the command line: an optional edits file (an edit stack, as the app
 * saves it) with `--set op.param=value` arguments applied on top as user steps, resolved to
 * ResolvedSettings. Shared by the commands that render (render, export).
 */
import fs from 'node:fs/promises';
import { collectSetArgs } from '../../shared/develop/params.ts';
import { addStep, emptyStack, resolve } from '../../shared/develop/stack.ts';
import type { EditStack } from '../../shared/develop/stack.ts';
import { parseEditsFile } from '../../shared/develop/serialize.ts';
import type { ResolvedSettings } from '../../shared/pixel/pipeline.ts';
import { UsageError } from './command.ts';

export interface LoadedSettings {
  resolved: ResolvedSettings;
  stack: EditStack;
  /** Clamping and repair warnings, one line each. */
  warnings: string[];
}

/** Reads and validates an edits file; a one-line UsageError when it is missing or invalid. */
export async function readEditsFile(file: string): Promise<{ stack: EditStack; warnings: string[] }> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`edits file not found: ${file}`);
    if (code === 'EACCES' || code === 'EPERM') throw new UsageError(`edits file is not readable (permission denied): ${file}`);
    if (code === 'EISDIR') throw new UsageError(`edits file is a directory: ${file}`);
    throw new UsageError(`cannot read edits file ${file}: ${(e as Error).message}`);
  }
  try {
    return parseEditsFile(text);
  } catch (e) {
    throw new UsageError(`invalid edits file ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
}

export async function loadSettings(opts: { edits?: string; sets: readonly string[] }): Promise<LoadedSettings> {
  const warnings: string[] = [];
  let stack = emptyStack();
  if (opts.edits) {
    const loaded = await readEditsFile(opts.edits);
    stack = loaded.stack;
    warnings.push(...loaded.warnings);
  }
  const sets = collectSetArgs(opts.sets, { clamp: true });
  warnings.push(...sets.warnings);
  for (const e of sets.edits) stack = addStep(stack, { op: e.op, params: e.params, source: 'user' });
  return { resolved: resolve(stack), stack, warnings };
}
