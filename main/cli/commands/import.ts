/**
 * `tonewright import <folder…> --catalog <file.db> [--json]`: imports (or re-scans) folders into
 * a catalog and prints {imported, duplicates, updated, missing, failed: [{path, error}], seconds}.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../command.ts';
import { openCatalog, type Catalog } from '../../services/catalog/catalog.ts';
import { CatalogVersionError } from '../../db/migrate.ts';
import { cacheDir, defaultCatalogPath } from '../../services/paths.ts';
import { importFolders, type ImportProgress } from '../../services/import/import-service.ts';

const usage = `Usage: tonewright import <folder|file>… [--catalog <file.db>] [--json] [--workers N]

Imports photos (JPEG, PNG, TIFF, WebP, AVIF, HEIC, GIF; CR2, CR3, NEF, ARW, DNG, RAF, RW2, ORF
through their embedded previews) from folders, recursively, into a catalog. Running it again
re-scans: new files are added, changed files re-read, moved files recognised by content,
missing files marked missing. An interrupted import resumes where it stopped. Originals are
only read, never written. Thumbnails and previews go to $TONEWRIGHT_DATA/cache (or the user
data folder).

Options:
  --catalog <file>  the catalog (default: ${defaultCatalogPath()})
  --json            print the summary as JSON: {imported, duplicates, updated, moved, missing,
                    unchanged, ignored, failed: [{path, error}], seconds, jobId, resumed, cancelled}
  --workers <n>     worker processes (default: one per core, at most 2)
  --sidecars        apply Lightroom/Camera Raw .xmp sidecars found beside photos that have no
                    edits yet (one undoable "import" turn each); without it they are only listed
`;

export const command: CliCommand = {
  name: 'import',
  summary: 'import or re-scan folders of photos into a catalog',
  usage,
  async run(argv, io) {
    let values: { catalog?: string; json?: boolean; workers?: string; sidecars?: boolean };
    let positionals: string[];
    try {
      ({ values, positionals } = parseArgs({
        args: argv,
        options: { catalog: { type: 'string' }, json: { type: 'boolean' }, workers: { type: 'string' }, sidecars: { type: 'boolean' } },
        strict: true,
        allowPositionals: true,
      }));
    } catch (e) {
      throw new UsageError(`import: ${(e as Error).message}`);
    }
    if (!positionals.length) throw new UsageError('import: name at least one folder to import (see tonewright import --help)');
    const workers = values.workers === undefined ? undefined : Number(values.workers);
    if (workers !== undefined && (!Number.isInteger(workers) || workers < 1 || workers > 16)) throw new UsageError('import: --workers takes a whole number from 1 to 16');
    const catalogFile = path.resolve(io.cwd, values.catalog ?? defaultCatalogPath());
    let catalog: Catalog;
    try {
      catalog = openCatalog(catalogFile);
    } catch (e) {
      if (e instanceof CatalogVersionError) throw new UsageError(e.message);
      throw new UsageError(`import: cannot open the catalog ${catalogFile}: ${(e as Error).message}`);
    }
    const controller = new AbortController();
    const onSignal = () => controller.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const showProgress = !values.json && process.stderr.isTTY;
    try {
      const roots = positionals.map((p) => path.resolve(io.cwd, p));
      const summary = await importFolders(catalog, {
        roots,
        cacheDir: cacheDir(),
        signal: controller.signal,
        pool: workers ? { size: workers } : undefined,
        onProgress: showProgress ? (p) => io.stderr(progressLine(p)) : undefined,
      });
      if (showProgress) io.stderr('\n');
      const { findSidecarOffers, applySidecars } = await import('../../services/import/sidecars.ts');
      const offers = summary.cancelled ? [] : await findSidecarOffers(catalog, roots);
      let sidecars: unknown = { found: offers.map((o) => o.sidecar) };
      if (values.sidecars && offers.length) {
        const { DevelopService } = await import('../../services/develop/develop-service.ts');
        sidecars = await applySidecars(new DevelopService(catalog), offers);
      }
      if (values.json) io.stdout(JSON.stringify({ ...summary, sidecars }, null, 2) + '\n');
      else {
        io.stdout(humanSummary(summary));
        if (offers.length)
          io.stdout(values.sidecars ? `applied ${offers.length} Lightroom sidecar(s) as undoable import steps\n` : `${offers.length} Lightroom sidecar(s) found beside photos without edits: run again with --sidecars to apply them\n`);
      }
      return summary.cancelled ? 130 : 0;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      catalog.close();
    }
  },
};

function progressLine(p: ImportProgress): string {
  const eta = p.eta === null ? '' : `, ${Math.ceil(p.eta)} s left`;
  return `\r${p.done}/${p.total} (${p.rate.toFixed(1)}/s${eta}) ${p.current ? path.basename(p.current) : ''}`.padEnd(80).slice(0, 100);
}

function humanSummary(s: Awaited<ReturnType<typeof importFolders>>): string {
  const lines = [
    `${s.cancelled ? 'Cancelled' : 'Done'} in ${s.seconds} s${s.resumed ? ' (resumed an interrupted import)' : ''}: ${s.imported} imported, ${s.duplicates} duplicates, ${s.updated} updated, ${s.moved} moved, ${s.missing} missing, ${s.unchanged} unchanged, ${s.failed.length} failed.`,
  ];
  for (const f of s.failed) lines.push(`  ${f.path}: ${f.error}`);
  return lines.join('\n') + '\n';
}
