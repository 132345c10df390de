import { describe, it, expect, beforeEach } from 'vitest';
import { openDatabase } from '../db/connection.ts';
import { createRepositories, type Repositories, type PhotoFileData } from './index.ts';
import { fileData } from './testing.ts';

let r: Repositories;
beforeEach(() => {
  r = createRepositories(openDatabase(':memory:'));
});

function add(p: Partial<PhotoFileData> & { path: string }, keywords: string[] = []): number {
  return r.transaction(() => {
    const folder = p.path.slice(0, p.path.lastIndexOf('/'));
    const id = r.photos.insert(fileData(p), r.folders.ensure(folder, '/lib'));
    if (keywords.length) r.keywords.setForPhoto(id, keywords);
    return id;
  });
}

describe('photos and folders', () => {
  it('stores photos with their folder chain and finds them by path and hash', () => {
    const id = add({ path: '/lib/2024/trip/a.jpg', cameraModel: 'X100V', captureTime: '2024-05-01T10:00:00.000' });
    const p = r.photos.byId(id)!;
    expect(p).toMatchObject({ path: '/lib/2024/trip/a.jpg', fileName: 'a.jpg', cameraModel: 'X100V', sortTime: '2024-05-01T10:00:00.000', rating: 0, missing: false });
    const folders = r.folders.list().map((f) => f.path);
    expect(folders).toEqual(['/lib', '/lib/2024', '/lib/2024/trip']);
    expect(r.folders.byPath('/lib/2024/trip')!.parentId).toBe(r.folders.byPath('/lib/2024')!.id);
    expect(r.photos.byHash('h-/lib/2024/trip/a.jpg').map((x) => x.id)).toEqual([id]);
    expect(r.photos.byPath('/lib/2024/trip/b.jpg')).toBeUndefined();
  });

  it('uses the mtime as sort time when there is no capture time', () => {
    const id = add({ path: '/lib/a.jpg', mtimeMs: Date.UTC(2020, 1, 2, 3, 4, 5) });
    expect(r.photos.byId(id)!.sortTime).toBe('2020-02-02T03:04:05.000');
  });

  it('lists file states strictly under a folder (not a sibling with the same prefix)', () => {
    add({ path: '/lib/a/1.jpg' });
    add({ path: '/lib/a/sub/2.jpg' });
    add({ path: '/lib/ab/3.jpg' });
    expect(r.photos.fileStatesUnder('/lib/a').map((s) => s.path).sort()).toEqual(['/lib/a/1.jpg', '/lib/a/sub/2.jpg']);
  });

  it('moves, updates and marks missing without touching marks or edits', () => {
    const id = add({ path: '/lib/a.jpg' });
    r.photos.setRating(id, 4);
    r.photos.setFlag(id, 'pick');
    r.edits.append(id, [{ id: 's1', op: 'tone', opVersion: 1, params: { exposure: 1 }, source: 'user', enabled: true, createdAt: 't' }], 1);
    r.photos.move(id, { path: '/lib/b/a.jpg', folderId: r.folders.ensure('/lib/b', '/lib'), fileName: 'a.jpg', size: 100, mtimeMs: 5 });
    r.photos.setMissing(id, true);
    r.photos.updateFile(id, fileData({ path: '/lib/b/a.jpg', hash: 'new', width: 10 }), r.folders.ensure('/lib/b'));
    const p = r.photos.byId(id)!;
    expect(p).toMatchObject({ path: '/lib/b/a.jpg', hash: 'new', width: 10, rating: 4, flag: 'pick', missing: false });
    expect(r.edits.load(id)!.steps).toHaveLength(1);
    expect(() => r.photos.setRating(id, 6)).toThrow(RangeError);
  });

  it('records duplicate paths against the photo', () => {
    const id = add({ path: '/lib/a.jpg' });
    r.photos.addDuplicate('/lib/copy/a.jpg', id, 'h-/lib/a.jpg', 100, 1);
    expect(r.photos.duplicateByPath('/lib/copy/a.jpg')!.photoId).toBe(id);
    expect(r.photos.duplicatesUnder('/lib/copy')).toHaveLength(1);
    r.photos.removeDuplicate('/lib/copy/a.jpg');
    expect(r.photos.duplicatesOf(id)).toEqual([]);
  });
});

