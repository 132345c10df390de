/**
 * The `tonewright` command-line dispatcher: `tonewright <command> [args…]`, `--help`, `--version`.
 * Commands live in ./commands/<name>.ts and export `command: CliCommand` (see ./command.ts);
 * they are loaded on demand so one command never pays for another's imports.
 *
 * To add a command: one line in COMMANDS below.
 */
import fs from 'node:fs';
import type { CliCommand, CliIo } from './command.ts';
import { UsageError } from './command.ts';

type Loader = () => Promise<{ command: CliCommand }>;

export const COMMANDS: Record<string, Loader> = {
  render: () => import('./commands/render.ts'),
  params: () => import('./commands/params.ts'),
  import: () => import('./commands/import.ts'),
  ls: () => import('./commands/ls.ts'),
  edit: () => import('./commands/edit.ts'),
  models: () => import('./commands/models.ts'),
  vision: () => import('./commands/vision.ts'),
  export: () => import('./commands/export.ts'),
  xmp: () => import('./commands/xmp.ts'),
};

export function version(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

async function helpText(): Promise<string> {
  const lines = ['Usage: tonewright <command> [options]', '', 'Commands:'];
  const names = Object.keys(COMMANDS);
  // One broken command module must not take the help (or the other commands) down with it.
  const summaries = await Promise.all(
    names.map(async (n) => {
      try {
        return (await COMMANDS[n]()).command.summary;
      } catch (e) {
        return `(unavailable: ${oneLine(e instanceof Error ? e.message : String(e))})`;
      }
    }),
  );
  const width = Math.max(...names.map((n) => n.length));
  names.forEach((n, i) => lines.push(`  ${n.padEnd(width)}  ${summaries[i]}`));
  lines.push('', 'Options:', '  --help, -h     show this help, or a command\'s with `tonewright <command> --help`', '  --version, -v  print the version', '');
  return lines.join('\n');
}

/** Runs the CLI; returns the exit status. Never throws. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      if (name === 'help' && rest[0] && COMMANDS[rest[0]]) {
        io.stdout((await COMMANDS[rest[0]]()).command.usage.trimEnd() + '\n');
        return 0;
      }
      io.stdout(await helpText());
      return name === undefined ? 2 : 0;
    }
    if (name === '--version' || name === '-v') {
      io.stdout(`tonewright ${version()}\n`);
      return 0;
    }
    const load = COMMANDS[name];
    if (!load) {
      io.stderr(`tonewright: unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')}; see tonewright --help)\n`);
      return 2;
    }
    const { command } = await load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(command.usage.trimEnd() + '\n');
      return 0;
    }
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`tonewright: ${oneLine(e.message)}\n`);
      return e.exitCode;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    io.stderr(`tonewright: unexpected error: ${oneLine(err.message)}\n`);
    if (process.env.TONEWRIGHT_DEBUG) io.stderr(`${err.stack}\n`);
    return 1;
  }
}

export function oneLine(s: string): string {
  return s.split('\n')[0].trim();
}

export const processIo: CliIo = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  cwd: process.cwd(),
};
