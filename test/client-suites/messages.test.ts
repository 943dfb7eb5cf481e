/** The client checks' messages (problems and skip reasons) exist in French and English, and a skip keeps both. */
import { expect } from 'chai';
import { SkipSignal } from '../../src/suite/api.js';
import type { ReceivedRequest } from '../../src/suite/client-api.js';
import { authMessages, unverifiedMessages } from '../../src/suite/client-checks/messages.js';
import '../../src/client/messages.js';
import type { Bilingual } from '../../src/suite/vocabulary/messages.js';
import { type LocalizedText, placeholdersOf, registeredCatalogues, type Text } from '../../src/util/i18n.js';
import { conclude } from '../../suites/dsq-pharmacy-client/support.js';

type Message = (...args: unknown[]) => Bilingual;

describe('client checks: messages in French and English', () => {
  for (const [table, messages] of Object.entries({ authMessages, unverifiedMessages })) {
    it(`${table}: every message has a French text of its own`, () => {
      for (const [name, make] of Object.entries(messages)) {
        const { en, fr } = (make as Message)('X', 'Y', 3, 'Z');
        expect(en, name).to.be.a('string').and.not.equal('');
        expect(fr, name).to.be.a('string').and.not.equal('').and.not.equal(en);
      }
    });
  }

  it('the client catalogues (checks, console, live page) are registered, complete in both languages, with the same placeholders', () => {
    const domains = [...registeredCatalogues().entries()].filter(
      ([domain]) => domain === 'suite.client-checks' || domain.startsWith('client.'),
    );
    expect(domains.map(([d]) => d)).to.include.members(['suite.client-checks', 'client.console', 'client.live-page']);
    for (const [domain, templates] of domains) {
      for (const [key, { en, fr }] of Object.entries(templates)) {
        expect(en.trim(), `${domain}.${key}`).to.not.equal('');
        expect(fr.trim(), `${domain}.${key}`).to.not.equal('');
        expect(placeholdersOf(fr), `${domain}.${key}`).to.deep.equal(placeholdersOf(en));
      }
    }
  });

  it('a pharmacy check that judged nothing skips with the reason in both languages', () => {
    const token: ReceivedRequest = {
      exchangeId: '1',
      at: 0,
      method: 'POST',
      endpoint: 'token',
      path: '',
      query: [],
      headers: {},
      tls: { connection: 1 },
      reply: { status: 200, headers: {} },
    };
    const skipped = (requests: ReceivedRequest[], judged: number): LocalizedText | string => {
      const t = {
        cite: (): void => undefined,
        skip: (reason: Text): never => {
          throw new SkipSignal(reason);
        },
      };
      try {
        conclude(
          t,
          requests,
          { judged, problems: [] },
          { nothing: { en: 'nothing', fr: 'rien' }, cite: () => true, headline: 'h' },
        );
      } catch (err) {
        return err instanceof SkipSignal ? err.reason : String(err);
      }
      return 'not skipped';
    };
    const noFhir = skipped([token], 1) as LocalizedText;
    expect(noFhir.en).to.match(/^no request reached the FHIR API during the suite’s scenarios \(only 1 to other/);
    expect(noFhir.fr).to.match(
      /^aucune requête n’a atteint l’API FHIR pendant les scénarios de la suite \(seulement 1 vers/,
    );
    expect(skipped([{ ...token, endpoint: 'fhir', path: 'Patient' }], 0)).to.deep.equal({ en: 'nothing', fr: 'rien' });
  });
});
