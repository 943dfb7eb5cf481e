/**
 * Tests declare what they make, use and read from testData (issue 11): the
 * planner pulls in the producers a kept test needs, suite loading refuses a
 * use nobody makes before it, and an undeclared name is a harness error.
 */
import { expect } from 'chai';
import { DEFAULT_HTTP_SETTINGS, HttpSession } from '../../src/http/client.js';
import { ExchangeRecorder } from '../../src/http/recorder.js';
import { Redactor } from '../../src/http/redact.js';
import { executePlan } from '../../src/run/execute.js';
import { planRun } from '../../src/run/plan.js';
import type { TestDefinition } from '../../src/suite/api.js';
import { checkDependencies, type LoadedSuite, loadSuite } from '../../src/suite/registry.js';
import { UsageError } from '../../src/util/errors.js';

const test = (
  id: string,
  declared: Partial<Pick<TestDefinition, 'makes' | 'uses' | 'inputs'>> = {},
  run: TestDefinition['run'] = async () => undefined,
): TestDefinition => ({
  id,
  title: `title of ${id}`,
  verifies: ['R-1'],
  ...declared,
  run,
});

function suiteOf(tests: TestDefinition[]): LoadedSuite {
  return {
    id: 's',
    version: '1.0.0',
    title: { fr: 's', en: 's' },
    inputs: [],
    requirements: [{ id: 'R-1', level: 'SHALL', text: { fr: 'R', en: 'R' }, source: { fr: 'test', en: 'test' } }],
    tests,
    digest: 'd',
    dir: '.',
  };
}

describe('test dependencies (makes, uses, inputs)', () => {
  const tests = [
    test('read', { makes: ['read'] }),
    test('unrelated'),
    test('search', { makes: ['search'], uses: ['read'] }),
    test('etag', { uses: ['read'] }),
    test('paging', { uses: ['search'] }),
  ];

  it('a filtered run pulls in, in suite order, the producers of what the kept tests use, and says which', () => {
    const plan = planRun([suiteOf(tests)], { grep: 'etag' });
    expect(plan.suites[0]?.tests.map((t) => t.id)).to.deep.equal(['read', 'etag']);
    expect(plan.dependencies).to.deep.equal(['s/read']);
    // Transitively: paging needs search, which needs read.
    const deep = planRun([suiteOf(tests)], { grep: 'paging' });
    expect(deep.suites[0]?.tests.map((t) => t.id)).to.deep.equal(['read', 'search', 'paging']);
    expect(deep.dependencies).to.deep.equal(['s/read', 's/search']);
    expect(planRun([suiteOf(tests)]).dependencies).to.deep.equal([]);
  });

  it('suite loading refuses a use no test makes, or made only after its user, naming suite and test', () => {
    const def = (ts: TestDefinition[]) => ({ id: 'demo', tests: ts });
    expect(() => checkDependencies(def([test('a', { uses: ['nothing'] })]))).to.throw(
      UsageError,
      'suite demo: test "a" uses "nothing", which no test of the suite makes',
    );
    expect(() => checkDependencies(def([test('user', { uses: ['x'] }), test('maker', { makes: ['x'] })]))).to.throw(
      UsageError,
      'suite demo: test "user" uses "x", made only by "maker"',
    );
    expect(() => checkDependencies(def([test('self', { makes: ['x'], uses: ['x'] })]))).not.to.throw();
  });

  it('every suite shipped declares consistently (they all load)', async () => {
    for (const id of ['fhir-core', 'qc-profiles', 'access', 'dsq-pharmacy', 'dsq-emr', 'carnet-sante']) {
      const suite = await loadSuite(id);
      expect(
        suite.tests.some((t) => (t.inputs ?? []).length + (t.makes ?? []).length + (t.uses ?? []).length > 0),
        id,
      ).to.equal(true);
    }
  });

  it('t.save, t.saved and t.input of an undeclared name are harness errors; declared ones work', async () => {
    const ok = test('ok', { makes: ['r'], uses: ['r'], inputs: ['patientId'] }, async (t) => {
      t.input('patientId');
      t.save('r', {
        exchangeId: 'x',
        method: 'GET',
        url: 'u',
        status: 200,
        headers: {},
        body: '',
        json: () => undefined,
      } as never);
      t.saved('r');
    });
    const badSave = test('bad-save', {}, async (t) => t.save('r', t.saved('r')));
    const badUse = test('bad-use', { makes: ['z'] }, async (t) => void t.saved('r'));
    const badInput = test('bad-input', {}, async (t) => void t.input('patientId'));
    const all = [ok, badSave, badUse, badInput];
    const session = new HttpSession(new ExchangeRecorder(), new Redactor([]), DEFAULT_HTTP_SETTINGS);
    try {
      const target = {
        source: 'url',
        baseUrl: 'http://127.0.0.1:9',
        actors: {},
        defaultActor: 'none',
        testData: { patientId: 'p1' },
        secrets: [],
      };
      const checks = await executePlan({ suites: [{ suite: suiteOf(all), tests: all }] }, target, session, {
        bail: false,
        checkTimeoutMs: 5_000,
      });
      expect(checks.map((c) => `${c.testId} ${c.status}`)).to.deep.equal([
        'ok pass',
        'bad-save error',
        'bad-use error',
        'bad-input error',
      ]);
      expect(checks[1]?.message?.en).to.contain('harness error').and.contain('t.saved("r")').and.contain('uses');
      expect(checks[2]?.message?.en).to.contain('t.saved("r"): test s/bad-use does not declare "r" in its uses');
      expect(checks[3]?.message?.en).to.contain(
        't.input("patientId"): test s/bad-input does not declare "patientId" in its inputs',
      );
    } finally {
      await session.close();
    }
  });
});
