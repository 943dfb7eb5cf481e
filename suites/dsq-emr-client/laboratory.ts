/** dsq-emr-client, laboratory results (EMC-LAB): searched by patient, category and period; every page read. */
import type { ClientTestDefinition, ReceivedRequest } from '../../src/suite/client-api.js';
import { judge } from '../../src/suite/client-checks/judge.js';
import {
  dateBounds,
  describe,
  nextLinkFetches,
  nextLinksNotFollowed,
  nextLinksServed,
  searchedPatient,
  searchParams,
  tokenCode,
  valuesOf,
} from '../../src/suite/client-checks/queries.js';
import type { Bilingual } from '../../src/suite/vocabulary/index.js';
import { labResults } from './scenarios.js';
import { SCENARIO, searchCheck, searchesOf } from './support.js';

/** The searches the client composed itself: not the fetch of a `next` link homolog served earlier. */
export function ownSearches(requests: readonly ReceivedRequest[], type: string, baseUrl: string): ReceivedRequest[] {
  const follows = nextLinkFetches(requests, baseUrl);
  return searchesOf(requests, type).filter((r) => !follows.has(r));
}

/** Problems with a search by patient: it names `patientId` (when known) and passes `rule` on its parameters. */
export function patientSearchProblems(
  searches: readonly ReceivedRequest[],
  patientId: string | undefined,
  rule: (params: [string, string][]) => Bilingual | undefined,
): Bilingual[] {
  return searches.flatMap((r) => {
    const params = searchParams(r);
    const problems: Bilingual[] = [];
    const patient = searchedPatient(params);
    if (patient === undefined)
      problems.push({
        en: `${describe(r)}: no patient parameter`,
        fr: `${describe(r)} : aucun paramètre patient`,
      });
    else if (patientId !== undefined && patient !== patientId)
      problems.push({
        en: `${describe(r)}: expected patient ${patientId}, got ${patient}`,
        fr: `${describe(r)} : patient ${patientId} attendu, reçu ${patient}`,
      });
    const broken = rule(params);
    if (broken) problems.push({ en: `${describe(r)}: ${broken.en}`, fr: `${describe(r)} : ${broken.fr}` });
    return problems;
  });
}

/** EMC-LAB-01: category=laboratory and a period bounded both ways. */
export function labSearchProblems(searches: readonly ReceivedRequest[], patientId?: string): Bilingual[] {
  return patientSearchProblems(searches, patientId, (params) => {
    const missing: string[] = [];
    if (!valuesOf(params, 'category').some((v) => tokenCode(v) === 'laboratory')) missing.push('category=laboratory');
    const { lower, upper } = dateBounds(params);
    if (lower === undefined) missing.push('date=ge…');
    if (upper === undefined) missing.push('date=le…');
    return missing.length === 0
      ? undefined
      : { en: `missing ${missing.join(', ')}`, fr: `il manque ${missing.join(', ')}` };
  });
}

export const laboratory: ClientTestDefinition[] = [
  searchCheck({
    id: 'lab-results-search',
    title: {
      en: 'The EMR searches laboratory results by patient, category=laboratory and a period',
      fr: 'Le DMÉ recherche les résultats de laboratoire par patient, category=laboratory et une période',
    },
    description: {
      en: 'The operator shows the test patient’s laboratory results over a period; each Observation search the EMR composes names the patient, category=laboratory and a date range bounded both ways (date=ge… and date=le…).',
      fr: 'La personne affiche les résultats de laboratoire de la patiente de test sur une période; chaque recherche Observation que compose le DMÉ nomme le patient, category=laboratory et une période bornée des deux côtés (date=ge… et date=le…).',
    },
    verifies: 'EMC-LAB-01',
    tags: ['laboratory', 'search'],
    scenario: SCENARIO.labResults,
    spec: labResults,
    type: 'Observation',
    own: (received, t) => ownSearches(received, 'Observation', t.session.baseUrl),
    problems: labSearchProblems,
    headline: { en: 'laboratory result searches', fr: 'recherches de résultats de laboratoire' },
  }),
  {
    id: 'lab-results-all-pages',
    title: {
      en: 'The EMR follows the next links of the laboratory results to the last page',
      fr: 'Le DMÉ suit les liens next des résultats de laboratoire jusqu’à la dernière page',
    },
    description: {
      en: 'homolog answers the first laboratory search with a first page whose next link leads into the results, two per page; the EMR fetches every next link it is given.',
      fr: 'homolog répond à la première recherche de résultats de laboratoire par une première page dont le lien next mène à la suite des résultats, deux par page; le DMÉ obtient chaque lien next qui lui est donné.',
    },
    verifies: ['EMC-LAB-02'],
    uses: [SCENARIO.labResults],
    tags: ['laboratory', 'paging'],
    async run(t) {
      const { received } = t.received(SCENARIO.labResults);
      if (nextLinksServed(received) === 0)
        t.skip({
          en: `homolog served no paged answer in scenario ${SCENARIO.labResults}: no laboratory search arrived`,
          fr: `homolog n’a servi aucune réponse paginée pendant le scénario ${SCENARIO.labResults} : aucune recherche de résultats de laboratoire n’est arrivée`,
        });
      t.info({
        en: `${nextLinksServed(received)} page(s) with a next link served`,
        fr: `${nextLinksServed(received)} page(s) avec un lien next servie(s)`,
      });
      judge(
        t,
        { problems: nextLinksNotFollowed(received, t.session.baseUrl), evidence: [...received] },
        { en: 'paged laboratory results', fr: 'résultats de laboratoire paginés' },
      );
    },
  },
];
