/**
 * homolog's one message catalogue. Every text a user sees exists in French
 * and English: either a LocalizedText written where it is declared (a check's
 * title), or a template of a catalogue made with {@link defineMessages}, whose
 * messages take parameters ICU-style (`{name}`, `{n, plural, one {…} other {…}}`)
 * instead of concatenating English. Run results store both languages; each
 * output picks the one chosen once per command ({@link resolveLang}).
 */
import { IntlMessageFormat } from 'intl-messageformat';

export type Lang = 'fr' | 'en';
export const LANGS: readonly Lang[] = ['fr', 'en'];

/** A text in both languages. */
export interface LocalizedText {
  fr: string;
  en: string;
}

/**
 * What an API that shows text accepts: both languages, or one string that is
 * the same in both (an identifier, a code, a URL; never a sentence).
 */
export type Text = string | LocalizedText;

/** The text in both languages; a plain string is the same in both. */
export function localized(text: Text): LocalizedText {
  return typeof text === 'string' ? { fr: text, en: text } : text;
}

/** The text in one language. */
export function inLang(text: Text, lang: Lang): string {
  return typeof text === 'string' ? text : text[lang];
}

/** Is this value a LocalizedText (both languages present as strings)? */
export function isLocalizedText(value: unknown): value is LocalizedText {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { fr?: unknown }).fr === 'string' &&
    typeof (value as { en?: unknown }).en === 'string'
  );
}

/** Joins texts language by language. */
export function joinTexts(texts: readonly Text[], separator: Text = ' '): LocalizedText {
  const sep = localized(separator);
  const all = texts.map(localized);
  return { fr: all.map((t) => t.fr).join(sep.fr), en: all.map((t) => t.en).join(sep.en) };
}

/**
 * A text built once per language (a message whose parameters are themselves
 * texts in both languages: a nested reason, a month's name).
 */
export function perLanguage(make: (lang: Lang) => LocalizedText): LocalizedText {
  return { fr: make('fr').fr, en: make('en').en };
}

/** A message template: the same message in both languages, with the same placeholders. */
export interface Template {
  fr: string;
  en: string;
}

type Trim<S extends string> = S extends ` ${infer R}` ? Trim<R> : S extends `${infer R} ` ? Trim<R> : S;
type NameOf<B extends string> = B extends `${infer N},${string}` ? Trim<N> : Trim<B>;
type IsName<N extends string> = N extends ''
  ? never
  : N extends `${string} ${string}` | `${string}#${string}` | `${string}{${string}`
    ? never
    : N;
/** The placeholder names of an ICU-style template, as a union of string literals. */
export type Placeholders<S extends string> = S extends `${string}{${infer B}}${infer R}`
  ? IsName<NameOf<B>> | Placeholders<R>
  : never;

/**
 * A value a message can take: text goes in as given (never parsed as a
 * template); a LocalizedText goes in language by language.
 */
export type ParamValue = string | number | LocalizedText;

type ArgsOf<T extends Template> = [Placeholders<T['en']> | Placeholders<T['fr']>] extends [never]
  ? []
  : [params: Record<Placeholders<T['en']> | Placeholders<T['fr']>, ParamValue>];

/** A catalogue: one function per message, giving the message in both languages. */
export type Messages<T extends Record<string, Template>> = {
  readonly [K in keyof T]: (...args: ArgsOf<T[K]>) => LocalizedText;
};

const catalogues = new Map<string, Readonly<Record<string, Template>>>();

/**
 * Declares a domain's messages (`cli`, `suite.fhir-core`, …). Each template
 * must exist in both languages with the same placeholders; the catalogue test
 * checks every registered domain. An ASCII apostrophe is always literal (ICU
 * would otherwise treat `'{` as quoting).
 */
export function defineMessages<const T extends Record<string, Template>>(domain: string, templates: T): Messages<T> {
  catalogues.set(domain, templates);
  const out: Record<string, (params?: Record<string, ParamValue>) => LocalizedText> = {};
  for (const [key, template] of Object.entries(templates)) {
    // Each template read once, on first use (the validator formats a message per issue).
    let fr: Formatter | undefined;
    let en: Formatter | undefined;
    out[key] = (params?: Record<string, ParamValue>): LocalizedText => ({
      fr: (fr ??= formatter(template.fr, 'fr'))(params),
      en: (en ??= formatter(template.en, 'en'))(params),
    });
  }
  return out as unknown as Messages<T>;
}

/** The parameters in one language (a LocalizedText parameter gives its text in that language). */
function inLangParams(
  params: Record<string, ParamValue> | undefined,
  lang: Lang,
): Record<string, string | number> | undefined {
  if (!params) return undefined;
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) out[name] = typeof value === 'object' ? value[lang] : value;
  return out;
}

/** Every catalogue declared so far (for the completeness test), by domain. */
export function registeredCatalogues(): ReadonlyMap<string, Readonly<Record<string, Template>>> {
  return catalogues;
}

