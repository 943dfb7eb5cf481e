/**
 * A problem with what the user gave us (arguments, target file, suite): the
 * harness cannot run. The CLI prints the message alone and exits with 2.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A file that is malformed or invalid; the message starts with file:line:column. */
export class FileError extends UsageError {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
    detail: string,
  ) {
    super(`${file}${line ? `:${line}${column ? `:${column}` : ''}` : ''}: ${detail}`);
    this.name = 'FileError';
  }
}
