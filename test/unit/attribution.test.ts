/**
 * A nonconformity in a returned resource is judged by the suite's own
 * responses-conform check (<PREFIX>-RESP-01), never by the ordinary check that
 * happened to receive it first: the requirement that fails is the same
 * whichever order the tests run in, and the ordinary checks pass.
 */
import { expect } from 'chai';
import { DEFAULT_HTTP_SETTINGS, HttpSession } from '../../src/http/client.js';
import { ExchangeRecorder } from '../../src/http/recorder.js';
import { Redactor } from '../../src/http/redact.js';
import type { CheckResult } from '../../src/model/run-result.js';
import { executePlan } from '../../src/run/execute.js';
import { type PlanOptions, planRun } from '../../src/run/plan.js';
import type { TestDefinition } from '../../src/suite/api.js';
import type { LoadedSuite } from '../../src/suite/registry.js';
import { responsesConformTest } from '../../src/suite/response-conformance.js';
import { type HostileServer, startHostileServer } from '../support/hostile-server.js';

/** A check that reads a (nonconformant) Patient and asserts nothing of its own. */
function reading(name: string, requirement: string): TestDefinition {
  return {
    id: name,
    title: `${name} read`,
    verifies: [requirement],
    run: async (t) => {
      await t.fhir.read('Patient', name);
    },
  };
}

/** Suite "one": its ordinary checks in the order given, then the engine's responses-conform check (as loadSuite appends it). */
function suite(tests: TestDefinition[]): LoadedSuite {
  const ids = [...new Set(tests.flatMap((t) => t.verifies)), 'ONE-RESP-01'];
  return {
    id: 'one',
    version: '1.0.0',
    title: { fr: 'one', en: 'one' },
    inputs: [],
    requirements: ids.map((id) => ({
      id,
      level: 'SHALL' as const,
      text: { fr: id, en: id },
      source: { fr: 'test', en: 'test' },
    })),
    tests: [...tests, responsesConformTest('ONE-RESP-01')],
    digest: 'b'.repeat(64),
    dir: '.',
  };
}

const failedRequirements = (checks: readonly CheckResult[]): string[] =>
  [...new Set(checks.filter((c) => c.status === 'fail' || c.status === 'error').flatMap((c) => c.requirements))].sort();

describe('response conformance: its own check per suite, independent of test order', function () {
  this.timeout(30_000);
  let server: HostileServer;
  before(async () => {
    server = await startHostileServer('nonconformant-resource');
  });
  after(() => server.close());

  async function run(loaded: LoadedSuite, options: PlanOptions = {}): Promise<CheckResult[]> {
    const session = new HttpSession(new ExchangeRecorder(), new Redactor([]), DEFAULT_HTTP_SETTINGS);
    try {
      const target = {
        source: 'url',
        baseUrl: server.baseUrl,
        actors: {},
        defaultActor: 'none',
        testData: {},
        secrets: [],
      };
      return await executePlan(planRun([loaded], options), target, session, { bail: false, checkTimeoutMs: 10_000 });
    } finally {
      await session.close();
    }
  }

  it('the same defect fails only ONE-RESP-01 whichever order the tests run in, and the ordinary checks pass', async () => {
    const a = reading('a', 'ONE-1');
    const b = reading('b', 'ONE-2');
    for (const order of [
      [a, b],
      [b, a],
    ]) {
      const checks = await run(suite(order));
      const label = order.map((t) => t.id).join(',');
      expect(
        checks.map((c) => `${c.testId} ${c.status}`),
        label,
      ).to.deep.equal([...order.map((t) => `${t.id} pass`), 'responses-conform fail']);
      expect(failedRequirements(checks), label).to.deep.equal(['ONE-RESP-01']);
      const conform = checks[2]!;
      // Each defect once, with the check and the exchange that carried it, cited as evidence.
      const firstCheck = checks[0]!;
      expect(conform.message?.en, label).to.contain('2 nonconformities to FHIR R4');
      expect(conform.message?.en.match(/favouriteColour/g), label).to.have.length(1);
      expect(conform.message?.en.match(/birthDate/g), label).to.have.length(1);
      expect(conform.message?.en, label).to.contain(
        `received by ${firstCheck.id}, exchange ${firstCheck.exchanges[0]}`,
      );
      expect(conform.exchanges, label).to.deep.equal([firstCheck.exchanges[0]]);
    }
  });

  it('runs whenever its suite is in the plan: --grep keeps it, and it judges what the kept checks received', async () => {
    const checks = await run(suite([reading('a', 'ONE-1'), reading('b', 'ONE-2')]), { grep: '^one/b ' });
    expect(checks.map((c) => `${c.testId} ${c.status}`)).to.deep.equal(['b pass', 'responses-conform fail']);
    expect(checks[1]?.message?.en).to.contain('received by one/b');
  });

  it('is skipped (could not test) when the checks of the suite received no resource', async () => {
    const idle: TestDefinition = { id: 'idle', title: 'idle', verifies: ['ONE-1'], run: () => Promise.resolve() };
    const checks = await run(suite([idle]));
    expect(checks.map((c) => `${c.testId} ${c.status}`)).to.deep.equal(['idle pass', 'responses-conform skip']);
    expect(checks[1]?.message?.en).to.contain('received no FHIR resource');
  });
});
