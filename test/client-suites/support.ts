/**
 * What the client suites' end-to-end tests share: one run of client suites
 * against the reference client (real HTTPS + mTLS over loopback, driven by the
 * session's control API) on a listening simulator, the checks that did not
 * pass for a failing assertion's message, an operator who answers every
 * attestation the same, and the fault matrix of a suite.
 */
import { expect } from 'chai';
import type { Operator } from '../../src/client/operator.js';
import type { Simulator } from '../../src/client/simulator.js';
import type { RunResult } from '../../src/model/run-result.js';
import type { ClientTarget } from '../../src/model/target.js';
import { type FaultDefinition, faultExpectations } from '../../src/reference/faults.js';
import { CLIENT_FAULTS } from '../../src/reference-client/faults.js';
import { referenceClientIdentity } from '../../src/reference-client/identity.js';
import { type ReferenceClientHandle, startReferenceClient } from '../../src/reference-client/runner.js';
import { runClientCampaign } from '../../src/run/client-campaign.js';

/** One run of `suiteIds` against the reference client with these faults; unattended unless an operator is given. */
export async function runWithReferenceClient(
  simulator: Simulator,
  suiteIds: string[],
  faults: readonly string[],
  operator?: Operator,
): Promise<{ run: RunResult; client: ReferenceClientHandle }> {
  const identity = await referenceClientIdentity();
  const target: ClientTarget = {
    kind: 'client',
    source: 'reference-client.yaml',
    clientId: identity.clientId,
    jwks: identity.jwks,
    certificateCa: identity.certificateCa,
    simulator: { host: '127.0.0.1', port: 0 },
    testData: {},
    secrets: [],
  };
  let client: ReferenceClientHandle | undefined;
  try {
    const run = await runClientCampaign({
      target,
      suiteIds,
      unattended: operator === undefined,
      ...(operator ? { operator } : {}),
      simulator,
      scenarioTimeoutMs: 10_000,
      onSession: (session) => {
        client = startReferenceClient({ session, identity, faults });
      },
    });
    if (client === undefined) throw new Error('the session never opened');
    await client.done;
    return { run, client };
  } finally {
    await client?.stop();
  }
}

/** One suite's runs: `suite` against the reference client on the fixture's simulator (read at each run: it starts in a hook). */
export function suiteRunner(
  fixture: { readonly simulator: Simulator },
  suite: string,
): (faults: readonly string[], operator?: Operator) => Promise<{ run: RunResult; client: ReferenceClientHandle }> {
  return (faults, operator) => runWithReferenceClient(fixture.simulator, [suite], faults, operator);
}

/** The checks that did not pass and the client's errors, for a failing assertion's message. */
export function notPassed(run: RunResult, client: ReferenceClientHandle): string {
  return [
    ...run.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.status} ${c.message?.en ?? ''}`),
    ...client.errors.map((e) => `client: ${e}`),
  ].join('\n');
}

/** An operator who answers every attestation the same, and keeps the questions (`<check>: <question>`). */
export function answering(answer: 'yes' | 'no', asked: string[]): Operator {
  return {
    attest: (question, check) => {
      asked.push(`${check}: ${question.en}`);
      return Promise.resolve({ answer });
    },
    done: () => undefined,
  };
}

/** How many fault sessions run at once on the one simulator: they mostly wait (Retry-After, scenario ends). */
const FAULT_SESSIONS_AT_ONCE = 4;

/**
 * Registers the fault matrix of a client suite: every client fault that
 * names it makes exactly its declared requirements fail (faultExpectations)
 * and none error; the suite's own faults are all in it. The faults run as
 * concurrent sessions of the one listening simulator (a few at a time), as
 * several vendors' runs would: each run must still hold only its own session.
 */
export function faultMatrix(
  suite: string,
  own: readonly FaultDefinition[],
  runWith: (faults: readonly string[]) => Promise<{ run: RunResult; client: ReferenceClientHandle }>,
): void {
  const cases = CLIENT_FAULTS.flatMap((fault) =>
    faultExpectations(fault)
      .filter((e) => e.suite === suite)
      .map((e) => ({ fault: fault.name, requirements: [...e.requirements].sort() })),
  );
  const outcomes = new Map<string, Promise<{ run: RunResult; client: ReferenceClientHandle }>>();
  before(() => {
    const queue = [...cases];
    const started: Promise<unknown>[] = [];
    const next = (): Promise<unknown> | undefined => {
      const c = queue.shift();
      if (c === undefined) return undefined;
      const outcome = runWith([c.fault]);
      outcomes.set(c.fault, outcome);
      // Each settled run frees its place for the next fault; its result is judged by its own test.
      return outcome.then(next, next);
    };
    for (let i = 0; i < FAULT_SESSIONS_AT_ONCE; i++) started.push(next() ?? Promise.resolve());
    for (const p of outcomes.values()) p.catch(() => undefined); // judged (and reported) by each test
  });
  it(`every fault of the ${suite} behaviours is in the matrix`, () => {
    const names = cases.map((c) => c.fault);
    for (const fault of own) expect(names, fault.name).to.include(fault.name);
  });
  for (const c of cases) {
    it(`fault ${c.fault} fails exactly ${c.requirements.join(', ')}`, async () => {
      const outcome = await waitFor(outcomes, c.fault);
      const { run, client } = await outcome;
      const detail = notPassed(run, client);
      const failed = [...run.verdict.shallFailed, ...run.verdict.shouldFailed].sort();
      expect(failed, detail).to.deep.equal(c.requirements);
      expect(run.verdict.shallErrored, detail).to.deep.equal([]);
      const own = new Set(run.exchanges.map((x) => x.id));
      expect(
        run.client?.unmatched.every((id) => own.has(id)),
        'unmatched exchanges of this session only',
      ).to.equal(true);
    });
  }
}

/** The run of a fault, once the pool has started it. */
async function waitFor<T>(outcomes: ReadonlyMap<string, Promise<T>>, fault: string): Promise<Promise<T>> {
  for (;;) {
    const outcome = outcomes.get(fault);
    if (outcome) return outcome;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
