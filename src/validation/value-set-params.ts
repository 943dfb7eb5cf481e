/**
 * Parameterised value sets, as the HL7 Java validator checks them
 * (ValueSetValidator, QuestionnaireValidator): a ValueSet declares parameters
 * with the tools extension `valueset-parameter` (name, documentation); a filter
 * takes its value from a FHIRPath expression (`cqf-expression` on
 * `filter._value`) that names them as `%name`; a binding (here a Questionnaire
 * item's answerValueSet) supplies them with `binding-parameter`.
 */
import type { LocalizedText } from '../util/i18n.js';
import type { IssueCode, IssueSeverity } from './issues.js';
import { vp } from './messages.js';

const VS_PARAMETER = 'http://hl7.org/fhir/tools/StructureDefinition/valueset-parameter';
const BINDING_PARAMETER = 'http://hl7.org/fhir/tools/StructureDefinition/binding-parameter';
const CQF_EXPRESSION = 'http://hl7.org/fhir/StructureDefinition/cqf-expression';

type Json = Record<string, unknown>;

export interface ParamProblem {
  severity: IssueSeverity;
  code: IssueCode;
  path: string;
  text: LocalizedText;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const objects = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);

/** A sub-extension's string value (valueString, valueCode, valueMarkdown…). */
function part(ext: Json, name: string): string | undefined {
  const p = objects(ext.extension).find((e) => e.url === name);
  if (!p) return undefined;
  for (const [k, v] of Object.entries(p)) if (k.startsWith('value') && typeof v === 'string') return v;
  return undefined;
}

/** The parameter names a ValueSet declares. */
export function declaredParameters(vs: Json): string[] {
  return objects(vs.extension)
    .filter((e) => e.url === VS_PARAMETER)
    .map((e) => part(e, 'name'))
    .filter((n): n is string => !!n);
}

/** The FHIRPath expression giving a filter its value, if any. */
export function filterExpression(filter: Json): { language?: string; expression?: string } | undefined {
  const ext = isObject(filter._value)
    ? objects(filter._value.extension).find((e) => e.url === CQF_EXPRESSION)
    : undefined;
  const expr = ext && isObject(ext.valueExpression) ? ext.valueExpression : undefined;
  if (!expr) return undefined;
  return {
    ...(typeof expr.language === 'string' ? { language: expr.language } : {}),
    ...(typeof expr.expression === 'string' ? { expression: expr.expression } : {}),
  };
}

/** `%name` constants of a FHIRPath expression (outside string literals). */
function constantsOf(expression: string): string[] {
  const code = expression.replace(/'(?:[^'\\]|\\.)*'/g, "''");
  return [...code.matchAll(/%([A-Za-z][\w-]*)/g)].map((m) => m[1] as string);
}

/** Problems of a ValueSet resource's parameter declarations and parameterised filters. */
export function valueSetParameterProblems(vs: Json, path: string): ParamProblem[] {
  const out: ParamProblem[] = [];
  const used = new Set<string>();
  const names = new Set(declaredParameters(vs));
  const compose = isObject(vs.compose) ? vs.compose : undefined;
  for (const key of ['include', 'exclude'] as const) {
    objects(compose?.[key]).forEach((inc, i) => {
      objects(inc.filter).forEach((f, j) => {
        const expr = filterExpression(f);
        if (!expr) return;
        const at = `${path}.compose.${key}[${i}].filter[${j}]`;
        if (typeof f.value === 'string')
          out.push({ severity: 'error', code: 'invalid', path: at, text: vp.valueAndExpression() });
        if (expr.language !== 'text/fhirpath') {
          out.push({
            severity: 'error',
            code: 'invalid',
            path: at,
            text: vp.expressionLanguage({ language: String(expr.language ?? '') }),
          });
          return;
        }
        for (const name of constantsOf(expr.expression ?? '')) {
          if (names.has(name)) used.add(name);
          else
            out.push({
              severity: 'error',
              code: 'invalid',
              path: at,
              text: vp.unknownParameter({ expression: expr.expression ?? '', name }),
            });
        }
      });
    });
  }
  objects(vs.extension).forEach((e, i) => {
    const name = e.url === VS_PARAMETER ? part(e, 'name') : undefined;
    if (!name) return;
    const at = `${path}.extension[${i}]`;
    // Java warns of missing documentation only for names without the recommended p- prefix.
    if (part(e, 'documentation') === undefined && !name.startsWith('p-'))
      out.push({ severity: 'warning', code: 'business-rule', path: at, text: vp.noDocumentation({ name }) });
    if (!name.startsWith('p-'))
      out.push({ severity: 'information', code: 'business-rule', path: at, text: vp.nameNotP({ name }) });
    if (!used.has(name)) out.push({ severity: 'warning', code: 'business-rule', path: at, text: vp.notUsed({ name }) });
  });
  return out;
}

/** Expansion parameters a binding may always supply (Java's list of standard ones). */
const STANDARD = new Set(
  'abstract activeOnly check-system-version check-valueset-version context contextDirection count date default-valueset-version designation displayLanguage exclude-system excludeNested excludeNotForUI excludePostCoordinated filter filterProperty force-system-version force-valueset-version includeDefinition includeDesignations inferSystem lenient-display-validation manifest offset property system-version useSupplement valueset-membership-only'.split(
    ' ',
  ),
);

/**
 * A Questionnaire item's answerValueSet against the parameters its value set
 * declares: each must be supplied (error), and a supplied one must be declared
 * or standard (warning).
 */
export function bindingParameterProblems(
  item: Json,
  path: string,
  resolve: (url: string) => Json | undefined,
): ParamProblem[] {
  if (typeof item.answerValueSet !== 'string') return [];
  const vs = resolve(item.answerValueSet);
  if (!vs) return [];
  const declared = declaredParameters(vs);
  if (!declared.length) return [];
  const url = `${String(vs.url)}${typeof vs.version === 'string' ? `|${vs.version}` : ''}`;
  const supplied = isObject(item._answerValueSet)
    ? objects(item._answerValueSet.extension)
        .filter((e) => e.url === BINDING_PARAMETER)
        .map((e) => part(e, 'name'))
        .filter((n): n is string => !!n)
    : [];
  const out: ParamProblem[] = [];
  for (const name of declared)
    if (!supplied.includes(name))
      out.push({ severity: 'error', code: 'business-rule', path, text: vp.missingBindingParameter({ url, name }) });
  for (const name of supplied)
    if (!declared.includes(name) && !STANDARD.has(name))
      out.push({
        severity: 'warning',
        code: 'business-rule',
        path,
        text: vp.unrecognisedBindingParameter({ url, name }),
      });
  return out;
}

/** Every item of a Questionnaire (nested), with its path. */
export function questionnaireParameterProblems(
  q: Json,
  path: string,
  resolve: (url: string) => Json | undefined,
): ParamProblem[] {
  const out: ParamProblem[] = [];
  const walk = (items: unknown, at: string): void => {
    objects(items).forEach((item, i) => {
      const p = `${at}.item[${i}]`;
      out.push(...bindingParameterProblems(item, p, resolve));
      walk(item.item, p);
    });
  };
  walk(q.item, path);
  return out;
}
