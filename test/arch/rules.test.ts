import { describe, expect, it } from 'vitest';
import { checkSource, looksLikeSql, type RuleId } from './rules.ts';
import { scanSource } from './scan.ts';

const rulesOf = (file: string, text: string): RuleId[] => checkSource(file, text).map((v) => v.rule);

describe('scanSource', () => {
  it('blanks comments and strings but keeps line numbers', () => {
    const src = "const a = 'window.x'; // document.y\n/* process.env\n */ const b = `SELECT ${x} FROM t`;\n";
    const { code, strings } = scanSource(src);
    expect(code).not.toMatch(/window|document|process|SELECT/);
    expect(code.split('\n')).toHaveLength(src.split('\n').length);
    expect(strings.map((s) => s.value)).toEqual(['window.x', 'SELECT ', ' FROM t']);
    expect(strings[1].line).toBe(3);
  });

  it('tells regex literals from division and survives quotes inside regexes', () => {
    const src = "const r = /['\"]/g; const h = w / 2 / 3; const s = 'document.x';\nwindow.alert(1);";
    const { code, strings } = scanSource(src);
    expect(strings.map((s) => s.value)).toEqual(['document.x']);
    expect(code).toContain('w / 2 / 3');
    expect(code).toContain('window.alert');
  });

  it('handles nested template expressions', () => {
    const { strings, code } = scanSource('const t = `a${ {k: `b${c}`}.k }d`; window.x;');
    expect(strings.map((s) => s.value)).toEqual(['a', 'b', '', 'd']);
    expect(code).toContain('window.x');
  });
});

describe('shared-purity', () => {
  it('fires on Node builtins, electron, and imports leaving shared/', () => {
    expect(rulesOf('shared/a.ts', "import { readFileSync } from 'node:fs';")).toEqual(['shared-purity']);
    expect(rulesOf('shared/a.ts', "import path from 'path';")).toEqual(['shared-purity']);
    expect(rulesOf('shared/a.ts', "import { x } from '../main/services/x.ts';")).toEqual(['shared-purity']);
    expect(rulesOf('shared/a.ts', "const m = await import('node:os');")).toEqual(['shared-purity']);
    expect(rulesOf('shared/a.ts', "export * from '../renderer/y.ts';")).toEqual(['shared-purity']);
    expect(rulesOf('shared/a.ts', "import { app } from 'electron';")).toEqual(['shared-purity', 'electron-confined']);
  });

  it('fires on DOM and Node globals in code, not in comments or strings', () => {
    expect(rulesOf('shared/a.ts', 'const w = window.innerWidth;')).toEqual(['shared-purity']);
    expect(rulesOf('shared/a.ts', "document.createElement('canvas');")).toEqual(['shared-purity']);
    expect(rulesOf('shared/a.ts', 'const e = process.env.X;')).toEqual(['shared-purity']);
    expect(rulesOf('shared/a.ts', 'const b: Buffer = f();')).toEqual(['shared-purity']);
    expect(rulesOf('shared/a.ts', "const fs = require('fs');")).toEqual(['shared-purity', 'shared-purity']);
    expect(rulesOf('shared/a.ts', "// window.x\nconst s = 'document.body'; const a = new ArrayBuffer(4); o.process.x;")).toEqual([]);
  });

  it('allows relative imports within shared/ and exempts tests', () => {
    expect(rulesOf('shared/pixel/a.ts', "import type { Strip } from '../develop/types.ts';")).toEqual([]);
    expect(rulesOf('shared/pixel/a.test.ts', "import { readFileSync } from 'node:fs';")).toEqual([]);
  });
});

describe('renderer-boundary', () => {
  it('fires on imports from main/ and on Node builtins', () => {
    expect(rulesOf('renderer/features/x.tsx', "import { svc } from '../../main/services/catalog.ts';")).toEqual(['renderer-boundary']);
    expect(rulesOf('renderer/x.ts', "import fs from 'node:fs';")).toEqual(['renderer-boundary']);
  });
  it('allows shared/ and packages', () => {
    expect(rulesOf('renderer/x.tsx', "import { registry } from '../shared/develop/registry.ts';\nimport { useState } from 'react';")).toEqual([]);
  });
});

