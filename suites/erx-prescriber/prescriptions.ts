/**
 * erx-prescriber, the prescriber's messages (ERXP-NEW, ERXP-RTY, ERXP-REN,
 * ERXP-CAN): the new prescription as written, its retry after a 503 with the
 * same message, the answer to the pharmacy's renewal request, and the
 * cancellation of the prescription sent earlier with the pharmacy's answer
 * taken.
 */

import { DIN_SYSTEM } from '../../src/identifiers/index.js';
import { cancelResponse, erxEventCoding, renewalRequest, samplePrescription } from '../../src/messaging/index.js';
import type { ClientTestDefinition, ReceivedRequest } from '../../src/suite/client-api.js';
import {
  answerOf,
  contentKey,
  focusResources,
  identifierKeys,
  isErxPoll,
  isErxSend,
  prescriptionIn,
  type SentMessage,
  sentEvent,
  sentMessages,
} from '../../src/suite/client-checks/erx.js';
import { objectOf } from '../../src/suite/client-checks/queries.js';
import type { Bilingual } from '../../src/suite/vocabulary/index.js';
import { cancelResponseScenario, cancelScenario, newScenario, renewalScenario } from './scenarios.js';
import {
  conclude,
  decide,
  type Judgement,
  PHARMACY,
  PHARMACY_SOURCE,
  RX_NUMBER,
  SCENARIO,
  written,
} from './support.js';

/** ERXP-NEW-01: each prescription sent carries the drug (DIN), quantity and repeats the operator wrote. */
export function asWrittenProblems(messages: readonly SentMessage[]): Judgement {
  const w = written();
  const sent = messages.filter((m) => answerOf(m) === undefined);
  const problems = sent.flatMap((m): Bilingual[] => {
    const rx = prescriptionIn(m);
    if (rx === undefined)
      return [
        { en: `${m.at}: no MedicationRequest in the message`, fr: `${m.at} : aucun MedicationRequest dans le message` },
      ];
    const out: Bilingual[] = [];
    const codings = objectOf(rx.medicationCodeableConcept)?.coding;
    const dins = (Array.isArray(codings) ? codings : [])
      .map((c) => objectOf(c))
      .filter((c) => c?.system === DIN_SYSTEM)
      .map((c) => c?.code);
    if (!dins.includes(w.din))
      out.push({
        en: `${m.at}: the drug's DIN is ${JSON.stringify(dins)}, the operator wrote ${w.din}`,
        fr: `${m.at} : le DIN du médicament vaut ${JSON.stringify(dins)}, la personne a inscrit ${w.din}`,
      });
    const dispense = objectOf(rx.dispenseRequest);
    const quantity = objectOf(dispense?.quantity)?.value;
    if (quantity !== w.quantity)
      out.push({
        en: `${m.at}: dispenseRequest.quantity is ${JSON.stringify(quantity ?? null)}, the operator wrote ${w.quantity}`,
        fr: `${m.at} : dispenseRequest.quantity vaut ${JSON.stringify(quantity ?? null)}, la personne a inscrit ${w.quantity}`,
      });
    const repeats = dispense?.numberOfRepeatsAllowed;
    if (repeats !== w.repeats)
      out.push({
        en: `${m.at}: dispenseRequest.numberOfRepeatsAllowed is ${JSON.stringify(repeats ?? null)}, the operator wrote ${w.repeats}`,
        fr: `${m.at} : dispenseRequest.numberOfRepeatsAllowed vaut ${JSON.stringify(repeats ?? null)}, la personne a inscrit ${w.repeats}`,
      });
    return out;
  });
  return { judged: sent.length, problems };
}

/** ERXP-RTY-01: each send answered 503 or 429 and sent again: the next send has the same MessageHeader.id and content. */
export function retryProblems(requests: readonly ReceivedRequest[]): Judgement & { evidence: ReceivedRequest[] } {
  const sends = requests.filter(isErxSend);
  const problems: Bilingual[] = [];
  const evidence: ReceivedRequest[] = [];
  let judged = 0;
  sends.forEach((r, i) => {
    const next = sends[i + 1];
    if ((r.reply.status !== 503 && r.reply.status !== 429) || next === undefined) return;
    judged += 1;
    evidence.push(r, next);
    const [first] = sentMessages([r]);
    const [again] = sentMessages([next]);
    if (first === undefined || again === undefined) {
      problems.push({
        en: `${next.exchangeId}: the retry is not a JSON message`,
        fr: `${next.exchangeId} : la reprise n’est pas un message JSON`,
      });
      return;
    }
    if (again.id !== first.id)
      problems.push({
        en: `${again.at}: the retry of ${first.at} has MessageHeader.id ${JSON.stringify(again.id)} instead of ${JSON.stringify(first.id)}: the pharmacy would receive the prescription twice`,
        fr: `${again.at} : la reprise de ${first.at} a le MessageHeader.id ${JSON.stringify(again.id)} au lieu de ${JSON.stringify(first.id)} : la pharmacie recevrait l’ordonnance deux fois`,
      });
    else if (contentKey(again) !== contentKey(first))
      problems.push({
        en: `${again.at}: the retry of ${first.at} keeps its MessageHeader.id but changes its content`,
        fr: `${again.at} : la reprise de ${first.at} garde son MessageHeader.id mais change de contenu`,
      });
  });
  return { judged, problems, evidence };
}

