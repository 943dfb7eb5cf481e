import { isLocalizedText, type LocalizedText, localized, type Text } from './i18n.js';

/** An error whose message exists in both languages (`message` is the English, for logs). */
export class LocalizedError extends Error {
  readonly text: LocalizedText;
  constructor(text: Text) {
    const both = localized(text);
    super(both.en);
    this.text = both;
  }
}

/**
 * A problem with what the user gave us (arguments, target file, suite): the
 * harness cannot run. The CLI prints `text[lang]` alone and exits with 2;
 * `message` is the English (for logs and code that predates issue 14).
 */
export class UsageError extends LocalizedError {
  constructor(message: Text) {
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
    detail: Text,
  ) {
    const where = `${file}${line ? `:${line}${column ? `:${column}` : ''}` : ''}`;
    const d = localized(detail);
    // The French colon takes a space before it (OQLF); the position itself is not translated.
    super({ en: `${where}: ${d.en}`, fr: `${where} : ${d.fr}` });
    this.name = 'FileError';
  }
}

/** An error's text in both languages when it carries them (`text`), else its message (the same in both). */
export function textOfError(err: unknown): Text {
  const text = (err as { text?: unknown } | null)?.text;
  if (isLocalizedText(text)) return text;
  return err instanceof Error ? err.message : String(err);
}
