/** AC-PAT: a patient sees their own data, never another patient's. */
import type { TestDefinition } from '../../src/suite/api.js';
import { assertStatus, ensure, label, matches, resourceOf } from '../../src/suite/vocabulary/index.js';

export const patientScopeTests: TestDefinition[] = [
  {
    id: 'patient-own-data-only',
    title: 'A patient reads their own data and gets 403 or 404, with no data, for another patient’s',
    verifies: ['AC-PAT-01'],
    inputs: ['otherPatientId', 'patientId'],
    tags: ['patient-scope'],
    async run(t) {
      const actor = t.actors.find((a) => a.role === 'patient') ?? t.skip('no patient actor in the target file');
      const own = actor.patient ?? t.input('patientId');
      const other = t.input('otherPatientId');
      const client = await t.as(actor.name);
      const mine = await client.read('Patient', own);
      assertStatus(mine, 200, `200 for the patient ${own} reading their own record`);
      const theirs = await client.read('Patient', other);
      assertStatus(theirs, [403, 404], `403 or 404 for patient ${own} reading another patient's record`);
      ensure(
        !(theirs.http.body.includes(other) && resourceOf(theirs)?.resourceType === 'Patient'),
        `${label(theirs)}: expected nothing of the other patient, got their Patient in the body`,
      );
      const search = await client.search('Observation', { patient: other });
      const leaked = matches(search.resource).length;
      ensure(
        search.status === 403 || search.status === 404 || (search.status === 200 && leaked === 0),
        `${label(search)} as patient ${own}: expected 403/404 or an empty result, got ${search.status} with ${leaked} match(es)`,
      );
    },
  },
];
