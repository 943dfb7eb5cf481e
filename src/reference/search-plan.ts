/**
 * Turns a search query into a plan the engine can run, validating every
 * parameter first: medplum's MemoryRepository treats an unknown parameter as a
 * filter that matches nothing, so nothing unchecked may reach it.
 *
 * The plan splits the work: reference, token and date filters (and :missing)
 * go to medplum; string and uri filters are applied afterwards (string-match.ts)
 * because medplum's string search is "contains" and accent-sensitive, where FHIR
 * wants "starts with", ignoring case and accents. Chained parameters
 * (`patient.identifier=...`, one level deep) become a search of their own on
 * the referenced type, run first (search.ts), whose matches the reference
 * parameter must point at: medplum has no chaining.
 */
import { splitSearchOnComma } from '@medplum/core';
import type { SearchParameter } from '@medplum/fhirtypes';
import { isServedType } from './definitions.js';
import { MAX_PAGE_SIZE } from './paging.js';
import { isDateSearchValue, MODIFIERS, paramType, searchParamsOf } from './search-params.js';

export type SummaryMode = 'true' | 'false' | 'text' | 'data' | 'count';
export type StringMatch = 'starts-with' | 'exact' | 'contains' | 'uri';

export interface PostFilter {
  code: string;
  expression: string;
  /** Alternatives (a comma in the query value means OR). */
  values: string[];
  match: StringMatch;
}

/**
 * A chained parameter, e.g. `patient.identifier=sys|val` or `subject:Patient.name=x`:
 * the resources whose `param` references a match of one of `searches`.
 */
export interface ChainedFilter {
  /** The reference parameter followed (`patient`). */
  param: string;
  /** The parameter searched on the referenced types (`identifier`), without its modifier. */
  chained: string;
  /** One search per referenced type that has the chained parameter (the `:Type` modifier picks one). */
  searches: { type: string; plan: SearchPlan }[];
}

export interface SearchPlan {
  /** Filters for medplum, as `name[:modifier]` and a normalised value. */
  engineParams: [string, string][];
  chains: ChainedFilter[];
  postFilters: PostFilter[];
  /** Sort keys in priority order, '-' for descending. */
  sort: string[];
  /** Page size asked for (already capped); undefined for the server default. */
  count: number | undefined;
  offset: number;
  summary: SummaryMode | undefined;
  elements: string[] | undefined;
  pretty: boolean;
  /** The parameters honoured, as received, in order: the self link shows exactly these. */
  used: [string, string][];
}

export type ProblemKind = 'unknown' | 'invalid' | 'invalid-date';

export interface SearchProblem {
  param: string;
  kind: ProblemKind;
  text: string;
}

export interface PlannedSearch {
  plan: SearchPlan;
  problems: SearchProblem[];
}

type Problem = Omit<SearchProblem, 'param'>;

interface PlanInput {
  type: string;
  baseUrl: string;
  params: ReadonlyMap<string, SearchParameter>;
}

export function planSearch(
  type: string,
  query: readonly (readonly [string, string])[],
  baseUrl: string,
): PlannedSearch {
  const plan: SearchPlan = {
    engineParams: [],
    chains: [],
    postFilters: [],
    sort: [],
    count: undefined,
    offset: 0,
    summary: undefined,
    elements: undefined,
    pretty: false,
    used: [],
  };
  const input: PlanInput = { type, baseUrl, params: searchParamsOf(type) };
  const problems: SearchProblem[] = [];
  for (const [key, value] of query) {
    if (key === '_format') continue; // negotiated by the HTTP shell, not a search parameter
    if (value === '') continue; // FHIR: a parameter without a value is ignored
    const handler = RESULT_PARAMS[key];
    const problem = handler ? handler(plan, value, input) : addFilter(plan, key, value, input);
    if (problem) problems.push({ param: key, ...problem });
    else plan.used.push([key, value]);
  }
  return { plan, problems };
}

