import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Localize } from 'ajv-i18n/localize/types.js';
import { type Document, LineCounter, parseDocument } from 'yaml';
import { FileError } from './errors.js';
import { inLang, type Lang, type LocalizedText, localized, type Text } from './i18n.js';
import { JsonSyntaxError, parseJson } from './json.js';
import { m, yamlProblemsFr } from './messages.js';

// ajv-i18n is CommonJS whose typings declare an ES default export; require gives the function itself.
const ajvFrench = createRequire(import.meta.url)('ajv-i18n/localize/fr') as Localize;

/** A YAML or JSON file parsed with positions, so any later error can name its line. */
export interface StructuredFile {
  path: string;
  text: string;
  data: unknown;
  /** Line and column of the value at a JSON-pointer-like path, when known. */
  positionOf(path: readonly (string | number)[]): { line: number; column: number } | undefined;
}

export async function readStructuredFile(file: string): Promise<StructuredFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new FileError(
      file,
      undefined,
      undefined,
      code === 'ENOENT' ? m.fileNotFound() : m.cannotRead({ reason: String(err) }),
    );
  }
  return parseStructured(file, text);
}

export function parseStructured(file: string, text: string): StructuredFile {
  if (/\.json$/i.test(file)) {
    try {
      parseJson(text, file);
    } catch (err) {
      if (err instanceof JsonSyntaxError) throw new FileError(file, err.line, err.column, invalidJson(err));
      throw err;
    }
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem) {
    const pos = lineCounter.linePos(problem.pos[0]);
    const en = problem.message.split('\n')[0] ?? '';
    const detail = { en, fr: yamlProblemsFr[problem.code] ?? en };
    throw new FileError(file, pos.line, pos.col, {
      en: m.invalidYaml({ code: problem.code, detail: detail.en }).en,
      fr: m.invalidYaml({ code: problem.code, detail: detail.fr }).fr,
    });
  }
  return {
    path: file,
    text,
    data: doc.toJS() as unknown,
    positionOf: (path) => nodePosition(doc, lineCounter, path),
  };
}

function nodePosition(
  doc: Document,
  lc: LineCounter,
  path: readonly (string | number)[],
): { line: number; column: number } | undefined {
  // Walk up to the nearest ancestor that exists (a missing property is reported at its parent).
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) {
      const { line, col } = lc.linePos(node.range[0]);
      return { line, column: col };
    }
  }
  return undefined;
}

/** A JSON syntax error's detail as a FileError's, in both languages. */
export function invalidJson(err: JsonSyntaxError): LocalizedText {
  return { en: m.invalidJson({ detail: err.text.en }).en, fr: m.invalidJson({ detail: err.text.fr }).fr };
}

/** Validates with a compiled ajv function; the first problems become one FileError naming line and path. */
export function assertValid(file: StructuredFile, validate: ValidateFunction, what: Text): void {
  if (validate(file.data)) return;
  const errors = (validate.errors ?? []).slice(0, 5);
  const first = errors[0];
  const segments = first ? pointerSegments(first.instancePath) : [];
  const pos = file.positionOf(segments);
  // ajv-i18n rewrites `message` in place: French from a copy, English from ajv's own.
  const french = structuredClone(errors);
  ajvFrench(french);
  const w = localized(what);
  const details = (lang: Lang, all: ErrorObject[]): string =>
    all.map((e) => describeAjvError(e, lang)).join(lang === 'fr' ? ' ; ' : '; ');
  throw new FileError(file.path, pos?.line, pos?.column, {
    en: m.invalidDocument({ what: w.en, details: details('en', errors) }).en,
    fr: m.invalidDocument({ what: capitalize(w.fr), details: details('fr', french) }).fr,
  });
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function pointerSegments(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function describeAjvError(e: ErrorObject, lang: Lang): string {
  const at = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : inLang(m.topLevel(), lang);
  const colon = lang === 'fr' ? ' : ' : ': ';
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties')
    return `${at}${colon}${inLang(m.unknownProperty({ name: String(params.additionalProperty) }), lang)}`;
  if (e.keyword === 'enum')
    return `${at}${colon}${e.message ?? ''} (${(params.allowedValues as unknown[]).join(', ')})`;
  return `${at}${colon}${e.message ?? e.keyword}`;
}
