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
import type { ActiveFaults, Fault, FaultDefinition } from './faults.js';
import { DEFAULT_PAGE_SIZE, pageLinks, pageOf } from './paging.js';
import { prefersStrictHandling } from './prefer.js';
import { engineFailure } from './read.js';
import type { Reply } from './reply.js';
import { type ChainedFilter, planSearch, type SearchPlan, type SearchProblem } from './search-plan.js';
import type { TargetState } from './state.js';
import { matchesAll } from './string-match.js';
import { subset } from './subset.js';

/** The other suites' RESP-01 (responses are valid R4): each reads searchsets, so an invalid one fails them all. */
const RESP_01_BEYOND_FHIR_CORE = {
  'qc-profiles': ['QC-RESP-01'],
  access: ['AC-RESP-01'],
  'dsq-pharmacy': ['PH-RESP-01'],
  'dsq-emr': ['EM-RESP-01'],
  'carnet-sante': ['CS-RESP-01'],
} as const;

export const SEARCH_WRONG_BUNDLE_TYPE = {
  name: 'search-wrong-bundle-type',
  suite: 'fhir-core',
  breaks: 'FC-SEARCH-01',
  description: {
    fr: 'Les résultats de recherche sont un Bundle de type collection au lieu de searchset.',
    en: 'Search results are a Bundle of type collection instead of searchset.',
  },
  // A collection Bundle with total and entry.search is invalid R4 (bdl-1, bdl-2): every suite's RESP-01 sees it.
  alsoBreaks: { 'fhir-core': ['FC-RESP-01'], ...RESP_01_BEYOND_FHIR_CORE },
} as const satisfies FaultDefinition;

export const INVALID_RESOURCE_RETURNED = {
  // Coded in searchsetReply: every suite reads searchsets.
  name: 'invalid-resource-returned',
  suite: 'fhir-core',
  breaks: 'FC-RESP-01',
  description: {
    fr: "Les Bundle de résultats de recherche portent un élément invalide en FHIR R4 (timestamp qui n'est pas un instant).",
    en: 'Search result Bundles carry an element that is invalid in FHIR R4 (a timestamp that is not an instant).',
  },
  alsoBreaks: RESP_01_BEYOND_FHIR_CORE,
} as const satisfies FaultDefinition;

export const SEARCH_IGNORES_PATIENT = {
  name: 'search-ignores-patient',
  suite: 'fhir-core',
  breaks: 'FC-SEARCH-02',
  description: {
    fr: "Les paramètres patient et subject sont ignorés: la recherche retourne aussi les données d'autres patients.",
    en: "The patient and subject parameters are ignored: a search also returns other patients' data.",
  },
  alsoBreaks: { 'dsq-pharmacy': ['PH-PROF-01', 'PH-PROF-04', 'PH-PROF-05'], 'dsq-emr': ['EM-LAB-01', 'EM-MED-01'] },
} as const satisfies FaultDefinition;

export const SEARCH_NO_FULLURL = {
  name: 'search-no-fullurl',
  suite: 'fhir-core',
  breaks: 'FC-SEARCH-03',
  description: {
    fr: 'Les entrées du searchset ne portent pas de fullUrl.',
    en: 'Searchset entries carry no fullUrl.',
  },
} as const satisfies FaultDefinition;

export const COUNT_IGNORED = {
  name: 'count-ignored',
  suite: 'fhir-core',
  breaks: 'FC-SEARCH-04',
  description: {
    fr: 'Le paramètre _count est ignoré: tous les résultats sont dans une seule page.',
    en: 'The _count parameter is ignored: every match comes in a single page.',
  },
} as const satisfies FaultDefinition;

export const PAGING_NO_NEXT_LINK = {
  name: 'paging-no-next-link',
  suite: 'fhir-core',
  breaks: 'FC-PAGE-01',
  description: {
    fr: "Le Bundle n'a pas de lien next même quand il reste des résultats.",
    en: 'The Bundle has no next link even when more matches remain.',
  },
} as const satisfies FaultDefinition;

export const PAGING_REPEATS_PAGE = {
  name: 'paging-repeats-page',
  suite: 'fhir-core',
  breaks: 'FC-PAGE-02',
  description: {
    fr: 'Le lien next ramène toujours la première page: les résultats se répètent sans fin.',
    en: 'The next link always leads back to the first page: matches repeat endlessly.',
  },
} as const satisfies FaultDefinition;

