/**
 * Defensive accessors over parsed JSON: the QuestionnaireResponse and its
 * Questionnaire are validated structurally elsewhere, so here a wrong shape is
 * simply treated as absent (never a crash).
 */

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The objects of an array property (anything else ignored). */
export function objects(v: unknown): Json[] {
  return Array.isArray(v) ? v.filter(isObject) : [];
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A `value[x]` (or `answer[x]`) found on an element: the JSON key, the FHIR type name and the value. */
export interface TypedValue {
  key: string;
  type: string;
  value: unknown;
}

const PRIMITIVE_SUFFIXES = new Set([
  'Base64Binary',
  'Boolean',
  'Canonical',
  'Code',
  'Date',
  'DateTime',
  'Decimal',
  'Id',
  'Instant',
  'Integer',
  'Markdown',
  'Oid',
  'PositiveInt',
  'String',
  'Time',
  'UnsignedInt',
  'Uri',
  'Url',
  'Uuid',
]);

/** `valueDateTime` -> `dateTime`, `valueCoding` -> `Coding`. */
export function typeOfSuffix(suffix: string): string {
  return PRIMITIVE_SUFFIXES.has(suffix) ? suffix.charAt(0).toLowerCase() + suffix.slice(1) : suffix;
}

/** The first `<prefix>[x]` property of an element (`value`, `answer`), if any. */
export function choiceValue(element: Json, prefix: string, allowed?: ReadonlySet<string>): TypedValue | undefined {
  for (const [key, value] of Object.entries(element)) {
    if (!key.startsWith(prefix) || key.length <= prefix.length) continue;
    const suffix = key.slice(prefix.length);
    if (!/^[A-Z]/.test(suffix)) continue;
    const type = typeOfSuffix(suffix);
    if (allowed && !allowed.has(type)) continue;
    return { key, type, value };
  }
  return undefined;
}

/** Extensions of an element with the given URL. */
export function extensions(element: Json | undefined, url: string): Json[] {
  return element ? objects(element.extension).filter((e) => e.url === url) : [];
}

/** The value of the first extension with that URL. */
export function extensionValue(element: Json | undefined, url: string): TypedValue | undefined {
  const ext = extensions(element, url)[0];
  return ext ? choiceValue(ext, 'value') : undefined;
}
