/**
 * AC-POL: the role-by-domain policy (policy.yaml), tested cell by cell both
 * ways: reads and searches, a denial that discloses nothing, and writes.
 */
import { allows, type Interaction, type PolicyRole } from '../../src/access/policy.js';
import type { TestDefinition } from '../../src/suite/api.js';
import { assertNone, bodyOf, DENIED_STATUSES, ensure, isResource, label } from '../../src/suite/vocabulary/index.js';
import { m } from './messages.js';
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
  /** The exchange of the probe, for the report to link the cell to its evidence. */
  exchange: string;
}

/**
 * The columns of both policy tables. Rows hold codes the report maps:
 * expected allowed/denied, result ok/VIOLATION/n/a, observed a status
 * (`(stored)` appended when a refused write was stored), then the
 * exchange id(s) of the cell, space-separated.
 */
const MATRIX_COLUMNS = [
  { fr: 'rôle', en: 'role' },
  { fr: 'domaine', en: 'domain' },
  { fr: 'interaction', en: 'interaction' },
  { fr: 'attendu', en: 'expected' },
  { fr: 'observé', en: 'observed' },
  { fr: 'résultat', en: 'result' },
  { fr: 'échanges', en: 'exchanges' },
];

/** A row of a policy table: the cell, what was observed, the result, the exchanges that show it. */
function matrixRow(
  cell: Pick<Cell, 'role' | 'domain' | 'interaction' | 'expected'>,
  observed: string,
  result: string,
  exchanges: readonly string[],
): string[] {
  return [cell.role, cell.domain, cell.interaction, cell.expected, observed, result, exchanges.join(' ')];
}

export const policyTests: TestDefinition[] = [
  {
    id: 'policy-matrix',
    title: {
      en: 'Every cell of the access policy (role × domain × read/search) is enforced both ways',
      fr: 'Chaque cellule de la politique d’accès (rôle × domaine × lecture/recherche) est appliquée dans les deux sens',
    },
    description: {
      en: 'For each actor of the target file whose role is in the policy, and each data domain, a read and a search of the test patient’s data (built from the search parameters FHIR R4 defines for the type and the target declares) succeed when the policy allows them, and are refused (401, 403 or 404) when it does not.',
      fr: 'Pour chaque acteur du fichier de cible dont le rôle figure dans la politique, et pour chaque domaine de données, une lecture et une recherche des données du patient de test (construites avec les paramètres de recherche que FHIR R4 définit pour le type et que la cible déclare) réussissent quand la politique les permet, et sont refusées (401, 403 ou 404) sinon.',
    },
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
          t.info(m.noDomainData({ domain: domain.name }));
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
              exchange: res.exchangeId,
            });
          }
        }
      }
      t.table({
        kind: 'access-matrix',
        title: { fr: 'Matrice d’accès (attendu / observé)', en: 'Access matrix (expected / observed)' },
        columns: MATRIX_COLUMNS,
        rows: cells.map((c) => matrixRow(c, c.observed, c.ok ? 'ok' : 'VIOLATION', [c.exchange])),
      });
      if (cells.length === 0) t.skip(m.noPolicyActor());
      const violations = cells
        .filter((c) => !c.ok)
        .map((c) =>
          m.cellViolated({
            role: c.role,
            interaction: c.interaction,
            domain: c.domain,
            expected: c.expected === 'allowed' ? '200' : m.refusal(),
            observed: c.observed,
          }),
        );
      assertNone(violations, m.cellsViolated({ count: violations.length, total: cells.length }));
    },
  },
  {
    id: 'denied-read-no-data',
    title: {
      en: 'A denied read discloses no data in the response body',
      fr: 'Une lecture refusée ne divulgue aucune donnée dans le corps de la réponse',
    },
    description: {
      en: 'For each professional actor and each domain the policy denies it, a read of the test patient’s sample resource that is refused carries no body or an OperationOutcome, and nothing that names the resource type (FHIR R4 security.html).',
      fr: 'Pour chaque acteur professionnel et chaque domaine que la politique lui refuse, une lecture refusée de la ressource témoin du patient de test ne porte aucun corps ou un OperationOutcome, et rien qui nomme le type de la ressource (FHIR R4 security.html).',
    },
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
            m.deniedBody({ request: label(res), role: actor.role, status: res.status, type: type ?? '?' }),
          );
          ensure(
            !res.body.includes(`"${sample.type}"`),
            m.deniedNamesType({ request: label(res), role: actor.role, type: sample.type }),
          );
          checked++;
        }
      }
      if (checked === 0) t.skip(m.noDeniedRead());
    },
  },
  {
    id: 'policy-writes',
    title: {
      en: 'Writes follow the policy (role × domain × create/update) both ways; a refused write stores nothing',
      fr: 'Les écritures suivent la politique (rôle × domaine × création/mise à jour) dans les deux sens ; une écriture refusée n’enregistre rien',
    },
    description: {
      en: 'For one actor per role and each domain with a type the target declares creatable, a harmless tagged resource is created (a synthetic Patient, a proposed Appointment without a slot naming the patient actor, a lab Observation or a MedicationDispense modelled on the test patient’s): 201 when the policy grants create, a refusal (401, 403 or 404) otherwise. A resource created by an allowed role is then PUT back with If-Match by every role: 200 when the policy grants update, a refusal (401, 403 or 404) otherwise. A search by the identifiers the denied probes carried finds nothing. A 405 (interaction not supported for the type) is recorded as n/a.',
      fr: 'Pour un acteur par rôle et chaque domaine ayant un type que la cible déclare créable, une ressource inoffensive et marquée est créée (un Patient synthétique, un Appointment proposé sans créneau qui nomme l’acteur patient, une Observation de laboratoire ou une MedicationDispense calquée sur celles du patient de test) : 201 quand la politique accorde la création, un refus (401, 403 ou 404) sinon. Une ressource créée par un rôle autorisé est ensuite renvoyée par PUT avec If-Match par chaque rôle : 200 quand la politique accorde la mise à jour, un refus (401, 403 ou 404) sinon. Une recherche par les identifiants que portaient les sondes refusées ne trouve rien. Un 405 (interaction non prise en charge pour le type) est noté n/a.',
    },
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
        columns: MATRIX_COLUMNS,
        // `(stored)`: a code of the table, for the report to show.
        rows: cells.map((c) => matrixRow(c, c.stored ? `${c.observed} (stored)` : c.observed, c.result, c.exchanges)),
      });
      const probed = cells.filter((c) => c.result !== 'n/a');
      if (probed.length === 0) t.skip(m.noWriteCell());
      const violations = probed
        .filter((c) => c.result === 'VIOLATION')
        .map((c) =>
          m.writeCellViolated({
            role: c.role,
            interaction: c.interaction,
            domain: c.domain,
            type: c.type,
            expected:
              c.expected === 'allowed' ? (c.interaction === 'create' ? '201' : '200') : m.refusalNothingStored(),
            observed: c.stored ? m.storedAnyway({ observed: c.observed }) : c.observed,
          }),
        );
      assertNone(violations, m.writeCellsViolated({ count: violations.length, total: probed.length }));
    },
  },
];
