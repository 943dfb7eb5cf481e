/**
 * search-type: validate, let medplum find the matches, apply FHIR string
 * semantics, then page and wrap in a searchset Bundle with our own links.
 * Paging happens last, over the complete ordered match list, so every page
 * agrees with the total and with the others.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Bundle, BundleEntry, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { DEFAULT_PAGE_SIZE, pageLinks, pageOf } from './paging.js';
import { prefersStrictHandling } from './prefer.js';
import { engineFailure } from './read.js';
import type { Reply } from './reply.js';
import { planSearch, type SearchPlan, type SearchProblem } from './search-plan.js';
import type { TargetState } from './state.js';
import { matchesAll } from './string-match.js';
import { subset } from './subset.js';

/** The parameters the search-ignores-patient fault drops. */
const PATIENT_PARAMS: ReadonlySet<string> = new Set(['patient', 'subject']);

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

async function findMatches(state: TargetState, type: string, plan: SearchPlan): Promise<Resource[] | Reply> {
  const query: Record<string, string[]> = {};
  for (const [key, value] of plan.engineParams) {
    if (state.faults.has('search-ignores-patient') && PATIENT_PARAMS.has(key.split(':')[0] ?? '')) continue;
    (query[key] ??= []).push(value);
  }
  // MemoryRepository applies sort rules one after the other with a stable sort, so the last rule wins:
  // handing them over in reverse order gives the first one priority, as _sort means.
  if (plan.sort.length > 0) query['_sort'] = [[...plan.sort].reverse().join(',')];
  const result = await state.engine.call('GET', type, query);
  if (result.resource?.resourceType !== 'Bundle') return engineFailure(result, `Search on ${type} failed`);
  const resources = ((result.resource as Bundle).entry ?? []).map((e) => e.resource).filter((r): r is Resource => r !== undefined);
  return resources.filter((r) => matchesAll(r, plan.postFilters));
}

function searchsetReply(state: TargetState, type: string, plan: SearchPlan, matches: readonly Resource[]): Reply {
  const { faults, baseUrl } = state;
  const size = faults.has('count-ignored') ? Math.max(matches.length, 1) : plan.summary === 'count' ? 0 : (plan.count ?? DEFAULT_PAGE_SIZE);
  const page = pageOf(matches, plan.offset, size);
  const bundle: Bundle = {
    resourceType: 'Bundle',
    id: randomUUID(),
    meta: { lastUpdated: new Date().toISOString() },
    type: faults.has('search-wrong-bundle-type') ? 'collection' : 'searchset',
    total: matches.length,
    link: pageLinks(`${baseUrl}/${type}`, plan.used, page, {
      omitNext: faults.has('paging-no-next-link'),
      nextIsFirstPage: faults.has('paging-repeats-page'),
    }),
  };
  const entries = page.items.map((resource): BundleEntry => {
    const entry: BundleEntry = { resource: subset(resource, plan.summary, plan.elements), search: { mode: 'match' } };
    return faults.has('search-no-fullurl') ? entry : { fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id ?? ''}`, ...entry };
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
