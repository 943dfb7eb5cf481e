/**
 * AC-POL: the role-by-domain policy (policy.yaml), tested cell by cell both
 * ways: reads and searches, a denial that discloses nothing, and writes.
 */
import { allows, type Interaction, type PolicyRole } from '../../src/access/policy.js';
import type { TestDefinition } from '../../src/suite/api.js';
import { assertNone, bodyOf, DENIED_STATUSES, ensure, isResource, label } from '../../src/suite/vocabulary/index.js';
import { policy, probe, sampleOf } from './support.js';
import { probeWrites } from './write-probes.js';

interface Cell {
  actor: string;
  role: PolicyRole;
  domain: string;
  interaction: Interaction;
  expected: 'allowed' | 'denied';
  observed: string;
  ok: boolean;
}

export const policyTests: TestDefinition[] = [
  {
    id: 'policy-matrix',
    title: 'Every cell of the access policy (role × domain × read/search) is enforced both ways',
    description:
      'For each actor of the target file whose role is in the policy, and each data domain, a read and a search of the test patient’s data (built from the search parameters FHIR R4 defines for the type and the target declares) succeed when the policy allows them, and are refused (401, 403 or 404) when it does not.',
    verifies: ['AC-POL-01'],
    inputs: ['patientId'],
    tags: ['policy'],
    async run(t) {
      const p = await policy();
      const patient = t.input('patientId');
      const cells: Cell[] = [];
      for (const domain of p.domains) {
        const sample = await sampleOf(t, p, domain, patient);
        if (!sample) {
          t.info(`no ${domain.name} data found for the test patient: its cells are not tested`);
          continue;
        }
        for (const actor of t.actors.filter((a) => a.role in p.roles && a.role !== 'anonymous')) {
          const role = actor.role as PolicyRole;
          if (role === 'patient' && actor.patient !== undefined && actor.patient !== patient) continue;
          const client = await t.as(actor.name);
          for (const interaction of ['read', 'search'] as const) {
            const expected = allows(p, role, domain.name, interaction) ? 'allowed' : 'denied';
            const res = await probe(client, interaction, sample);
            // Whether a denial discloses data is AC-POL-02's to judge (denied-read-no-data).
            const ok = expected === 'allowed' ? res.status === 200 : DENIED_STATUSES.includes(res.status);
            cells.push({
              actor: actor.name,
              role,
              domain: domain.name,
              interaction,
              expected,
              observed: String(res.status),
              ok,
            });
          }
        }
      }
      t.table({
        kind: 'access-matrix',
        title: { fr: 'Matrice d’accès (attendu / observé)', en: 'Access matrix (expected / observed)' },
        columns: [
          { fr: 'rôle', en: 'role' },
          { fr: 'domaine', en: 'domain' },
          { fr: 'interaction', en: 'interaction' },
          { fr: 'attendu', en: 'expected' },
          { fr: 'observé', en: 'observed' },
          { fr: 'résultat', en: 'result' },
        ],
        rows: cells.map((c) => [c.role, c.domain, c.interaction, c.expected, c.observed, c.ok ? 'ok' : 'VIOLATION']),
      });
      if (cells.length === 0) t.skip('no actor of the target file has a role of the policy');
      const violations = cells
        .filter((c) => !c.ok)
        .map(
          (c) =>
            `${c.role} ${c.interaction} ${c.domain}: expected ${c.expected === 'allowed' ? '200' : '401, 403 or 404'}, got ${c.observed}`,
        );
      assertNone(violations, `${violations.length} of ${cells.length} policy cells violated`);
    },
  },
  {
    id: 'denied-read-no-data',
    title: 'A denied read discloses no data in the response body',
    verifies: ['AC-POL-02'],
    inputs: ['patientId'],
    tags: ['policy'],
    async run(t) {
      const p = await policy();
      const patient = t.input('patientId');
      let checked = 0;
      for (const domain of p.domains) {
        const sample = await sampleOf(t, p, domain, patient);
        if (!sample) continue;
        for (const actor of t.actors.filter(
          (a) => a.role in p.roles && a.role !== 'anonymous' && a.role !== 'patient',
        )) {
          if (allows(p, actor.role as PolicyRole, domain.name, 'read')) continue;
          const res = (await (await t.as(actor.name)).read(sample.type, sample.id)).http;
          if (res.status === 200) continue; // a policy violation, reported by policy-matrix
          const body = bodyOf(res);
          const type = isResource(body) ? body.resourceType : undefined;
          ensure(
            type === undefined || type === 'OperationOutcome',
            `${label(res)} as ${actor.role} (denied): expected no body or an OperationOutcome, got ${res.status} with a ${type}`,
          );
          ensure(
            !res.body.includes(`"${sample.type}"`),
            `${label(res)} as ${actor.role} (denied): expected nothing of the ${sample.type}, got a body that names it`,
          );
          checked++;
        }
      }
      if (checked === 0) t.skip('the policy denies no read to an actor of the target file');
    },
  },
  {
    id: 'policy-writes',
    title: 'Writes follow the policy (role × domain × create/update) both ways; a refused write stores nothing',
    description:
      'For one actor per role and each domain with a type the target declares creatable, a harmless tagged resource is created (a synthetic Patient, a proposed Appointment without a slot naming the patient actor, a lab Observation or a MedicationDispense modelled on the test patient’s): 201 when the policy grants create, a refusal (401, 403 or 404) otherwise. A resource created by an allowed role is then PUT back with If-Match by every role: 200 when the policy grants update, a refusal (401, 403 or 404) otherwise. A search by the identifiers the denied probes carried finds nothing. A 405 (interaction not supported for the type) is recorded as n/a.',
    verifies: ['AC-POL-03'],
    inputs: ['patientId'],
    tags: ['policy', 'write'],
    async run(t) {
      const cells = await probeWrites(t, await policy());
      t.table({
        kind: 'access-matrix',
        title: {
          fr: 'Matrice d’accès en écriture (attendu / observé)',
          en: 'Write access matrix (expected / observed)',
        },
        columns: [
          { fr: 'rôle', en: 'role' },
          { fr: 'domaine', en: 'domain' },
          { fr: 'interaction', en: 'interaction' },
          { fr: 'attendu', en: 'expected' },
          { fr: 'observé', en: 'observed' },
          { fr: 'résultat', en: 'result' },
        ],
        rows: cells.map((c) => [c.role, c.domain, c.interaction, c.expected, c.observed, c.result]),
      });
      const probed = cells.filter((c) => c.result !== 'n/a');
      if (probed.length === 0) t.skip('no write cell of the policy could be probed on this target');
      const violations = probed
        .filter((c) => c.result === 'VIOLATION')
        .map(
          (c) =>
            `${c.role} ${c.interaction} ${c.domain} (${c.type}): expected ${c.expected === 'allowed' ? (c.interaction === 'create' ? '201' : '200') : '401, 403 or 404, nothing stored'}, got ${c.observed}`,
        );
      assertNone(violations, `${violations.length} of ${probed.length} write cells violated`);
    },
  },
];