export const prescriptions: ClientTestDefinition[] = [
  {
    id: 'new-prescription-as-written',
    title: {
      en: 'The new prescription sent is the one the operator wrote',
      fr: 'La nouvelle ordonnance transmise est celle que la personne a rédigée',
    },
    description: {
      en: 'The operator writes a prescription (drug by DIN, quantity, repeats) and sends it to the pharmacy; every prescription message the EMR sends carries what was written.',
      fr: 'La personne rédige une ordonnance (médicament par son DIN, quantité, renouvellements) et la transmet à la pharmacie ; chaque message d’ordonnance que transmet le DMÉ porte ce qui a été rédigé.',
    },
    verifies: ['ERXP-NEW-01'],
    makes: [SCENARIO.newRx],
    tags: ['erx', 'prescription'],
    async run(t) {
      const { received } = await t.scenario(SCENARIO.newRx, newScenario(t));
      conclude(t, received.filter(isErxSend), asWrittenProblems(sentMessages(received)), {
        nothing: {
          en: 'the EMR sent no message during the scenario',
          fr: 'le DMÉ n’a transmis aucun message pendant le scénario',
        },
        headline: {
          en: 'the prescription sent is not the one written',
          fr: 'l’ordonnance transmise n’est pas celle qui a été rédigée',
        },
      });
    },
  },
  {
    id: 'retry-same-message',
    title: {
      en: 'After a 503, the same message is sent again (same MessageHeader.id and content)',
      fr: 'Après un 503, le même message est renvoyé (même MessageHeader.id et même contenu)',
    },
    description: {
      en: 'homolog answers the first send of the new prescription 503 with Retry-After; the message sent next is the same message: same MessageHeader.id, same content, so the switch recognises it and the pharmacy receives it once.',
      fr: 'homolog répond à la première transmission de la nouvelle ordonnance par 503 avec Retry-After ; le message transmis ensuite est le même : même MessageHeader.id, même contenu, de sorte que le commutateur le reconnaît et que la pharmacie ne le reçoit qu’une fois.',
    },
    verifies: ['ERXP-RTY-01'],
    uses: [SCENARIO.newRx],
    tags: ['erx', 'retry'],
    async run(t) {
      const { received } = t.received(SCENARIO.newRx);
      const found = retryProblems(received);
      conclude(t, found.evidence, found, {
        nothing: {
          en: 'the EMR did not send anything again after the 503, so how it retries could not be seen',
          fr: 'le DMÉ n’a rien renvoyé après le 503 : sa façon de reprendre n’a pu être vue',
        },
        headline: { en: 'a retry is not the same message', fr: 'une reprise n’est pas le même message' },
      });
    },
  },
  {
    id: 'renewal-answered',
    title: {
      en: 'The pharmacy’s renewal request is answered by a renewal response naming it',
      fr: 'La demande de renouvellement de la pharmacie reçoit une réponse de renouvellement qui la désigne',
    },
    description: {
      en: 'homolog, as the pharmacy, puts a renewal request in the EMR’s inbox; the EMR takes it and sends a prescription-renewal-response whose MessageHeader.response.identifier is the request’s MessageHeader.id.',
      fr: 'homolog, jouant la pharmacie, dépose une demande de renouvellement dans la boîte de réception du DMÉ ; le DMÉ la prend et transmet un message prescription-renewal-response dont MessageHeader.response.identifier est le MessageHeader.id de la demande.',
    },
    verifies: ['ERXP-REN-01'],
    makes: [SCENARIO.renewal],
    tags: ['erx', 'renewal'],
    async run(t) {
      const request = renewalRequest(
        { source: PHARMACY_SOURCE, destination: { endpoint: t.erx.client } },
        samplePrescription(RX_NUMBER),
      );
      const requestId = t.erx.inject(request, { to: t.erx.client });
      const { received } = await t.scenario(SCENARIO.renewal, renewalScenario(t, requestId));
      const sent = sentMessages(received);
      const responses = sent.filter(
        (m) => answerOf(m)?.identifier === requestId && sentEvent(m) === 'prescription-renewal-response',
      );
      const offered = sent.filter((m) => sentEvent(m) === 'prescription-renewal-response');
      const problems: Bilingual[] =
        responses.length > 0
          ? []
          : offered.length > 0
            ? offered.map((m) => ({
                en: `${m.at}: the renewal response's MessageHeader.response.identifier is ${JSON.stringify(answerOf(m)?.identifier ?? null)}, expected the request's id ${JSON.stringify(requestId)}`,
                fr: `${m.at} : le MessageHeader.response.identifier de la réponse de renouvellement vaut ${JSON.stringify(answerOf(m)?.identifier ?? null)}, attendu l’id de la demande ${JSON.stringify(requestId)}`,
              }))
            : [
                {
                  en: `no prescription-renewal-response answering the request ${JSON.stringify(requestId)} arrived (${sent.length} message(s) sent)`,
                  fr: `aucun message prescription-renewal-response répondant à la demande ${JSON.stringify(requestId)} n’est arrivé (${sent.length} message(s) transmis)`,
                },
              ];
      decide(
        t,
        received.filter((r) => isErxSend(r) || isErxPoll(r)),
        problems,
        {
          en: 'the renewal request was not answered as required',
          fr: 'la demande de renouvellement n’a pas reçu la réponse requise',
        },
      );
    },
  },
  {
    id: 'cancel-request-sent',
    title: {
      en: 'The cancellation request names the prescription sent earlier, and the pharmacy’s answer is taken',
      fr: 'La demande d’annulation désigne l’ordonnance transmise plus tôt, et la réponse de la pharmacie est prise',
    },
    description: {
      en: 'The operator cancels the prescription sent earlier; the EMR sends a prescription-cancel-request whose focus is that prescription (same identifier). homolog, as the pharmacy, answers with a cancellation response in the EMR’s inbox, and the EMR takes it.',
      fr: 'La personne annule l’ordonnance transmise plus tôt ; le DMÉ transmet un message prescription-cancel-request dont le focus est cette ordonnance (même identifiant). homolog, jouant la pharmacie, répond par une réponse d’annulation dans la boîte de réception du DMÉ, et le DMÉ la prend.',
    },
    verifies: ['ERXP-CAN-01'],
    uses: [SCENARIO.newRx],
    makes: [SCENARIO.cancel, SCENARIO.cancelResponse],
    tags: ['erx', 'cancellation'],
    async run(t) {
      const earlier = new Set(
        sentMessages(t.received(SCENARIO.newRx).received).flatMap((m) => identifierKeys(prescriptionIn(m))),
      );
      if (earlier.size === 0)
        t.skip({
          en: 'the new prescription sent earlier carried no identifier to compare with',
          fr: 'la nouvelle ordonnance transmise plus tôt ne portait aucun identifiant auquel comparer',
        });
      const { received } = await t.scenario(SCENARIO.cancel, cancelScenario(t));
      const cancels = sentMessages(received).filter((m) => sentEvent(m) === 'prescription-cancel-request');
      const problems: Bilingual[] =
        cancels.length === 0
          ? [
              {
                en: 'no prescription-cancel-request message arrived',
                fr: 'aucun message prescription-cancel-request n’est arrivé',
              },
            ]
          : cancels.flatMap((m) => {
              const focus = focusResources(m).filter((r) => r.resourceType === 'MedicationRequest');
              return focus.some((r) => identifierKeys(r).some((k) => earlier.has(k)))
                ? []
                : [
                    {
                      en: `${m.at}: the focus is not the prescription sent earlier (identifiers ${JSON.stringify(focus.flatMap(identifierKeys))}, sent earlier ${JSON.stringify([...earlier])})`,
                      fr: `${m.at} : le focus n’est pas l’ordonnance transmise plus tôt (identifiants ${JSON.stringify(focus.flatMap(identifierKeys))}, transmise plus tôt ${JSON.stringify([...earlier])})`,
                    },
                  ];
            });
      const evidence = received.filter(isErxSend);
      if (problems.length > 0) {
        decide(t, evidence, problems, cancelHeadline);
        return;
      }
      // The pharmacy answers the request that reached it (one the switch refused reached nobody).
      const waiting = t.erx.inbox(PHARMACY).find((q) => q.from === t.erx.client && cancels.some((m) => m.id === q.id));
      if (waiting === undefined)
        return t.skip({
          en: 'the switch refused the cancellation request (see ERXP-MSG-*), so the pharmacy could not answer it and taking its answer was not verified',
          fr: 'le commutateur a refusé la demande d’annulation (voir ERXP-MSG-*) : la pharmacie n’a pu y répondre et la prise de sa réponse n’a pas été vérifiée',
        });
      const rx = samplePrescription(RX_NUMBER);
      rx.request.status = 'cancelled';
      const responseId = t.erx.inject(
        cancelResponse({ source: PHARMACY_SOURCE, destination: { endpoint: t.erx.client } }, rx, {
          id: waiting.id,
          event: erxEventCoding('prescription-cancel-request'),
          endpoint: t.erx.client,
        }),
        { to: t.erx.client },
      );
      const answer = await t.scenario(SCENARIO.cancelResponse, cancelResponseScenario(t, responseId));
      const taken = t.erx
        .ledger()
        .some((e) => e.kind === 'delivered' && e.messageId === responseId && e.to.includes(t.erx.client));
      const notTaken: Bilingual = {
        en: `the cancellation response ${JSON.stringify(responseId)} was never taken from the EMR's inbox`,
        fr: `la réponse d’annulation ${JSON.stringify(responseId)} n’a jamais été prise dans la boîte de réception du DMÉ`,
      };
      decide(t, [...evidence, ...answer.received.filter(isErxPoll)], taken ? [] : [notTaken], cancelHeadline);
    },
  },
];

const cancelHeadline: Bilingual = {
  en: 'the cancellation was not done as required',
  fr: 'l’annulation n’a pas été faite comme requis',
};