const SIMPLE = /\{\s*([A-Za-z_][\w]*)\s*\}/g;
const compiled = new Map<string, IntlMessageFormat>();

type Formatter = (params?: Record<string, ParamValue>) => string;
const SIMPLE_SPLIT = /(\{\s*([A-Za-z_][\w]*)\s*\})/;

/**
 * One template in one language as a function of its parameters: the same
 * text as {@link format}, with a plain template split once into its literal
 * parts and placeholders instead of matched again on every call.
 */
export function formatter(template: string, lang: Lang): Formatter {
  if (!template.includes('{')) return () => template;
  if (/\{[^{}]*,/.test(template)) return (params) => format(template, lang, inLangParams(params, lang));
  // [literal, placeholder, name, literal, placeholder, name, …, literal]
  const parts = template.split(SIMPLE_SPLIT);
  return (params) => {
    let out = parts[0] as string;
    for (let i = 1; i < parts.length; i += 3) {
      const value = params?.[parts[i + 1] as string];
      out += value === undefined ? (parts[i] as string) : typeof value === 'object' ? value[lang] : String(value);
      out += parts[i + 2] as string;
    }
    return out;
  };
}

/** Formats one template in one language. */
export function format(template: string, lang: Lang, params?: Record<string, string | number>): string {
  if (!template.includes('{')) return template;
  if (!/\{[^{}]*,/.test(template)) {
    // Only plain {name} placeholders: no need for the ICU parser.
    return template.replace(SIMPLE, (whole, name: string) => {
      const value = params?.[name];
      return value === undefined ? whole : String(value);
    });
  }
  const key = `${lang}\u0000${template}`;
  let formatter = compiled.get(key);
  if (!formatter) {
    formatter = new IntlMessageFormat(template.replace(/'/g, "''"), lang === 'fr' ? 'fr-CA' : 'en-CA');
    compiled.set(key, formatter);
  }
  const result = formatter.format(params ?? {});
  return typeof result === 'string' ? result : String(result);
}

/** The placeholder names a template uses (for the catalogue test). */
export function placeholdersOf(template: string): string[] {
  const names = new Set<string>();
  for (const m of template.matchAll(/\{\s*([A-Za-z_]\w*)\s*[},]/g)) if (m[1]) names.add(m[1]);
  return [...names].sort();
}

/** `fr`, `fr-CA`, `fr_CA.UTF-8` → fr; `en…` → en; anything else → undefined. */
export function parseLang(value: string | undefined): Lang | undefined {
  const v = value?.trim().toLowerCase();
  if (!v) return undefined;
  if (v === 'fr' || v.startsWith('fr-') || v.startsWith('fr_') || v.startsWith('fr.')) return 'fr';
  if (v === 'en' || v.startsWith('en-') || v.startsWith('en_') || v.startsWith('en.')) return 'en';
  return undefined;
}

/** Where the language came from, for `homolog doctor` and error messages. */
export type LangSource = 'option' | 'HOMOLOG_LANG' | 'locale' | 'default';

/**
 * The language of a command, chosen once: `--lang`, else HOMOLOG_LANG, else
 * the locale (LC_ALL, LC_MESSAGES, LANG, as POSIX orders them; `fr*` is
 * French, any other locale, C and POSIX included, is English), else the
 * system's Intl locale. An unknown --lang or HOMOLOG_LANG value throws.
 */
export function resolveLang(option?: string, env: NodeJS.ProcessEnv = process.env): { lang: Lang; source: LangSource } {
  if (option !== undefined) {
    const lang = parseLang(option);
    if (!lang) throw new UnknownLangError(option, '--lang');
    return { lang, source: 'option' };
  }
  const fromEnv = env.HOMOLOG_LANG;
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    const lang = parseLang(fromEnv);
    if (!lang) throw new UnknownLangError(fromEnv, 'HOMOLOG_LANG');
    return { lang, source: 'HOMOLOG_LANG' };
  }
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v.trim() !== '');
  if (locale !== undefined) return { lang: parseLang(locale) ?? 'en', source: 'locale' };
  return { lang: parseLang(Intl.DateTimeFormat().resolvedOptions().locale) ?? 'en', source: 'default' };
}

/** An unsupported language was asked for; the message is in both languages since none was chosen. */
export class UnknownLangError extends Error {
  readonly text: LocalizedText;
  constructor(
    readonly value: string,
    readonly from: '--lang' | 'HOMOLOG_LANG',
  ) {
    const text = {
      fr: `${from} : langue inconnue ${JSON.stringify(value)} (fr ou en)`,
      en: `${from}: unknown language ${JSON.stringify(value)} (fr or en)`,
    };
    super(`${text.fr} / ${text.en}`);
    this.name = 'UnknownLangError';
    this.text = text;
  }
}
