/**
 * Checks are cancellable and their results final (issue 11): at the time limit
 * the check's signal fires, its request in flight is stopped and recorded as
 * `aborted`, and what a body ignoring the signal does later changes nothing.
 */
import { expect } from 'chai';
import { DEFAULT_HTTP_SETTINGS, HttpSession } from '../../src/http/client.js';
import { ExchangeRecorder } from '../../src/http/recorder.js';
import { Redactor } from '../../src/http/redact.js';
import { executePlan } from '../../src/run/execute.js';
import type { TestContext, TestDefinition } from '../../src/suite/api.js';
import type { LoadedSuite } from '../../src/suite/registry.js';
import { responsesConformTest } from '../../src/suite/response-conformance.js';
import { startHostileServer } from '../support/hostile-server.js';

function suiteOf(tests: TestDefinition[]): LoadedSuite {
  return {
    id: 'c',
    version: '1.0.0',
    title: { fr: 'c', en: 'c' },
    inputs: [],
    requirements: [{ id: 'C-1', level: 'SHALL', text: { fr: 'C', en: 'C' }, source: { fr: 'test', en: 'test' } }],
    tests,
    digest: 'd',
    dir: '.',
  };
}

describe('cancellable checks, final results', function () {
  this.timeout(20_000);

  it('aborts the request in flight at the time limit, records it, and ignores what the body does afterwards', async () => {
    const server = await startHostileServer('hang');
    const recorder = new ExchangeRecorder();
    const session = new HttpSession(recorder, new Redactor([]), { ...DEFAULT_HTTP_SETTINGS, timeoutMs: 30_000 });
    let seen: AbortSignal | undefined;
    let late: Promise<void> = Promise.resolve();
    const stubborn: TestDefinition = {
      id: 'stubborn',
      title: 'ignores its signal',
      verifies: ['C-1'],
      async run(t: TestContext) {
        seen = t.signal;
        await t.http.send({ url: 'Patient/1' }).catch(() => undefined); // stopped by the signal
        // Keeps going as if nothing happened: these come after the result is reported.
        late = (async () => {
          await new Promise((r) => setTimeout(r, 300));
          t.info('late message');
          t.warn('late warning');
          await t.http.send({ url: 'Patient/2' }).catch(() => undefined);
        })();
        await new Promise(() => undefined); // never ends
      },
    };
    const after: TestDefinition = { id: 'after', title: 'runs next', verifies: ['C-1'], run: async () => undefined };
    try {
      const target = {
        source: 'url',
        baseUrl: server.baseUrl,
        actors: {},
        defaultActor: 'none',
        testData: {},
        secrets: [],
      };
      const started = Date.now();
      const checks = await executePlan(
        { suites: [{ suite: suiteOf([stubborn, after]), tests: [stubborn, after] }] },
        target,
        session,
        { bail: false, checkTimeoutMs: 300 },
      );
      expect(Date.now() - started).to.be.lessThan(5_000);
      expect(seen?.aborted).to.equal(true);
      const [check, next] = checks;
      expect(check?.status).to.equal('error');
      expect(check?.message?.en).to.contain('did not finish within 300 ms');
      expect(next?.status).to.equal('pass');
      // The exchange in flight at the limit is recorded, as aborted, and cited.
      expect(check?.exchanges).to.have.length(1);
      const exchange = recorder.get(check!.exchanges[0]!);
      expect(exchange?.error?.code).to.equal('aborted');
      const frozen = JSON.stringify(check);
      await late;
      expect(JSON.stringify(check)).to.equal(frozen); // no late message, warning or exchange
      expect(recorder.all()).to.have.length(1); // the late request was never sent
    } finally {
      await session.close();
      await server.close();
    }
  });
});

describe('the validation of what a check received is under its time limit', function () {
  this.timeout(30_000);

  it('a large Bundle whose validation outlasts the limit is stopped at the limit: the check keeps its own result, responses-conform says it could not validate', async () => {
    // Large enough that even a warm validator outlasts the limit, while receiving it (loopback) does not.
    const server = await startHostileServer('huge', { hugeBytes: 24 * 1024 * 1024 });
    const session = new HttpSession(new ExchangeRecorder(), new Redactor([]), {
      ...DEFAULT_HTTP_SETTINGS,
      timeoutMs: 20_000,
      maxResponseBytes: 32 * 1024 * 1024,
    });
    const fetches: TestDefinition = {
      id: 'fetches',
      title: 'receives a large Bundle',
      verifies: ['C-1'],
      run: async (t) => void (await t.http.send({ url: 'Basic' })),
    };
    try {
      const target = {
        source: 'url',
        baseUrl: server.baseUrl,
        actors: {},
        defaultActor: 'none',
        testData: {},
        secrets: [],
      };
      const started = Date.now();
      const tests = [fetches, responsesConformTest('C-RESP-01')];
      const [check, conform] = await executePlan({ suites: [{ suite: suiteOf(tests), tests }] }, target, session, {
        bail: false,
        checkTimeoutMs: 1_000,
      });
      const elapsed = Date.now() - started;
      expect(check?.status, check?.message?.en).to.equal('pass');
      expect(check?.messages.map((m) => m.text.en).join(' ')).to.contain(
        'could not all be validated against FHIR R4 within its time limit',
      );
      expect(conform?.status, conform?.message?.en).to.equal('skip');
      expect(conform?.message?.en).to.contain('not validated within their time limit: what c/fetches received');
      expect(elapsed).to.be.lessThan(4_000);
    } finally {
      await session.close();
      await server.close();
    }
  });
});
