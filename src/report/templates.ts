import { readFileSync } from 'node:fs';
import type Handlebars from 'handlebars';
import { projectPath } from '../util/paths.js';

export type HandlebarsEnv = typeof Handlebars;

export function templatePath(name: string): string {
  return projectPath('reports', 'templates', name);
}

/**
 * Compiles reports/templates/<name> on the given (private) Handlebars instance.
 * Strict mode: a field the view does not have throws instead of rendering empty.
 * preventIndent: an indented partial must not re-indent its output, which would
 * alter the evidence bodies shown in <pre>.
 */
export function compileTemplate<T>(hb: HandlebarsEnv, name: string): Handlebars.TemplateDelegate<T> {
  const source = readFileSync(templatePath(name), 'utf8');
  return hb.compile<T>(source, { strict: true, noEscape: false, preventIndent: true });
}

/** The value at `key` of an object, or undefined: for reading Handlebars' untyped helper options. */
export function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}