describe('grid queries', () => {
  beforeEach(() => {
    add({ path: '/lib/a/1.jpg', captureTime: '2024-01-05T08:00:00.000', cameraMake: 'Canon', cameraModel: 'EOS R5' }, ['Beach', 'sunset']);
    add({ path: '/lib/a/2.jpg', captureTime: '2024-02-05T08:00:00.000', cameraModel: 'X100V' }, ['mountain']);
    add({ path: '/lib/b/3.jpg', captureTime: '2023-12-31T23:00:00.000', title: 'Été à Paris' });
  });

  it('filters by folder, date range, camera, rating, flag and label', () => {
    const a = r.folders.byPath('/lib/a')!.id;
    expect(r.photos.query({ folderId: a }).map((p) => p.fileName)).toEqual(['1.jpg', '2.jpg']);
    expect(r.photos.query({ under: '/lib' }).map((p) => p.fileName)).toEqual(['3.jpg', '1.jpg', '2.jpg']);
    expect(r.photos.query({ from: '2024-01-01', to: '2024-01-31' }).map((p) => p.fileName)).toEqual(['1.jpg']);
    expect(r.photos.query({ to: '2023-12-31' }).map((p) => p.fileName)).toEqual(['3.jpg']);
    expect(r.photos.query({ camera: 'canon' }).map((p) => p.fileName)).toEqual(['1.jpg']);
    expect(r.photos.query({ camera: '100%' })).toEqual([]);
    const id2 = r.photos.byPath('/lib/a/2.jpg')!.id;
    r.photos.setRating(id2, 3);
    r.photos.setFlag(id2, 'reject');
    r.photos.setLabel(id2, 'red');
    expect(r.photos.query({ minRating: 2 }).map((p) => p.id)).toEqual([id2]);
    expect(r.photos.query({ flag: 'reject' }).map((p) => p.id)).toEqual([id2]);
    expect(r.photos.query({ label: 'red' }).map((p) => p.id)).toEqual([id2]);
    expect(r.photos.count({ under: '/lib/a' })).toBe(2);
  });

  it('searches keywords, names and titles with FTS5 (prefix, accents folded, injection-safe)', () => {
    expect(r.photos.query({ search: 'sun' }).map((p) => p.fileName)).toEqual(['1.jpg']);
    expect(r.photos.query({ search: 'ete paris' }).map((p) => p.fileName)).toEqual(['3.jpg']);
    expect(r.photos.query({ search: 'x100v' }).map((p) => p.fileName)).toEqual(['2.jpg']);
    expect(r.photos.query({ search: '"OR* NEAR(' })).toEqual([]);
    expect(r.photos.query({ search: '***' })).toEqual([]);
    expect(r.photos.query({ keyword: 'beach' }).map((p) => p.fileName)).toEqual(['1.jpg']);
    const id = r.photos.byPath('/lib/b/3.jpg')!.id;
    r.keywords.add(id, 'sunrise');
    expect(r.photos.query({ search: 'sun' }).map((p) => p.fileName)).toEqual(['3.jpg', '1.jpg']);
    r.keywords.remove(id, 'SUNRISE');
    expect(r.keywords.forPhoto(id)).toEqual([]);
    expect(r.photos.query({ search: 'sun' }).map((p) => p.fileName)).toEqual(['1.jpg']);
  });

  it('sorts and pages', () => {
    expect(r.photos.query({ sort: 'name', descending: true }).map((p) => p.fileName)).toEqual(['3.jpg', '2.jpg', '1.jpg']);
    expect(r.photos.query({ sort: 'capture', limit: 1, offset: 1 }).map((p) => p.fileName)).toEqual(['1.jpg']);
    const id = r.photos.byPath('/lib/a/2.jpg')!.id;
    r.photos.setRating(id, 5);
    expect(r.photos.query({ sort: 'rating' })[0].id).toBe(id);
  });

  it('serves the folder page and date range from indexes', () => {
    const plan = (sql: string) => (r.db.prepare('EXPLAIN QUERY PLAN ' + sql).all() as { detail: string }[]).map((x) => x.detail).join(' | ');
    expect(plan('SELECT * FROM photos p WHERE p.folder_id = 1 ORDER BY p.sort_time, p.id LIMIT 100')).toMatch(/USING INDEX photos_folder_time/);
    expect(plan("SELECT * FROM photos p WHERE p.sort_time >= '2024' AND p.sort_time <= '2025' ORDER BY p.sort_time, p.id LIMIT 100")).toMatch(/USING INDEX photos_time/);
  });
});

