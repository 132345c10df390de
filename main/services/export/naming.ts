/**
 * File names from templates and collision-free output paths.
 *
 * Tokens: {name} (source file name without extension), {date:FORMAT} (capture time; FORMAT of
 * YYYY YY MM DD HH mm ss, default YYYY-MM-DD; "unknown-date" without one), {seq} / {seq:N}
 * (1-based position in the batch, zero-padded to N digits), {rating} (0..5), {camera} (model,
 * with the make when the model lacks it), {title}, {id} (catalog id). Unknown tokens are an error
 * (caught before any photo is exported). The result is made safe for every file system: path
 * separators, reserved and control characters become "_", trailing dots/spaces go, Windows
 * device names get a "_" prefix, and it is capped at 180 UTF-16 units.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { PhotoMetadata } from './types.ts';

export interface NameContext {
  meta: PhotoMetadata;
  seq: number;
  photoId: number;
}

const TOKEN = /\{([a-z]+)(?::([^{}]*))?\}/gi;
const KNOWN = new Set(['name', 'date', 'seq', 'rating', 'camera', 'title', 'id']);

/** Throws a RangeError naming the first unknown token or bad argument. */
export function checkTemplate(template: string): void {
  if (template.trim() === '') throw new RangeError('the file-name template is empty');
  for (const m of template.matchAll(TOKEN)) {
    const t = m[1].toLowerCase();
    if (!KNOWN.has(t)) throw new RangeError(`unknown token {${m[1]}} in the file-name template (known: ${[...KNOWN].map((k) => `{${k}}`).join(' ')})`);
    if (t === 'seq' && m[2] !== undefined && !/^\d{1,2}$/.test(m[2])) throw new RangeError(`{seq:${m[2]}}: the width must be a number of digits`);
  }
  const rest = template.replace(TOKEN, '');
  if (/[{}]/.test(rest)) throw new RangeError(`unbalanced brace in the file-name template "${template}"`);
}

export function renderName(template: string, ctx: NameContext): string {
  const { meta } = ctx;
  const out = template.replace(TOKEN, (_all, tok: string, arg: string | undefined) => {
    switch (tok.toLowerCase()) {
      case 'name':
        return meta.name ?? `photo-${ctx.photoId}`;
      case 'date':
        return formatDate(meta.captureTime ?? null, arg ?? 'YYYY-MM-DD');
      case 'seq':
        return String(ctx.seq).padStart(arg ? Number(arg) : 1, '0');
      case 'rating':
        return String(meta.rating ?? 0);
      case 'camera':
        return camera(meta) ?? 'unknown-camera';
      case 'title':
        return meta.title?.trim() || 'untitled';
      case 'id':
        return String(ctx.photoId);
      default:
        throw new RangeError(`unknown token {${tok}}`);
    }
  });
  return sanitize(out) || `photo-${ctx.photoId}`;
}

function camera(meta: PhotoMetadata): string | undefined {
  const model = meta.cameraModel?.trim();
  const make = meta.cameraMake?.trim();
  if (!model) return make || undefined;
  if (!make || model.toLowerCase().startsWith(make.split(/\s+/)[0].toLowerCase())) return model;
  return `${make.split(/\s+/)[0]} ${model}`;
}

function formatDate(iso: string | null, fmt: string): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(iso) : null;
  if (!m) return 'unknown-date';
  const [, Y, Mo, D, H = '00', Mi = '00', S = '00'] = m;
  return fmt.replace(/YYYY|YY|MM|DD|HH|mm|ss/g, (t) => ({ YYYY: Y, YY: Y.slice(2), MM: Mo, DD: D, HH: H, mm: Mi, ss: S })[t] as string);
}

const WINDOWS_DEVICES = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

export function sanitize(name: string): string {
  // eslint-disable-next-line no-control-regex
  let s = name.replace(/[/\\:*?"<>|\u0000-\u001f\u007f]/g, '_').replace(/\s+/g, ' ').trim();
  s = s.replace(/^\.+/, '_').replace(/[. ]+$/, '');
  if (WINDOWS_DEVICES.test(s)) s = '_' + s;
  return s.slice(0, 180);
}

/**
 * A path in `dir` for `base` + `ext` that neither exists nor is claimed by this batch:
 * base.jpg, base-2.jpg, base-3.jpg … (case-insensitively unique within the batch). The claim is
 * recorded in `claimed`; the atomic write still refuses to replace a file created meanwhile.
 */
export async function uniquePath(dir: string, base: string, ext: string, claimed: Set<string>): Promise<string> {
  for (let n = 1; n < 100000; n++) {
    const file = path.join(dir, `${base}${n === 1 ? '' : `-${n}`}${ext}`);
    const key = file.toLowerCase();
    if (claimed.has(key)) continue;
    if (await exists(file)) continue;
    claimed.add(key);
    return file;
  }
  throw new Error(`no free file name for ${base}${ext} in ${dir}`);
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.lstat(p);
    return true;
  } catch {
    return false;
  }
}
