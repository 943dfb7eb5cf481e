/**
 * One run of the reference client through a small scripted session (the
 * "tour"): a NAM search, a result paged across both origins, a 401 (expired
 * token), a 429 with Retry-After, a 403 consent refusal. The tests run it
 * clean and under each fault and compare what arrived.
 */
import { NAM_SYSTEM } from '../../src/identifiers/nam.js';
import { httpFailure } from '../../src/reference-client/client.js';
import type { ReferenceClientIdentity } from '../../src/reference-client/identity.js';
import { type ReferenceClientHandle, startReferenceClient } from '../../src/reference-client/runner.js';
import type { ReceivedRequest } from '../../src/suite/client-api.js';
import { outcome, type RecordServer, searchset, startRecordServer } from './record-server.js';

export const TOUR_SUITE = 'tour-client';
export const NAM = 'TREM04121925';
const patient = { resourceType: 'Patient', id: 'p1', identifier: [{ system: NAM_SYSTEM, value: NAM }] };
const observation = (id: string): object => ({ resourceType: 'Observation', id, status: 'final' });
const SCENARIOS = ['find-patient', 'paged', 'expired-token', 'busy', 'consent'];

export interface Tour {
  server: RecordServer;
  handle: ReferenceClientHandle;
  received: ReceivedRequest[];
  /** What each behaviour saw, by scenario. */
  seen: Record<string, unknown>;
  in(scenario: string): ReceivedRequest[];
}

export async function runTour(identity: ReferenceClientIdentity, faults: string[] = []): Promise<Tour> {
  const seen: Record<string, unknown> = {};
  const counts = new Map<string, number>();
  const server = await startRecordServer({
    certificateCa: identity.certificateCa,
    scenarios: SCENARIOS.map((id) => ({ id, check: `${TOUR_SUITE}/${id}`, inputs: { nam: NAM } })),
    fhir: (r, s) => {
      const n = (counts.get(r.scenario ?? '') ?? 0) + 1;
      counts.set(r.scenario ?? '', n);
      switch (r.scenario) {
        case 'find-patient':
          return searchset([patient]);
        case 'paged':
          return r.query.some(([k, v]) => k === 'page' && v === '2')
            ? searchset([observation('o2')], `${s.session.elsewhereUrl}page3`)
            : searchset([observation('o1')], `${s.session.baseUrl}/Observation?patient=p1&page=2`);
        case 'expired-token':
          return n === 1
            ? outcome(401, { 'www-authenticate': 'Bearer error="invalid_token"' })
            : { status: 200, headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(patient) };
        case 'busy':
          return n === 1
            ? outcome(429, { 'retry-after': '1' })
            : { status: 200, headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(patient) };
        case 'consent':
          return outcome(403);
        default:
          return undefined;
      }
    },
    elsewhere: (r) => (r.path === 'page3' ? searchset([observation('o3')]) : outcome(404)),
  });
  const handle = startReferenceClient({
    session: server.session,
    identity,
    faults,
    behaviours: {
      [TOUR_SUITE]: {
        'find-patient': async (c, inputs) => {
          seen['find-patient'] = (await c.patientByNam(inputs.nam ?? ''))?.id;
        },
        paged: async (c) => {
          seen.paged = (await c.searchAll('Observation', { patient: 'p1' })).map((o) => o.id);
        },
        'expired-token': async (c) => {
          seen['expired-token'] = (await c.fhir.read({ resourceType: 'Patient', id: 'p1' })).id;
        },
        busy: async (c) => {
          seen.busy = (await c.fhir.read({ resourceType: 'Patient', id: 'p1' })).id;
        },
        consent: async (c) => {
          try {
            await c.fhir.search({ resourceType: 'MedicationDispense', searchParams: { patient: 'p1' } });
          } catch (err) {
            // A real pharmacy system shows the refusal to the user here.
            seen.consent = httpFailure(err)?.status;
          }
        },
      },
    },
  });
  await handle.done;
  await server.close();
  return {
    server,
    handle,
    received: server.received,
    seen,
    in: (scenario) => server.received.filter((r) => r.scenario === scenario),
  };
}
