import { readFile } from 'node:fs/promises';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { type Document, LineCounter, parseDocument } from 'yaml';
import { FileError } from './errors.js';
import { JsonSyntaxError, parseJson } from './json.js';

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
      code === 'ENOENT' ? 'file not found' : `cannot read: ${String(err)}`,
    );
  }
  return parseStructured(file, text);
}

export function parseStructured(file: string, text: string): StructuredFile {
  if (/\.json$/i.test(file)) {
    try {
      parseJson(text, file);
    } catch (err) {
      if (err instanceof JsonSyntaxError)
        throw new FileError(file, err.line, err.column, `invalid JSON: ${err.detail}`);
      throw err;
    }
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem) {
    const pos = lineCounter.linePos(problem.pos[0]);
    throw new FileError(file, pos.line, pos.col, `invalid YAML: ${problem.message.split('\n')[0]}`);
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

/** Validates with a compiled ajv function; the first problems become one FileError naming line and path. */
export function assertValid(file: StructuredFile, validate: ValidateFunction, what: string): void {
  if (validate(file.data)) return;
  const errors = (validate.errors ?? []).slice(0, 5);
  const first = errors[0];
  const segments = first ? pointerSegments(first.instancePath) : [];
  const pos = file.positionOf(segments);
  const details = errors.map(describeAjvError).join('; ');
  throw new FileError(file.path, pos?.line, pos?.column, `invalid ${what}: ${details}`);
}

function pointerSegments(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function describeAjvError(e: ErrorObject): string {
  const at = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : '(top level)';
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') return `${at}: unknown property "${String(params.additionalProperty)}"`;
  if (e.keyword === 'enum') return `${at}: ${e.message ?? ''} (${(params.allowedValues as unknown[]).join(', ')})`;
  return `${at}: ${e.message ?? e.keyword}`;
}
