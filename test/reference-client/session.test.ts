/**
 * The reference client against a real simulator session (engineer A's
 * simulator: HTTPS + mTLS over loopback, the session's secured reference
 * record, its token endpoint as strict as the shared record's): scenarios
 * with injected answers (401, 429 + Retry-After, a next link on the other
 * origin), then the authorization checks over what the session received,
 * clean and under each authorization fault.
 */
import { expect } from 'chai';
import type { ClientSession } from '../../src/client/session.js';
import { type Simulator, simulatorTestData } from '../../src/client/simulator.js';
import type { ReferenceClientIdentity } from '../../src/reference-client/identity.js';
import { referenceClientIdentity } from '../../src/reference-client/identity.js';
import { startReferenceClient } from '../../src/reference-client/runner.js';
import type { Injection, ScenarioSpec } from '../../src/suite/client-api.js';
import type { ClientFinding } from '../../src/suite/client-checks/authorization.js';
import { useSimulator } from '../client/support.js';
import { authorizationFindings } from './findings.js';

const SUITE = 'ref-session';
const firstFhir = (name: string, reply: Injection['reply']): Injection => ({
  name,
  when: (r) => r.endpoint === 'fhir',
  reply,
});

interface Outcome {
  session: ClientSession;
  errors: readonly string[];
  seen: Record<string, unknown>;
  findings: Record<string, ClientFinding>;
}

async function drive(simulator: Simulator, identity: ReferenceClientIdentity, faults: string[] = []): Promise<Outcome> {
  const registration = { clientId: identity.clientId, jwks: identity.jwks, certificateCa: identity.certificateCa };
  const session = await simulator.openSession({ registration });
  const data = simulatorTestData();
  const seen: Record<string, unknown> = {};
  const handle = startReferenceClient({
    session: session.info,
    identity,
    faults,
    behaviours: {
      [SUITE]: {
        'find-patient': async (c, inputs) => {
          seen['find-patient'] = (await c.patientByNam(inputs.nam ?? ''))?.id;
        },
        'expired-token': async (c, inputs) => {
          seen['expired-token'] = (await c.fhir.read({ resourceType: 'Patient', id: inputs.patient ?? '' })).id;
        },
        paged: async (c, inputs) => {
          seen.paged = (await c.searchAll('Observation', { patient: inputs.patient ?? '' })).length;
        },
        busy: async (c, inputs) => {
          seen.busy = (await c.fhir.read({ resourceType: 'Patient', id: inputs.patient ?? '' })).id;
        },
      },
    },
  });
  const inputs = { nam: data.patientNam ?? '', patient: data.patientId ?? '' };
  const page = {
    resourceType: 'Bundle',
    type: 'searchset',
    entry: [],
    link: [{ relation: 'next', url: `${session.info.elsewhereUrl}fhir/Observation?page=2` }],
  };
  const scenarios: [string, Injection[]][] = [
    ['find-patient', []],
    [
      'expired-token',
      [
        firstFhir('expired-token-401', {
          status: 401,
          headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
        }),
      ],
    ],
    ['paged', [firstFhir('next-link-elsewhere', { status: 200, body: page })]],
    ['busy', [firstFhir('busy-429', { status: 429, headers: { 'Retry-After': '1' } })]],
  ];
  const signal = new AbortController().signal;
  for (const [id, inject] of scenarios) {
    const spec: ScenarioSpec = { instruction: { fr: id, en: id }, inputs, inject, until: () => false };
    await session.runScenario({ id, check: `${SUITE}/${id}`, spec, timeoutMs: 15_000, signal });
  }
  session.finish();
  await handle.done;
  return {
    session,
    errors: handle.errors,
    seen,
    findings: await authorizationFindings(session.received(), session.info.tokenUrl, identity),
  };
}

describe('reference client against a simulator session', function () {
  this.timeout(120_000);
  const fixture = useSimulator();
  let identity: ReferenceClientIdentity;

  before(async () => {
    identity = await referenceClientIdentity();
  });

  it('performs the scenarios through the injections, and every authorization rule holds and was seen', async () => {
    const { errors, seen, findings } = await drive(fixture.simulator, identity);
    const data = simulatorTestData();
    expect(errors).to.deep.equal([]);
    expect(seen).to.deep.equal({
      'find-patient': data.patientId,
      'expired-token': data.patientId,
      paged: 0,
      busy: data.patientId,
    });
    for (const [id, found] of Object.entries(findings)) {
      expect(found.problems, id).to.deep.equal([]);
      expect(found.unverified, id).to.equal(undefined);
    }
  });

  const BREAKS: [string, string][] = [
    ['assertion-alg-none', 'AUTH-01'],
    ['assertion-wrong-aud', 'AUTH-01'],
    ['assertion-exp-too-far', 'AUTH-02'],
    ['assertion-jti-reused', 'AUTH-03'],
    ['token-per-request', 'AUTH-04'],
    ['no-client-certificate', 'AUTH-05'],
    ['credentials-elsewhere', 'AUTH-06'],
    ['no-token-refresh-on-401', 'AUTH-07'],
  ];
  for (const [fault, failing] of BREAKS) {
    it(`${fault}: ${failing} fails, no other authorization rule does`, async () => {
      const { findings } = await drive(fixture.simulator, identity, [fault]);
      for (const [id, found] of Object.entries(findings)) {
        if (id === failing) expect(found.problems.length, `${id} under ${fault}`).to.be.greaterThan(0);
        else expect(found.problems, `${id} under ${fault}`).to.deep.equal([]);
      }
    });
  }
});
