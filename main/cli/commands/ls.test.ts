import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { command, toQuery } from './ls.ts';
import { command as importCommand } from './import.ts';
import { openCatalog } from '../../services/catalog/catalog.ts';
import { fileData } from '../../repositories/testing.ts';
import { UsageError } from '../command.ts';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), cwd: '/' } };
}

describe('tonewright ls', () => {
  it('turns flags into a grid query and rejects bad values with a usage error', () => {
    expect(toQuery({ folder: 'lib', rating: '3', flag: 'pick', label: 'red', from: '2024-01-01', to: '2024-01-31 18:00', sort: 'name', desc: true, limit: '10', offset: '20' }, '/home')).toMatchObject({
      under: '/home/lib', minRating: 3, flag: 'pick', label: 'red', from: '2024-01-01', to: '2024-01-31T18:00', sort: 'name', descending: true, limit: 10, offset: 20,
    });
    for (const bad of [{ rating: '6' }, { flag: 'maybe' }, { label: 'pink' }, { from: 'yesterday' }, { sort: 'size' }, { limit: '0' }]) {
      expect(() => toQuery(bad, '/')).toThrow(UsageError);
    }
  });

  it('lists photos as JSON with filters and keywords', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-ls-'));
    const file = path.join(dir, 'c.db');
    const cat = openCatalog(file);
    cat.transaction(() => {
      const f = cat.folders.ensure('/lib');
      const a = cat.photos.insert(fileData({ path: '/lib/a.jpg', captureTime: '2024-03-01T10:00:00.000', cameraModel: 'X100V' }), f);
      cat.photos.insert(fileData({ path: '/lib/b.jpg', captureTime: '2024-04-01T10:00:00.000' }), f);
      cat.keywords.setForPhoto(a, ['harbour']);
      cat.photos.setRating(a, 4);
    });
    cat.close();
    const t = io();
    expect(await command.run(['--catalog', file, '--rating', '3', '--json'], t.io)).toBe(0);
    const res = JSON.parse(t.out.join(''));
    expect(res.total).toBe(1);
    expect(res.photos[0]).toMatchObject({ path: '/lib/a.jpg', rating: 4, cameraModel: 'X100V', keywords: ['harbour'] });
    const t2 = io();
    await command.run(['--catalog', file, '--search', 'harb', '--json'], t2.io);
    expect(JSON.parse(t2.out.join('')).photos.map((p: { fileName: string }) => p.fileName)).toEqual(['a.jpg']);
    const t3 = io();
    await command.run(['--catalog', file, '--from', '2024-04-01'], t3.io);
    expect(t3.out.join('')).toMatch(/b\.jpg[\s\S]*1 of 1 photos/);
  });

  it('import and ls refuse bad usage', async () => {
    await expect(importCommand.run([], io().io)).rejects.toThrow(UsageError);
    await expect(importCommand.run(['x', '--workers', '0'], io().io)).rejects.toThrow(/--workers/);
    await expect(command.run(['--catalog', '/nonexistent/dir/c.db'], io().io)).rejects.toThrow(UsageError);
  });
});
