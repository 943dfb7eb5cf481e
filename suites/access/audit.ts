/** AC-AUD: the accesses the suite makes, allowed and denied, are found as AuditEvents by the authority. */
import type { AuditEvent } from '@medplum/fhirtypes';
import type { TestContext, TestDefinition } from '../../src/suite/api.js';
import { assertBundle, assertStatus, ensure, label } from '../../src/suite/vocabulary/index.js';

/** The AuditEvents of the patient recorded since `since`, as the authority finds them. */
async function auditedSince(
  t: TestContext,
  authority: string,
  patient: string,
  since: string,
): Promise<{ at: string; events: AuditEvent[] }> {
  const res = await (await t.as(authority)).search('AuditEvent', { patient, date: `ge${since}`, _count: '100' });
  assertStatus(res, 200, '200 for the authority');
  return { at: label(res), events: assertBundle(res).matches<AuditEvent>('AuditEvent') };
}

export const auditTests: TestDefinition[] = [
  {
    id: 'accesses-audited',
    title: 'Accesses made by the suite are found as AuditEvents queried by the authority',
    verifies: ['AC-AUD-01'],
    inputs: ['patientId'],
    tags: ['audit'],
    async run(t) {
      const authority = t.actors.find((a) => a.role === 'authority') ?? t.skip('no authority actor in the target file');
      const patient = t.input('patientId');
      const reader =
        t.actors.find((a) => ['physician', 'nurse', 'pharmacist'].includes(a.role)) ??
        t.skip('no professional actor to make an access to audit');
      const since = new Date(Date.now() - 1000).toISOString();
      const access = await (await t.as(reader.name)).read('Patient', patient);
      assertStatus(access, 200, '200 (the access to audit must succeed)');
      const { at, events } = await auditedSince(t, authority.name, patient, since);
      const found = events.some(
        (e) =>
          JSON.stringify(e.entity ?? []).includes(`Patient/${patient}`) &&
          e.outcome === '0' &&
          Array.isArray(e.agent) &&
          e.agent.length > 0 &&
          typeof e.recorded === 'string',
      );
      ensure(
        found,
        `${at}: expected an AuditEvent (agent, entity Patient/${patient}, outcome 0, recorded) for the read made at ${since}, got none among ${events.length} event(s)`,
      );
    },
  },
  {
    id: 'denied-access-audited',
    title: 'A denied access is audited with a failure outcome',
    verifies: ['AC-AUD-02'],
    inputs: ['patientId'],
    tags: ['audit'],
    async run(t) {
      const authority = t.actors.find((a) => a.role === 'authority') ?? t.skip('no authority actor in the target file');
      const patient = t.input('patientId');
      const since = new Date(Date.now() - 1000).toISOString();
      const denied = await t.anonymous.read('Patient', patient);
      if (denied.status < 400) t.skip(`the request without a token was not refused (${denied.status})`);
      const { at, events } = await auditedSince(t, authority.name, patient, since);
      const found = events.some((e) => typeof e.outcome === 'string' && e.outcome !== '0');
      ensure(
        found,
        `${at}: expected an AuditEvent with a failure outcome for the refused access (${denied.status}) made at ${since}, got none among ${events.length} event(s)`,
      );
    },
  },
];
