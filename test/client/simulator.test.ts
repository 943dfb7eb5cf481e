import { createHash, X509Certificate } from 'node:crypto';
import { AssertionError, expect } from 'chai';
import { UNATTENDED_ATTESTATION } from '../../src/client/context.js';
import type { CheckResult, RunResult } from '../../src/model/run-result.js';
import { clientCertificate } from '../../src/reference/access/tls.js';
import type { ClientTestDefinition, ReceivedRequest } from '../../src/suite/client-api.js';
import { clientSuite, runDriven, ScriptedClient, useSimulator } from './support.js';

const NAM_SYSTEM = 'https://fhir.infoway-inforoute.ca/NamingSystem/ca-qc-patient-healthcare-id';

const isPatientSearch = (r: ReceivedRequest): boolean => r.endpoint === 'fhir' && r.path === 'Patient';
const isDispenseSearch = (r: ReceivedRequest): boolean =>
  r.endpoint === 'fhir' && r.method === 'GET' && r.path === 'MedicationDispense';

const TESTS: ClientTestDefinition[] = [
  {
    id: 'find-patient',
    title: 'the patient is found by NAM',
    verifies: ['T-QRY-01'],
    makes: ['find-patient'],
    inputs: ['patientNam'],
    async run(t) {
      const nam = t.input('patientNam');
      const record = await t.scenario('find-patient', {
        instruction: { fr: `Cherchez le patient ${nam}`, en: `Look up patient ${nam}` },
        inputs: { nam },
        until: (received) => received.some((r) => isPatientSearch(r) && r.reply.status === 200),
      });
      const search = record.received.find(isPatientSearch);
      if (!search?.query.some(([name, value]) => name === 'identifier' && value === `${NAM_SYSTEM}|${nam}`))
        throw new AssertionError('the patient was not searched by NAM');
      if (search.body !== undefined || search.bodyTruncated) throw new AssertionError('a GET recorded with a body');
    },
  },
  {
    id: 'never-done',
    title: 'a scenario nobody performs',
    verifies: ['T-NEV-01'],
    makes: ['never-done'],
    async run(t) {
      await t.scenario('never-done', {
        instruction: { fr: 'Rien', en: 'Nothing' },
        timeoutMs: 400,
        until: () => false,
      });
    },
  },
  {
    id: 'retry',
    title: 'a 503 is retried',
    verifies: ['T-ERR-01'],
    makes: ['retry'],
    async run(t) {
      const record = await t.scenario('retry', {
        instruction: { fr: 'Consultez le profil', en: 'Open the profile' },
        inject: [
          {
            name: 'unavailable-503',
            when: isDispenseSearch,
            reply: {
              status: 503,
              headers: { 'Retry-After': '0' },
              body: { resourceType: 'OperationOutcome', issue: [] },
            },
          },
        ],
        until: (received) => received.some((r) => isDispenseSearch(r) && r.reply.status === 200),
      });
      const searches = record.received.filter(isDispenseSearch);
      if (searches[0]?.injected !== 'unavailable-503' || searches[1]?.reply.status !== 200 || searches[1].injected)
        throw new AssertionError('the 503 was not followed by a served retry');
    },
  },
  {
    id: 'paused',
    title: 'a client that pauses after the scenario is fulfilled',
    verifies: ['T-ERR-02'],
    makes: ['paused'],
    async run(t) {
      const record = await t.scenario('paused', {
        instruction: { fr: 'Deux lectures', en: 'Two reads' },
        until: (received) => received.length > 0,
      });
      t.info(`${record.received.length} request(s)`);
    },
  },
  {
    id: 'uses-earlier',
    title: 'a later check reads an earlier scenario',
    verifies: ['T-QRY-02'],
    uses: ['find-patient'],
    async run(t) {
      const record = t.received('find-patient');
      if (!record.fulfilled) throw new AssertionError('not fulfilled');
      t.info(`${record.received.length} request(s)`);
    },
  },
  {
    id: 'consent-shown',
    title: 'the refusal was shown',
    verifies: ['T-ATT-01'],
    async run(t) {
      await t.attest({ fr: 'Le refus a-t-il été affiché?', en: 'Was the refusal shown?' });
    },
  },
];

const BEHAVIOURS = {
  'find-patient': async (c: ScriptedClient, inputs: Record<string, string>) => {
    await c.fhir('GET', `Patient?identifier=${encodeURIComponent(`${NAM_SYSTEM}|${inputs.nam}`)}`);
  },
  paused: async (c: ScriptedClient) => {
    await c.fhir('GET', 'metadata');
    await new Promise((resolve) => setTimeout(resolve, 800));
    await c.fhir('GET', 'metadata');
  },
  retry: async (c: ScriptedClient) => {
    const first = await c.fhir('GET', 'MedicationDispense?patient=qc-pat-0001');
    if (first.status === 503) await c.fhir('GET', 'MedicationDispense?patient=qc-pat-0001');
  },
};

