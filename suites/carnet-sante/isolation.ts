/** CS-ISO: the patient never reads nor finds another patient's data. */
import type { TestDefinition } from '../../src/suite/api.js';
import { searchEvery } from '../../src/suite/search-all.js';
import { assertNone, label, listed, matches } from '../../src/suite/vocabulary/index.js';
import { citizen, disclosure, identifyingStrings, isClientError, notOwn, patientsOf, professional } from './support.js';

export const isolationTests: TestDefinition[] = [
  {
    id: 'other-patient-not-readable',
    title: 'Reading another patient’s record or clinical data is refused (403 or 404) with none of their data',
    description:
      'As the patient actor: GET Patient/[other], GET of one of their clinical resources (found by a professional actor) and GET of their appointment answer 403 or 404, and the body is neither the resource nor carries their identifiers or names.',
    verifies: ['CS-ISO-01'],
    inputs: ['otherPatientId'],
    tags: ['isolation', 'patient'],
    async run(t) {
      const me = await citizen(t);
      const other = t.input('otherPatientId');
      if (other === me.self) t.skip(`otherPatientId is the patient actor's own patient (${other})`);
      // What the other patient's data looks like, and some of it to ask for, as a professional sees it.
      const targets: { type: string; id: string }[] = [{ type: 'Patient', id: other }];
      let identifying: string[] = [];
      const pro = professional(t);
      if (pro) {
        const client = await t.as(pro);
        const record = await client.read('Patient', other);
        if (record.status === 200 && record.resource) identifying = identifyingStrings(record.resource);
        for (const [type, params] of [
          ['Observation', { category: 'laboratory' }],
          ['MedicationDispense', {}],
          ['DiagnosticReport', {}],
        ] as const) {
          const found = await client.search(type, { patient: other, ...params, _count: 10 });
          // Only what is really theirs: a target that ignores the patient parameter must not turn the citizen's own data into a probe.
          const theirs = matches(found.resource, type).find((r) => patientsOf(r).includes(other));
          if (found.status === 200 && theirs?.id) targets.push({ type, id: theirs.id });
        }
      } else {
        t.info(
          'no professional actor in the target file: only the other patient’s record (and appointment, if given) is probed, and the bodies only for the resource itself',
        );
      }
      const appointment = t.target.testData.otherPatientAppointmentId;
      if (appointment) targets.push({ type: 'Appointment', id: appointment });
      else t.info('no testData.otherPatientAppointmentId: the other patient’s appointment was not probed');

      const problems: string[] = [];
      for (const { type, id } of targets) {
        const res = await me.client.read(type, id);
        if (res.status !== 403 && res.status !== 404)
          problems.push(`${label(res)}: expected 403 or 404, got ${res.status}`);
        const leak = disclosure(res, type, identifying);
        if (leak) problems.push(`${label(res)} (${res.status}): ${leak}`);
      }
      assertNone(
        problems,
        `as the patient Patient/${me.self}, another patient's data (Patient/${other}) was reachable`,
      );
    },
  },
  {
    id: 'other-patient-not-searchable',
    title:
      'Searches return only the patient’s own data: patient=[other] is refused or empty, and a search without patient returns only their own',
    description:
      'As the patient actor: a search of medications, laboratory, imaging and appointments with patient=[other] answers 403/404 or an empty set; the same searches without a patient parameter return only resources about the patient themself (or are refused).',
    verifies: ['CS-ISO-01'],
    inputs: ['otherPatientId'],
    tags: ['isolation', 'patient'],
    async run(t) {
      const me = await citizen(t);
      const other = t.input('otherPatientId');
      if (other === me.self) t.skip(`otherPatientId is the patient actor's own patient (${other})`);
      const kinds: [string, Record<string, string>][] = [
        ['MedicationDispense', {}],
        ['MedicationRequest', {}],
        ['Observation', { category: 'laboratory' }],
        ['DiagnosticReport', {}],
        ['Appointment', {}],
      ];
      const problems: string[] = [];
      for (const [type, params] of kinds) {
        const theirs = await searchEvery(me.client, type, { patient: other, ...params, _count: 100 });
        const status = theirs.first.status;
        // The citizen's own data coming back (a target ignoring the parameter) is no disclosure; anyone else's is.
        const leaked = notOwn(theirs.matches, me.self);
        if (status === 200 && leaked.length > 0)
          problems.push(
            `${label(theirs.first)}: expected 403/404 or an empty set, got ${leaked.length} ${type} of other patients: ${listed(leaked)}`,
          );
        else if (status !== 200 && status !== 403 && status !== 404)
          problems.push(`${label(theirs.first)}: expected 403/404 or an empty set, got ${status}`);

        const unscoped = await searchEvery(me.client, type, { ...params, _count: 100 });
        if (unscoped.first.status === 200) {
          const foreign = notOwn(unscoped.matches, me.self).filter((f) => !f.includes('names no patient'));
          if (foreign.length > 0)
            problems.push(
              `${label(unscoped.first)} (no patient parameter): expected only the patient's own data, got ${foreign.length} match(es) about other patients: ${listed(foreign)}`,
            );
        } else if (!isClientError(unscoped.first.status)) {
          problems.push(
            `${label(unscoped.first)} (no patient parameter): expected 200 with only the patient's own data, or a refusal, got ${unscoped.first.status}`,
          );
        }
      }
      assertNone(problems, `as the patient Patient/${me.self}`);
    },
  },
];
