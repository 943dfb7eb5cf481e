/**
 * dsq-pharmacy-client, queries (PHC-QRY): the patient found by NAM (with its
 * system, in a POST body), the medication profile searched by patient over a
 * period with a bounded page size, and its next links followed to the end.
 * The NAM and paging rules are the client suites' shared ones
 * (src/suite/client-checks/queries.ts); the profile search is this suite's.
 */
import { NAM_SYSTEM } from '../../src/identifiers/index.js';
import type { ClientTestDefinition, ReceivedRequest } from '../../src/suite/client-api.js';
import {
  dateBounds,
  describe,
  namInUrlProblems,
  namSearches,
  namSearchProblems,
  nextLinkFetches,
  nextLinkOf,
  nextLinksNotFollowed,
  nextLinksServed,
  searchedPatient,
  searchedType,
  searchParams,
  valuesOf,
} from '../../src/suite/client-checks/queries.js';
import type { Bilingual } from '../../src/suite/vocabulary/index.js';
import { profileScenario } from './scenarios.js';
import { conclude, fhirRequests, type Judgement, MAX_COUNT, ofSuite, problem, SCENARIO } from './support.js';

/** PHC-QRY-01: the patient searched by identifier=<NAM system>|<NAM>, and every NAM search so. */
export function patientByNamProblems(requests: readonly ReceivedRequest[], nam: string): Judgement {
  const searches = namSearches(requests);
  const problems = namSearchProblems(searches, NAM_SYSTEM, [nam]);
  if (searches.length === 0)
    problems.push(
      problem(
        `no Patient search by identifier=${NAM_SYSTEM}|${nam} among the ${requests.length} requests received`,
        `aucune recherche de Patient par identifier=${NAM_SYSTEM}|${nam} parmi les ${requests.length} requêtes reçues`,
      ),
    );
  return { judged: requests.length, problems };
}

/** PHC-QRY-02: the NAM searches are POST Patient/_search, and no NAM is in a URL; judged: the requests that carry a NAM. */
export function namOutOfUrlProblems(requests: readonly ReceivedRequest[], nams: readonly string[]): Judgement {
  const upper = nams.map((nam) => nam.toUpperCase());
  const carrying = requests.filter((r) =>
    upper.some((nam) => `${r.path} ${r.query.flat().join(' ')} ${r.body ?? ''}`.toUpperCase().includes(nam)),
  );
  return { judged: carrying.length, problems: namInUrlProblems(requests, namSearches(requests), nams) };
}

/** The date parameters of a dispense search. */
const DATE_PARAMS = ['whenhandedover', 'whenprepared'];

