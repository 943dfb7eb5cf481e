import { AssertionError, expect } from 'chai';
import type { Operator } from '../../src/client/operator.js';
import type { ScenarioAnnouncement } from '../../src/client/protocol.js';
import type { CheckResult } from '../../src/model/run-result.js';
import { runClientCampaign } from '../../src/run/client-campaign.js';
import type { ClientTestDefinition, ReceivedRequest } from '../../src/suite/client-api.js';
import { clientSuite, clientTarget, registryOf, runDriven, type ScriptedClient, useSimulator } from './support.js';

const imagingRead = (r: ReceivedRequest): boolean => r.endpoint === 'fhir' && r.path === 'ImagingStudy';

/** A check whose scenario reads imaging studies; it records what the record answered. */
function imagingCheck(id: string): ClientTestDefinition {
  return {
    id,
    title: `imaging read in ${id}`,
    verifies: ['T-01'],
    makes: [id],
    async run(t) {
      const record = await t.scenario(id, {
        instruction: { fr: 'Imagerie', en: 'Imaging' },
        until: (received) => received.some(imagingRead),
      });
      t.info(`status ${record.received.find(imagingRead)?.reply.status}`);
    },
  };
}

const statusOf = (check: CheckResult | undefined): string | undefined =>
  check?.messages.find((m) => m.text.en.startsWith('status'))?.text.en;

describe('client session: roles, attestations, the second origin, the control API', function () {
  this.timeout(60_000);
  const env = useSimulator();

  it("the client's token takes the role of the awaited scenario's suite, request by request", async () => {
    const read = async (c: ScriptedClient) => {
      await c.fhir('GET', 'ImagingStudy?patient=qc-pat-0001');
    };
    const { result } = await runDriven({
      simulator: env.simulator,
      keys: env.keys,
      suites: [
        clientSuite([imagingCheck('as-pharmacist')], 'test-pharmacy', 'pharmacist'),
        clientSuite([imagingCheck('as-physician')], 'test-emr', 'physician'),
      ],
      behaviours: { 'as-pharmacist': read, 'as-physician': read },
    });
    // One token for both (the client caches it): the pharmacist policy has no imaging, the physician's has.
    expect(result.exchanges.filter((x) => x.request.url.endsWith('/auth/token'))).to.have.length(1);
    expect(statusOf(result.checks[0])).to.equal('status 403');
    expect(statusOf(result.checks[1])).to.equal('status 200');
  });

  it('an attended run asks the operator: yes passes, no fails, each answer recorded', async () => {
    const asked: string[] = [];
    const operator: Operator = {
      attest: (question, check) => {
        asked.push(check);
        return Promise.resolve(
          question.en.startsWith('Shown')
            ? { answer: 'yes' as const }
            : { answer: 'no' as const, note: 'the screen stayed blank' },
        );
      },
      done: () => undefined,
    };
    const attest = (id: string, en: string): ClientTestDefinition => ({
      id,
      title: id,
      verifies: ['T-ATT-01'],
      async run(t) {
        await t.attest({ fr: en, en });
      },
    });
    const result = await runClientCampaign({
      target: clientTarget(env.keys),
      suiteIds: ['test-client'],
      suites: registryOf(clientSuite([attest('shown', 'Shown to the user?'), attest('range', 'Range displayed?')])),
      unattended: false,
      operator,
      simulator: env.simulator,
    });
    expect(asked).to.deep.equal(['test-client/shown', 'test-client/range']);
    const [shown, range] = result.checks;
    expect(shown?.status).to.equal('pass');
    expect(shown?.attestation?.answer).to.equal('yes');
    expect(shown?.attestation?.answeredAt).to.be.a('string');
    expect(range?.status).to.equal('fail');
    expect(range?.message?.en).to.include('the operator answered no: Range displayed?');
    expect(range?.message?.fr).to.include('la personne a répondu non : Range displayed?');
    expect(range?.attestation).to.include({ answer: 'no', note: 'the screen stayed blank' });
  });

  it('records what arrives on the second origin, credentials redacted, and serves the control API and live page', async () => {
    const control: Record<string, number | string> = {};
    const announcements: ScenarioAnnouncement[] = [];
    const shown: string[] = [];
    const elsewhereCheck: ClientTestDefinition = {
      id: 'elsewhere',
      title: 'credentials only to the record',
      verifies: ['T-AUTH-06'],
      makes: ['elsewhere'],
      async run(t) {
        const record = await t.scenario('elsewhere', {
          instruction: { fr: 'Pièce jointe', en: 'Attachment' },
          until: (received) => received.some((r) => r.endpoint === 'elsewhere'),
        });
        const leaked = record.received.filter((r) => r.endpoint === 'elsewhere' && r.headers.authorization);
        if (leaked.length > 0) throw new AssertionError(`Authorization sent to ${leaked[0]?.path}`);
      },
    };
    const { result, client } = await runDriven({
      simulator: env.simulator,
      keys: env.keys,
      suites: [clientSuite([elsewhereCheck])],
      campaign: {
        operator: {
          attest: () => Promise.resolve(undefined),
          done: () => undefined,
          scenarioStarted: (a) => announcements.push(a),
          received: (r) => shown.push(JSON.stringify(r)),
        },
      },
      async first(c, info) {
        control.page = (await c.send('GET', info.rootUrl)).headers['content-type'] as string;
        control.unknownDone = (await c.send('POST', `${info.controlUrl}scenario/nope/done`)).status;
      },
      behaviours: {
        elsewhere: async (c) => {
          const token = await c.accessToken();
          await c.send('GET', `${c.info.elsewhereUrl}fhir/Binary/1`, { headers: { authorization: `Bearer ${token}` } });
          const status = JSON.parse((await c.send('GET', `${c.info.controlUrl}status`)).body) as {
            state: string;
            received: unknown[];
          };
          control.status = `${status.state} ${status.received.length}`;
        },
      },
    });
    expect(result.checks[0]?.status).to.equal('fail');
    expect(result.checks[0]?.message?.en).to.equal('Authorization sent to fhir/Binary/1');
    const elsewhere = result.exchanges.find((x) => x.request.url.startsWith(env.simulator.elsewhereOrigin));
    expect(elsewhere?.response?.status).to.equal(200);
    expect(elsewhere?.request.headers.authorization).to.equal('Bearer [REDACTED]');
    expect(control).to.deep.equal({ page: 'text/html; charset=utf-8', unknownDone: 404, status: 'awaiting 2' });
    expect(announcements.map((a) => [a.state, a.scenario?.id, a.scenario?.check])).to.deep.equal([
      ['awaiting', 'elsewhere', 'test-client/elsewhere'],
    ]);
    // The operator's display gets every request, its credentials redacted.
    expect(shown).to.have.length(result.exchanges.length);
    for (const secret of client.secrets ?? []) for (const r of shown) expect(r).not.to.include(secret);
    // Control requests are not evidence.
    expect(result.exchanges.some((x) => x.request.url.includes('_homolog'))).to.equal(false);
  });
});