describe('electron-confined', () => {
  it('fires on electron outside main/app and main/preload', () => {
    expect(rulesOf('main/services/x.ts', "import { app } from 'electron';")).toEqual(['electron-confined']);
    expect(rulesOf('renderer/x.ts', "import { ipcRenderer } from 'electron/renderer';")).toEqual(['electron-confined', 'raw-ipc']);
  });
  it('allows it in the shell and the preload', () => {
    expect(rulesOf('main/app/window.ts', "import { BrowserWindow } from 'electron';")).toEqual([]);
    expect(rulesOf('main/preload/index.ts', "import { contextBridge, ipcRenderer } from 'electron';")).toEqual([]);
  });
});

describe('raw-ipc', () => {
  it('fires on ipcMain/ipcRenderer outside their homes', () => {
    expect(rulesOf('main/app/window.ts', "import { ipcMain } from 'electron';")).toEqual(['raw-ipc']);
    expect(rulesOf('main/services/x.ts', 'declare const ipcRenderer: unknown; ipcRenderer;')).toEqual(['raw-ipc', 'raw-ipc']);
    expect(rulesOf('main/preload/index.ts', 'ipcMain.handle("x", f);')).toEqual(['raw-ipc']);
  });
  it('allows ipcMain in main/ipc and the bridge, and mentions in comments', () => {
    expect(rulesOf('main/ipc/handlers.ts', 'export function register(ipcMain: IpcLike) {}')).toEqual([]);
    expect(rulesOf('main/app/ipc-bridge.ts', "import { ipcMain } from 'electron';")).toEqual([]);
    expect(rulesOf('main/services/x.ts', '// never use ipcMain here')).toEqual([]);
  });
});

describe('sql-confined', () => {
  it('recognises SQL but not English', () => {
    for (const sql of ['SELECT id, path FROM photos WHERE hash = ?', 'select * from photos', 'INSERT INTO photos (a) VALUES (?)',
      'CREATE TABLE photos (id INTEGER) STRICT', 'UPDATE photos SET rating = ?', 'DELETE FROM photos WHERE id = ?']) {
      expect(looksLikeSql(sql), sql).toBe(true);
    }
    for (const text of ['Select a folder to import', 'update the settings', 'delete the step', 'Created table of contents']) {
      expect(looksLikeSql(text), text).toBe(false);
    }
  });
  it('fires outside repositories and db, in strings and templates', () => {
    expect(rulesOf('main/services/catalog.ts', "db.prepare('SELECT * FROM photos')")).toEqual(['sql-confined']);
    expect(rulesOf('main/services/catalog.ts', 'db.prepare(`DELETE FROM photos WHERE id = ${id}`)')).toEqual(['sql-confined']);
    expect(rulesOf('renderer/x.ts', "const q = 'UPDATE photos SET rating = 1';")).toEqual(['sql-confined']);
  });
  it('allows SQL in repositories, migrations and tests', () => {
    expect(rulesOf('main/repositories/photos.ts', "db.prepare('SELECT * FROM photos')")).toEqual([]);
    expect(rulesOf('main/db/migrations/0001-init.ts', "export const up = 'CREATE TABLE photos (id INTEGER) STRICT';")).toEqual([]);
    expect(rulesOf('main/services/catalog.test.ts', "db.prepare('SELECT count(*) FROM photos')")).toEqual([]);
  });
});

describe('violations', () => {
  it('carry the right line numbers', () => {
    const v = checkSource('shared/a.ts', "import type { A } from './a.ts';\n\nimport { x } from 'node:fs';\n");
    expect(v).toEqual([{ rule: 'shared-purity', file: 'shared/a.ts', line: 3, message: "shared/ imports the Node builtin 'node:fs'" }]);
  });
});