/** PHC-QRY-03: every profile search (a dispense search the client built) by patient, from a date, with 1 ≤ _count ≤ 100. */
export function profileSearchProblems(requests: readonly ReceivedRequest[], baseUrl: string): Judgement {
  const pages = nextLinkFetches(requests, baseUrl);
  const searches = requests.filter((r) => searchedType(r) === 'MedicationDispense' && !pages.has(r));
  const problems: Bilingual[] = [];
  for (const r of searches) {
    const params = searchParams(r);
    const what = describe(r);
    if (searchedPatient(params) === undefined)
      problems.push(problem(`${what}: not restricted to the patient`, `${what} : pas restreinte au patient`));
    if (!DATE_PARAMS.some((name) => dateBounds(params, name).lower !== undefined))
      problems.push(
        problem(
          `${what}: no period (expected whenhandedover=ge<start date>)`,
          `${what} : aucune période (attendu whenhandedover=ge<date de début>)`,
        ),
      );
    const counts = valuesOf(params, '_count');
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

/** PHC-QRY-04: every next link homolog answered fetched later. */
export function pagingProblems(requests: readonly ReceivedRequest[], baseUrl: string): Judgement {
  return { judged: nextLinksServed(requests), problems: nextLinksNotFollowed(requests, baseUrl) };
}

export const queries: ClientTestDefinition[] = [
  {
    id: 'patient-found-by-nam',
    title: {
      en: 'The patient is searched by identifier=<NAM system>|<NAM>',
      fr: 'La patiente ou le patient est recherché par identifier=<système du NAM>|<NAM>',
    },
    description: {
      en: 'The operator finds the test patient by NAM; each Patient search carries identifier=https://fhir.infoway-inforoute.ca/NamingSystem/ca-qc-patient-healthcare-id|<NAM>.',
      fr: 'La personne trouve la patiente de test par son NAM; chaque recherche Patient porte identifier=https://fhir.infoway-inforoute.ca/NamingSystem/ca-qc-patient-healthcare-id|<NAM>.',
    },
    verifies: ['PHC-QRY-01'],
    makes: [SCENARIO.profile],
    inputs: ['patientNam', 'patientId'],
    tags: ['queries'],
    async run(t) {
      const { received } = await t.scenario(SCENARIO.profile, profileScenario(t));
      const nam = t.input('patientNam');
      conclude(t, received, patientByNamProblems(fhirRequests(received), nam), {
        scenario: SCENARIO.profile,
        nothing: { en: 'no request reached the FHIR API', fr: 'aucune requête n’a atteint l’API FHIR' },
        cite: (r) => searchedType(r) === 'Patient',
        headline: {
          en: `the patient ${nam} was not found by NAM with its system`,
          fr: `la patiente ${nam} n’a pas été trouvée par son NAM avec son système`,
        },
      });
    },
  },
  {
    id: 'profile-searched-by-period',
    title: {
      en: 'The medication profile is searched by patient, from a date, with a bounded _count',
      fr: 'Le profil pharmacologique est recherché par patient, à partir d’une date, avec un _count borné',
    },
    description: {
      en: 'Each MedicationDispense search of the profile names the patient, a start date (whenhandedover=ge… or whenprepared=ge…) and a _count from 1 to 100.',
      fr: 'Chaque recherche MedicationDispense du profil nomme le patient, une date de début (whenhandedover=ge… ou whenprepared=ge…) et un _count de 1 à 100.',
    },
    verifies: ['PHC-QRY-03'],
    uses: [SCENARIO.profile],
    tags: ['queries'],
    async run(t) {
      const { received } = t.received(SCENARIO.profile);
      conclude(t, received, profileSearchProblems(received, t.session.baseUrl), {
        scenario: SCENARIO.profile,
        nothing: {
          en: 'the client did not search the patient’s dispenses (MedicationDispense)',
          fr: 'le client n’a pas recherché les délivrances de la patiente (MedicationDispense)',
        },
        cite: (r) => searchedType(r) === 'MedicationDispense',
        headline: {
          en: 'the medication profile was not searched by patient, from a date, with a bounded _count',
          fr: 'le profil pharmacologique n’a pas été recherché par patient, à partir d’une date, avec un _count borné',
        },
      });
    },
  },
  {
    id: 'profile-pages-followed',
    title: {
      en: 'Every next link of the paged medication profile is followed to the last page',
      fr: 'Chaque lien next du profil pharmacologique paginé est suivi jusqu’à la dernière page',
    },
    description: {
      en: 'homolog answers the profile in several pages; the client fetches every next link it is given, up to the last page.',
      fr: 'homolog répond au profil en plusieurs pages; le client obtient chaque lien next qui lui est donné, jusqu’à la dernière page.',
    },
    verifies: ['PHC-QRY-04'],
    uses: [SCENARIO.profile],
    tags: ['queries', 'paging'],
    async run(t) {
      const { received } = t.received(SCENARIO.profile);
      conclude(t, received, pagingProblems(received, t.session.baseUrl), {
        scenario: SCENARIO.profile,
        nothing: {
          en: 'no paged result was answered (the client did not search the patient’s dispenses)',
          fr: 'aucun résultat paginé n’a été servi (le client n’a pas recherché les délivrances de la patiente)',
        },
        cite: (r) => nextLinkOf(r) !== undefined,
        headline: {
          en: `the paged medication profile was not read to its last page`,
          fr: `le profil pharmacologique paginé n’a pas été lu jusqu’à sa dernière page`,
        },
      });
    },
  },
];

/** PHC-QRY-02 judges the whole session (the consent scenario searches a NAM too): it runs after every scenario. */
export const namInUrl: ClientTestDefinition = {
  id: 'nam-not-in-url',
  title: {
    en: 'The NAM search is a POST Patient/_search: no NAM in any URL',
    fr: 'La recherche par NAM est un POST Patient/_search : aucun NAM dans une URL',
  },
  description: {
    en: 'Every NAM search of this suite’s scenarios is POST Patient/_search (the NAM in the form body), and no request carries the test patients’ NAMs in its path or query (URLs end up in logs and proxies).',
    fr: 'Chaque recherche par NAM des scénarios de cette suite est un POST Patient/_search (le NAM dans le corps du formulaire), et aucune requête ne porte les NAM des patients de test dans son chemin ou sa chaîne de requête (les URL aboutissent dans les journaux et les mandataires).',
  },
  verifies: ['PHC-QRY-02'],
  uses: [SCENARIO.profile],
  inputs: ['patientNam', 'refusingPatientNam'],
  tags: ['queries', 'privacy'],
  async run(t) {
    t.received(SCENARIO.profile);
    const nams = [t.input('patientNam'), t.input('refusingPatientNam')];
    const received = ofSuite(t.all());
    conclude(t, received, namOutOfUrlProblems(received, nams), {
      nothing: {
        en: 'no request carried the NAM of a test patient',
        fr: 'aucune requête ne portait le NAM d’une patiente de test',
      },
      cite: (r) => searchedType(r) === 'Patient',
      headline: { en: 'a NAM was sent in a URL', fr: 'un NAM a été envoyé dans une URL' },
    });
  },
};
