/**
 * search-type: validate, resolve chained parameters, let medplum find the
 * matches, apply FHIR string semantics, then page and wrap in a searchset
 * Bundle with our own links. Paging happens last, over the complete ordered
 * match list, so every page agrees with the total and with the others.
 *
 * The search faults live here too: each drops one filter of one type (or
 * leaks, or hides, matches) in the search the client asked for, never in the
 * searches run behind a chained parameter.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Bundle, BundleEntry, OperationOutcome, Resource } from '@medplum/fhirtypes';
import type { ActiveFaults, FaultName } from './faults.js';
import { DEFAULT_PAGE_SIZE, pageLinks, pageOf } from './paging.js';
import { prefersStrictHandling } from './prefer.js';
import { engineFailure } from './read.js';
import type { Reply } from './reply.js';
import { type ChainedFilter, planSearch, type SearchPlan, type SearchProblem } from './search-plan.js';
import type { TargetState } from './state.js';
import { matchesAll } from './string-match.js';
import { subset } from './subset.js';

/** The parameters that restrict a search to one patient's record. */
const PATIENT_PARAMS: ReadonlySet<string> = new Set(['patient', 'subject']);

/**
 * Faults that make the server ignore filters: on `types` (every type when
 * absent), the direct parameters `params` and the chains `chains` (as
 * `reference.parameter`) are dropped, as if never sent.
 */
const IGNORED_FILTERS: readonly {
  fault: FaultName;
  types?: readonly string[];
  params?: readonly string[];
  chains?: readonly string[];
}[] = [
  { fault: 'search-ignores-patient', params: [...PATIENT_PARAMS] },
  {
    fault: 'chained-nam-search-ignored',
    types: ['MedicationDispense'],
    chains: ['patient.identifier', 'subject.identifier'],
  },
  { fault: 'dispense-date-filter-ignored', types: ['MedicationDispense'], params: ['whenhandedover'] },
  { fault: 'dispense-status-filter-ignored', types: ['MedicationDispense'], params: ['status'] },
  { fault: 'request-status-filter-ignored', types: ['MedicationRequest'], params: ['status'] },
  { fault: 'nam-search-returns-all', types: ['Patient'], params: ['identifier'] },
  { fault: 'observation-code-filter-ignored', types: ['Observation'], params: ['code'] },
  { fault: 'slot-status-filter-ignored', types: ['Slot'], params: ['status'] },
];

/** `filter` (access control) drops matches before paging, so totals and pages agree. */
export async function search(
  state: TargetState,
  type: string,
  query: readonly [string, string][],
  headers: IncomingHttpHeaders,
  filter?: (r: Resource) => boolean,
): Promise<Reply> {
  const { plan, problems } = planSearch(type, query, state.baseUrl);
  const invalid = problems.filter((p) => p.kind !== 'unknown');
  if (invalid.length > 0) {
    if (state.faults.has('malformed-date-accepted') && invalid.every((p) => p.kind === 'invalid-date')) {
      return searchsetReply(state, type, plan, []);
    }
    return problemsReply(invalid);
  }
  const unknown = problems.filter((p) => p.kind === 'unknown');
  if (unknown.length > 0 && prefersStrictHandling(headers) && !state.faults.has('unknown-param-ignored')) {
    return problemsReply(unknown);
  }
  const found = await findMatches(state, type, plan);
  if (!Array.isArray(found)) return found;
  return searchsetReply(state, type, plan, filter === undefined ? found : found.filter(filter));
}

/** The matches of the client's search, the search faults applied. */
async function findMatches(state: TargetState, type: string, asked: SearchPlan): Promise<Resource[] | Reply> {
  const plan = withoutIgnoredFilters(state.faults, type, asked);
  const byPatient = restrictsToPatient(plan);
  if (state.faults.has('statements-not-searchable') && type === 'MedicationStatement' && byPatient) return [];
  const found = await runPlan(state, type, plan);
  const leaks =
    state.faults.has('dispense-search-leaks-patients') &&
    type === 'MedicationDispense' &&
    byPatient &&
    onlyPatientFilters(plan);
  return leaks && Array.isArray(found) ? withAnotherPatients(state, type, plan, found) : found;
}

/** dispense-search-leaks-patients: the first match the patient filter left out slips in after the patient's own. */
async function withAnotherPatients(
  state: TargetState,
  type: string,
  plan: SearchPlan,
  found: Resource[],
): Promise<Resource[] | Reply> {
  const all = await runPlan(state, type, { ...plan, engineParams: [], chains: [] });
  if (!Array.isArray(all)) return all;
  const kept = new Set(found.map((r) => r.id));
  const leaked = all.find((r) => !kept.has(r.id));
  return leaked === undefined ? found : [...found, leaked];
}

