/**
 * `tonewright vision status|selftest|build [--json]`: the local vision runtime (llama.cpp's
 * llama-server with multimodal support, built from the source bundled in node-llama-cpp).
 */
import { parseArgs } from 'node:util';
import type { CliCommand, CliIo } from '../command.ts';
import { UsageError } from '../command.ts';

const usage = `Usage: tonewright vision <status|selftest|build> [options]

  status            is the runtime built? → {built, path, version}
  selftest          run the real runtime on a tiny generated model → {ok, seconds}
  build             build the runtime from the bundled llama.cpp source (offline, ~20 min on 2 cores)
    --force         rebuild even when a complete build is cached
    --jobs <N>      parallel compile jobs (default 2)

Options:
  --json            machine-readable output

The runtime is cached per llama.cpp version in $TONEWRIGHT_VISION_DIR (default
~/.cache/tonewright/vision); $TONEWRIGHT_LLAMA_SERVER points at another llama-server.
Exit status: 0 ok, 1 self-test or build failed, 2 bad input.
`;

async function run(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' }, force: { type: 'boolean' }, jobs: { type: 'string' } } });
  } catch (e) {
    throw new UsageError(`vision: ${(e as Error).message.split('\n')[0]}`);
  }
  const { values, positionals } = parsed;
  const [sub, ...extra] = positionals;
  if (extra.length) throw new UsageError(`vision: unexpected argument "${extra[0]}"`);
  const out = (obj: object, text: string) => io.stdout(values.json ? `${JSON.stringify(obj)}\n` : `${text}\n`);
  switch (sub) {
    case undefined:
    case 'status': {
      const { findRuntime } = await import('../../vision/runtime-paths.ts');
      const r = findRuntime();
      const obj = { built: r.built, path: r.serverPath, version: r.version, source: r.source, ...(r.info ? { portable: r.info.portable, buildSeconds: r.info.buildSeconds, builtAt: r.info.builtAt } : {}) };
      out(obj, r.built ? `built: ${r.serverPath} (llama.cpp ${r.version}${r.info?.portable ? ', portable CPU variants' : ''})` : `not built for llama.cpp ${r.version}: run "tonewright vision build" (or npm run build:vision)`);
      return 0;
    }
    case 'selftest': {
      const { visionSelftest } = await import('../../vision/selftest.ts');
      const r = await visionSelftest();
      out(r, r.ok ? `ok in ${r.seconds.toFixed(2)} s (start ${r.startMs} ms, image request ${r.requestMs} ms)` : `failed after ${r.seconds.toFixed(2)} s: ${r.error}`);
      return r.ok ? 0 : 1;
    }
    case 'build': {
      const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
      if (jobs !== undefined && !(Number.isInteger(jobs) && jobs > 0)) throw new UsageError(`vision build: --jobs needs a positive integer, got "${values.jobs}"`);
      const { buildVisionRuntime } = await import('../../vision/runtime-build.ts');
      try {
        const r = await buildVisionRuntime({ force: values.force === true, jobs, log: (l) => io.stderr(`${l}\n`) });
        out({ built: true, reused: r.reused, path: r.serverPath, version: r.info.version, buildSeconds: r.info.buildSeconds }, `${r.reused ? 'already built' : 'built'}: ${r.serverPath}`);
        return 0;
      } catch (e) {
        io.stderr(`tonewright: vision build failed: ${(e as Error).message}\n`);
        return 1;
      }
    }
    default:
      throw new UsageError(`vision: unknown sub-command "${sub}" (status, selftest, build)`);
  }
}

export const command: CliCommand = { name: 'vision', summary: 'the local vision runtime: status, self-test, build', usage, run };
