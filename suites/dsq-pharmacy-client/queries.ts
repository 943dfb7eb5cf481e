/**
 * dsq-pharmacy-client, queries (PHC-QRY): the patient found by NAM (with its
 * system, in a POST body), the medication profile searched by patient over a
 * period with a bounded page size, and its next links followed to the end.
 * The judgements are pure functions over the requests received, so they are
 * unit-tested on hand-made lists.
 */
import { NAM_SYSTEM } from '../../src/identifiers/index.js';
import type { ClientTestDefinition, ReceivedRequest } from '../../src/suite/client-api.js';
import type { Bilingual } from '../../src/suite/vocabulary/index.js';
import { profileScenario } from './scenarios.js';
import {
  assertNoProblems,
  fhirRequests,
  type Judgement,
  MAX_COUNT,
  nextLinkOf,
  ofSuite,
  paramValues,
  problem,
  requestLabel,
  requireFhir,
  SCENARIO,
  searchedType,
  searchParams,
} from './support.js';

/** Parameters that name a patient by identifier: on Patient itself, or chained from a clinical search. */
const IDENTIFIER_PARAMS = ['patient.identifier', 'subject.identifier'];

function namValues(r: ReceivedRequest): string[] {
  return searchedType(r) === 'Patient'
    ? paramValues(r, 'identifier')
    : IDENTIFIER_PARAMS.flatMap((p) => paramValues(r, p));
}

/** PHC-QRY-01: the patient searched by identifier=<NAM system>|<NAM>. */
export function namSearchProblems(requests: readonly ReceivedRequest[], nam: string): Judgement {
  const expected = `${NAM_SYSTEM}|${nam}`;
  const searches = requests.filter((r) => searchedType(r) !== undefined && namValues(r).length > 0);
  const problems: Bilingual[] = [];
  for (const r of searches)
    for (const value of namValues(r)) {
      const bar = value.indexOf('|');
      const code = bar < 0 ? value : value.slice(bar + 1);
      if (code.toUpperCase() !== nam.toUpperCase()) continue;
      if (bar < 0)
        problems.push(
          problem(
            `${requestLabel(r)}: the NAM ${nam} without its system (expected ${expected})`,
            `${requestLabel(r)} : le NAM ${nam} sans son système (attendu ${expected})`,
          ),
        );
      else if (value.slice(0, bar) !== NAM_SYSTEM)
        problems.push(
          problem(
            `${requestLabel(r)}: the NAM ${nam} under the system ${JSON.stringify(value.slice(0, bar))}, not ${NAM_SYSTEM}`,
            `${requestLabel(r)} : le NAM ${nam} sous le système ${JSON.stringify(value.slice(0, bar))}, et non ${NAM_SYSTEM}`,
          ),
        );
    }
  if (!searches.some((r) => namValues(r).includes(expected)))
    problems.push(
      problem(
        `no search by identifier=${expected} among the ${requests.length} requests received`,
        `aucune recherche par identifier=${expected} parmi les ${requests.length} requêtes reçues`,
      ),
    );
  return { judged: requests.length, problems };
}

/** Whether a value appears in the request's URL (path or query). */
function inUrl(r: ReceivedRequest, value: string): boolean {
  const text = [r.path, ...r.query.flat()].join(' ').toUpperCase();
  return text.includes(value.toUpperCase());
}

/** PHC-QRY-02: no NAM in any URL (the NAM search is a POST Patient/_search, its NAM in the body). */
export function namInUrlProblems(requests: readonly ReceivedRequest[], nams: readonly string[]): Judgement {
  const carrying = requests.filter((r) =>
    nams.some((nam) => inUrl(r, nam) || (r.body ?? '').toUpperCase().includes(nam.toUpperCase())),
  );
  const problems = carrying.flatMap((r) =>
    nams
      .filter((nam) => inUrl(r, nam))
      .map((nam) =>
        problem(
          `${requestLabel(r)}: the NAM ${nam} is in the URL (expected POST Patient/_search with the NAM in the body)`,
          `${requestLabel(r)} : le NAM ${nam} est dans l'URL (attendu POST Patient/_search avec le NAM dans le corps)`,
        ),
      ),
  );
  return { judged: carrying.length, problems };
}