function check(result: RunResult, id: string): CheckResult {
  const found = result.checks.find((c) => c.testId === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

/** Every form a secret could take in a text: raw, URL-encoded, JSON-escaped, base64/base64url, a JWT's signature. */
function formsOf(secret: string): string[] {
  const forms = [
    secret,
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
    Buffer.from(secret).toString('base64'),
    Buffer.from(secret).toString('base64url'),
  ];
  const signature = secret.split('.')[2];
  if (signature) forms.push(signature);
  return forms;
}

describe('client simulator: sessions, scenarios, injections, recording', function () {
  this.timeout(60_000);
  const env = useSimulator();

  describe('one unattended run of a tiny client suite', () => {
    let result: RunResult;
    let client: ScriptedClient | undefined;
    let bare: ScriptedClient | undefined;
    let unknownSession: number | undefined;

    before(async () => {
      ({ result, client } = await runDriven({
        simulator: env.simulator,
        keys: env.keys,
        suites: [clientSuite(TESTS)],
        behaviours: BEHAVIOURS,
        campaign: { scenarioTimeoutMs: 10_000 },
        async first(c, info) {
          bare = new ScriptedClient(info, env.keys, { certificate: false });
          // Before any scenario: unmatched.
          await c.fhir('GET', 'metadata');
          // Without a client certificate: refused, recorded on its own connection.
          await bare.send('GET', `${info.baseUrl}/metadata`);
          await bare.close();
          unknownSession = (await c.send('GET', `${env.simulator.origin}/session/${'0'.repeat(32)}/fhir/metadata`))
            .status;
        },
      }));
    });

    it('a fulfilled scenario passes with the requests it received as evidence', () => {
      const found = check(result, 'find-patient');
      expect(found.status, found.message?.en).to.equal('pass');
      const cited = result.exchanges.filter((x) => found.exchanges.includes(x.id));
      expect(cited.map((x) => [x.received?.scenario, x.checkId])).to.deep.equal([
        ['find-patient', 'test-client/find-patient'],
      ]);
      expect(cited[0]?.request.url).to.match(/\/fhir\/Patient\?identifier=/);
      expect(check(result, 'uses-earlier').status).to.equal('pass');
    });

    it("an automation's scenario ends when it says done, not at the first request that fulfils it", () => {
      const found = check(result, 'paused');
      expect(found.messages.map((m) => m.text.en)).to.deep.equal(['2 request(s)']);
      expect(result.exchanges.filter((x) => x.received?.scenario === 'paused')).to.have.length(2);
    });

    it('a scenario nothing arrives for ends at its time limit as skip, with the reason', () => {
      const found = check(result, 'never-done');
      expect(found.status).to.equal('skip');
      expect(found.message?.en).to.match(/nothing arrived from the client during scenario "never-done"/);
      expect(found.message?.fr).to.match(/rien n’est arrivé du client pendant le scénario « never-done »/);
    });

    it('an injection is served once, then the simulated record answers', () => {
      expect(check(result, 'retry').status, check(result, 'retry').message?.en).to.equal('pass');
      const searches = result.exchanges.filter(
        (x) => x.received?.scenario === 'retry' && /MedicationDispense/.test(x.request.url),
      );
      expect(searches.map((x) => [x.response?.status, x.received?.injected])).to.deep.equal([
        [503, 'unavailable-503'],
        [200, undefined],
      ]);
    });

    it('an attestation unattended is skipped with its reason and its question recorded', () => {
      const found = check(result, 'consent-shown');
      expect(found.status).to.equal('skip');
      expect(found.message).to.deep.equal(UNATTENDED_ATTESTATION);
      expect(found.attestation?.question.en).to.equal('Was the refusal shown?');
      expect(found.attestation?.answer).to.equal(undefined);
    });

    it('requests while no scenario awaits are recorded and listed as unmatched', () => {
      expect(result.target.kind).to.equal('client');
      expect(result.client?.baseUrl).to.equal(result.target.baseUrl);
      const unmatched = result.exchanges.filter((x) => result.client?.unmatched.includes(x.id));
      expect(unmatched.map((x) => new URL(x.request.url).pathname.replace(/^\/session\/\w+/, ''))).to.include.members([
        '/auth/token',
        '/fhir/metadata',
      ]);
      for (const x of unmatched) expect(x.received?.scenario).to.equal(undefined);
    });

    it('records the connection and the client certificate of every request; no certificate: refused', () => {
      const expected = createHash('sha256').update(new X509Certificate(clientCertificate().certPem).raw).digest('hex');
      const withCert = result.exchanges.filter((x) => x.received?.certificate !== undefined);
      const without = result.exchanges.filter((x) => x.received?.certificate === undefined);
      expect(withCert.length).to.be.greaterThan(3);
      for (const x of withCert) expect(x.received?.certificate).to.equal(expected);
      expect(without).to.have.length(1);
      expect(without[0]?.response?.status).to.equal(403);
      const connectionsWith = new Set(withCert.map((x) => x.received?.connection));
      expect(connectionsWith.has(without[0]?.received?.connection)).to.equal(false);
    });

    it('a request to an unknown session is answered 404 and recorded nowhere', () => {
      expect(unknownSession).to.equal(404);
      expect(JSON.stringify(result)).not.to.include('0'.repeat(32));
    });

    it('never holds the client assertion, the access tokens or the Authorization header in any form', () => {
      const text = JSON.stringify(result);
      expect(client?.secrets.length).to.be.greaterThan(0);
      for (const secret of client?.secrets ?? [])
        for (const form of formsOf(secret)) expect(text, `a form of ${secret.slice(0, 8)}...`).not.to.include(form);
      expect(text).to.include('[REDACTED]');
    });
  });
});
