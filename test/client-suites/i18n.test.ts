/**
 * The client suites in French and English: every check's title and
 * description exist in both languages (the French its own text, not the
 * English copied), and a French operator reads a scenario's announcement
 * on the console with no English in it.
 */
import { PassThrough } from 'node:stream';
import type { Bundle } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { createConsoleOperator } from '../../src/client/console-operator.js';
import type { ScenarioAnnouncement } from '../../src/client/protocol.js';
import { messageHeaderOf } from '../../src/messaging/index.js';
import type { Lang } from '../../src/model/run-result.js';
import { REFERENCE_TEST_DATA } from '../../src/reference/data.js';
import type { ClientSuiteDefinition, ClientTestContext, ScenarioSpec } from '../../src/suite/client-api.js';
import { isLocalizedText } from '../../src/util/i18n.js';
import carnet from '../../suites/carnet-sante-app/index.js';
import * as carnetScenarios from '../../suites/carnet-sante-app/scenarios.js';
import emr from '../../suites/dsq-emr-client/index.js';
import * as emrScenarios from '../../suites/dsq-emr-client/scenarios.js';
import pharmacy from '../../suites/dsq-pharmacy-client/index.js';
import * as pharmacyScenarios from '../../suites/dsq-pharmacy-client/scenarios.js';
import erxPharmacy from '../../suites/erx-pharmacy/index.js';
import * as erxPharmacyScenarios from '../../suites/erx-pharmacy/scenarios.js';

const SUITES: ClientSuiteDefinition[] = [pharmacy, emr, carnet, erxPharmacy];

/** Words that are English and never French (a French text holding one is untranslated). */
const ENGLISH = new Set(
  'the and with your you find open then her his all answers answer record shared send sent try again must once not no get new expired left deadline scenario from show shows of'.split(
    ' ',
  ),
);

function englishWords(text: string): string[] {
  return (text.toLowerCase().match(/\p{L}+/gu) ?? []).filter((w) => ENGLISH.has(w));
}

/** Enough of a client check's fixtures for a scenario builder: the reference test data and a session base. */
const fixtures = {
  input: (name: string): string => {
    const value = (REFERENCE_TEST_DATA as Record<string, string | undefined>)[name];
    if (value === undefined) throw new Error(`no reference test data ${name}`);
    return value;
  },
  session: {
    baseUrl: 'https://127.0.0.1:8443/session/s-7f3a/fhir',
    tokenUrl: 'https://127.0.0.1:8443/session/s-7f3a/token',
    elsewhereUrl: 'https://127.0.0.1:8444/session/s-7f3a/',
    testData: REFERENCE_TEST_DATA,
  },
  // The switch as an e-prescription scenario builder uses it: injections only need an id back.
  erx: {
    client: 'urn:homolog:erx:client',
    inject: (message: Bundle) => messageHeaderOf(message)?.id ?? '',
    ledger: () => [],
  },
} as unknown as ClientTestContext;

/** Each scenario the three suites announce (builders that need a dispense id get one). */
function scenarios(): [string, ScenarioSpec][] {
  const built: [string, ScenarioSpec][] = [];
  const modules = { pharmacyScenarios, emrScenarios, carnetScenarios, erxPharmacyScenarios };
  for (const [suite, module] of Object.entries(modules)) {
    for (const [name, value] of Object.entries(module)) {
      if (typeof value !== 'function' || value.length !== 1) continue;
      if (/^(is|created|status)/.test(name)) continue;
      const takesDispenseId =
        suite === 'pharmacyScenarios' && (name === 'correctScenario' || name === 'cancelScenario');
      const spec = takesDispenseId ? value('d-1') : value(fixtures);
      if (spec && typeof spec === 'object' && 'instruction' in spec)
        built.push([`${suite}.${name}`, spec as ScenarioSpec]);
    }
  }
  return built;
}

function announce(lang: Lang, id: string, spec: ScenarioSpec): string {
  const output = new PassThrough();
  let printed = '';
  output.on('data', (d: Buffer) => {
    printed += d.toString();
  });
  const op = createConsoleOperator({ input: new PassThrough(), output, lang, prompt: false, now: () => 0 });
  const announcement: ScenarioAnnouncement = {
    state: 'awaiting',
    session: 's-7f3a',
    scenario: {
      id,
      check: 'suite/check',
      instruction: spec.instruction,
      inputs: spec.inputs ?? {},
      deadline: '1970-01-01T00:02:00.000Z',
    },
  };
  op.scenarioStarted(announcement);
  return printed;
}

describe('client suites in French and English', () => {
  for (const suite of SUITES) {
    it(`${suite.id}: every check has a title and a description in both languages, the French its own`, () => {
      expect(suite.tests.length).to.be.greaterThan(0);
      for (const test of suite.tests) {
        for (const [what, text] of [
          ['title', test.title],
          ['description', test.description],
        ] as const) {
          expect(isLocalizedText(text), `${suite.id}/${test.id} ${what}`).to.equal(true);
          if (!isLocalizedText(text)) continue;
          expect(text.en.trim(), `${suite.id}/${test.id} ${what}`).to.not.equal('');
          expect(text.fr.trim(), `${suite.id}/${test.id} ${what}`).to.not.equal('').and.not.equal(text.en);
          expect(englishWords(text.fr), `${suite.id}/${test.id} ${what}: ${text.fr}`).to.deep.equal([]);
        }
      }
    });
  }

  it('the console operator announces each scenario of the three suites in French with no English (values and their names aside)', () => {
    const all = scenarios();
    expect(all.map(([name]) => name)).to.include.members([
      'pharmacyScenarios.profileScenario',
      'emrScenarios.openChart',
      'carnetScenarios.book',
      'erxPharmacyScenarios.cancelScenario',
    ]);
    for (const [name, spec] of all) {
      const fr = announce('fr', name, spec);
      expect(fr, name).to.contain(`▶ Scénario ${name}`).and.contain(spec.instruction.fr).and.contain('Échéance : ');
      // The value lines name automation's inputs (identifiers, the same in both languages): not prose.
      const prose = fr
        .split('\n')
        .filter((line) => !/^ {4}\S+ : /.test(line))
        .join('\n')
        .replace(name, '');
      expect(englishWords(prose), `${name}:\n${prose}`).to.deep.equal([]);
      // The same scan finds the English announcement: the check can fail.
      expect(englishWords(announce('en', name, spec)), name).to.not.deep.equal([]);
    }
  });
});
