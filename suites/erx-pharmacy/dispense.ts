/**
 * erx-pharmacy, dispense notification (ERXPH-DIS): the notification's
 * MedicationDispense refers, through authorizingPrescription, to the
 * prescription it fills, carried in the same Bundle with the identifier the
 * prescriber gave it. Its conformance to the Québec profiles is ERXPH-CNT-01's.
 */
import type { ClientTestDefinition } from '../../src/suite/client-api.js';
import { focusResources, identifierKeys, type SentMessage } from '../../src/suite/client-checks/erx.js';
import { judge } from '../../src/suite/client-checks/judge.js';
import type { Bilingual } from '../../src/suite/vocabulary/index.js';
import { dispenseScenario } from './scenarios.js';
import { RX_NUMBER, resolveIn, rxIdentifier, SCENARIO, sentOf, shownList } from './support.js';

type Json = Record<string, unknown>;

/** The identifiers (`system|value`) of the MedicationRequests a dispense's authorizingPrescription resolves to in the Bundle. */
function authorizing(m: SentMessage, dispense: Json): string[] {
  const refs = Array.isArray(dispense.authorizingPrescription) ? dispense.authorizingPrescription : [];
  return refs.flatMap((ref: { reference?: unknown } | null) => {
    const found = resolveIn(m, dispense, ref?.reference);
    return found?.resourceType === 'MedicationRequest' ? identifierKeys(found) : [];
  });
}

function dispenseProblems(m: SentMessage): Bilingual[] {
  const mine = m.at;
  const expected = rxIdentifier(RX_NUMBER.dispense);
  const dispense = focusResources(m).find((r) => r.resourceType === 'MedicationDispense');
  if (dispense === undefined)
    return [
      {
        en: `dispense notification ${mine}: its focus is no MedicationDispense of the Bundle`,
        fr: `avis de service ${mine} : son focus n’est aucune MedicationDispense du Bundle`,
      },
    ];
  const found = authorizing(m, dispense);
  if (found.includes(expected)) return [];
  return [
    {
      en: `dispense notification ${mine}: authorizingPrescription does not resolve in the Bundle to prescription ${expected} (found: ${shownList(found, 'none')})`,
      fr: `avis de service ${mine} : authorizingPrescription ne mène pas, dans le Bundle, à l’ordonnance ${expected} (trouvé : ${shownList(found, 'aucune')})`,
    },
  ];
}

export const dispenseRefersToPrescription: ClientTestDefinition = {
  id: 'dispense-refers-to-prescription',
  title: {
    en: 'The dispense notification refers to the prescription it fills',
    fr: 'L’avis de service renvoie à l’ordonnance qu’il exécute',
  },
  description: {
    en: 'homolog, as the prescriber, sends a prescription; the operator dispenses it. The system’s dispense-notification focuses on a MedicationDispense whose authorizingPrescription resolves, inside the Bundle, to a MedicationRequest with the prescription’s identifier.',
    fr: 'homolog, dans le rôle du prescripteur, envoie une ordonnance; la personne la sert. Le dispense-notification du système a pour focus une MedicationDispense dont authorizingPrescription mène, dans le Bundle, à une MedicationRequest portant l’identifiant de l’ordonnance.',
  },
  verifies: ['ERXPH-DIS-01'],
  makes: [SCENARIO.dispense],
  tags: ['erx', 'dispense'],
  async run(t) {
    const { received } = await t.scenario(SCENARIO.dispense, dispenseScenario(t));
    const notifications = sentOf(received, 'dispense-notification');
    if (notifications.length === 0)
      t.skip({
        en: `no dispense notification arrived during scenario ${SCENARIO.dispense}`,
        fr: `aucun avis de service n’est arrivé pendant le scénario ${SCENARIO.dispense}`,
      });
    judge(
      t,
      { problems: notifications.flatMap(dispenseProblems), evidence: notifications.map((m) => m.request) },
      {
        en: 'the dispense notification does not refer to the prescription',
        fr: 'l’avis de service ne renvoie pas à l’ordonnance',
      },
    );
  },
};
