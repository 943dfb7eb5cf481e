/**
 * erx-prescriber, every message the EMR sent (ERXP-MSG, ERXP-CNT): the
 * message Bundle's structure, its header (event, source, destination), its
 * focus and references, and its content against the Québec profiles. After
 * every scenario: these judge all of the suite's messages.
 */
import type { ErxEventCode } from '../../src/messaging/index.js';
import type { ClientTestContext, ClientTestDefinition, ReceivedRequest } from '../../src/suite/client-api.js';
import {
  answerOf,
  contentProblems,
  focusProblems,
  headerProblems,
  isBareAcknowledgement,
  isErxSend,
  type SentMessage,
  structureProblems,
  unreadableSends,
} from '../../src/suite/client-checks/erx.js';
import type { Bilingual } from '../../src/suite/vocabulary/index.js';
import { conclude, type Judgement, ofSuite, PHARMACY, SCENARIO, suiteMessages } from './support.js';

/** The event each scenario's own message must name (answers name the event they answer: any erx event). */
const EVENT_OF_SCENARIO: Readonly<Record<string, ErxEventCode>> = {
  [SCENARIO.newRx]: 'prescription-new',
  [SCENARIO.renewal]: 'prescription-renewal-response',
  [SCENARIO.cancel]: 'prescription-cancel-request',
};

function expectedEvent(m: SentMessage): ErxEventCode | undefined {
  const code = answerOf(m)?.code;
  if (isBareAcknowledgement(m) || code === 'fatal-error' || code === 'transient-error') return undefined;
  return m.request.scenario ? EVENT_OF_SCENARIO[m.request.scenario] : undefined;
}

/** A rule judged on each message of the suite. */
function everyMessage(
  t: Pick<ClientTestContext, 'all'>,
  rule: (m: SentMessage) => Bilingual[],
): Judgement & { evidence: ReceivedRequest[] } {
  const messages = suiteMessages(t);
  const evidence: ReceivedRequest[] = [];
  const problems = messages.flatMap((m) => {
    const found = rule(m);
    if (found.length > 0) evidence.push(m.request);
    return found;
  });
  return {
    judged: messages.length,
    problems,
    evidence: evidence.length > 0 ? evidence : messages.map((m) => m.request),
  };
}

/** A rule judged on each message of the suite, and the check's end. */
function judgeEveryMessage(
  t: Pick<ClientTestContext, 'all' | 'cite' | 'skip'>,
  rule: (m: SentMessage) => Bilingual[],
  headline: Bilingual,
): void {
  const found = everyMessage(t, rule);
  conclude(t, found.evidence, found, { nothing: NOTHING, headline });
}

const NOTHING: Bilingual = {
  en: 'the EMR sent no message during the suite',
  fr: 'le DMÉ n’a transmis aucun message pendant la suite',
};

/** Every scenario of the suite: these checks judge all of its messages. */
const ALL_SCENARIOS = [SCENARIO.newRx, SCENARIO.renewal, SCENARIO.cancel];

