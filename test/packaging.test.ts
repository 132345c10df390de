/**
 * Keeps the packaging configuration from rotting: electron-builder.yml is read with a small YAML
 * reader (no schema check is possible offline), its targets, asar unpacking and exclusions are
 * asserted, every path it names must exist, the Electron shell must build, and everything the
 * built main process imports must be a production dependency that the package ships.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { builderOs, globToRegExp, isShipped, matches, staticPrefix, type MacroValues } from './support/glob.ts';
import { parseYaml, type YamlValue } from './support/mini-yaml.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { optional?: boolean }> };
const config = parseYaml(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, YamlValue>;
const here: MacroValues = { os: builderOs(process.platform), arch: process.arch };

const strings = (v: YamlValue | undefined): string[] => (Array.isArray(v) ? v.map(String) : []);
const section = (name: string): Record<string, YamlValue> => (config[name] ?? {}) as Record<string, YamlValue>;
const targetsOf = (platform: string): string[] =>
  strings(undefined).concat(
    ((section(platform).target ?? []) as YamlValue[]).map((t) => (typeof t === 'string' ? t : String((t as Record<string, YamlValue>).target))),
  );

function filesUnder(dir: string, pattern: RegExp, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    if (e.isDirectory()) filesUnder(full, pattern, out);
    else if (pattern.test(e.name)) out.push(relative(ROOT, full).split(sep).join('/'));
  }
  return out;
}

describe('mini-yaml', () => {
  it('reads mappings, sequences, quoting and comments', () => {
    const doc = parseYaml('a: 1\nb: "x # not a comment" # comment\nc:\n  - p\n  - "!q/**"\n  - k: v\n    w: true\nd:\n- [x, y]\ne: ${name}.${ext}\n');
    expect(doc).toEqual({ a: 1, b: 'x # not a comment', c: ['p', '!q/**', { k: 'v', w: true }], d: [['x', 'y']], e: '${name}.${ext}' });
  });
  it('refuses what it cannot read', () => {
    expect(() => parseYaml('a: &anchor 1')).toThrow(/unsupported/);
    expect(() => parseYaml('a: |\n  text')).toThrow(/unsupported/);
    expect(() => parseYaml('a: 1\na: 2')).toThrow(/duplicate/);
    expect(() => parseYaml('a:\n\t- x')).toThrow(/tab/);
  });
});

describe('glob', () => {
  it('matches electron-builder patterns', () => {
    expect(globToRegExp('node_modules/@img/**/*').test('node_modules/@img/sharp-linux-x64/lib/x.node')).toBe(true);
    expect(globToRegExp('dist/*.js').test('dist/a/b.js')).toBe(false);
    expect(matches('node_modules/sharp', 'node_modules/sharp/lib/index.js', here)).toBe(true);
    expect(isShipped(['dist/**/*', '!dist/**/*.map'], 'dist/main/a.js.map', here)).toBe(false);
    expect(isShipped(['!node_modules/x/**', 'node_modules/x/keep/**'], 'node_modules/x/keep/a', here)).toBe(true);
    expect(staticPrefix('!node_modules/@node-llama-cpp/${os}-${arch}*/bins/**/*')).toBe('node_modules/@node-llama-cpp');
  });
});

