#!/usr/bin/env node
// The `tonewright` command (package.json "bin"): runs the CLI dispatcher in main/cli/index.ts,
// from its cached esbuild bundle (bin/cli-bundle.mjs: ~0.3 s faster to start) or, when that
// cannot be made, from the TypeScript sources through tsx.
import { importBundled } from './cli-bundle.mjs';

let cli = await importBundled('main/cli/index.ts');
if (!cli) {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../main/cli/index.ts');
}
const { main, processIo } = cli;
const status = await main(process.argv.slice(2), processIo);
// Let stdout drain (a pipe may be slow) instead of calling process.exit().
process.exitCode = status;
