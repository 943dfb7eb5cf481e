/**
 * SearchParameter rules (SearchParameterValidator): code characters, the
 * expression parses, a derivedFrom parameter resolves and this one keeps its
 * type, bases and (as a warning) expression, composites have two components.
 * Not checked: the expression's paths against the bases' types (Java warns).
 */
import type { SearchParameter } from '@medplum/fhirtypes';
import type { RuleCtx } from './index.js';
import { rm } from './messages.js';
import { searchParameter } from './search-parameters.js';
import { fhirPathSyntaxError, Issues, type Json, objects, str } from './util.js';

const SPECIAL_CHARS = ['.', '$', '|'];
const SEARCH_PARAMETER_BASE_EXT = 'http://hl7.org/fhir/tools/StructureDefinition/searchparameter-base-type';

export function checkSearchParameter(sp: Json, ctx: RuleCtx): Issues['list'] {
  const out = new Issues();
  const path = ctx.path;
  const code = str(sp.code);
  if (code) {
    for (const c of SPECIAL_CHARS) if (code.includes(c)) out.add('warning', 'invalid', path, rm.spBadChar({ char: c }));
  }
  const bases = Array.isArray(sp.base) ? sp.base.filter((b): b is string => typeof b === 'string') : [];
  const expression = str(sp.expression);
  if (expression !== undefined && (bases.length > 0 || hasBaseExtension(sp))) {
    const error = fhirPathSyntaxError(expression);
    if (error) out.add('error', 'invalid', `${path}.expression`, rm.spExpressionError({ expression, error }));
  }
  const master = str(sp.derivedFrom);
  if (master) {
    const parent = searchParameter(ctx.registry, master);
    if (!parent) out.add('warning', 'business-rule', path, rm.spNotFound({ url: master }));
    else checkDerivation(sp, parent, master, bases, expression, path, out);
  }
  if (sp.type === 'composite' && objects(sp.component).length < 2)
    out.add('error', 'business-rule', path, rm.spMissingComponents());
  return out.list;
}

function hasBaseExtension(sp: Json): boolean {
  return objects(sp._base).some((b) => objects(b.extension).some((e) => e.url === SEARCH_PARAMETER_BASE_EXT));
}

function checkDerivation(
  sp: Json,
  parent: SearchParameter,
  master: string,
  bases: string[],
  expression: string | undefined,
  path: string,
  out: Issues,
): void {
  const parentBases = parent.base ?? [];
  for (const b of bases) {
    if (!parentBases.includes(b as never) && !parentBases.includes('Resource' as never))
      out.add('error', 'business-rule', path, rm.spBaseWrong({ url: master, base: b }));
  }
  if (sp.type !== undefined && sp.type !== parent.type)
    out.add('error', 'business-rule', path, rm.spTypeWrong({ parentType: String(parent.type), type: String(sp.type) }));
  if (parent.expression && expression !== undefined && parent.expression !== expression) {
    if (canonicalise(expression, bases) !== canonicalise(parent.expression, bases))
      out.add(
        'warning',
        'business-rule',
        path,
        rm.spExpressionWrong({ url: master, parentExpression: parent.expression, expression }),
      );
  }
}

const SIMPLE_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*(\([^()|]*\))?)*$/;

/**
 * As Java compares derived expressions: a union of simple paths, keeping only
 * the paths on this parameter's bases (or on no resource type), sorted; any
 * other expression compares as written.
 */
function canonicalise(expression: string, bases: string[]): string {
  const parts = expression.split('|').map((p) =>
    p
      .trim()
      .replace(/^\((.*)\)$/, '$1')
      .trim(),
  );
  if (!parts.every((p) => SIMPLE_PATH.test(p))) return expression;
  const kept = parts.filter((p) => {
    const head = p.split('.')[0] as string;
    return !/^[A-Z]/.test(head) || bases.includes(head);
  });
  return kept.sort().join(' | ');
}