/** A request or link, as path below the base and sorted parameters, to tell a followed next link. */
function placeKey(path: string, params: readonly (readonly [string, string])[]): string {
  return `${path.replace(/^\/+|\/+$/g, '')}?${params
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join('&')}`;
}

function requestKey(r: ReceivedRequest): string {
  return placeKey(r.path, r.query);
}

/** The key of a link under the session's FHIR base; undefined for a link elsewhere. */
function linkKey(url: string, baseUrl: string): string | undefined {
  let link: URL;
  let base: URL;
  try {
    link = new URL(url);
    base = new URL(baseUrl.replace(/\/*$/, '/'));
  } catch {
    return undefined;
  }
  if (link.origin !== base.origin || !link.pathname.startsWith(base.pathname)) return undefined;
  return placeKey(decodeURIComponent(link.pathname.slice(base.pathname.length)), [...link.searchParams]);
}

/** Requests that fetch a next link homolog gave earlier (pages, not searches the client built). */
function followUps(requests: readonly ReceivedRequest[], baseUrl: string): Set<ReceivedRequest> {
  const served = new Set<string>();
  const found = new Set<ReceivedRequest>();
  for (const r of requests) {
    if (r.method === 'GET' && served.has(requestKey(r))) found.add(r);
    const next = nextLinkOf(r);
    const key = next === undefined ? undefined : linkKey(next, baseUrl);
    if (key !== undefined) served.add(key);
  }
  return found;
}

/** Whether a date parameter value bounds the period from below (ge, gt, sa, or eq / no prefix: within that date). */
function isLowerBound(value: string): boolean {
  return /^(ge|gt|sa|eq)?\d{4}/.test(value);
}

const DATE_PARAMS = ['whenhandedover', 'whenprepared'];

/** PHC-QRY-03: every profile search (a dispense search the client built) by patient, from a date, with 1 ≤ _count ≤ 100. */
export function profileSearchProblems(requests: readonly ReceivedRequest[], baseUrl: string): Judgement {
  const pages = followUps(requests, baseUrl);
  const searches = requests.filter((r) => searchedType(r) === 'MedicationDispense' && !pages.has(r));
  const problems: Bilingual[] = [];
  for (const r of searches) {
    const params = searchParams(r);
    const what = requestLabel(r);
    if (!params.some(([k]) => /^(patient|subject)([.:]|$)/.test(k)))
      problems.push(problem(`${what}: not restricted to the patient`, `${what} : pas restreinte au patient`));
    const dates = DATE_PARAMS.flatMap((p) => paramValues(r, p));
    if (!dates.some(isLowerBound))
      problems.push(
        problem(
          `${what}: no period (expected whenhandedover=ge<start date>)`,
          `${what} : aucune période (attendu whenhandedover=ge<date de début>)`,
        ),
      );
    const counts = paramValues(r, '_count');
    const count = counts.length === 1 && /^\d+$/.test(counts[0] ?? '') ? Number(counts[0]) : undefined;
    if (count === undefined || count < 1 || count > MAX_COUNT)
      problems.push(
        problem(
          `${what}: _count ${counts.length ? JSON.stringify(counts.join(',')) : 'absent'} (expected one value from 1 to ${MAX_COUNT})`,
          `${what} : _count ${counts.length ? JSON.stringify(counts.join(',')) : 'absent'} (attendu une valeur de 1 à ${MAX_COUNT})`,
        ),
      );
  }
  return { judged: searches.length, problems };
}

/** PHC-QRY-04: every next link homolog answered (under the session's base) fetched later. */
export function pagingProblems(requests: readonly ReceivedRequest[], baseUrl: string): Judgement {
  let judged = 0;
  const problems: Bilingual[] = [];
  requests.forEach((r, i) => {
    const next = nextLinkOf(r);
    const key = next === undefined ? undefined : linkKey(next, baseUrl);
    if (next === undefined || key === undefined) return;
    judged += 1;
    if (!requests.slice(i + 1).some((later) => later.method === 'GET' && requestKey(later) === key))
      problems.push(
        problem(
          `${requestLabel(r)}: the page's next link was never fetched (${next})`,
          `${requestLabel(r)} : le lien next de la page n'a jamais été suivi (${next})`,
        ),
      );
  });
  return { judged, problems };
}

export const queries: ClientTestDefinition[] = [
  {
    id: 'patient-found-by-nam',
    title: 'The patient is searched by identifier=<NAM system>|<NAM>',
    verifies: ['PHC-QRY-01'],
    makes: [SCENARIO.profile],
    inputs: ['patientNam', 'patientId'],
    tags: ['queries'],
    async run(t) {
      const record = await t.scenario(SCENARIO.profile, profileScenario(t));
      requireFhir(t, record.received, SCENARIO.profile);
      const nam = t.input('patientNam');
      const { problems } = namSearchProblems(fhirRequests(record.received), nam);
      for (const r of record.received) if (searchedType(r) === 'Patient') t.cite(r);
      assertNoProblems(t, problems, {
        en: `the patient ${nam} was not found by NAM with its system`,
        fr: `la patiente ${nam} n'a pas été trouvée par son NAM avec son système`,
      });
    },
  },
  {
    id: 'profile-searched-by-period',
    title: 'The medication profile is searched by patient, from a date, with a bounded _count',
    verifies: ['PHC-QRY-03'],
    uses: [SCENARIO.profile],
    tags: ['queries'],
    async run(t) {
      const { received } = t.received(SCENARIO.profile);
      requireFhir(t, received, SCENARIO.profile);
      const { judged, problems } = profileSearchProblems(received, t.session.baseUrl);
      if (judged === 0) t.skip('the client did not search the patient’s dispenses (MedicationDispense)');
      for (const r of received) if (searchedType(r) === 'MedicationDispense') t.cite(r);
      assertNoProblems(t, problems, {
        en: `${problems.length} problem(s) in the ${judged} medication profile search(es)`,
        fr: `${problems.length} problème(s) dans les ${judged} recherche(s) du profil pharmacologique`,
      });
    },
  },
  {
    id: 'profile-pages-followed',
    title: 'Every next link of the paged medication profile is followed to the last page',
    verifies: ['PHC-QRY-04'],
    uses: [SCENARIO.profile],
    tags: ['queries', 'paging'],
    async run(t) {
      const { received } = t.received(SCENARIO.profile);
      requireFhir(t, received, SCENARIO.profile);
      const { judged, problems } = pagingProblems(received, t.session.baseUrl);
      if (judged === 0) t.skip('no paged result was answered (the client did not search the patient’s dispenses)');
      for (const r of received) if (nextLinkOf(r) !== undefined) t.cite(r);
      assertNoProblems(t, problems, {
        en: `the paged medication profile was not read to its last page`,
        fr: `le profil pharmacologique paginé n'a pas été lu jusqu'à sa dernière page`,
      });
    },
  },
];

/** PHC-QRY-02 judges the whole session (the consent scenario searches a NAM too): it runs after every scenario. */
export const namInUrl: ClientTestDefinition = {
  id: 'nam-not-in-url',
  title: 'The NAM search is a POST Patient/_search: no NAM in any URL',
  verifies: ['PHC-QRY-02'],
  uses: [SCENARIO.profile],
  inputs: ['patientNam', 'refusingPatientNam'],
  tags: ['queries', 'privacy'],
  async run(t) {
    t.received(SCENARIO.profile);
    const nams = [t.input('patientNam'), t.input('refusingPatientNam')];
    const { judged, problems } = namInUrlProblems(ofSuite(t.all()), nams);
    if (judged === 0) t.skip('no request carried the NAM of a test patient');
    assertNoProblems(t, problems, {
      en: 'a NAM was sent in a URL',
      fr: 'un NAM a été envoyé dans une URL',
    });
  },
};
