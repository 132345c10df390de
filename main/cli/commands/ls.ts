/**
 * `tonewright ls --catalog <file.db> [filters] [--json]`: lists the catalog's photos, filtered,
 * sorted and paged the way the grid does it.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CliCommand } from '../command.ts';
import { UsageError } from '../command.ts';
import { openCatalog, type Catalog } from '../../services/catalog/catalog.ts';
import { CatalogVersionError } from '../../db/migrate.ts';
import { defaultCatalogPath } from '../../services/paths.ts';
import { COLOR_LABELS, type ColorLabel, type PhotoRecord } from '../../repositories/photo-record.ts';
import type { PhotoQuery } from '../../repositories/photos.ts';

const usage = `Usage: tonewright ls [--catalog <file.db>] [filters] [--json]

Filters:
  --folder <dir>          photos in this folder and its subfolders
  --rating <n>            rating at least n (0-5)
  --flag pick|reject
  --label <colour>        ${COLOR_LABELS.join('|')}
  --camera <text>         camera make or model contains text
  --from <date>           captured on or after (YYYY-MM-DD or ISO time)
  --to <date>             captured on or before (a bare date includes the whole day)
  --search <text>         words in file name, keywords, title, caption, camera, lens
  --keyword <name>        exactly this keyword
  --missing-hidden        leave out photos whose files are missing
Order and paging:
  --sort capture|name|rating|imported   (default capture)    --desc
  --limit <n> (default 100)   --offset <n>
Output:
  --json                  {total, offset, limit, photos: [...]} with every catalog field and keywords
`;

const DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/;

export const command: CliCommand = {
  name: 'ls',
  summary: 'list the photos in a catalog (filters, sort, paging; --json for machines)',
  usage,
  async run(argv, io) {
    let v: Record<string, string | boolean | undefined>;
    try {
      v = parseArgs({
        args: argv,
        options: {
          catalog: { type: 'string' }, folder: { type: 'string' }, rating: { type: 'string' }, flag: { type: 'string' }, label: { type: 'string' },
          camera: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, search: { type: 'string' }, keyword: { type: 'string' },
          sort: { type: 'string' }, desc: { type: 'boolean' }, limit: { type: 'string' }, offset: { type: 'string' }, json: { type: 'boolean' },
          'missing-hidden': { type: 'boolean' },
        },
        strict: true,
        allowPositionals: false,
      }).values;
    } catch (e) {
      throw new UsageError(`ls: ${(e as Error).message}`);
    }
    const q = toQuery(v, io.cwd);
    const file = path.resolve(io.cwd, (v.catalog as string | undefined) ?? defaultCatalogPath());
    let catalog: Catalog;
    try {
      catalog = openCatalog(file, { readonly: true });
    } catch (e) {
      if (e instanceof CatalogVersionError) throw new UsageError(e.message);
      throw new UsageError(`ls: cannot open the catalog ${file}: ${(e as Error).message}`);
    }
    try {
      const photos = catalog.photos.query(q);
      const total = catalog.photos.count(q);
      if (v.json) {
        const rows = photos.map((p) => ({ ...p, keywords: catalog.keywords.forPhoto(p.id) }));
        io.stdout(JSON.stringify({ total, offset: q.offset ?? 0, limit: q.limit ?? 100, photos: rows }, null, 2) + '\n');
      } else io.stdout(table(photos, total));
      return 0;
    } finally {
      catalog.close();
    }
  },
};

function int(name: string, s: string | boolean | undefined, min: number, max: number): number | undefined {
  if (s === undefined) return undefined;
  const n = Number(s);
  if (typeof s !== 'string' || !Number.isInteger(n) || n < min || n > max) throw new UsageError(`ls: --${name} takes a whole number from ${min} to ${max}`);
  return n;
}

export function toQuery(v: Record<string, string | boolean | undefined>, cwd: string): PhotoQuery {
  const q: PhotoQuery = {};
  if (typeof v.folder === 'string') q.under = path.resolve(cwd, v.folder);
  q.minRating = int('rating', v.rating, 0, 5);
  if (v.flag !== undefined) {
    if (v.flag !== 'pick' && v.flag !== 'reject') throw new UsageError('ls: --flag takes pick or reject');
    q.flag = v.flag;
  }
  if (v.label !== undefined) {
    if (!COLOR_LABELS.includes(v.label as ColorLabel)) throw new UsageError(`ls: --label takes one of ${COLOR_LABELS.join(', ')}`);
    q.label = v.label as ColorLabel;
  }
  for (const k of ['from', 'to'] as const) {
    const d = v[k];
    if (d === undefined) continue;
    if (typeof d !== 'string' || !DATE.test(d)) throw new UsageError(`ls: --${k} takes a date like 2024-05-31 or 2024-05-31T18:00`);
    q[k] = d.replace(' ', 'T');
  }
  if (typeof v.camera === 'string') q.camera = v.camera;
  if (typeof v.search === 'string') q.search = v.search;
  if (typeof v.keyword === 'string') q.keyword = v.keyword;
  if (v.sort !== undefined) {
    if (!['capture', 'name', 'rating', 'imported'].includes(v.sort as string)) throw new UsageError('ls: --sort takes capture, name, rating or imported');
    q.sort = v.sort as PhotoQuery['sort'];
  }
  if (v.desc) q.descending = true;
  if (v['missing-hidden']) q.includeMissing = false;
  q.limit = int('limit', v.limit, 1, 100_000) ?? 100;
  q.offset = int('offset', v.offset, 0, Number.MAX_SAFE_INTEGER) ?? 0;
  return q;
}

function table(photos: PhotoRecord[], total: number): string {
  const lines = photos.map((p) =>
    [p.captureTime?.slice(0, 16).replace('T', ' ') ?? '—'.padEnd(16), '★'.repeat(p.rating).padEnd(5), (p.flag ?? '').padEnd(6), `${p.width ?? '?'}×${p.height ?? '?'}`.padEnd(11), p.missing ? `${p.path} (missing)` : p.path].join('  '),
  );
  lines.push(`${photos.length} of ${total} photos`);
  return lines.join('\n') + '\n';
}
