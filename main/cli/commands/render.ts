/**
 * `tonewright render <input> -o <out.jpg> [--set op.param=value …] [--edits steps.json]
 *  [--long-edge N] [--quality Q] [--overwrite]`: decode, develop, encode a JPEG.
 *
 * Bad input (missing/unreadable/corrupt input, unknown op or param, an invalid edits file, an
 * existing output without --overwrite) is one line on stderr and exit status 2; out-of-range
 * values are clamped with a warning. The input is only ever opened for reading; the output is
 * written atomically (temporary file, then rename/link).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ParamError } from '../../../shared/develop/params.ts';
import type { CliCommand, CliIo } from '../command.ts';
import { UsageError } from '../command.ts';
import { loadSettings } from '../settings.ts';

const usage = `Usage: tonewright render <input> -o <out.jpg> [options]

Develops a photo (JPEG, PNG, TIFF, WebP, HEIF …) and writes a JPEG. EXIF and the colour profile
are kept (converted to sRGB), the EXIF orientation is applied.

Options:
  -o, --output <file>      the JPEG to write (.jpg/.jpeg)
  --set <op.param=value>   set one parameter; repeatable (see \`tonewright params\`),
                           e.g. --set tone.exposure=0.5 --set color.vibrance=20
  --edits <steps.json>     an edit stack file (its steps apply first, then --set)
  --long-edge <N>          fit the output inside N pixels (never upscales)
  --quality <Q>            JPEG quality 1..100 (default 90; 4:4:4 chroma at 90 and above)
  --overwrite              replace an existing output file

Exit status: 0 written, 2 bad input (one line on stderr), 1 unexpected failure.
`;

interface RenderArgs {
  input: string;
  output: string;
  sets: string[];
  edits?: string;
  longEdge?: number;
  quality: number;
  overwrite: boolean;
}

function parse(argv: string[], cwd: string): RenderArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        output: { type: 'string', short: 'o' },
        set: { type: 'string', multiple: true },
        edits: { type: 'string' },
        'long-edge': { type: 'string' },
        quality: { type: 'string' },
        overwrite: { type: 'boolean' },
      },
    });
  } catch (e) {
    throw new UsageError(`render: ${(e as Error).message.split('\n')[0]}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new UsageError('render: no input file given (usage: tonewright render <input> -o <out.jpg>)');
  if (positionals.length > 1) throw new UsageError(`render: one input file expected, got ${positionals.length}: ${positionals.join(' ')}`);
  if (!values.output) throw new UsageError('render: no output file given (-o <out.jpg>)');
  const output = path.resolve(cwd, values.output);
  if (!/\.jpe?g$/i.test(output)) throw new UsageError(`render: the output must be a .jpg or .jpeg file: ${values.output}`);
  const int = (name: string, raw: string | undefined, min: number, max: number): number | undefined => {
    if (raw === undefined) return undefined;
    const v = Number(raw);
    if (!Number.isInteger(v) || v < min || v > max) throw new UsageError(`render: --${name} must be an integer in ${min}..${max}, got "${raw}"`);
    return v;
  };
  return {
    input: path.resolve(cwd, positionals[0]),
    output,
    sets: values.set ?? [],
    edits: values.edits === undefined ? undefined : path.resolve(cwd, values.edits),
    longEdge: int('long-edge', values['long-edge'], 1, 65535),
    quality: int('quality', values.quality, 1, 100) ?? 90,
    overwrite: values.overwrite === true,
  };
}

async function sameFile(a: string, b: string): Promise<boolean> {
  if (a === b) return true;
  try {
    const [sa, sb] = await Promise.all([fs.stat(a), fs.stat(b)]);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

async function exists(p: string): Promise<boolean> {
  return fs.lstat(p).then(
    () => true,
    () => false,
  );
}

export async function runRender(argv: string[], io: CliIo): Promise<number> {
  const args = parse(argv, io.cwd);
  const { checkReadable } = await import('../../imaging/decode.ts');
  const { isImagingError } = await import('../../imaging/errors.ts');
  try {
    await checkReadable(args.input);
  } catch (e) {
    if (isImagingError(e)) throw new UsageError(`render: ${e.message}`);
    throw e;
  }
  if (await sameFile(args.input, args.output)) throw new UsageError(`render: the output would overwrite the input: ${args.output}`);
  if (!args.overwrite && (await exists(args.output)))
    throw new UsageError(`render: output file already exists (use --overwrite to replace it): ${args.output}`);

  let settings;
  try {
    settings = await loadSettings({ edits: args.edits, sets: args.sets });
  } catch (e) {
    if (e instanceof ParamError || e instanceof UsageError) throw new UsageError(`render: ${e.message.split('\n')[0]}`);
    throw e;
  }
  for (const w of settings.warnings) io.stderr(`tonewright: warning: ${w}\n`);

  const { renderFile } = await import('../../imaging/render-file.ts');
  // One image per process: libvips' operation cache would only hold memory.
  (await import('sharp')).default.cache(false);
  try {
    const t0 = performance.now();
    const result = await renderFile({
      input: args.input,
      output: args.output,
      settings: settings.resolved,
      longEdge: args.longEdge,
      quality: args.quality,
      overwrite: args.overwrite,
    });
    for (const w of result.warnings) io.stderr(`tonewright: warning: ${w}\n`);
    const secs = ((performance.now() - t0) / 1000).toFixed(2);
    io.stdout(`wrote ${path.relative(io.cwd, args.output) || args.output} (${result.width}×${result.height}, quality ${args.quality}) in ${secs} s\n`);
    return 0;
  } catch (e) {
    if (isImagingError(e)) throw new UsageError(`render: ${e.message}`);
    throw e;
  }
}

export const command: CliCommand = {
  name: 'render',
  summary: 'develop a photo and write a JPEG (--set op.param=value, --edits steps.json)',
  usage,
  run: runRender,
};