// ------------------------------------------------- result parameters

type ResultParamHandler = (plan: SearchPlan, value: string, input: PlanInput) => Problem | undefined;

const NON_NEGATIVE_INTEGER = /^\d{1,9}$/;
const SUMMARY_MODES: readonly string[] = ['true', 'false', 'text', 'data', 'count'];
const TOTAL_MODES: readonly string[] = ['none', 'estimate', 'accurate'];
const ELEMENT_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

const RESULT_PARAMS: Readonly<Record<string, ResultParamHandler>> = {
  _count(plan, value) {
    if (!NON_NEGATIVE_INTEGER.test(value)) return invalid(`_count must be a non-negative integer, not '${value}'`);
    plan.count = Math.min(Number(value), MAX_PAGE_SIZE);
    return undefined;
  },
  _offset(plan, value) {
    if (!NON_NEGATIVE_INTEGER.test(value)) return invalid(`_offset must be a non-negative integer, not '${value}'`);
    plan.offset = Number(value);
    return undefined;
  },
  _sort(plan, value, input) {
    const keys = value.split(',').map((k) => k.trim());
    const unknown = keys.filter((k) => !input.params.has(k.replace(/^-/, '')));
    if (unknown.length > 0)
      return { kind: 'unknown', text: `Unknown sort parameter(s) for ${input.type}: ${unknown.join(', ')}` };
    plan.sort.push(...keys);
    return undefined;
  },
  _summary(plan, value) {
    if (!SUMMARY_MODES.includes(value))
      return invalid(`_summary must be one of ${SUMMARY_MODES.join(', ')}, not '${value}'`);
    plan.summary = value as SummaryMode;
    return undefined;
  },
  _elements(plan, value) {
    const names = value.split(',').map((n) => n.trim());
    if (!names.every((n) => ELEMENT_NAME.test(n))) return invalid(`_elements must list element names, not '${value}'`);
    plan.elements = names;
    return undefined;
  },
  _total(_plan, value) {
    // Accepted for clients that ask; the total is always given (accurate).
    return TOTAL_MODES.includes(value)
      ? undefined
      : invalid(`_total must be one of ${TOTAL_MODES.join(', ')}, not '${value}'`);
  },
  _pretty(plan, value) {
    if (value !== 'true' && value !== 'false') return invalid(`_pretty must be true or false, not '${value}'`);
    plan.pretty = value === 'true';
    return undefined;
  },
};

function invalid(text: string): Problem {
  return { kind: 'invalid', text };
}

// ------------------------------------------------------------ filters

function addFilter(plan: SearchPlan, key: string, value: string, input: PlanInput): Problem | undefined {
  if (key.includes('.')) return addChain(plan, key, value, input);
  const [code = '', modifier = ''] = key.split(/:(.*)/s);
  // _has (reverse chaining) is not supported: treated like any unknown parameter.
  const sp = input.params.get(code);
  if (sp === undefined)
    return { kind: 'unknown', text: `Unknown or unsupported search parameter '${key}' for ${input.type}` };
  if (modifier === 'missing') {
    if (value !== 'true' && value !== 'false') return invalid(`${key} takes true or false, not '${value}'`);
    plan.engineParams.push([key, value]);
    return undefined;
  }
  const type = paramType(sp);
  const targets = sp.target ?? [];
  const isTypeModifier = type === 'reference' && targets.includes(modifier as (typeof targets)[number]);
  if (modifier !== '' && !isTypeModifier && !MODIFIERS[type].includes(modifier)) {
    return invalid(`Modifier ':${modifier}' is not supported on ${type} parameter '${code}'`);
  }
  switch (type) {
    case 'date':
      return addDate(plan, code, value);
    case 'reference':
      plan.engineParams.push([code, normaliseReferences(value, isTypeModifier ? [modifier] : targets, input.baseUrl)]);
      return undefined;
    case 'token':
      plan.engineParams.push([key, value]);
      return undefined;
    case 'string':
    case 'uri':
      plan.postFilters.push({
        code,
        expression: sp.expression ?? '',
        values: splitSearchOnComma(value),
        match: stringMatch(type, modifier),
      });
      return undefined;
  }
}

