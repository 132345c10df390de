/**
 * electron-builder style file patterns, enough to check our configuration: `**`, `*`, `?`,
 * `{a,b}`, a leading `!` for exclusion, and the `${os}`/`${arch}` macros.
 */
export interface MacroValues {
  os: string;
  arch: string;
}

/** Node's platform → electron-builder's `${os}`. */
export function builderOs(platform: string): string {
  return platform === 'darwin' ? 'mac' : platform === 'win32' ? 'win' : platform;
}

export function expandMacros(pattern: string, macros: MacroValues): string {
  return pattern.replace(/\$\{(\w+)\}/g, (whole, name: string) => {
    if (name === 'os') return macros.os;
    if (name === 'arch') return macros.arch;
    throw new Error(`unknown macro ${whole} in ${pattern}`);
  });
}

export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) throw new Error(`unclosed { in ${glob}`);
      re += '(?:' + glob.slice(i + 1, end).split(',').map((s) => s.replace(/[.+^$()|[\]\\]/g, '\\$&')).join('|') + ')';
      i = end;
    } else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Whether a path matches a pattern or lies inside a directory the pattern names. */
export function matches(pattern: string, path: string, macros: MacroValues): boolean {
  const p = expandMacros(pattern, macros).replace(/\/+$/, '');
  return globToRegExp(p).test(path) || globToRegExp(`${p}/**`).test(path);
}

/**
 * Whether the ordered `files` patterns ship a path: the last matching pattern decides; with no
 * match, production node_modules ship and everything else does not.
 */
export function isShipped(patterns: string[], path: string, macros: MacroValues): boolean {
  let shipped = path.startsWith('node_modules/');
  for (const raw of patterns) {
    const exclude = raw.startsWith('!');
    if (matches(exclude ? raw.slice(1) : raw, path, macros)) shipped = !exclude;
  }
  return shipped;
}

/** The leading part of a pattern before any glob or macro (a real path that must exist). */
export function staticPrefix(pattern: string): string {
  const parts = pattern.replace(/^!/, '').split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (/[*?{}[\]]|\$\{/.test(part)) break;
    out.push(part);
  }
  return out.join('/');
}