export const UNKNOWN_PARAM_IGNORED = {
  name: 'unknown-param-ignored',
  suite: 'fhir-core',
  breaks: 'FC-SEARCH-05',
  description: {
    fr: 'Un paramètre de recherche inconnu est accepté (200) même avec Prefer: handling=strict.',
    en: 'An unknown search parameter is accepted (200) even with Prefer: handling=strict.',
  },
} as const satisfies FaultDefinition;

export const MALFORMED_DATE_ACCEPTED = {
  name: 'malformed-date-accepted',
  suite: 'fhir-core',
  breaks: 'FC-SEARCH-06',
  description: {
    fr: 'Une date invalide en paramètre de recherche donne 200 et un searchset vide au lieu de 400.',
    en: 'An invalid date search value yields 200 and an empty searchset instead of 400.',
  },
} as const satisfies FaultDefinition;

export const DISPENSE_SEARCH_LEAKS_PATIENTS = {
  name: 'dispense-search-leaks-patients',
  suite: 'dsq-pharmacy',
  breaks: 'PH-PROF-01',
  description: {
    fr: "La recherche des délivrances d'un patient retourne aussi une délivrance d'un autre patient.",
    en: "Searching a patient's dispenses also returns a dispense of another patient.",
  },
  // The chained NAM search leaks the same way.
  alsoBreaks: { 'dsq-pharmacy': ['PH-PROF-02'] },
} as const satisfies FaultDefinition;

export const CHAINED_NAM_SEARCH_IGNORED = {
  name: 'chained-nam-search-ignored',
  suite: 'dsq-pharmacy',
  breaks: 'PH-PROF-02',
  description: {
    fr: 'Le paramètre chaîné patient.identifier (recherche par NAM) est ignoré: toutes les délivrances sont retournées.',
    en: 'The chained parameter patient.identifier (search by NAM) is ignored: every dispense is returned.',
  },
} as const satisfies FaultDefinition;

export const DISPENSE_DATE_FILTER_IGNORED = {
  name: 'dispense-date-filter-ignored',
  suite: 'dsq-pharmacy',
  breaks: 'PH-PROF-03',
  description: {
    fr: 'Le filtre de dates whenhandedover (ge/le) des délivrances est ignoré.',
    en: 'The whenhandedover date filter (ge/le) on dispenses is ignored.',
  },
} as const satisfies FaultDefinition;

export const DISPENSE_STATUS_FILTER_IGNORED = {
  name: 'dispense-status-filter-ignored',
  suite: 'dsq-pharmacy',
  breaks: 'PH-PROF-04',
  description: {
    fr: 'Le filtre status des délivrances est ignoré (les délivrances annulées reviennent).',
    en: 'The status filter on dispenses is ignored (cancelled dispenses come back).',
  },
  // The cancelled dispense then still shows among completed ones.
  alsoBreaks: { 'dsq-pharmacy': ['PH-UPD-02'] },
} as const satisfies FaultDefinition;

export const REQUEST_STATUS_FILTER_IGNORED = {
  name: 'request-status-filter-ignored',
  suite: 'dsq-pharmacy',
  breaks: 'PH-PROF-05',
  description: {
    fr: 'Le filtre status des ordonnances est ignoré (les ordonnances terminées reviennent avec les actives).',
    en: 'The status filter on prescriptions is ignored (completed prescriptions come back with the active ones).',
  },
  alsoBreaks: { 'dsq-emr': ['EM-MED-01'] },
} as const satisfies FaultDefinition;

export const STATEMENTS_NOT_SEARCHABLE = {
  name: 'statements-not-searchable',
  suite: 'dsq-pharmacy',
  breaks: 'PH-PROF-06',
  description: {
    fr: 'La recherche MedicationStatement par patient retourne un ensemble vide.',
    en: 'Searching MedicationStatement by patient returns an empty set.',
  },
  alsoBreaks: { 'dsq-emr': ['EM-MED-01'] },
} as const satisfies FaultDefinition;

