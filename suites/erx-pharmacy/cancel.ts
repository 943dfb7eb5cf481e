/**
 * erx-pharmacy, cancellation (ERXPH-CAN, ERXPH-DUP): the system answers a
 * cancellation request with a cancellation response that names the request
 * (response.identifier) and focuses on the same prescription, and a request
 * delivered twice (same MessageHeader.id) is processed once.
 */
import type { ClientTestContext, ClientTestDefinition, ReceivedRequest } from '../../src/suite/client-api.js';
import { focusResources, identifierKeys, isErxPoll, type SentMessage } from '../../src/suite/client-checks/erx.js';
import { judge } from '../../src/suite/client-checks/judge.js';
import type { Bilingual } from '../../src/suite/vocabulary/index.js';
import { cancelScenario } from './scenarios.js';
import { injected, judgeAnswers, RX_NUMBER, rxIdentifier, SCENARIO, sentOf, shown, shownList } from './support.js';

/** The cancellation request homolog delivered (twice), or skip when the scenario did not run. */
function cancelRequestId(t: ClientTestContext): string {
  const id = injected(t.erx.ledger(), SCENARIO.cancel, 'prescription-cancel-request')[0];
  if (id === undefined)
    t.skip({ en: `scenario ${SCENARIO.cancel} did not run`, fr: `le scénario ${SCENARIO.cancel} n’a pas été joué` });
  return id;
}

/** Skips when the system did not poll during the scenario: nothing was taken. */
function requirePoll(t: ClientTestContext, received: readonly ReceivedRequest[]): void {
  if (!received.some(isErxPoll))
    t.skip({
      en: `the system did not poll its inbox during scenario ${SCENARIO.cancel}`,
      fr: `le système n’a pas relevé sa boîte de réception pendant le scénario ${SCENARIO.cancel}`,
    });
}

/** What is wrong with one cancellation response to request `id`. */
function responseProblems(m: SentMessage, id: string): Bilingual[] {
  const problems: Bilingual[] = [];
  const mine = m.at;
  const identifier = m.read.response?.identifier;
  if (identifier !== id)
    problems.push({
      en: `cancellation response ${mine}: response.identifier is ${shown(identifier, 'missing')}, not the request's MessageHeader.id ${id}`,
      fr: `réponse d’annulation ${mine} : response.identifier vaut ${shown(identifier, 'absent')}, pas le MessageHeader.id ${id} de la demande`,
    });
  const expected = rxIdentifier(RX_NUMBER.cancel);
  const focus = focusResources(m).filter((r) => r.resourceType === 'MedicationRequest');
  if (!focus.some((r) => identifierKeys(r).includes(expected)))
    problems.push({
      en: `cancellation response ${mine}: its focus is not the prescription ${expected} the request cancels (found: ${shownList(focus.flatMap(identifierKeys), 'no MedicationRequest')})`,
      fr: `réponse d’annulation ${mine} : son focus n’est pas l’ordonnance ${expected} que la demande annule (trouvé : ${shownList(focus.flatMap(identifierKeys), 'aucune MedicationRequest')})`,
    });
  return problems;
}

export const cancelAnswered: ClientTestDefinition = {
  id: 'cancel-request-answered',
  title: {
    en: 'A cancellation request is answered by a cancellation response naming it, about the same prescription',
    fr: 'Une demande d’annulation reçoit une réponse d’annulation qui la nomme, sur la même ordonnance',
  },
  description: {
    en: 'homolog, as the prescriber, sends a prescription then a request to cancel it. The system answers with a prescription-cancel-response whose MessageHeader.response.identifier is the request’s MessageHeader.id and whose focus is the same prescription (same identifier).',
    fr: 'homolog, dans le rôle du prescripteur, envoie une ordonnance puis une demande d’annulation. Le système répond par un prescription-cancel-response dont MessageHeader.response.identifier est le MessageHeader.id de la demande et dont le focus est la même ordonnance (même identifiant).',
  },
  verifies: ['ERXPH-CAN-01'],
  makes: [SCENARIO.cancel],
  tags: ['erx', 'cancel'],
  async run(t) {
    const { received } = await t.scenario(SCENARIO.cancel, cancelScenario(t));
    const id = cancelRequestId(t);
    requirePoll(t, received);
    const responses = sentOf(received, 'prescription-cancel-response');
    const problems: Bilingual[] =
      responses.length === 0
        ? [
            {
              en: `no prescription-cancel-response was sent for request ${id}`,
              fr: `aucun prescription-cancel-response n’a été envoyé pour la demande ${id}`,
            },
          ]
        : responses.flatMap((m) => responseProblems(m, id));
    judgeAnswers(t, received, responses, problems, {
      en: 'the cancellation request was not answered as it should be',
      fr: 'la demande d’annulation n’a pas reçu la réponse attendue',
    });
  },
};

export const duplicateOnce: ClientTestDefinition = {
  id: 'duplicate-processed-once',
  title: {
    en: 'A message delivered twice (same MessageHeader.id) is processed once',
    fr: 'Un message livré deux fois (même MessageHeader.id) est traité une seule fois',
  },
  description: {
    en: 'The switch delivers the cancellation request twice with the same MessageHeader.id. The system sends one cancellation response, not one per copy (the second copy is only acknowledged).',
    fr: 'Le commutateur livre la demande d’annulation deux fois avec le même MessageHeader.id. Le système envoie une seule réponse d’annulation, pas une par copie (la seconde copie est seulement accusée).',
  },
  verifies: ['ERXPH-DUP-01'],
  uses: [SCENARIO.cancel],
  tags: ['erx', 'cancel', 'idempotency'],
  async run(t) {
    const { received } = t.received(SCENARIO.cancel);
    const id = cancelRequestId(t);
    requirePoll(t, received);
    const deliveries = t.erx.ledger().filter((e) => e.kind === 'delivered' && e.messageId === id).length;
    if (deliveries < 2)
      t.skip({
        en: `the cancellation request ${id} was delivered ${deliveries} time(s): the second copy never reached the system`,
        fr: `la demande d’annulation ${id} a été livrée ${deliveries} fois : la seconde copie n’a jamais atteint le système`,
      });
    const responses = sentOf(received, 'prescription-cancel-response');
    // A resend of the same response (same MessageHeader.id) is a retry, not a second processing.
    const distinct = new Set(responses.map((m) => m.id));
    if (distinct.size === 0)
      t.skip({
        en: 'the system sent no cancellation response (ERXPH-CAN-01 says so)',
        fr: 'le système n’a envoyé aucune réponse d’annulation (ERXPH-CAN-01 le dit)',
      });
    judge(
      t,
      {
        problems:
          distinct.size > 1
            ? [
                {
                  en: `${distinct.size} cancellation responses (${shownList([...distinct], '')}) for one request ${id} delivered twice`,
                  fr: `${distinct.size} réponses d’annulation (${shownList([...distinct], '')}) pour une seule demande ${id} livrée deux fois`,
                },
              ]
            : [],
        evidence: responses.map((m) => m.request),
      },
      { en: 'the duplicate was processed twice', fr: 'le doublon a été traité deux fois' },
    );
  },
};
