/**
 * `tonewright models list|add <file.gguf>|use <id>|download <id> [--json]`: the local models
 * the agent can use. Weights live in the user's data folder (or where the user keeps them).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliCommand, CliIo } from '../command.ts';
import { UsageError } from '../command.ts';

const usage = `Usage: tonewright models <list|add|use|download> [args] [--json]

  list                  recommended and added models, and whether each is on disk
  add <file.gguf> [--mmproj <p.gguf>]
                        register a GGUF you already have (its header is checked); a vision
                        model together with its projector (checked to belong to it)
  use <id>              make a model the active one for the agent
  download <id>         download a recommended model (needs a connection)
`;

async function run(argv: string[], io: CliIo): Promise<number> {
  const json = argv.includes('--json');
  const at = argv.indexOf('--mmproj');
  if (at >= 0 && !argv[at + 1]) throw new UsageError('models add: --mmproj needs the projector file');
  const mmproj = at >= 0 ? argv[at + 1] : undefined;
  const [sub, arg] = argv.filter((a, i) => a !== '--json' && (at < 0 || (i !== at && i !== at + 1)));
  const { ModelManager, loadManifest } = await import('../../agent/models/manager.ts');
  const { userDataDir } = await import('../../services/paths.ts');
  const manifest = await loadManifest(path.join(fileURLToPath(new URL('../../..', import.meta.url)), 'models', 'manifest.json')).catch(() => []);
  const m = new ModelManager(userDataDir(), manifest);
  const fail = (e: unknown): never => {
    throw new UsageError(`models: ${(e as Error).message}`);
  };
  switch (sub) {
    case undefined:
    case 'list': {
      const list = await m.list();
      const active = (await m.active())?.id;
      if (json) io.stdout(JSON.stringify({ active: active ?? null, models: list }, null, 2) + '\n');
      else for (const x of list) io.stdout(`${x.id === active ? '*' : ' '} ${x.id.padEnd(28)} ${x.available ? 'on disk ' : 'missing '} ${x.name}\n`);
      return 0;
    }
    case 'add': {
      if (!arg) throw new UsageError('models add: which file? (tonewright models add <file.gguf>)');
      const info = await m.addLocal(path.resolve(io.cwd, arg), mmproj && path.resolve(io.cwd, mmproj)).catch(fail);
      io.stdout(json ? JSON.stringify(info) + '\n' : `added ${info.id} (${info.name})\n`);
      return 0;
    }
    case 'use':
      if (!arg) throw new UsageError('models use: which model id? (see tonewright models list)');
      await m.setActive(arg).catch(fail);
      io.stdout(`active model: ${arg}\n`);
      return 0;
    case 'download': {
      if (!arg) throw new UsageError('models download: which model id?');
      let last = 0;
      const info = await m
        .download(arg, (p) => {
          const now = Date.now();
          if (now - last > 500 && !json) {
            last = now;
            io.stderr(`\r${(p.received / 1e6).toFixed(0)} MB${p.total ? ` of ${(p.total / 1e6).toFixed(0)} MB` : ''}`);
          }
        })
        .catch(fail);
      io.stdout(json ? JSON.stringify(info) + '\n' : `\ndownloaded ${info.id}\n`);
      return 0;
    }
    default:
      throw new UsageError(`models: unknown sub-command "${sub}" (list, add, use, download)`);
  }
}

export const command: CliCommand = { name: 'models', summary: 'list, add, choose or download local models for the agent', usage, run };
