/**
 * Errors of the imaging layer. Each carries a stable `code` so callers (the CLI, IPC handlers)
 * can map them to exit statuses and user messages; the message is one line, ready to show.
 */
export type ImagingErrorCode =
  | 'NOT_FOUND' // the input path does not exist
  | 'NOT_A_FILE' // it is a directory or something else
  | 'UNREADABLE' // no permission to read it
  | 'UNSUPPORTED' // not an image format we can decode
  | 'CORRUPT' // a known format, but the data is damaged or truncated
  | 'TOO_LARGE' // over the pixel limit (decompression bomb guard)
  | 'OUTPUT_EXISTS' // refusing to overwrite
  | 'WRITE_FAILED'; // could not write the output

export class ImagingError extends Error {
  readonly code: ImagingErrorCode;
  constructor(code: ImagingErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ImagingError';
    this.code = code;
  }
}

export function isImagingError(e: unknown): e is ImagingError {
  return e instanceof ImagingError;
}

/** First line of an error's message (libvips messages span several lines). */
export function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0].trim();
}
