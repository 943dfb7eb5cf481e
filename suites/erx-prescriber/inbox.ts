/**
 * erx-prescriber, the EMR's inbox (ERXP-INB, ERXP-ERR, ERXP-ATT): what
 * homolog, as the pharmacy, put in the EMR's inbox is taken and acknowledged
 * exactly once; an asynchronous error about one of the EMR's messages is
 * taken, acknowledged and (attestation) shown to the user.
 */
import { errorResponse, erxEventCoding, erxEventOf, eventOf, respondsTo } from '../../src/messaging/index.js';
import type { ClientTestContext, ClientTestDefinition } from '../../src/suite/client-api.js';
import {
  answersTo,
  isBareAcknowledgement,
  isErxPoll,
  isErxSend,
  sentMessages,
} from '../../src/suite/client-checks/erx.js';
import type { Bilingual } from '../../src/suite/vocabulary/index.js';
import { errorScenario } from './scenarios.js';
import {
  conclude,
  decide,
  type Judgement,
  ofSuite,
  PHARMACY,
  PHARMACY_SOURCE,
  RX_NUMBER,
  SCENARIO,
  suiteMessages,
} from './support.js';

/** Whether homolog's pharmacy delivered message `id` to the EMR in a poll. */
function taken(t: Pick<ClientTestContext, 'erx'>, id: string): boolean {
  return t.erx.ledger().some((e) => e.kind === 'delivered' && e.messageId === id && e.to.includes(t.erx.client));
}

/**
 * ERXP-INB-01: every message (not an error: ERXP-ERR-01) homolog's pharmacy
 * put in the EMR's inbox was taken and acknowledged exactly once (one bare
 * acknowledgement; a resend with the same MessageHeader.id is the same one).
 */
export function acknowledgedOnceProblems(t: Pick<ClientTestContext, 'erx' | 'all'>): Judgement {
  const put = t.erx
    .ledger()
    .filter(
      (e) =>
        e.kind === 'sent' &&
        e.exchangeId === undefined &&
        e.from === PHARMACY &&
        e.to.includes(t.erx.client) &&
        respondsTo(e.message)?.code !== 'fatal-error',
    );
  const messages = suiteMessages(t);
  const problems = put.flatMap((e): Bilingual[] => {
    const id = JSON.stringify(e.messageId);
    if (!taken(t, e.messageId))
      return [
        {
          en: `message ${id} was never taken from the inbox`,
          fr: `le message ${id} n’a jamais été pris dans la boîte de réception`,
        },
      ];
    const acks = new Set(
      answersTo(messages, e.messageId)
        .filter(isBareAcknowledgement)
        .map((m) => m.id),
    );
    return acks.size === 1
      ? []
      : [
          {
            en: `message ${id} was taken and acknowledged ${acks.size} time(s), expected exactly once`,
            fr: `le message ${id} a été pris et a fait l’objet de ${acks.size} accusé(s) de réception, attendu exactement un`,
          },
        ];
  });
  return { judged: put.length, problems };
}