/**
 * `ref[:Type].param[:modifier]=value`: plans `Type?param[:modifier]=value` for
 * each served type the reference parameter may point at and that has `param`.
 * Anything else (deeper chains, a non-reference head, a type it cannot point
 * at, a parameter no target has) is unknown, like any unknown parameter.
 */
function addChain(plan: SearchPlan, key: string, value: string, input: PlanInput): Problem | undefined {
  const dot = key.indexOf('.');
  const [code = '', typeModifier, extra] = key.slice(0, dot).split(':');
  const chainedKey = key.slice(dot + 1);
  const chained = chainedKey.split(':')[0] ?? '';
  const unknown = (why: string): Problem => ({
    kind: 'unknown',
    text: `Unsupported chained search parameter '${key}' for ${input.type}: ${why}`,
  });
  if (chainedKey.includes('.')) return unknown('only one level of chaining is supported');
  const sp = input.params.get(code);
  if (sp === undefined || paramType(sp) !== 'reference' || extra !== undefined)
    return unknown(`'${code}' is not a reference search parameter of ${input.type}`);
  const targets: readonly string[] = sp.target ?? [];
  if (typeModifier !== undefined && !targets.includes(typeModifier))
    return unknown(`'${code}' cannot refer to ${typeModifier}`);
  const types = (typeModifier === undefined ? targets : [typeModifier]).filter(
    (t) => isServedType(t) && searchParamsOf(t).has(chained),
  );
  if (types.length === 0) return unknown(`no type '${code}' refers to has a search parameter '${chained}'`);
  const searches: ChainedFilter['searches'] = [];
  for (const type of types) {
    const { plan: inner, problems } = planSearch(type, [[chainedKey, value]], input.baseUrl);
    const problem = problems[0];
    if (problem !== undefined) return { kind: problem.kind, text: `${key}: ${problem.text}` };
    searches.push({ type, plan: inner });
  }
  plan.chains.push({ param: code, chained, searches });
  return undefined;
}

function addDate(plan: SearchPlan, code: string, value: string): Problem | undefined {
  // medplum validates a date value as a whole, so "a,b" (OR) would fail there: refused here with a clear message.
  if (value.includes(',')) return invalid(`Several values (OR) for date parameter '${code}' are not supported`);
  if (!isDateSearchValue(value)) {
    return {
      kind: 'invalid-date',
      text: `'${value}' is not a valid date for parameter '${code}' (expected [prefix]YYYY[-MM[-DD[Thh:mm:ss[.sss][Z|±hh:mm]]]])`,
    };
  }
  plan.engineParams.push([code, value]);
  return undefined;
}

function stringMatch(type: 'string' | 'uri', modifier: string): StringMatch {
  if (type === 'uri') return 'uri';
  if (modifier === 'exact') return 'exact';
  if (modifier === 'contains') return 'contains';
  return 'starts-with';
}

/**
 * medplum compares reference values as literal strings ("Patient/123"), while
 * FHIR also allows a bare id, an absolute URL and a versioned reference. A bare
 * id may point at any of the parameter's target types, so it becomes one
 * alternative per type.
 */
function normaliseReferences(value: string, targets: readonly string[], baseUrl: string): string {
  return splitSearchOnComma(value)
    .flatMap((v) => {
      const relative = (v.startsWith(`${baseUrl}/`) ? v.slice(baseUrl.length + 1) : v).replace(
        /\/_history\/[^/]*$/,
        '',
      );
      return relative.includes('/') || targets.length === 0 ? [relative] : targets.map((t) => `${t}/${relative}`);
    })
    .join(',');
}
