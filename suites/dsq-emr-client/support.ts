/**
 * What the dsq-emr-client checks share: the scenario ids, the inputs with
 * their defaults, the codes that mean "imaging", and which of the session's
 * requests belong to this suite (a session may run the pharmacy suite too).
 */
import type {
  ClientTestContext,
  ClientTestDefinition,
  ReceivedRequest,
  ScenarioSpec,
} from '../../src/suite/client-api.js';
import { judge } from '../../src/suite/client-checks/judge.js';
import { unverifiedMessages as u } from '../../src/suite/client-checks/messages.js';
import { searchesOf } from '../../src/suite/client-checks/queries.js';
import { suiteScenarios } from '../../src/suite/client-checks/suite-scenarios.js';

export { searchesOf };

import type { Bilingual } from '../../src/suite/vocabulary/index.js';
import { localized, perLanguage, type Text } from '../../src/util/i18n.js';

export const SUITE = 'dsq-emr-client';

/** The scenarios of this suite (ids the reference client's behaviours are registered under). */
export const SCENARIO = {
  openChart: 'emr-open-chart',
  labResults: 'emr-lab-results',
  imagingReports: 'emr-imaging-reports',
  activeMedications: 'emr-active-medications',
  consentRefusal: 'emr-consent-refusal',
  recordBusy: 'emr-record-busy',
  expiredToken: 'emr-expired-token',
} as const;

/** At most this many requests per scenario (EMC-ERR-02): the paged lab results take about 8 with the token. */
export const MAX_REQUESTS_PER_SCENARIO = 30;

/** The laboratory period asked of the operator when the target file gives none: the simulator's results are of 2024. */
const DEFAULT_LAB_PERIOD = { labDateFrom: '2024-01-01', labDateTo: '2024-12-31' } as const;

/** The laboratory period of the scenario (testData labDateFrom/labDateTo, or 2024). */
export function labPeriod(t: ClientTestContext): { from: string; to: string } {
  const data = t.session.testData;
  return {
    from: data.labDateFrom ?? DEFAULT_LAB_PERIOD.labDateFrom,
    to: data.labDateTo ?? DEFAULT_LAB_PERIOD.labDateTo,
  };
}

/**
 * Imaging category codes (DiagnosticReport.category): v2-0074 RAD and its
 * imaging sections, LOINC LP29684-5 Radiology.
 */
export const IMAGING_CATEGORY_CODES: readonly string[] = [
  'RAD',
  'RX',
  'CT',
  'NMR',
  'NMS',
  'US',
  'VUS',
  'OUS',
  'CUS',
  'LP29684-5',
];

/** Which requests of the session are this suite's (a session may run another client suite too). */
export const { isOurs, ours } = suiteScenarios(SCENARIO);

/** Skips the check when the client sent no search of `type` in the scenario: nothing to judge (the scenario was not performed). */
export function requireSearches(
  t: ClientTestContext,
  searches: readonly ReceivedRequest[],
  type: Text,
  scenario: string,
): void {
  if (searches.length === 0) t.skip(perLanguage((lang) => u.noSearch(localized(type)[lang], scenario)));
}

/** Waits `ms` (or until the check is cancelled): time for a client to show whether it sends a refused request again. */
export function settle(t: ClientTestContext, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    t.signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/**
 * A check that runs a scenario and judges the searches of one resource type
 * the client sent in it (`own` picks them, default: every search of the
 * type), against the test patient's id; skips when none arrived.
 */
export function searchCheck(check: {
  id: string;
  title: Bilingual;
  description: Bilingual;
  verifies: string;
  tags: string[];
  scenario: string;
  spec(t: ClientTestContext): ScenarioSpec;
  type: string;
  own?(received: readonly ReceivedRequest[], t: ClientTestContext): ReceivedRequest[];
  problems(searches: readonly ReceivedRequest[], patientId: string): Bilingual[];
  headline: Bilingual;
}): ClientTestDefinition {
  return {
    id: check.id,
    title: check.title,
    description: check.description,
    verifies: [check.verifies],
    makes: [check.scenario],
    inputs: ['patientNam', 'patientId'],
    tags: check.tags,
    async run(t) {
      const { received } = await t.scenario(check.scenario, check.spec(t));
      const searches = check.own ? check.own(received, t) : searchesOf(received, check.type);
      requireSearches(t, searches, check.type, check.scenario);
      judge(t, { problems: check.problems(searches, t.input('patientId')), evidence: searches }, check.headline);
    },
  };
}
