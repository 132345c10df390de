#!/usr/bin/env node
// The `tonewright` command (package.json "bin"): registers tsx so Node can load the TypeScript
// sources directly, then runs the CLI dispatcher in main/cli/index.ts.
import { register } from 'tsx/esm/api';

register();
const { main, processIo } = await import('../main/cli/index.ts');
const status = await main(process.argv.slice(2), processIo);
// Let stdout drain (a pipe may be slow) instead of calling process.exit().
process.exitCode = status;
