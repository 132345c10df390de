/** Why a file was not imported: a short code and a sentence for the user. */
export type ImportErrorCode =
  | 'empty'
  | 'vanished'
  | 'permission-denied'
  | 'unsupported'
  | 'corrupt'
  | 'too-large'
  | 'no-preview'
  | 'symlink-loop'
  | 'io'
  | 'timeout'
  | 'decoder-crashed';

export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    detail: string,
  ) {
    super(detail);
    this.name = 'ImportError';
  }

  /** "code: detail", the form the import summary reports. */
  get reason(): string {
    return `${this.code}: ${this.message}`;
  }

  static fromFs(err: unknown): ImportError {
    const e = err as NodeJS.ErrnoException;
    switch (e?.code) {
      case 'ENOENT':
        return new ImportError('vanished', 'the file disappeared during the import');
      case 'EACCES':
      case 'EPERM':
        return new ImportError('permission-denied', 'no permission to read it');
      case 'ELOOP':
        return new ImportError('symlink-loop', 'too many levels of symbolic links');
      case 'EISDIR':
        return new ImportError('unsupported', 'is a directory');
      default:
        return new ImportError('io', e?.message ?? String(err));
    }
  }

  static fromSharp(err: unknown): ImportError {
    const msg = ((err as Error)?.message ?? String(err)).split('\n')[0].trim();
    if (/pixel limit/i.test(msg)) return new ImportError('too-large', `${msg} (decompression bomb guard)`);
    if (/unsupported image format/i.test(msg)) return new ImportError('unsupported', 'not an image format Tonewright can read');
    return new ImportError('corrupt', msg || 'the decoder rejected the file');
  }
}

export function toImportError(err: unknown): ImportError {
  if (err instanceof ImportError) return err;
  if ((err as NodeJS.ErrnoException)?.code && typeof (err as NodeJS.ErrnoException).code === 'string' && (err as NodeJS.ErrnoException).syscall) return ImportError.fromFs(err);
  return ImportError.fromSharp(err);
}
