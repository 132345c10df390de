/**
 * `tonewright export --catalog <db> (--photo <id>… | --folder <path> | --collection <id> | --all)
 *  -o <dir> [options]`: developed JPEGs of catalog photos (main/services/export).
 *
 * Progress goes to stderr (one line per photo), the summary to stdout (`--json`: the summary
 * object). Ctrl-C cancels cleanly (the photo in flight is abandoned before its atomic write).
 * Each outcome is recorded in the catalog's export history.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CliCommand, CliIo } from '../command.ts';
import { UsageError } from '../command.ts';
import type { ExportSelection } from '../../services/export/catalog-source.ts';
import type { ExportSettings, MetadataMode, SharpenAmount, SharpenMedium } from '../../services/export/types.ts';
import { DEFAULT_CONCURRENCY } from '../../services/export/types.ts';

const usage = `Usage: tonewright export --catalog <file.db> (--photo <id>… | --folder <path> | --collection <id> | --all) -o <dir> [options]

Exports developed JPEGs (the same maths as the preview). Existing files are never overwritten:
a name that is taken gets a suffix (-2, -3 …). Writes are atomic.

Options:
  -o, --output <dir>        destination folder (must exist)
  --photo <id>              a catalog photo id; repeatable
  --folder <path>           every photo under this folder
  --collection <id>         every photo of a collection
  --all                     every photo of the catalog
  --quality <Q>             JPEG quality 1..100 (default 90; 4:4:4 chroma at 90 and above)
  --long-edge <N>           fit the long edge in N pixels (also --short-edge, --megapixels, --percent)
  --size <W>x<H>            fit inside W×H (either way round)
  --upscale                 allow sizes larger than the photo
  --max-kb <N>              limit each file to N KB (the highest quality that fits is used)
  --sharpen <for>[:<amt>]   output sharpening: screen|matte|glossy, low|standard|high
  --progressive             progressive JPEG
  --mozjpeg                 mozjpeg encoder (smaller, slower)
  --p3                      Display P3 instead of sRGB
  --name <template>         file name: {name} {date:YYYY-MM-DD} {seq:3} {rating} {camera} {title} {id} (default {name})
  --metadata <mode>         all | no-gps | copyright | none (default all)
  --copyright <text>        copyright notice to write
  --concurrency <N>         photos in flight at once (default 2: one photo decodes while another renders)
  --preset <name>           start from a saved preset (options given here override it)
  --save-preset <name>      save these settings as a preset in the catalog
  --json                    print the summary as JSON

Exit status: 0 all written, 1 some photos failed (see the summary), 2 bad input.
`;

function num(name: string, raw: string | undefined, min: number, max: number, integer = true): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (!Number.isFinite(v) || (integer && !Number.isInteger(v)) || v < min || v > max)
    throw new UsageError(`export: --${name} must be ${integer ? 'an integer' : 'a number'} in ${min}..${max}, got "${raw}"`);
  return v;
}

export interface ExportArgs {
  catalog: string;
  selection: ExportSelection;
  outDir: string;
  settings: Partial<ExportSettings>;
  json: boolean;
  concurrency: number;
  preset?: string;
  savePreset?: string;
}

export function parseExportArgs(argv: string[], cwd: string): ExportArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      options: {
        catalog: { type: 'string' }, output: { type: 'string', short: 'o' }, photo: { type: 'string', multiple: true }, folder: { type: 'string' },
        collection: { type: 'string' }, all: { type: 'boolean' }, quality: { type: 'string' }, 'long-edge': { type: 'string' },
        'short-edge': { type: 'string' }, megapixels: { type: 'string' }, percent: { type: 'string' }, size: { type: 'string' },
        upscale: { type: 'boolean' }, 'max-kb': { type: 'string' }, sharpen: { type: 'string' }, progressive: { type: 'boolean' },
        mozjpeg: { type: 'boolean' }, p3: { type: 'boolean' }, name: { type: 'string' }, metadata: { type: 'string' },
        copyright: { type: 'string' }, concurrency: { type: 'string' }, json: { type: 'boolean' }, preset: { type: 'string' },
        'save-preset': { type: 'string' },
      },
    });
  } catch (e) {
    throw new UsageError(`export: ${(e as Error).message.split('\n')[0]}`);
  }
  const v = parsed.values;
  if (!v.catalog) throw new UsageError('export: --catalog <file.db> is required');
  if (!v.output) throw new UsageError('export: no destination folder given (-o <dir>)');
  const sources = [v.photo?.length ? 1 : 0, v.folder ? 1 : 0, v.collection ? 1 : 0, v.all ? 1 : 0].reduce((a, b) => a + b, 0);
  if (sources !== 1) throw new UsageError('export: choose exactly one of --photo <id>…, --folder <path>, --collection <id>, --all');
  let selection: ExportSelection;
  if (v.photo?.length) selection = { photoIds: v.photo.map((p) => num('photo', p, 1, Number.MAX_SAFE_INTEGER)!) };
  else if (v.folder) selection = { folder: path.resolve(cwd, v.folder) };
  else if (v.collection) selection = { collectionId: num('collection', v.collection, 1, Number.MAX_SAFE_INTEGER)! };
  else selection = { all: true };

  const settings: Partial<ExportSettings> = {};
  const quality = num('quality', v.quality, 1, 100);
  if (quality !== undefined) settings.quality = quality;
  const sizes: ExportSettings['size'][] = [];
  const le = num('long-edge', v['long-edge'], 1, 65535);
  if (le !== undefined) sizes.push({ mode: 'longEdge', pixels: le });
  const se = num('short-edge', v['short-edge'], 1, 65535);
  if (se !== undefined) sizes.push({ mode: 'shortEdge', pixels: se });
  const mp = num('megapixels', v.megapixels, 0.01, 1000, false);
  if (mp !== undefined) sizes.push({ mode: 'megapixels', megapixels: mp });
  const pc = num('percent', v.percent, 1, 1000, false);
  if (pc !== undefined) sizes.push({ mode: 'percent', percent: pc });
  if (v.size !== undefined) {
    const m = /^(\d+)\s*[x×]\s*(\d+)$/i.exec(v.size);
    if (!m) throw new UsageError(`export: --size must look like 1920x1080, got "${v.size}"`);
    sizes.push({ mode: 'dimensions', width: Number(m[1]), height: Number(m[2]) });
  }
  if (sizes.length > 1) throw new UsageError('export: give one size option (--long-edge, --short-edge, --size, --megapixels or --percent)');
  if (sizes[0]) settings.size = sizes[0];
  if (v.upscale) settings.allowUpscale = true;
  const maxKb = num('max-kb', v['max-kb'], 1, 10_000_000);
  if (maxKb !== undefined) settings.maxKb = maxKb;
  if (v.sharpen !== undefined) {
    const [medium, amount = 'standard'] = v.sharpen.split(':');
    if (!['screen', 'matte', 'glossy'].includes(medium) || !['low', 'standard', 'high'].includes(amount))
      throw new UsageError(`export: --sharpen takes screen|matte|glossy[:low|standard|high], got "${v.sharpen}"`);
    settings.sharpen = { medium: medium as SharpenMedium, amount: amount as SharpenAmount };
  }
  if (v.progressive) settings.progressive = true;
  if (v.mozjpeg) settings.mozjpeg = true;
  if (v.p3) settings.colorSpace = 'display-p3';
  if (v.name !== undefined) settings.nameTemplate = v.name;
  if (v.metadata !== undefined) {
    if (!['all', 'no-gps', 'copyright', 'none'].includes(v.metadata)) throw new UsageError(`export: --metadata takes all, no-gps, copyright or none, got "${v.metadata}"`);
    settings.metadata = v.metadata as MetadataMode;
  }
  if (v.copyright !== undefined) settings.copyright = v.copyright;
  return {
    catalog: path.resolve(cwd, v.catalog),
    selection,
    outDir: path.resolve(cwd, v.output),
    settings,
    json: v.json === true,
    preset: v.preset,
    savePreset: v['save-preset'],
    concurrency: num('concurrency', v.concurrency, 1, 8) ?? DEFAULT_CONCURRENCY,
  };
}

export async function runExport(argv: string[], io: CliIo): Promise<number> {
  const args = parseExportArgs(argv, io.cwd);
  const { completeSettings, exportBatch } = await import('../../services/export/service.ts');
  try {
    completeSettings(args.settings);
  } catch (e) {
    throw new UsageError(`export: ${(e as Error).message}`);
  }
  if (!fs.existsSync(args.catalog)) throw new UsageError(`export: no catalog at ${args.catalog}`);
  let stat;
  try {
    stat = fs.statSync(args.outDir);
  } catch {
    throw new UsageError(`export: the destination folder does not exist: ${args.outDir}`);
  }
  if (!stat.isDirectory()) throw new UsageError(`export: the destination is not a folder: ${args.outDir}`);

  const { openCatalog } = await import('../../services/catalog/catalog.ts');
  const { catalogExportSource, recordExport, selectPhotoIds } = await import('../../services/export/catalog-source.ts');
  let catalog;
  try {
    catalog = openCatalog(args.catalog);
  } catch (e) {
    throw new UsageError(`export: cannot open the catalog ${args.catalog}: ${(e as Error).message}`);
  }
  // A preset gives the base settings; options on the command line override it.
  const { ExportPresetsRepository } = await import('../../repositories/export-presets.ts');
  const presets = new ExportPresetsRepository(catalog.db);
  if (args.preset !== undefined) {
    const p = presets.byName(args.preset);
    if (!p) {
      const known = presets.list().map((x) => x.name).join(', ') || 'none';
      catalog.close();
      throw new UsageError(`export: no preset named "${args.preset}" (presets: ${known})`);
    }
    args.settings = { ...(p.settings as Partial<ExportSettings>), ...args.settings };
  }
  try {
    completeSettings(args.settings);
  } catch (e) {
    catalog.close();
    throw new UsageError(`export: preset "${args.preset}": ${(e as Error).message}`);
  }
  if (args.savePreset !== undefined) presets.save(args.savePreset, args.settings as Record<string, unknown>);
  const ctrl = new AbortController();
  const onSigint = () => ctrl.abort();
  process.once('SIGINT', onSigint);
  try {
    const ids = selectPhotoIds(catalog, args.selection);
    if (ids.length === 0) throw new UsageError('export: no photos match the selection');
    const summary = await exportBatch(ids, catalogExportSource(catalog), {
      outDir: args.outDir,
      settings: args.settings,
      concurrency: args.concurrency,
      signal: ctrl.signal,
      onProgress: (p) => {
        if (args.json || p.current === undefined) return;
        const eta = p.etaSeconds !== undefined ? `, about ${Math.ceil(p.etaSeconds)} s left` : '';
        io.stderr(`exporting ${p.done + 1}/${p.total} (photo ${p.current})${eta}\n`);
      },
      onResult: (r) => {
        try {
          recordExport(catalog, args.settings, r);
        } catch (e) {
          io.stderr(`tonewright: warning: export history not recorded: ${(e as Error).message}\n`);
        }
        if (!args.json && r.error) io.stderr(`tonewright: photo ${r.photoId} failed: ${r.error}\n`);
        if (!args.json && r.file) for (const w of r.file.warnings) io.stderr(`tonewright: warning: photo ${r.photoId}: ${w}\n`);
      },
    });
    if (args.json) io.stdout(JSON.stringify(summary, null, 2) + '\n');
    else {
      for (const f of summary.files) io.stdout(`wrote ${f.path} (${f.width}×${f.height}, quality ${f.quality}, ${Math.round(f.bytes / 1024)} KB)\n`);
      io.stdout(
        `${summary.written} written, ${summary.failed.length} failed${summary.cancelled ? ', cancelled' : ''} in ${summary.seconds.toFixed(1)} s\n`,
      );
    }
    return summary.failed.length > 0 || summary.cancelled ? 1 : 0;
  } finally {
    process.off('SIGINT', onSigint);
    catalog.close();
  }
}

export const command: CliCommand = {
  name: 'export',
  summary: 'export developed JPEGs of catalog photos (sizes, quality, size limit, metadata, names)',
  usage,
  run: runExport,
};
