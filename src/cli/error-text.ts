import { isLocalizedText, type Lang } from '../util/i18n.js';

/** The text of an error in the command's language, when it carries both (`text`), else its message. */
export function errorText(err: unknown, lang: Lang): string {
  const text = (err as { text?: unknown } | null)?.text;
  if (isLocalizedText(text)) return text[lang];
  return err instanceof Error ? err.message : String(err);
}