export const NAM_SEARCH_RETURNS_ALL = {
  name: 'nam-search-returns-all',
  suite: 'dsq-emr',
  breaks: 'EM-PAT-01',
  description: {
    fr: 'La recherche Patient?identifier est ignorée: tous les patients sont retournés.',
    en: 'The Patient?identifier search is ignored: every patient is returned.',
  },
} as const satisfies FaultDefinition;

export const OBSERVATION_CODE_FILTER_IGNORED = {
  name: 'observation-code-filter-ignored',
  suite: 'dsq-emr',
  breaks: 'EM-LAB-01',
  description: {
    fr: 'Le filtre code (LOINC) des résultats de laboratoire est ignoré.',
    en: 'The code (LOINC) filter on laboratory results is ignored.',
  },
} as const satisfies FaultDefinition;

export const SLOT_STATUS_FILTER_IGNORED = {
  name: 'slot-status-filter-ignored',
  suite: 'carnet-sante',
  breaks: 'CS-APT-01',
  description: {
    fr: 'Le filtre status=free des plages horaires est ignoré (les plages occupées reviennent).',
    en: 'The status=free filter on slots is ignored (busy slots come back).',
  },
} as const satisfies FaultDefinition;

/** The parameters that restrict a search to one patient's record. */
const PATIENT_PARAMS: ReadonlySet<string> = new Set(['patient', 'subject']);

/**
 * Faults that make the server ignore filters: on `types` (every type when
 * absent), the direct parameters `params` and the chains `chains` (as
 * `reference.parameter`) are dropped, as if never sent.
 */
const IGNORED_FILTERS: readonly {
  fault: Fault;
  types?: readonly string[];
  params?: readonly string[];
  chains?: readonly string[];
}[] = [
  { fault: SEARCH_IGNORES_PATIENT, params: [...PATIENT_PARAMS] },
  {
    fault: CHAINED_NAM_SEARCH_IGNORED,
    types: ['MedicationDispense'],
    chains: ['patient.identifier', 'subject.identifier'],
  },
  { fault: DISPENSE_DATE_FILTER_IGNORED, types: ['MedicationDispense'], params: ['whenhandedover'] },
  { fault: DISPENSE_STATUS_FILTER_IGNORED, types: ['MedicationDispense'], params: ['status'] },
  { fault: REQUEST_STATUS_FILTER_IGNORED, types: ['MedicationRequest'], params: ['status'] },
  { fault: NAM_SEARCH_RETURNS_ALL, types: ['Patient'], params: ['identifier'] },
  { fault: OBSERVATION_CODE_FILTER_IGNORED, types: ['Observation'], params: ['code'] },
  { fault: SLOT_STATUS_FILTER_IGNORED, types: ['Slot'], params: ['status'] },
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
    if (state.faults.has(MALFORMED_DATE_ACCEPTED) && invalid.every((p) => p.kind === 'invalid-date')) {
      return searchsetReply(state, type, plan, []);
    }
    return problemsReply(invalid);
  }
  const unknown = problems.filter((p) => p.kind === 'unknown');
  if (unknown.length > 0 && prefersStrictHandling(headers) && !state.faults.has(UNKNOWN_PARAM_IGNORED)) {
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
  if (state.faults.has(STATEMENTS_NOT_SEARCHABLE) && type === 'MedicationStatement' && byPatient) return [];
  const found = await runPlan(state, type, plan);
  const leaks =
    state.faults.has(DISPENSE_SEARCH_LEAKS_PATIENTS) &&
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
  const size = faults.has(COUNT_IGNORED)
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
    ...(faults.has(INVALID_RESOURCE_RETURNED) ? { timestamp: 'yesterday' } : {}),
    type: faults.has(SEARCH_WRONG_BUNDLE_TYPE) ? 'collection' : 'searchset',
    total: matches.length,
    link: pageLinks(`${baseUrl}/${type}`, plan.used, page, {
      omitNext: faults.has(PAGING_NO_NEXT_LINK),
      nextIsFirstPage: faults.has(PAGING_REPEATS_PAGE),
    }),
  };
  const entries = page.items.map((resource): BundleEntry => {
    const entry: BundleEntry = { resource: subset(resource, plan.summary, plan.elements), search: { mode: 'match' } };
    return faults.has(SEARCH_NO_FULLURL)
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
