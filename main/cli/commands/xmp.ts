/**
 * `tonewright xmp read <file.xmp|photo> [--json]`: a Lightroom / Camera Raw sidecar (or the XMP
 *   embedded in a photo) as edit steps, and what could not be mapped.
 * `tonewright xmp write --catalog <db> --photo <id> [-o <file.xmp>] [--overwrite]`: the photo's
 *   current edit as a Lightroom-compatible sidecar (default: beside the photo, <name>.xmp).
 * `tonewright xmp import --catalog <db> --photo <id> [<file.xmp>]`: adds the sidecar's steps
 *   (default: the one beside the photo) to the photo's stack as one turn (source: import).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CliCommand, CliIo } from '../command.ts';
import { UsageError } from '../command.ts';

const usage = `Usage:
  tonewright xmp read <file.xmp|photo> [--json]
  tonewright xmp write --catalog <file.db> --photo <id> [-o <file.xmp>] [--overwrite]
  tonewright xmp import --catalog <file.db> --photo <id> [<file.xmp>] [--json]

read    shows the edit steps a Lightroom/Camera Raw sidecar (or a photo's embedded XMP) maps to,
        and lists the settings that have no equivalent here.
write   writes the photo's current edit as a Lightroom-compatible sidecar (crs: keys; what
        Lightroom has no key for goes under the tw: namespace). Refuses to replace a file
        unless --overwrite.
import  adds the sidecar's steps to the photo's edit stack as one undoable turn.

Exit status: 0 done, 2 bad input (one line on stderr), 1 unexpected failure.
`;

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        catalog: { type: 'string' }, photo: { type: 'string' }, output: { type: 'string', short: 'o' },
        overwrite: { type: 'boolean' }, json: { type: 'boolean' },
      },
    });
  } catch (e) {
    throw new UsageError(`xmp: ${(e as Error).message.split('\n')[0]}`);
  }
}

async function openWithPhoto(v: { catalog?: string; photo?: string }, cwd: string, sub: string) {
  if (!v.catalog) throw new UsageError(`xmp ${sub}: --catalog <file.db> is required`);
  const id = Number(v.photo);
  if (!v.photo || !Number.isInteger(id) || id < 1) throw new UsageError(`xmp ${sub}: --photo <id> is required (a catalog photo id)`);
  const { openCatalog } = await import('../../services/catalog/catalog.ts');
  const fs = await import('node:fs');
  const file = path.resolve(cwd, v.catalog);
  if (!fs.existsSync(file)) throw new UsageError(`xmp ${sub}: no catalog at ${file}`);
  const catalog = openCatalog(file);
  const photo = catalog.photos.byId(id);
  if (!photo) {
    catalog.close();
    throw new UsageError(`xmp ${sub}: photo ${id} is not in the catalog`);
  }
  return { catalog, photo };
}

function describeSteps(r: { steps: { op: string; params: Record<string, unknown>; mask?: { id: string } }[]; unmapped: string[]; warnings: string[] }): string {
  const lines = r.steps.map((s) => {
    const params = Object.entries(s.params)
      .map(([k, v]) => `${k}=${Array.isArray(v) ? JSON.stringify(v) : String(v)}`)
      .join(' ');
    return `${s.op}${s.mask ? ` [mask ${s.mask.id}]` : ''}: ${params}`;
  });
  if (r.steps.length === 0) lines.push('(no develop settings)');
  if (r.unmapped.length) lines.push(`not mapped: ${r.unmapped.join(', ')}`);
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n') + '\n';
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  const { values: v, positionals } = parse(rest);
  const { XmlError } = await import('../../../shared/develop/xmp/xml.ts');
  const sidecar = await import('../../services/export/sidecar.ts');
  if (sub === 'read') {
    if (positionals.length !== 1) throw new UsageError('xmp read: give one file (tonewright xmp read <file.xmp>)');
    const file = path.resolve(io.cwd, positionals[0]);
    let r;
    try {
      r = await sidecar.readXmpFile(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new UsageError(`xmp read: no such file: ${file}`);
      if (e instanceof XmlError) throw new UsageError(`xmp read: ${file} is not well-formed XML: ${e.message}`);
      throw new UsageError(`xmp read: cannot read ${file}: ${(e as Error).message.split('\n')[0]}`);
    }
    io.stdout(v.json ? JSON.stringify({ steps: r.steps, unmapped: r.unmapped, warnings: r.warnings }, null, 2) + '\n' : describeSteps(r));
    return 0;
  }
  if (sub === 'write') {
    const { catalog, photo } = await openWithPhoto(v, io.cwd, 'write');
    try {
      const { DevelopService } = await import('../../services/develop/develop-service.ts');
      const settings = new DevelopService(catalog).settings(photo.id);
      const out = v.output ? path.resolve(io.cwd, v.output) : sidecar.sidecarPath(photo.path);
      const { isImagingError } = await import('../../imaging/errors.ts');
      try {
        await sidecar.writeSidecar(out, settings, { overwrite: v.overwrite === true });
      } catch (e) {
        if (isImagingError(e)) throw new UsageError(`xmp write: ${e.message}`);
        throw e;
      }
      io.stdout(v.json ? JSON.stringify({ path: out }) + '\n' : `wrote ${out}\n`);
      return 0;
    } finally {
      catalog.close();
    }
  }
  if (sub === 'import') {
    const { catalog, photo } = await openWithPhoto(v, io.cwd, 'import');
    try {
      const file = positionals[0] ? path.resolve(io.cwd, positionals[0]) : await sidecar.findSidecar(photo.path);
      if (!file) throw new UsageError(`xmp import: no sidecar beside ${photo.path} (give one: tonewright xmp import … <file.xmp>)`);
      let r;
      try {
        r = await sidecar.readXmpFile(file);
      } catch (e) {
        if (e instanceof XmlError) throw new UsageError(`xmp import: ${file} is not well-formed XML: ${e.message}`);
        throw new UsageError(`xmp import: cannot read ${file}: ${(e as Error).message.split('\n')[0]}`);
      }
      if (r.steps.length === 0) throw new UsageError(`xmp import: ${file} holds no develop settings we can map`);
      const { DevelopService } = await import('../../services/develop/develop-service.ts');
      const { randomUUID } = await import('node:crypto');
      const res = new DevelopService(catalog).commitTurn(photo.id, r.steps, randomUUID(), 'import');
      if (v.json) io.stdout(JSON.stringify({ file, stepIds: res.stepIds, unmapped: r.unmapped, warnings: r.warnings }, null, 2) + '\n');
      else io.stdout(`imported ${res.stepIds.length} steps from ${file}\n` + (r.unmapped.length ? `not mapped: ${r.unmapped.join(', ')}\n` : ''));
      return 0;
    } finally {
      catalog.close();
    }
  }
  throw new UsageError(`xmp: unknown sub-command "${sub ?? ''}" (read, write or import; see tonewright xmp --help)`);
}

export const command: CliCommand = {
  name: 'xmp',
  summary: 'Lightroom-compatible XMP sidecars: read one, write a photo\'s edit, import one into a stack',
  usage,
  run,
};
