import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkTemplate, renderName, sanitize, uniquePath } from './naming.ts';

const meta = { name: 'DSC_0042', captureTime: '2024-05-01T10:20:30', rating: 4, cameraMake: 'NIKON CORPORATION', cameraModel: 'NIKON Z 6', title: 'Quai / Seine' };

describe('file-name templates', () => {
  it('fills every token', () => {
    expect(renderName('{name}-{seq:3}', { meta, seq: 7, photoId: 9 })).toBe('DSC_0042-007');
    expect(renderName('{date:YYYY-MM-DD}_{date:HHmmss}', { meta, seq: 1, photoId: 9 })).toBe('2024-05-01_102030');
    expect(renderName('{rating}★ {camera} {title} #{id}', { meta, seq: 1, photoId: 9 })).toBe('4★ NIKON Z 6 Quai _ Seine #9');
    expect(renderName('{camera}', { meta: { cameraMake: 'Canon', cameraModel: 'EOS R5' }, seq: 1, photoId: 1 })).toBe('Canon EOS R5');
    expect(renderName('{date}', { meta: {}, seq: 1, photoId: 1 })).toBe('unknown-date');
    expect(renderName('{seq}', { meta, seq: 12, photoId: 1 })).toBe('12');
  });

  it('rejects unknown tokens and bad braces up front', () => {
    expect(() => checkTemplate('{name}-{lens}')).toThrow(/unknown token \{lens\}/);
    expect(() => checkTemplate('{seq:x}')).toThrow(/width/);
    expect(() => checkTemplate('{name')).toThrow(/unbalanced/);
    expect(() => checkTemplate('  ')).toThrow(/empty/);
    expect(() => checkTemplate('{name}-{date:YYYY}-{seq:4}')).not.toThrow();
  });

  it('makes names safe on every file system', () => {
    expect(sanitize('a/b\\c:d*e?f"g<h>i|j\u0001')).toBe('a_b_c_d_e_f_g_h_i_j_');
    expect(sanitize('..hidden')).toBe('_hidden');
    expect(sanitize('trailing. . ')).toBe('trailing');
    expect(sanitize('CON')).toBe('_CON');
    expect(sanitize('x'.repeat(400))).toHaveLength(180);
  });
});

describe('uniquePath', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-naming-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  it('adds a suffix on collision with existing files and with names claimed in the batch', async () => {
    fs.writeFileSync(path.join(dir, 'a.jpg'), 'x');
    fs.writeFileSync(path.join(dir, 'a-2.jpg'), 'x');
    const claimed = new Set<string>();
    expect(path.basename(await uniquePath(dir, 'a', '.jpg', claimed))).toBe('a-3.jpg');
    expect(path.basename(await uniquePath(dir, 'a', '.jpg', claimed))).toBe('a-4.jpg');
    expect(path.basename(await uniquePath(dir, 'B', '.jpg', claimed))).toBe('B.jpg');
    expect(path.basename(await uniquePath(dir, 'b', '.jpg', claimed))).toBe('b-2.jpg'); // case-insensitive file systems
  });
});
