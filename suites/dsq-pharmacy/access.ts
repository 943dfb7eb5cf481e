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
  type Text,
} from '../../src/suite/vocabulary/index.js';
import { m } from './messages.js';
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
    title: {
      en: 'The pharmacist is refused imaging reports and the audit log',
      fr: 'Les rapports d’imagerie et le journal d’audit sont refusés au pharmacien',
    },
    description: {
      en: 'As the pharmacist: searches of the patient’s imaging reports and audit log, which the access policy does not give the role, are refused (401, 403 or 404) without data.',
      fr: 'En tant que pharmacien : les recherches des rapports d’imagerie et du journal d’audit du patient, que la politique d’accès n’accorde pas à ce rôle, sont refusées (401, 403 ou 404) sans données.',
    },
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
        problems.push(...denialProblems(res.http, domain.name));
      }
      assertNone(problems, m.outsideRole());
    },
  },
  {
    id: 'refusal-blocks-pharmacist',
    title: {
      en: 'A patient’s refusal to share blocks the pharmacist: no medication disclosed, and the response says why',
      fr: 'Le refus de partage d’un patient bloque le pharmacien : aucun médicament divulgué, et la réponse dit pourquoi',
    },
    description: {
      en: 'As the pharmacist: searches of the dispenses and prescriptions of the patient who refused sharing disclose nothing and say why (an OperationOutcome with the policy’s consent code, in the refusal or in the searchset).',
      fr: 'En tant que pharmacien : les recherches des délivrances et des ordonnances du patient qui a refusé le partage ne divulguent rien et disent pourquoi (une OperationOutcome portant le code de consentement de la politique, dans le refus ou dans le searchset).',
    },
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
        problems.push(...consentRefusalProblems(res.http, p.consent.outcomeCode, `Patient/${refusing}`));
      }
      assertNone(problems, m.withheldMedications({ patient: refusing }));
    },
  },
  {
    id: 'pharmacist-access-audited',
    title: {
      en: 'The pharmacist’s access to the medication profile is audited',
      fr: 'L’accès du pharmacien au profil pharmacologique est journalisé',
    },
    description: {
      en: 'The authority finds an AuditEvent for the search the pharmacist just made: the patient, the medication query, a successful outcome and the requesting agent.',
      fr: 'L’autorité trouve un AuditEvent pour la recherche que le pharmacien vient de faire : le patient, la requête sur les médicaments, un résultat réussi et l’agent demandeur.',
    },
    verifies: ['PH-ACC-03'],
    inputs: ['patientId'],
    tags: ['access', 'audit'],
    async run(t) {
      const authority = await asRole(t, 'authority'); // reads the audit log
      const client = await pharmacist(t);
      const patient = t.input('patientId');
      const since = new Date(Date.now() - 1000).toISOString();
      const access = await client.search('MedicationDispense', { patient });
      assertStatus(access, 200, m.auditSucceeds());
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
        m.noAuditEvent({ request: `AuditEvent?patient=${patient}&date=ge${since}`, patient, count: events.length }),
      );
    },
  },
];
