/**
 * erx-pharmacy, the inbox (ERXPH-INB, ERXPH-ACK): the system takes every new
 * prescription homolog put in its inbox, following the poll's next pages,
 * and acknowledges each exactly once. Judged from the switch's ledger (what
 * was delivered in which poll, which answers came) and cited by the requests
 * that carried them.
 */
import type { ClientTestDefinition } from '../../src/suite/client-api.js';
import { isErxPoll } from '../../src/suite/client-checks/erx.js';
import { judge } from '../../src/suite/client-checks/judge.js';
import { nextLinkOf } from '../../src/suite/client-checks/queries.js';
import { inboxScenario } from './scenarios.js';
import { carrying, INBOX_COUNT, injected, ofSuite, SCENARIO } from './support.js';

export const inboxTaken: ClientTestDefinition = {
  id: 'inbox-taken',
  title: {
    en: 'The pharmacy system takes every new prescription from its inbox, following next pages',
    fr: 'Le système de pharmacie prend toutes les nouvelles ordonnances de sa boîte de réception, en suivant les pages next',
  },
  description: {
    en: `homolog, as the prescriber, puts ${INBOX_COUNT} new prescriptions in the system's inbox on the switch: more than one page of the poll. Every one is delivered to the system in a poll during the scenario (the system follows the next links).`,
    fr: `homolog, dans le rôle du prescripteur, met ${INBOX_COUNT} nouvelles ordonnances dans la boîte de réception du système sur le commutateur : plus d’une page du relevé. Chacune est livrée au système par un relevé pendant le scénario (le système suit les liens next).`,
  },
  verifies: ['ERXPH-INB-01'],
  makes: [SCENARIO.inbox],
  tags: ['erx', 'inbox'],
  async run(t) {
    const { received } = await t.scenario(SCENARIO.inbox, inboxScenario(t));
    const polls = received.filter(isErxPoll);
    for (const r of polls) t.cite(r);
    if (polls.length === 0)
      t.skip({
        en: `the system did not poll its inbox during scenario ${SCENARIO.inbox}`,
        fr: `le système n’a pas relevé sa boîte de réception pendant le scénario ${SCENARIO.inbox}`,
      });
    const ledger = t.erx.ledger();
    const inScenario = new Set(polls.map((r) => r.exchangeId));
    const delivered = new Set(
      ledger
        .filter((e) => e.kind === 'delivered' && e.exchangeId !== undefined && inScenario.has(e.exchangeId))
        .map((e) => e.messageId),
    );
    const missing = injected(ledger, SCENARIO.inbox).filter((id) => !delivered.has(id));
    // The system chose its page size: with every message in one page, following next was not put to the test.
    if (missing.length === 0 && !polls.some((r) => nextLinkOf(r) !== undefined))
      t.info({
        en: `every prescription came in one page (the system's _count): no next link had to be followed`,
        fr: `toutes les ordonnances sont venues en une page (le _count du système) : aucun lien next n’était à suivre`,
      });
    judge(
      t,
      {
        problems:
          missing.length === 0
            ? []
            : [
                {
                  en: `${missing.length} of the ${INBOX_COUNT} prescriptions were never taken in ${polls.length} poll(s) (next links not followed?): ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}`,
                  fr: `${missing.length} des ${INBOX_COUNT} ordonnances n’ont jamais été prises en ${polls.length} relevé(s) (liens next non suivis?) : ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}`,
                },
              ],
        evidence: [],
      },
      { en: 'prescriptions were left in the inbox', fr: 'des ordonnances sont restées dans la boîte de réception' },
    );
  },
};

export const acknowledgedOnce: ClientTestDefinition = {
  id: 'acknowledged-once',
  title: {
    en: 'Each prescription taken is acknowledged exactly once',
    fr: 'Chaque ordonnance prise fait l’objet d’un seul accusé de réception',
  },
  description: {
    en: 'Over the whole suite, each of the inbox scenario’s prescriptions gets exactly one answer from the system: an acknowledgement (response.code ok, response.identifier its MessageHeader.id). None is left unacknowledged, none acknowledged twice.',
    fr: 'Sur toute la suite, chacune des ordonnances du scénario de la boîte de réception reçoit exactement une réponse du système : un accusé de réception (response.code ok, response.identifier son MessageHeader.id). Aucune n’est laissée sans accusé, aucune n’est accusée deux fois.',
  },
  verifies: ['ERXPH-ACK-01'],
  uses: [SCENARIO.inbox],
  tags: ['erx', 'inbox'],
  async run(t) {
    const ledger = t.erx.ledger();
    const ids = injected(ledger, SCENARIO.inbox);
    if (!ledger.some((e) => e.kind === 'delivered' && ids.includes(e.messageId)))
      t.skip({
        en: 'no prescription of the inbox scenario was taken (ERXPH-INB-01 says why)',
        fr: 'aucune ordonnance du scénario de la boîte de réception n’a été prise (ERXPH-INB-01 dit pourquoi)',
      });
    const answers = ledger.filter(
      (e) => e.kind === 'acknowledged' && e.from === t.erx.client && ids.includes(e.messageId),
    );
    const problems = ids.flatMap((id) => {
      const mine = answers.filter((a) => a.messageId === id);
      if (mine.length === 0)
        return [{ en: `${id} was never acknowledged`, fr: `${id} n’a jamais fait l’objet d’un accusé de réception` }];
      if (mine.length > 1)
        return [
          {
            en: `${id} was acknowledged ${mine.length} times`,
            fr: `${id} a fait l’objet de ${mine.length} accusés de réception`,
          },
        ];
      const code = mine[0]?.code ?? '';
      return code === 'ok'
        ? []
        : [
            {
              en: `${id} was answered with code ${code}, not ok`,
              fr: `${id} a reçu une réponse de code ${code}, pas ok`,
            },
          ];
    });
    judge(
      t,
      { problems, evidence: carrying(answers, ofSuite(t.all())) },
      { en: 'acknowledgements were missing or repeated', fr: 'des accusés de réception manquent ou sont répétés' },
    );
  },
};