export const inbox: ClientTestDefinition[] = [
  {
    id: 'error-message-acknowledged',
    title: {
      en: 'An asynchronous error message about one of the EMR’s messages is taken and acknowledged',
      fr: 'Un message d’erreur asynchrone au sujet de l’un des messages du DMÉ est pris et fait l’objet d’un accusé de réception',
    },
    description: {
      en: 'homolog, as the pharmacy, puts in the EMR’s inbox a fatal-error message (details an OperationOutcome) referring to a message the EMR sent; the EMR takes it and acknowledges it (response.code ok, response.identifier the error’s MessageHeader.id).',
      fr: 'homolog, jouant la pharmacie, dépose dans la boîte de réception du DMÉ un message fatal-error (details un OperationOutcome) qui renvoie à un message que le DMÉ a transmis ; le DMÉ le prend et en accuse réception (response.code ok, response.identifier le MessageHeader.id de l’erreur).',
    },
    verifies: ['ERXP-ERR-01'],
    makes: [SCENARIO.error],
    tags: ['erx', 'errors'],
    async run(t) {
      const waiting = t.erx.inbox(PHARMACY).filter((q) => q.from === t.erx.client);
      const about = waiting.find((q) => erxEventOf(q.message) === 'prescription-new') ?? waiting[0];
      if (about === undefined)
        t.skip({
          en: 'no message of the EMR reached the pharmacy (the switch refused them: see ERXP-MSG-*), so there was none to answer with an error',
          fr: 'aucun message du DMÉ n’a atteint la pharmacie (le commutateur les a refusés : voir ERXP-MSG-*) : aucun ne pouvait recevoir de message d’erreur',
        });
      const error = errorResponse(
        { source: PHARMACY_SOURCE, destination: { endpoint: t.erx.client } },
        { id: about.id, event: eventOf(about.message) ?? erxEventCoding('prescription-new'), endpoint: t.erx.client },
        {
          resourceType: 'OperationOutcome',
          issue: [
            {
              severity: 'error',
              code: 'business-rule',
              diagnostics: `Prescription ${RX_NUMBER}: the patient's drug coverage could not be confirmed; the prescription was not processed`,
            },
          ],
        },
      );
      const errorId = t.erx.inject(error, { to: t.erx.client });
      const { received } = await t.scenario(SCENARIO.error, errorScenario(t, errorId));
      const acks = answersTo(sentMessages(received), errorId).filter(isBareAcknowledgement);
      const id = JSON.stringify(errorId);
      const problems: Bilingual[] = !taken(t, errorId)
        ? [
            {
              en: `the error message ${id} was never taken from the inbox`,
              fr: `le message d’erreur ${id} n’a jamais été pris dans la boîte de réception`,
            },
          ]
        : acks.length === 0
          ? [
              {
                en: `the error message ${id} was taken but never acknowledged`,
                fr: `le message d’erreur ${id} a été pris mais n’a jamais fait l’objet d’un accusé de réception`,
              },
            ]
          : [];
      decide(
        t,
        received.filter((r) => isErxSend(r) || isErxPoll(r)),
        problems,
        {
          en: 'the error message was not handled',
          fr: 'le message d’erreur n’a pas été traité',
        },
      );
    },
  },
  {
    id: 'error-message-shown',
    title: {
      en: 'The EMR showed the user the pharmacy’s error message',
      fr: 'Le DMÉ a montré à l’utilisateur le message d’erreur de la pharmacie',
    },
    description: {
      en: 'The operator attests that, when the pharmacy’s error message about the prescription arrived, the EMR showed it to the user.',
      fr: 'La personne atteste que, à l’arrivée du message d’erreur de la pharmacie au sujet de l’ordonnance, le DMÉ l’a montré à l’utilisateur.',
    },
    verifies: ['ERXP-ATT-01'],
    uses: [SCENARIO.error],
    tags: ['attestation', 'erx', 'errors'],
    async run(t) {
      t.received(SCENARIO.error);
      const errors = t.erx
        .ledger()
        .filter((e) => e.kind === 'sent' && e.from === PHARMACY && respondsTo(e.message)?.code === 'fatal-error');
      if (!errors.some((e) => taken(t, e.messageId)))
        t.skip({
          en: 'the EMR did not take the error message, so it could not have shown it',
          fr: 'le DMÉ n’a pas pris le message d’erreur : il n’a pu l’afficher',
        });
      // A 'no' fails the check (t.attest); unattended, it skips.
      await t.attest({
        en: `When Pharmacie Saint-Denis's error message about prescription ${RX_NUMBER} arrived (coverage not confirmed), did your EMR show it to the user?`,
        fr: `À l’arrivée du message d’erreur de la Pharmacie Saint-Denis au sujet de l’ordonnance ${RX_NUMBER} (couverture non confirmée), votre DMÉ l’a-t-il montré à l’utilisateur ?`,
      });
    },
  },
  {
    id: 'inbox-acknowledged-once',
    title: {
      en: 'Each message taken from the inbox is acknowledged exactly once',
      fr: 'Chaque message pris dans la boîte de réception fait l’objet d’exactement un accusé de réception',
    },
    description: {
      en: 'Over the suite’s scenarios, every message homolog’s pharmacy put in the EMR’s inbox (the renewal request, the cancellation response) was taken in a poll and acknowledged exactly once (response.code ok, response.identifier its MessageHeader.id).',
      fr: 'Sur l’ensemble des scénarios de la suite, chaque message que la pharmacie de homolog a déposé dans la boîte de réception du DMÉ (la demande de renouvellement, la réponse d’annulation) a été pris lors d’une relève et a fait l’objet d’exactement un accusé de réception (response.code ok, response.identifier son MessageHeader.id).',
    },
    verifies: ['ERXP-INB-01'],
    uses: [SCENARIO.renewal],
    tags: ['erx', 'inbox'],
    async run(t) {
      t.received(SCENARIO.renewal);
      conclude(
        t,
        ofSuite(t.all()).filter((r) => isErxSend(r) || isErxPoll(r)),
        acknowledgedOnceProblems(t),
        {
          nothing: {
            en: 'homolog put no message in the EMR’s inbox during the suite',
            fr: 'homolog n’a déposé aucun message dans la boîte de réception du DMÉ pendant la suite',
          },
          headline: {
            en: 'a message was not acknowledged exactly once',
            fr: 'un message n’a pas fait l’objet d’exactement un accusé de réception',
          },
        },
      );
    },
  },
];
