/** dsq-pharmacy, access (PH-ACC): the pharmacist's role limits, the patient's refusal, and the audit of the pharmacist's access. */

import type { AuditEvent } from '@medplum/fhirtypes';
import { allows } from '../../src/access/policy.js';
import { asRole } from '../../src/suite/actors.js';
import type { TestDefinition } from '../../src/suite/api.js';
import { searchAll } from '../../src/suite/search-all.js';
import {
  assertNone,
  assertStatus,
  consentRefusalProblems,
  denialProblems,
  ensure,
} from '../../src/suite/vocabulary/index.js';
import type { Text } from '../../src/util/i18n.js';
import { pharmacist, policy } from './support.js';

/** Whether an AuditEvent's entities name the text: a reference, a display, or a (base64) query. */
function auditMentions(event: AuditEvent, text: string): boolean {
  return (event.entity ?? []).some((e) =>
    [
      e.what?.reference,
      e.what?.display,
      e.query === undefined ? undefined : Buffer.from(e.query, 'base64').toString('utf8'),
    ].some((v) => v?.includes(text)),
  );
}

export const access: TestDefinition[] = [
  {
    id: 'pharmacist-role-limits',
    title: 'The pharmacist is refused imaging reports and the audit log',
    verifies: ['PH-ACC-01'],
    inputs: ['patientId'],
    tags: ['access'],
    async run(t) {
      const client = await pharmacist(t);
      const p = await policy();
      const patient = t.input('patientId');
      const denied = p.domains.filter(
        (d) => !allows(p, 'pharmacist', d.name, 'search') && (d.name === 'imaging' || d.name === 'audit'),
      );
      const problems: Text[] = [];
      for (const domain of denied) {
        const r = domain.resources[0];
        if (!r) continue;
        const params: Record<string, string> =
          r.type === 'AuditEvent' ? { patient } : { patient, ...(r.category ? { category: r.category } : {}) };
        const res = await client.search(r.type, params);
        problems.push(...denialProblems(res.http, `${domain.name} is not the pharmacist’s`));
      }
      assertNone(problems, 'the pharmacist reached data outside the role');
    },
  },
  {
    id: 'refusal-blocks-pharmacist',
    title: 'A patient’s refusal to share blocks the pharmacist: no medication disclosed, and the response says why',
    verifies: ['PH-ACC-02'],
    inputs: ['refusingPatientId'],
    tags: ['access', 'consent'],
    async run(t) {
      const client = await pharmacist(t);
      const p = await policy();
      const refusing = t.input('refusingPatientId');
      const problems: Text[] = [];
      for (const type of ['MedicationDispense', 'MedicationRequest']) {
        const res = await client.search(type, { patient: refusing });
        problems.push(
          ...consentRefusalProblems(res.http, p.consent.outcomeCode, `Patient/${refusing} refused sharing`),
        );
      }
      assertNone(problems, `the pharmacist reached withheld medications of Patient/${refusing}`);
    },
  },
  {
    id: 'pharmacist-access-audited',
    title: 'The pharmacist’s access to the medication profile is audited',
    description:
      'The authority finds an AuditEvent for the search the pharmacist just made: the patient, the medication query, a successful outcome and the requesting agent.',
    verifies: ['PH-ACC-03'],
    inputs: ['patientId'],
    tags: ['access', 'audit'],
    async run(t) {
      const authority = await asRole(t, 'authority'); // reads the audit log
      const client = await pharmacist(t);
      const patient = t.input('patientId');
      const since = new Date(Date.now() - 1000).toISOString();
      const access = await client.search('MedicationDispense', { patient });
      assertStatus(access, 200, '200 (the access to audit must succeed)');
      // Every page: other actors' accesses in the same second may fill the first one.
      const events = await searchAll<AuditEvent>(authority, 'AuditEvent', { patient, date: `ge${since}`, _count: 100 });
      const found = events.some(
        (e) =>
          auditMentions(e, `Patient/${patient}`) &&
          auditMentions(e, 'MedicationDispense') &&
          e.outcome === '0' &&
          (e.agent ?? []).length > 0,
      );
      ensure(
        found,
        `AuditEvent?patient=${patient}&date=ge${since} as the authority: expected an AuditEvent (agent, entity Patient/${patient}, the MedicationDispense query, outcome 0) for the search the pharmacist made, got none among ${events.length} event(s)`,
      );
    },
  },
];
