/**
 * erx-pharmacy, a malformed message (ERXPH-ERR): homolog puts in the inbox a
 * prescription the switch itself would refuse (its focus resolves to no
 * entry); the system answers it with an error message: response.code
 * fatal-error, response.identifier its MessageHeader.id, details an
 * OperationOutcome carried in the answer.
 */
import type { ClientTestDefinition } from '../../src/suite/client-api.js';
import { type SentMessage, sentMessages } from '../../src/suite/client-checks/erx.js';
import type { Bilingual } from '../../src/suite/vocabulary/index.js';
import { malformedScenario } from './scenarios.js';
import { injected, judgeAnswers, resolveIn, SCENARIO, shown } from './support.js';

/** Whether the answer's response.details resolves, inside it, to an OperationOutcome. */
function detailsIsOutcome(m: SentMessage): boolean {
  return resolveIn(m, m.header, m.header?.response?.details?.reference)?.resourceType === 'OperationOutcome';
}

function errorProblems(m: SentMessage, id: string): Bilingual[] {
  const mine = m.at;
  const response = m.read.response;
  const problems: Bilingual[] = [];
  if (response?.code !== 'fatal-error')
    problems.push({
      en: `answer ${mine}: response.code is ${shown(response?.code, 'missing')}, not fatal-error (the malformed message was taken as sound)`,
      fr: `réponse ${mine} : response.code vaut ${shown(response?.code, 'absent')}, pas fatal-error (le message mal formé a été pris pour valide)`,
    });
  if (response?.identifier !== id)
    problems.push({
      en: `answer ${mine}: response.identifier is ${shown(response?.identifier, 'missing')}, not the malformed message's id ${id}`,
      fr: `réponse ${mine} : response.identifier vaut ${shown(response?.identifier, 'absent')}, pas l’id ${id} du message mal formé`,
    });
  if (response?.code !== 'ok' && !detailsIsOutcome(m))
    problems.push({
      en: `answer ${mine}: response.details does not resolve to an OperationOutcome in the message`,
      fr: `réponse ${mine} : response.details ne mène à aucun OperationOutcome du message`,
    });
  return problems;
}

export const malformedAnswered: ClientTestDefinition = {
  id: 'malformed-message-answered',
  title: {
    en: 'A malformed message is answered by an error message that refers to it',
    fr: 'Un message mal formé reçoit un message d’erreur qui y renvoie',
  },
  description: {
    en: 'homolog puts in the inbox a prescription whose MessageHeader.focus resolves to no entry (the switch would refuse it). The system answers it with an error message: response.code fatal-error, response.identifier the malformed message’s MessageHeader.id, response.details an OperationOutcome inside the answer.',
    fr: 'homolog met dans la boîte de réception une ordonnance dont MessageHeader.focus ne mène à aucune entrée (le commutateur la refuserait). Le système y répond par un message d’erreur : response.code fatal-error, response.identifier le MessageHeader.id du message mal formé, response.details un OperationOutcome dans la réponse.',
  },
  verifies: ['ERXPH-ERR-01'],
  makes: [SCENARIO.malformed],
  tags: ['erx', 'errors'],
  async run(t) {
    const { received } = await t.scenario(SCENARIO.malformed, malformedScenario(t));
    const id = injected(t.erx.ledger(), SCENARIO.malformed)[0] ?? '';
    if (!t.erx.ledger().some((e) => e.kind === 'delivered' && e.messageId === id))
      t.skip({
        en: `the malformed message ${id} was never delivered to the system (it did not poll)`,
        fr: `le message mal formé ${id} n’a jamais été livré au système (il n’a pas relevé sa boîte)`,
      });
    // Its answers: those naming it, and any error answer (one without response.identifier cannot name it).
    const answers = sentMessages(received).filter((m) => {
      const r = m.read.response;
      return r !== undefined && (r.identifier === id || r.code !== 'ok');
    });
    const problems: Bilingual[] =
      answers.length === 0
        ? [
            {
              en: `the malformed message ${id} was delivered and never answered`,
              fr: `le message mal formé ${id} a été livré et n’a jamais reçu de réponse`,
            },
          ]
        : answers.some((m) => errorProblems(m, id).length === 0)
          ? []
          : answers.flatMap((m) => errorProblems(m, id));
    judgeAnswers(t, received, answers, problems, {
      en: 'the malformed message was not answered by an error',
      fr: 'le message mal formé n’a pas reçu de message d’erreur',
    });
  },
};