describe('edits, snapshots, collections, chat, exports, jobs', () => {
  const step = (id: string, extra: object = {}) => ({ id, op: 'tone', opVersion: 1, params: { exposure: 0.5 }, source: 'agent' as const, enabled: true, createdAt: '2024-01-01T00:00:00Z', ...extra });

  it('stores the stack step by step and keeps the common prefix rows', () => {
    const id = add({ path: '/lib/a.jpg' });
    const mask = { id: 'm1', components: [{ shape: { type: 'radial', cx: 0.5, cy: 0.5, rx: 0.2, ry: 0.2, angle: 0, feather: 50, inside: true }, mode: 'add' }] };
    r.edits.save(id, { formatVersion: 1, cursor: 2, marks: [{ at: 0, turnId: 't1' }], steps: [step('a', { turnId: 't1', reason: 'brighter' }), step('b', { op: 'local', mask })] });
    const loaded = r.edits.load(id)!;
    expect(loaded.cursor).toBe(2);
    expect(loaded.steps[0]).toEqual(step('a', { turnId: 't1', reason: 'brighter' }));
    expect(loaded.steps[1].mask).toEqual(mask);
    const rowid = () => (r.db.prepare("SELECT created_at FROM edit_steps WHERE step_id = 'a'").get() as { created_at: string }).created_at;
    const before = rowid();
    r.edits.setCursor(id, 1);
    const after = r.edits.append(id, [step('c')], 1);
    expect(after.steps.map((s) => s.id)).toEqual(['a', 'c']);
    expect(r.edits.load(id)!.steps.map((s) => s.id)).toEqual(['a', 'c']);
    expect(rowid()).toBe(before);
    expect(() => r.edits.save(id, { formatVersion: 1, cursor: 5, marks: [], steps: [] })).toThrow(RangeError);
    expect(r.edits.stepsOfTurn('t1')).toHaveLength(1);
  });

  it('keeps snapshots restorable after the redo tail changes', () => {
    const id = add({ path: '/lib/a.jpg' });
    r.edits.save(id, { formatVersion: 1, cursor: 2, marks: [], steps: [step('a'), step('b')] });
    const snap = r.snapshots.create(id, 'Warm', 2, r.edits.load(id)!.steps);
    r.edits.setCursor(id, 0);
    r.edits.append(id, [step('z')], 1);
    expect(r.snapshots.get(snap)!.steps.map((s) => s.id)).toEqual(['a', 'b']);
    expect(r.snapshots.list(id).map((s) => s.name)).toEqual(['Warm']);
  });

  it('cascades a photo delete to its stack but collections and exports survive', () => {
    const id = add({ path: '/lib/a.jpg' });
    const c = r.collections.create('Best');
    r.collections.add(c, [id, id]);
    expect(r.collections.photoIds(c)).toEqual([id]);
    r.chat.add({ turnId: 't1', photoId: id, role: 'user', content: 'warmer please' });
    r.chat.add({ turnId: 't2', photoId: id, role: 'assistant', content: 'done', data: { steps: ['a'] } });
    expect(r.chat.forPhoto(id).map((t) => t.role)).toEqual(['user', 'assistant']);
    expect(r.chat.byTurnId('t2')!.data).toEqual({ steps: ['a'] });
    const e = r.exports.add({ photoId: id, path: '/out/a.jpg', format: 'jpeg', settings: { quality: 90 }, width: 10, height: 10, bytes: 99, status: 'done', error: null });
    expect(r.exports.forPhoto(id)[0].id).toBe(e);
    expect(r.collections.list()[0]).toMatchObject({ name: 'Best', count: 1 });
  });

  it('tracks jobs through running, interrupted and done', () => {
    const j = r.jobs.create('import', { roots: ['/lib'] });
    r.jobs.progress(j, { done: 3, total: 10 });
    expect(r.jobs.unfinished('import').map((x) => x.id)).toEqual([j]);
    r.jobs.finish(j, 'done', { done: 10, total: 10 });
    expect(r.jobs.get<{ roots: string[] }, { done: number }>(j)).toMatchObject({ status: 'done', params: { roots: ['/lib'] }, progress: { done: 10 } });
    expect(r.jobs.unfinished('import')).toEqual([]);
    expect(r.integrityCheck()).toBe('ok');
  });
});
