/**
 * A nonconformity in a returned resource fails the first check of each suite
 * that meets it, and only notes it in the suite's later checks: a suite's
 * verdict does not depend on which suites ran before it (or in which shard).
 */
import { expect } from 'chai';
import { DEFAULT_HTTP_SETTINGS, HttpSession } from '../../src/http/client.js';
import { ExchangeRecorder } from '../../src/http/recorder.js';
import { Redactor } from '../../src/http/redact.js';
import { executePlan } from '../../src/run/execute.js';
import type { TestDefinition } from '../../src/suite/api.js';
import type { LoadedSuite } from '../../src/suite/registry.js';
import { startHostileServer } from '../support/hostile-server.js';

/** Two checks that read the same (nonconformant) Patient and assert nothing of their own. */
function readingSuite(id: string): LoadedSuite {
  const tests: TestDefinition[] = ['first', 'second'].map((name) => ({
    id: name,
    title: `${name} read`,
    verifies: [`${id.toUpperCase()}-1`],
    run: async (t) => {
      await t.fhir.read('Patient', 'p1');
    },
  }));
  return {
    id,
    version: '1.0.0',
    title: { fr: id, en: id },
    inputs: [],
    requirements: [{ id: `${id.toUpperCase()}-1`, level: 'SHALL', text: { fr: 'Lecture', en: 'Read' }, source: 'test' }],
    tests,
    digest: 'b'.repeat(64),
    dir: '.',
  };
}

describe('attribution of nonconformities in returned resources', function () {
  this.timeout(30_000);

  it('fails the first check of every suite that meets the defect, and only notes it in the later checks of a suite', async () => {
    const server = await startHostileServer('nonconformant-resource');
    const session = new HttpSession(new ExchangeRecorder(), new Redactor([]), DEFAULT_HTTP_SETTINGS);
    try {
      const suites = [readingSuite('one'), readingSuite('two')];
      const plan = { suites: suites.map((suite) => ({ suite, tests: suite.tests })), options: {} };
      const target = { source: 'url', baseUrl: server.baseUrl, actors: {}, defaultActor: 'none', testData: {}, secrets: [] };
      const checks = await executePlan(plan, target, session, { bail: false, checkTimeoutMs: 10_000 });
      expect(checks.map((c) => `${c.id} ${c.status}`)).to.deep.equal(['one/first fail', 'one/second pass', 'two/first fail', 'two/second pass']);
      expect(checks[0]?.message).to.contain('does not conform to FHIR R4');
      expect(checks[1]?.messages.map((m) => m.text)).to.include('a returned resource repeats a nonconformity already reported by one/first');
    } finally {
      await session.close();
      await server.close();
    }
  });
});
