/** dsq-emr-client, the patient (EMC-PAT): found by NAM under the NAM system, by POST, never with the NAM in a URL. */
import { NAM_SYSTEM } from '../../src/identifiers/index.js';
import type { ClientTestDefinition } from '../../src/suite/client-api.js';
import { judge } from '../../src/suite/client-checks/judge.js';
import { namInUrlProblems, namSearches, namSearchProblems } from '../../src/suite/client-checks/queries.js';
import { openChart } from './scenarios.js';
import { ours, requireSearches, SCENARIO, searchesOf } from './support.js';

export const patient: ClientTestDefinition[] = [
  {
    id: 'patient-found-by-nam',
    title: {
      en: 'The EMR finds the patient by NAM with the NAM naming system',
      fr: 'Le DMÉ trouve la patiente ou le patient par NAM avec le système d’identification du NAM',
    },
    description: {
      en: 'The operator opens the chart of the test patient by NAM; each Patient search the EMR sends carries identifier=https://fhir.infoway-inforoute.ca/NamingSystem/ca-qc-patient-healthcare-id|<NAM>.',
      fr: 'La personne ouvre le dossier de la patiente de test par son NAM; chaque recherche Patient que le DMÉ envoie porte identifier=https://fhir.infoway-inforoute.ca/NamingSystem/ca-qc-patient-healthcare-id|<NAM>.',
    },
    verifies: ['EMC-PAT-01'],
    makes: [SCENARIO.openChart],
    inputs: ['patientNam'],
    tags: ['patient', 'search'],
    async run(t) {
      const nam = t.input('patientNam');
      const { received } = await t.scenario(SCENARIO.openChart, openChart(t));
      const searches = searchesOf(received, 'Patient');
      requireSearches(t, searches, 'Patient', SCENARIO.openChart);
      judge(
        t,
        { problems: namSearchProblems(searches, NAM_SYSTEM, [nam]), evidence: searches },
        {
          en: `Patient searches of scenario ${SCENARIO.openChart}`,
          fr: `Recherches de patient du scénario ${SCENARIO.openChart}`,
        },
      );
    },
  },
];

/** Judged once every scenario has run: no request of the session may carry a NAM in its URL. */
export const namNotInUrl: ClientTestDefinition = {
  id: 'nam-search-by-post',
  title: {
    en: 'The NAM search is a POST Patient/_search and no NAM appears in a URL',
    fr: 'La recherche par NAM est un POST Patient/_search et aucun NAM n’apparaît dans une URL',
  },
  description: {
    en: 'Every NAM search of this suite’s scenarios is POST Patient/_search (the NAM in the form body), and no request of these scenarios carries the test patients’ NAMs in its path or query (URLs end up in logs and proxies).',
    fr: 'Chaque recherche par NAM des scénarios de cette suite est un POST Patient/_search (le NAM dans le corps du formulaire), et aucune requête de ces scénarios ne porte les NAM des patients de test dans son chemin ou sa chaîne de requête (les URL aboutissent dans les journaux et les mandataires).',
  },
  verifies: ['EMC-PAT-02'],
  uses: [SCENARIO.openChart],
  inputs: ['patientNam', 'refusingPatientNam'],
  tags: ['patient', 'privacy'],
  async run(t) {
    t.received(SCENARIO.openChart);
    const nams = [t.input('patientNam'), t.input('refusingPatientNam')];
    const requests = ours(t);
    const searches = namSearches(requests);
    requireSearches(t, searches, { en: 'Patient (by NAM)', fr: 'Patient (par NAM)' }, SCENARIO.openChart);
    judge(
      t,
      { problems: namInUrlProblems(requests, searches, nams), evidence: searches },
      { en: 'NAM searches and URLs of the EMR’s requests', fr: 'Recherches par NAM et URL des requêtes du DMÉ' },
    );
  },
};
