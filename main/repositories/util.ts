/** Small helpers shared by the repositories. */
export function nowIso(): string {
  return new Date().toISOString();
}

export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (text == null || text === '') return fallback;
  return JSON.parse(text) as T;
}

/** The half-open range [lo, hi) of every path strictly inside `folder` (POSIX or Windows separators). */
export function pathRange(folder: string, sep = folder.includes('\\') && !folder.includes('/') ? '\\' : '/'): [string, string] {
  const base = folder.endsWith(sep) ? folder.slice(0, -1) : folder;
  // The character after the separator in code-point order bounds every child path.
  return [base + sep, base + String.fromCharCode(sep.charCodeAt(0) + 1)];
}