export const structure: ClientTestDefinition[] = [
  {
    id: 'message-structure',
    title: {
      en: 'Every message is a message Bundle with its MessageHeader first and unique ids',
      fr: 'Chaque message est un Bundle de message, son MessageHeader en premier, avec des id uniques',
    },
    description: {
      en: 'Every message the EMR sent to the switch is a Bundle of type message whose first entry is the MessageHeader, with a Bundle.id and a MessageHeader.id; no fullUrl appears twice in a message, and two different messages share no Bundle.id.',
      fr: 'Chaque message que le DMÉ a transmis au commutateur est un Bundle de type message dont la première entrée est le MessageHeader, avec un Bundle.id et un MessageHeader.id ; aucun fullUrl ne revient dans un message, et deux messages différents ne partagent pas de Bundle.id.',
    },
    verifies: ['ERXP-MSG-01'],
    uses: ALL_SCENARIOS,
    tags: ['erx', 'messages'],
    async run(t) {
      const sends = ofSuite(t.all()).filter(isErxSend);
      const messages = suiteMessages(t);
      const problems = [...unreadableSends(sends), ...structureProblems(messages)];
      conclude(
        t,
        sends,
        { judged: sends.length, problems },
        {
          nothing: NOTHING,
          headline: {
            en: 'a message is not a well-formed message Bundle',
            fr: 'un message n’est pas un Bundle de message bien formé',
          },
        },
      );
    },
  },
  {
    id: 'message-header',
    title: {
      en: 'Every MessageHeader names the erx event, the EMR software and the pharmacy',
      fr: 'Chaque MessageHeader nomme l’événement erx, le logiciel du DMÉ et la pharmacie',
    },
    description: {
      en: 'MessageHeader.eventCoding is the erx-event code of the interaction (prescription-new, prescription-renewal-response, prescription-cancel-request; an acknowledgement names the event it acknowledges); source gives name, software, version and the EMR’s endpoint; destination is the pharmacy’s endpoint.',
      fr: 'MessageHeader.eventCoding est le code erx-event de l’interaction (prescription-new, prescription-renewal-response, prescription-cancel-request ; un accusé de réception nomme l’événement dont il accuse réception) ; source donne name, software, version et le point de terminaison du DMÉ ; destination est celui de la pharmacie.',
    },
    verifies: ['ERXP-MSG-02'],
    uses: ALL_SCENARIOS,
    tags: ['erx', 'messages'],
    async run(t) {
      judgeEveryMessage(
        t,
        (m) => {
          const event = expectedEvent(m);
          return headerProblems(m, { ...(event ? { event } : {}), source: t.erx.client, destination: PHARMACY });
        },
        { en: 'a MessageHeader does not say what it must', fr: 'un MessageHeader ne dit pas ce qu’il doit' },
      );
    },
  },
  {
    id: 'message-focus-and-references',
    title: {
      en: 'The focus and every reference of a message resolve within its Bundle',
      fr: 'Le focus et toute référence d’un message se résolvent dans son Bundle',
    },
    description: {
      en: 'MessageHeader.focus resolves to an entry of the Bundle, of the type the event’s MessageDefinition names (a MedicationRequest for the prescriber’s events), and every reference inside the message resolves to an entry of the same Bundle.',
      fr: 'MessageHeader.focus se résout vers une entrée du Bundle, du type que nomme la MessageDefinition de l’événement (un MedicationRequest pour les événements du prescripteur), et toute référence du message se résout vers une entrée du même Bundle.',
    },
    verifies: ['ERXP-MSG-03'],
    uses: ALL_SCENARIOS,
    tags: ['erx', 'messages'],
    async run(t) {
      judgeEveryMessage(t, focusProblems, {
        en: 'a message refers outside itself',
        fr: 'un message renvoie hors de lui-même',
      });
    },
  },
  {
    id: 'message-content-conforms',
    title: {
      en: 'The messages’ content conforms to the Québec profiles',
      fr: 'Le contenu des messages est conforme aux profils québécois',
    },
    description: {
      en: 'Every MedicationRequest, Patient and Practitioner of the EMR’s messages is validated by homolog’s validator against its Québec profile (DIN, UCUM dosage, NAM, licence number).',
      fr: 'Chaque MedicationRequest, Patient et Practitioner des messages du DMÉ est validé par le validateur de homolog selon son profil québécois (DIN, posologie UCUM, NAM, numéro de permis).',
    },
    verifies: ['ERXP-CNT-01'],
    uses: ALL_SCENARIOS,
    tags: ['erx', 'profiles'],
    async run(t) {
      let judged = 0;
      const found = everyMessage(t, (m) => {
        const content = contentProblems(m);
        judged += content.judged;
        return content.problems;
      });
      conclude(
        t,
        found.evidence,
        { judged, problems: found.problems },
        {
          nothing: {
            en: 'the EMR’s messages carried no prescription, patient or practitioner to validate',
            fr: 'les messages du DMÉ ne portaient aucune ordonnance, aucun patient ni professionnel à valider',
          },
          headline: { en: 'a message’s content does not conform', fr: 'le contenu d’un message n’est pas conforme' },
        },
      );
    },
  },
];