/** Runs a plan as it is: chained parameters first, then medplum, then the string filters. */
async function runPlan(state: TargetState, type: string, plan: SearchPlan): Promise<Resource[] | Reply> {
  const query: Record<string, string[]> = {};
  for (const [key, value] of plan.engineParams) (query[key] ??= []).push(value);
  for (const chain of plan.chains) {
    const references = await chainTargets(state, chain);
    if (!Array.isArray(references)) return references;
    if (references.length === 0) return []; // nothing referenced can match
    (query[chain.param] ??= []).push(references.join(','));
  }
  // MemoryRepository applies sort rules one after the other with a stable sort, so the last rule wins:
  // handing them over in reverse order gives the first one priority, as _sort means.
  if (plan.sort.length > 0) query._sort = [[...plan.sort].reverse().join(',')];
  const result = await state.engine.call('GET', type, query);
  if (result.resource?.resourceType !== 'Bundle') return engineFailure(result, `Search on ${type} failed`);
  const resources = ((result.resource as Bundle).entry ?? [])
    .map((e) => e.resource)
    .filter((r): r is Resource => r !== undefined);
  return resources.filter((r) => matchesAll(r, plan.postFilters));
}

/** `Type/id` of every resource a chained parameter's searches find. */
async function chainTargets(state: TargetState, chain: ChainedFilter): Promise<string[] | Reply> {
  const references: string[] = [];
  for (const { type, plan } of chain.searches) {
    const found = await runPlan(state, type, plan);
    if (!Array.isArray(found)) return found;
    references.push(...found.map((r) => `${type}/${r.id ?? ''}`));
  }
  return references;
}

function codeOf(key: string): string {
  return key.split(':')[0] ?? '';
}

/** The plan without the filters the active faults make this server ignore on `type`. */
function withoutIgnoredFilters(faults: ActiveFaults, type: string, plan: SearchPlan): SearchPlan {
  const ignored = IGNORED_FILTERS.filter(
    (f) => faults.has(f.fault) && (f.types === undefined || f.types.includes(type)),
  );
  if (ignored.length === 0) return plan;
  const params = new Set(ignored.flatMap((f) => f.params ?? []));
  const chains = new Set(ignored.flatMap((f) => f.chains ?? []));
  return {
    ...plan,
    engineParams: plan.engineParams.filter(([key]) => !params.has(codeOf(key))),
    chains: plan.chains.filter((c) => !chains.has(`${c.param}.${c.chained}`)),
    postFilters: plan.postFilters.filter((f) => !params.has(f.code)),
  };
}

/** Whether the search is restricted to a patient, directly (patient=) or through a chain (patient.identifier=). */
function restrictsToPatient(plan: SearchPlan): boolean {
  return (
    plan.engineParams.some(([key]) => PATIENT_PARAMS.has(codeOf(key))) ||
    plan.chains.some((c) => PATIENT_PARAMS.has(c.param))
  );
}

/** Whether the patient is the search's only filter (dispense-search-leaks-patients leaks there only). */
function onlyPatientFilters(plan: SearchPlan): boolean {
  return (
    plan.postFilters.length === 0 &&
    plan.engineParams.every(([key]) => PATIENT_PARAMS.has(codeOf(key))) &&
    plan.chains.every((c) => PATIENT_PARAMS.has(c.param))
  );
}

function searchsetReply(state: TargetState, type: string, plan: SearchPlan, matches: readonly Resource[]): Reply {
  const { faults, baseUrl } = state;
  const size = faults.has('count-ignored')
    ? Math.max(matches.length, 1)
    : plan.summary === 'count'
      ? 0
      : (plan.count ?? DEFAULT_PAGE_SIZE);
  const page = pageOf(matches, plan.offset, size);
  const bundle: Bundle = {
    resourceType: 'Bundle',
    id: randomUUID(),
    meta: { lastUpdated: new Date().toISOString() },
    // invalid-resource-returned: an instant that is not one, an element only base R4 validation sees.
    ...(faults.has('invalid-resource-returned') ? { timestamp: 'yesterday' } : {}),
    type: faults.has('search-wrong-bundle-type') ? 'collection' : 'searchset',
    total: matches.length,
    link: pageLinks(`${baseUrl}/${type}`, plan.used, page, {
      omitNext: faults.has('paging-no-next-link'),
      nextIsFirstPage: faults.has('paging-repeats-page'),
    }),
  };
  const entries = page.items.map((resource): BundleEntry => {
    const entry: BundleEntry = { resource: subset(resource, plan.summary, plan.elements), search: { mode: 'match' } };
    return faults.has('search-no-fullurl')
      ? entry
      : { fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id ?? ''}`, ...entry };
  });
  if (entries.length > 0) bundle.entry = entries;
  return { status: 200, body: bundle, pretty: plan.pretty };
}

function problemsReply(problems: readonly SearchProblem[]): Reply {
  const outcome: OperationOutcome = {
    resourceType: 'OperationOutcome',
    issue: problems.map((p) => ({
      severity: 'error',
      code: p.kind === 'unknown' ? 'not-supported' : 'invalid',
      details: { text: p.text },
    })),
  };
  return { status: 400, body: outcome };
}
