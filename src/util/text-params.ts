import { isLocalizedText, type Lang, type LocalizedText, type ParamValue } from './i18n.js';

type Param = ParamValue | LocalizedText;

/**
 * A catalogue message whose parameters are themselves texts (a nested
 * message, a reason): each language is formatted with the parameters in that
 * language, so no English is quoted inside the French.
 */
export function withTexts<P extends Record<string, ParamValue>>(
  message: (params: P) => LocalizedText,
  params: { [K in keyof P]: Param },
): LocalizedText {
  const pick = (lang: Lang): P => {
    const out: Record<string, ParamValue> = {};
    for (const [k, v] of Object.entries(params)) out[k] = isLocalizedText(v) ? v[lang] : v;
    return out as P;
  };
  return { en: message(pick('en')).en, fr: message(pick('fr')).fr };
}
