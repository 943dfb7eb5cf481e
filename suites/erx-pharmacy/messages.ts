/**
 * erx-pharmacy, every message the pharmacy system sent (ERXPH-MSG-01..03,
 * ERXPH-CNT-01): acknowledgements, cancellation responses, dispense
 * notifications and error messages, judged by the message rules both
 * e-prescription suites share (src/suite/client-checks/erx.ts). They come
 * after the scenarios and judge the suite's messages together.
 */
import { ERX_ENDPOINTS } from '../../src/messaging/index.js';
import type { ClientTestContext, ClientTestDefinition } from '../../src/suite/client-api.js';
import {
  contentProblems,
  focusProblems,
  headerProblems,
  type SentMessage,
  sentMessages,
  structureProblems,
  unreadableSends,
} from '../../src/suite/client-checks/erx.js';
import { judge } from '../../src/suite/client-checks/judge.js';
import type { Bilingual } from '../../src/suite/vocabulary/index.js';
import { ofSuite, SCENARIO } from './support.js';

const ALL = Object.values(SCENARIO);

/** The messages the system sent during the suite's scenarios; skips when there are none. */
function sent(t: ClientTestContext): SentMessage[] {
  const messages = sentMessages(ofSuite(t.all()));
  if (messages.length === 0)
    t.skip({
      en: 'the system sent no message to the switch during the suite’s scenarios',
      fr: 'le système n’a envoyé aucun message au commutateur pendant les scénarios de la suite',
    });
  return messages;
}

/** Fails listing the problems, citing the messages that have some (else all of them). */
function conclude(
  t: ClientTestContext,
  messages: readonly SentMessage[],
  problemsOf: (m: SentMessage) => Bilingual[],
  headline: Bilingual,
): void {
  const found = messages.map((m) => ({ m, problems: problemsOf(m) }));
  const bad = found.filter((f) => f.problems.length > 0);
  judge(
    t,
    { problems: bad.flatMap((f) => f.problems), evidence: (bad.length > 0 ? bad : found).map((f) => f.m.request) },
    headline,
  );
}

export const messageRules: ClientTestDefinition[] = [
  {
    id: 'messages-structure',
    title: {
      en: 'Every message sent is a message Bundle, MessageHeader first, with unique ids',
      fr: 'Chaque message envoyé est un Bundle de type message, MessageHeader en premier, aux id uniques',
    },
    description: {
      en: 'Each message the system sent to the switch (acknowledgements, responses, notifications, errors) is a Bundle of type message whose first entry is its MessageHeader; Bundle.id and MessageHeader.id are present, fullUrls unique, and no Bundle.id serves two messages.',
      fr: 'Chaque message que le système a envoyé au commutateur (accusés, réponses, avis, erreurs) est un Bundle de type message dont la première entrée est son MessageHeader; Bundle.id et MessageHeader.id sont présents, les fullUrl uniques, et aucun Bundle.id ne sert deux messages.',
    },
    verifies: ['ERXPH-MSG-01'],
    uses: ALL,
    tags: ['erx', 'messages'],
    async run(t) {
      const requests = ofSuite(t.all());
      const messages = sent(t);
      const problems = [...unreadableSends(requests), ...structureProblems(messages)];
      judge(
        t,
        { problems, evidence: messages.map((m) => m.request) },
        {
          en: 'messages are not well-formed message Bundles',
          fr: 'des messages ne sont pas des Bundle de type message bien formés',
        },
      );
    },
  },
  {
    id: 'messages-header',
    title: {
      en: 'Every message names its erx event, the sending software and the prescriber’s endpoint',
      fr: 'Chaque message nomme son événement erx, le logiciel émetteur et le point de terminaison du prescripteur',
    },
    description: {
      en: 'MessageHeader.eventCoding is a code of the erx event code system; source gives the software’s name, software, version and the system’s endpoint on the switch; destination is the prescriber’s endpoint, where every message of this suite goes.',
      fr: 'MessageHeader.eventCoding est un code du système de codes des événements erx; source donne le nom, le logiciel, la version et le point de terminaison du système sur le commutateur; destination est le point de terminaison du prescripteur, où vont tous les messages de cette suite.',
    },
    verifies: ['ERXPH-MSG-02'],
    uses: ALL,
    tags: ['erx', 'messages'],
    async run(t) {
      const expected = { source: t.erx.client, destination: ERX_ENDPOINTS.prescriber };
      conclude(t, sent(t), (m) => headerProblems(m, expected), {
        en: 'message headers do not say what they should',
        fr: 'des en-têtes de message ne disent pas ce qu’ils devraient',
      });
    },
  },
  {
    id: 'messages-focus-references',
    title: {
      en: 'Every message’s focus and references resolve inside it',
      fr: 'Le focus et les références de chaque message se résolvent dans le message',
    },
    description: {
      en: 'MessageHeader.focus resolves to an entry of the Bundle, of the type the event’s MessageDefinition names, and every reference inside the message resolves within the Bundle.',
      fr: 'MessageHeader.focus mène à une entrée du Bundle, du type que nomme la MessageDefinition de l’événement, et chaque référence du message se résout dans le Bundle.',
    },
    verifies: ['ERXPH-MSG-03'],
    uses: ALL,
    tags: ['erx', 'messages'],
    async run(t) {
      conclude(t, sent(t), focusProblems, {
        en: 'message references do not resolve',
        fr: 'des références de message ne se résolvent pas',
      });
    },
  },
  {
    id: 'messages-content',
    title: {
      en: 'The content of every message conforms to the Québec profiles',
      fr: 'Le contenu de chaque message est conforme aux profils québécois',
    },
    description: {
      en: 'Each MedicationDispense, MedicationRequest, Patient and Practitioner in the messages conforms to its Québec profile (DIN, NAM, licence numbers, UCUM quantities).',
      fr: 'Chaque MedicationDispense, MedicationRequest, Patient et Practitioner des messages est conforme à son profil québécois (DIN, NAM, numéros de permis, quantités UCUM).',
    },
    verifies: ['ERXPH-CNT-01'],
    uses: ALL,
    tags: ['erx', 'messages', 'content'],
    async run(t) {
      const results = sent(t).map((m) => ({ m, ...contentProblems(m) }));
      if (results.every((r) => r.judged === 0))
        t.skip({
          en: 'no message carried a resource with a Québec profile (no dispense notification nor cancellation response)',
          fr: 'aucun message ne portait de ressource ayant un profil québécois (ni avis de service ni réponse d’annulation)',
        });
      conclude(
        t,
        results.map((r) => r.m),
        (m) => results.find((r) => r.m === m)?.problems ?? [],
        {
          en: 'message content does not conform',
          fr: 'le contenu de messages n’est pas conforme',
        },
      );
    },
  },
];