describe('electron-builder.yml', () => {
  const files = strings(config.files);
  const unpack = strings(config.asarUnpack);

  it('names the app', () => {
    expect(config.productName).toBe('Tonewright');
    expect(String(config.appId)).toMatch(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*){2,}$/);
    expect(config.asar).toBe(true);
  });

  it('builds AppImage and deb, dmg, and nsis', () => {
    expect(targetsOf('linux')).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(targetsOf('mac')).toContain('dmg');
    expect(targetsOf('win')).toContain('nsis');
  });

  it('ships the built shell, the service sources it loads through tsx and the model manifest, not maps, tests or weights', () => {
    expect(isShipped(files, pkg.main, here)).toBe(true);
    expect(isShipped(files, 'dist/main/preload/index.cjs', here)).toBe(true);
    expect(isShipped(files, 'dist/renderer/index.html', here)).toBe(true);
    expect(isShipped(files, 'package.json', here)).toBe(true);
    expect(isShipped(files, 'models/manifest.json', here)).toBe(true);
    // The services the shell loads from source, and the workers they start.
    for (const path of ['main/app/desktop-services.ts', 'main/services/app-services.ts', 'main/imaging/render-worker-entry.mjs', 'main/services/import/worker.ts', 'shared/develop/registry.ts'])
      expect(isShipped(files, path, here), path).toBe(true);
    expect(isShipped(files, 'main/imaging/render.test.ts', here)).toBe(false);
    for (const path of ['dist/main/app/electron-main.js.map', 'shared/develop/stack.test.ts', 'test/packaging.test.ts', 'models/x.gguf']) {
      expect(isShipped(files, path, here), path).toBe(false);
    }
  });

  it('unpacks every native binary of sharp, better-sqlite3 and node-llama-cpp from the asar', () => {
    for (const must of ['node_modules/sharp/', 'node_modules/@img/', 'node_modules/better-sqlite3/', 'node_modules/node-llama-cpp/', 'node_modules/@node-llama-cpp/']) {
      expect(unpack.some((p) => p.startsWith(must)), must).toBe(true);
    }
    const natives = [
      ...filesUnder(join(ROOT, 'node_modules/better-sqlite3/build/Release'), /\.node$/),
      ...filesUnder(join(ROOT, 'node_modules/@img'), /\.(node|so(\.\d+)*|dylib|dll)$/),
      ...filesUnder(join(ROOT, 'node_modules/@node-llama-cpp'), /\.(node|so(\.\d+)*|dylib|dll)$/),
    ];
    expect(natives.length).toBeGreaterThan(3);
    for (const file of natives) expect(unpack.some((p) => matches(p, file, here)), file).toBe(true);
  });

  it('excludes node-llama-cpp CUDA and Vulkan builds by default but ships the CPU build', () => {
    expect(files).toContain('!node_modules/@node-llama-cpp/*cuda*/**');
    expect(files).toContain('!node_modules/@node-llama-cpp/*vulkan*/**');
    const gpu = filesUnder(join(ROOT, 'node_modules/@node-llama-cpp'), /./).filter((f) => /cuda|vulkan/.test(f.split('/')[2]));
    for (const f of [...gpu.slice(0, 50), 'node_modules/@node-llama-cpp/win-x64-cuda/bins/win-x64-cuda/llama-addon.node']) {
      expect(isShipped(files, f, here), f).toBe(false);
    }
    const cpu = filesUnder(join(ROOT, `node_modules/@node-llama-cpp/${here.os}-${here.arch}/bins`), /\.node$/);
    if (existsSync(join(ROOT, `node_modules/@node-llama-cpp/${here.os}-${here.arch}`))) expect(cpu.length).toBeGreaterThan(0);
    for (const f of cpu) expect(isShipped(files, f, here), f).toBe(true);
    // Prebuilt binaries of other platforms stay out of this platform's package.
    expect(isShipped(files, 'node_modules/@node-llama-cpp/mac-arm64-metal/bins/mac-arm64-metal/llama-addon.node', { os: 'linux', arch: 'x64' })).toBe(false);
  });

  it('refers only to paths that exist (or to optional platform packages in the lockfile)', () => {
    for (const pattern of [...files, ...unpack]) {
      const prefix = staticPrefix(pattern);
      if (prefix === '' || prefix === 'dist' || prefix.startsWith('dist/')) continue; // dist/ is build output
      const ok = existsSync(join(ROOT, prefix)) || lock.packages[prefix]?.optional === true;
      expect(ok, `${pattern} → ${prefix}`).toBe(true);
    }
  });
});

describe('the Electron shell build', () => {
  const out = mkdtempSync(join(tmpdir(), 'tw-shell-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('bundles main and a sandbox-compatible preload; main imports only shipped dependencies', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/start.mjs'), '--build-only', '--no-renderer', '--out', out], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const mainJs = readFileSync(join(out, 'main/app/electron-main.js'), 'utf8');
    const preload = readFileSync(join(out, 'main/preload/index.cjs'), 'utf8');

    // A sandboxed preload may require only 'electron'.
    const preloadRequires = [...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect([...new Set(preloadRequires)]).toEqual(['electron']);
    expect(preload).toContain('exposeInMainWorld');

    const builtins = new Set(builtinModules);
    const imported = new Set(
      [...mainJs.matchAll(/^\s*import\s[^'"]*?from\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']/gm)].map((m) => m[1] ?? m[2]),
    );
    expect(imported.has('electron')).toBe(true);
    for (const spec of imported) {
      if (spec === 'electron' || spec.startsWith('node:') || builtins.has(spec)) continue;
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      expect(pkg.dependencies[name], `${spec} must be a production dependency`).toBeDefined();
    }
  });

  it('npm start explains a missing Electron binary and exits non-zero', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/start.mjs')], {
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: join(out, 'no-electron-here') },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/cannot start the desktop app/);
    expect(r.stderr).toMatch(/npm install-scripts approve electron/);
    expect(r.stderr).toMatch(/npm run web/);
  });
});

describe('models/manifest.json', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'models/manifest.json'), 'utf8')) as { models: Record<string, unknown>[] };

  it('lists small tool-use instruct models and vision models with sources and licences', () => {
    const ids = new Set<string>();
    for (const m of manifest.models) {
      expect(typeof m.id === 'string' && !ids.has(m.id), String(m.id)).toBe(true);
      ids.add(String(m.id));
      expect(String(m.file)).toMatch(/\.gguf$/);
      expect(String(m.url)).toBe(`https://huggingface.co/${String(m.repo)}/resolve/main/${String(m.file)}`);
      expect(String(m.license).length).toBeGreaterThan(2);
      expect(m.sha256 === null || /^[0-9a-f]{64}$/.test(String(m.sha256))).toBe(true);
      expect(m.sizeBytes === null || (typeof m.sizeBytes === 'number' && m.sizeBytes > 1e8)).toBe(true);
      if (m.vision === true) expect((m.mmproj as { file?: string } | null)?.file).toMatch(/^mmproj-.*\.gguf$/);
    }
    expect(manifest.models.filter((m) => m.vision !== true && m.toolUse === true && m.recommended === true).length).toBeGreaterThanOrEqual(2);
    expect(manifest.models.some((m) => m.vision === true)).toBe(true);
  });
});
