import { expect } from 'chai';
import { type Simulator, startSimulator } from '../../src/client/simulator.js';
import type { RunResult } from '../../src/model/run-result.js';
import type { ClientTestDefinition } from '../../src/suite/client-api.js';
import { clientKeys, clientSuite, runDriven, type ScriptedClient } from './support.js';

const SCENARIOS = ['first', 'second'];

const TESTS: ClientTestDefinition[] = SCENARIOS.map((id) => ({
  id,
  title: `scenario ${id}`,
  verifies: ['T-01'],
  makes: [id],
  async run(t) {
    await t.scenario(id, {
      instruction: { fr: id, en: id },
      until: (received) => received.filter((r) => r.endpoint === 'fhir').length >= 3,
    });
  },
}));

/** One client of the two: each request carries its mark, and one goes to a session that does not exist. */
function behaviours(mark: string, origin: string) {
  const behaviour = async (c: ScriptedClient) => {
    for (let i = 0; i < 3; i++) await c.fhir('GET', `Patient?_count=1&mark=${mark}`, { headers: { 'x-mark': mark } });
    await c.send('GET', `${origin}/session/${'f'.repeat(32)}/fhir/Patient?mark=${mark}`);
  };
  return Object.fromEntries(SCENARIOS.map((id) => [id, behaviour]));
}

describe('client simulator: two sessions at once on one listener', function () {
  this.timeout(60_000);
  let simulator: Simulator;
  const results: RunResult[] = [];
  const clients: ScriptedClient[] = [];

  before(async () => {
    simulator = await startSimulator();
    const runs = ['a', 'b'].map(async (mark) => {
      const { result, client } = await runDriven({
        simulator,
        keys: await clientKeys(`client-${mark}`),
        suites: [clientSuite(TESTS)],
        behaviours: behaviours(mark, simulator.origin),
        campaign: { scenarioTimeoutMs: 15_000 },
      });
      clients.push(client);
      return result;
    });
    results.push(...(await Promise.all(runs)));
  });
  after(() => simulator.close());

  it('each run holds only its own session and its own exchanges, all of them', () => {
    const [a, b] = results;
    expect(a?.client?.session).to.be.a('string').and.not.equal(b?.client?.session);
    for (const [result, mark] of [
      [a, 'a'],
      [b, 'b'],
    ] as const) {
      expect(result?.checks.map((c) => c.status)).to.deep.equal(['pass', 'pass']);
      const own = `/session/${result?.client?.session}/`;
      for (const x of result?.exchanges ?? []) expect(x.request.url).to.include(own);
      const fhir = (result?.exchanges ?? []).filter((x) => x.request.url.includes('/fhir/'));
      expect(fhir).to.have.length(6);
      for (const x of fhir) expect(x.request.url).to.include(`mark=${mark}`);
      // Its client's requests, less the two sent to a session that does not exist.
      const client = clients.find((c) => c.info.id === result?.client?.session);
      expect(result?.exchanges.length).to.equal((client?.sent ?? 0) - 2);
    }
  });

  it('requests to an unknown session are in neither run', () => {
    for (const result of results) expect(JSON.stringify(result)).not.to.include('f'.repeat(32));
  });
});
