/**
 * The shape of one `tonewright` sub-command. Each lives in main/cli/commands/<name>.ts and
 * exports `command`; main/cli/index.ts dispatches to them.
 */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

export interface CliCommand {
  name: string;
  /** One line for `tonewright --help`. */
  summary: string;
  /** Usage text for `tonewright <name> --help`. */
  usage: string;
  /** Returns the exit status: 0 ok, 2 bad input (with a one-line error on stderr), 1 unexpected failure. */
  run(argv: string[], io: CliIo): Promise<number>;
}

/** An error whose message is shown as-is on one line, with exit status 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
}
