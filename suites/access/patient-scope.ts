/** AC-PAT: a patient sees their own data, never another patient's. */
import type { TestDefinition } from '../../src/suite/api.js';
import { assertStatus, ensure, label, matches, resourceOf } from '../../src/suite/vocabulary/index.js';
import { m } from './messages.js';

export const patientScopeTests: TestDefinition[] = [
  {
    id: 'patient-own-data-only',
    title: {
      en: 'A patient reads their own data and gets 403 or 404, with no data, for another patient’s',
      fr: 'Un patient lit ses propres données et reçoit 403 ou 404, sans données, pour celles d’un autre patient',
    },
    description: {
      en: 'Patient access (SMART patient scopes, DSQ policy): the patient actor reads their own Patient (200); a read of another patient’s record answers 403 or 404 without that Patient, and a search of another patient’s Observations answers 403, 404 or an empty result.',
      fr: 'Accès du patient (portées patient SMART, politique du DSQ) : l’acteur patient lit son propre Patient (200) ; la lecture du dossier d’un autre patient répond 403 ou 404 sans ce Patient, et une recherche des Observation d’un autre patient répond 403, 404 ou un résultat vide.',
    },
    verifies: ['AC-PAT-01'],
    inputs: ['otherPatientId', 'patientId'],
    tags: ['patient-scope'],
    async run(t) {
      const actor = t.actors.find((a) => a.role === 'patient') ?? t.skip(m.noPatientActor());
      const own = actor.patient ?? t.input('patientId');
      const other = t.input('otherPatientId');
      const client = await t.as(actor.name);
      const mine = await client.read('Patient', own);
      assertStatus(mine, 200, m.ownRecord({ id: own }));
      const theirs = await client.read('Patient', other);
      assertStatus(theirs, [403, 404], m.otherRecord({ id: own }));
      ensure(
        !(theirs.http.body.includes(other) && resourceOf(theirs)?.resourceType === 'Patient'),
        m.otherPatientLeaked({ request: label(theirs) }),
      );
      const search = await client.search('Observation', { patient: other });
      const leaked = matches(search.resource).length;
      ensure(
        search.status === 403 || search.status === 404 || (search.status === 200 && leaked === 0),
        m.otherSearchLeaked({ request: label(search), id: own, status: search.status, count: leaked }),
      );
    },
  },
];
