/** AC-AUD: the accesses the suite makes, allowed and denied, are found as AuditEvents by the authority. */
import type { AuditEvent } from '@medplum/fhirtypes';
import type { TestContext, TestDefinition } from '../../src/suite/api.js';
import { assertBundle, assertStatus, ensure, label } from '../../src/suite/vocabulary/index.js';
import { m } from './messages.js';

/** The AuditEvents of the patient recorded since `since`, as the authority finds them. */
async function auditedSince(
  t: TestContext,
  authority: string,
  patient: string,
  since: string,
): Promise<{ at: string; events: AuditEvent[] }> {
  const res = await (await t.as(authority)).search('AuditEvent', { patient, date: `ge${since}`, _count: '100' });
  assertStatus(res, 200, m.forAuthority());
  return { at: label(res), events: assertBundle(res).matches<AuditEvent>('AuditEvent') };
}

export const auditTests: TestDefinition[] = [
  {
    id: 'accesses-audited',
    title: {
      en: 'Accesses made by the suite are found as AuditEvents queried by the authority',
      fr: 'Les accès faits par la suite se retrouvent en AuditEvent interrogés par l’autorité',
    },
    description: {
      en: 'Audit of accesses (DSQ policy, FHIR AuditEvent): a read of the test patient by a professional is found by the authority as an AuditEvent naming an agent, the entity Patient/[id], outcome 0 (success) and the time it was recorded.',
      fr: 'Journalisation des accès (politique du DSQ, AuditEvent FHIR) : une lecture du patient de test par un professionnel est retrouvée par l’autorité sous forme d’AuditEvent qui nomme un agent, l’entité Patient/[id], le résultat 0 (succès) et le moment de l’enregistrement.',
    },
    verifies: ['AC-AUD-01'],
    inputs: ['patientId'],
    tags: ['audit'],
    async run(t) {
      const authority = t.actors.find((a) => a.role === 'authority') ?? t.skip(m.noAuthority());
      const patient = t.input('patientId');
      const reader =
        t.actors.find((a) => ['physician', 'nurse', 'pharmacist'].includes(a.role)) ?? t.skip(m.noProfessional());
      const since = new Date(Date.now() - 1000).toISOString();
      const access = await (await t.as(reader.name)).read('Patient', patient);
      assertStatus(access, 200, m.accessMustSucceed());
      const { at, events } = await auditedSince(t, authority.name, patient, since);
      const found = events.some(
        (e) =>
          JSON.stringify(e.entity ?? []).includes(`Patient/${patient}`) &&
          e.outcome === '0' &&
          Array.isArray(e.agent) &&
          e.agent.length > 0 &&
          typeof e.recorded === 'string',
      );
      ensure(found, m.notAudited({ request: at, patient, since, count: events.length }));
    },
  },
  {
    id: 'denied-access-audited',
    title: {
      en: 'A denied access is audited with a failure outcome',
      fr: 'Un accès refusé est journalisé avec un résultat d’échec',
    },
    description: {
      en: 'Audit of refusals (DSQ policy, FHIR AuditEvent): a read of the test patient without a token, once refused, is found by the authority as an AuditEvent whose outcome is a failure (not 0).',
      fr: 'Journalisation des refus (politique du DSQ, AuditEvent FHIR) : une lecture du patient de test sans jeton, une fois refusée, est retrouvée par l’autorité sous forme d’AuditEvent dont le résultat est un échec (autre que 0).',
    },
    verifies: ['AC-AUD-02'],
    inputs: ['patientId'],
    tags: ['audit'],
    async run(t) {
      const authority = t.actors.find((a) => a.role === 'authority') ?? t.skip(m.noAuthority());
      const patient = t.input('patientId');
      const since = new Date(Date.now() - 1000).toISOString();
      const denied = await t.anonymous.read('Patient', patient);
      if (denied.status < 400) t.skip(m.notRefused({ status: denied.status }));
      const { at, events } = await auditedSince(t, authority.name, patient, since);
      const found = events.some((e) => typeof e.outcome === 'string' && e.outcome !== '0');
      ensure(found, m.denialNotAudited({ request: at, status: denied.status, since, count: events.length }));
    },
  },
];
