/**
 * "Not applicable" is declared by a suite (t.notApplicable with its reason),
 * never inferred: it is its own status, distinct from a skip (could not test).
 */
import { expect } from 'chai';
import { DEFAULT_HTTP_SETTINGS, HttpSession } from '../../src/http/client.js';
import { ExchangeRecorder } from '../../src/http/recorder.js';
import { Redactor } from '../../src/http/redact.js';
import { requirementStatus } from '../../src/result/rollup.js';
import { executePlan } from '../../src/run/execute.js';
import type { TestDefinition } from '../../src/suite/api.js';
import type { LoadedSuite } from '../../src/suite/registry.js';

function suiteOf(tests: TestDefinition[]): LoadedSuite {
  return {
    id: 'na',
    version: '1.0.0',
    title: { fr: 'na', en: 'na' },
    inputs: [],
    requirements: [
      { id: 'NA-1', level: 'SHALL', text: { fr: 'Règle', en: 'Rule' }, source: { fr: 'test', en: 'test' } },
    ],
    tests,
    digest: 'c'.repeat(64),
    dir: '.',
  };
}

describe('not applicable (omit) is declared by the suite', () => {
  it('t.notApplicable ends the check as omit with its reason; t.skip stays a skip', async () => {
    const tests: TestDefinition[] = [
      {
        id: 'declared',
        title: 'declared n/a',
        verifies: ['NA-1'],
        run: async (t) => t.notApplicable('the target declares conditionalRead: not-supported'),
      },
      { id: 'cannot', title: 'could not test', verifies: ['NA-1'], run: async (t) => t.skip('no saved read') },
    ];
    const suite = suiteOf(tests);
    const session = new HttpSession(new ExchangeRecorder(), new Redactor([]), DEFAULT_HTTP_SETTINGS);
    try {
      const target = {
        source: 'url',
        baseUrl: 'http://127.0.0.1:9',
        actors: {},
        defaultActor: 'none',
        testData: {},
        secrets: [],
      };
      const checks = await executePlan({ suites: [{ suite, tests }], options: {} }, target, session, {
        bail: false,
        checkTimeoutMs: 5_000,
      });
      expect(checks.map((c) => `${c.testId} ${c.status} ${c.message?.en}`)).to.deep.equal([
        'declared omit the target declares conditionalRead: not-supported',
        'cannot skip no saved read',
      ]);
      expect(requirementStatus(checks)).to.equal('skip');
      expect(requirementStatus(checks.slice(0, 1))).to.equal('omit');
    } finally {
      await session.close();
    }
  });

  it('a requirement whose checks are all omitted is omitted; one that also passed is passed', () => {
    const check = (status: 'pass' | 'omit') => ({
      id: `na/${status}`,
      suite: 'na',
      testId: status,
      title: { fr: status, en: status },
      requirements: ['NA-1'],
      tags: [],
      status,
      messages: [],
      durationMs: 1,
      exchanges: [],
    });
    expect(requirementStatus([check('omit')])).to.equal('omit');
    expect(requirementStatus([check('omit'), check('pass')])).to.equal('pass');
  });
});
