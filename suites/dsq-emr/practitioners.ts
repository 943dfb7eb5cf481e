/** dsq-emr, practitioners (EM-PRA): those named in the record resolve, conform and are found by licence number. */

import type { Practitioner } from '@medplum/fhirtypes';
import { CMQ_SYSTEM, OIIQ_SYSTEM, OPQ_SYSTEM } from '../../src/identifiers/index.js';
import type { TestDefinition } from '../../src/suite/api.js';
import { searchAll } from '../../src/suite/search-all.js';
import {
  assertNone,
  conformanceErrors,
  describeIssues,
  english,
  idDifferences,
  label,
  requireSome,
  resourceOf,
  whatCameBack,
} from '../../src/suite/vocabulary/index.js';
import type { Text } from '../../src/util/i18n.js';
import { namedPractitioners } from './record.js';
import { PAGE, PROFILE_BASE, physician, query } from './support.js';

const LICENCE_SYSTEMS: readonly string[] = [CMQ_SYSTEM, OPQ_SYSTEM, OIIQ_SYSTEM];

export const practitioners: TestDefinition[] = [
  {
    id: 'practitioners-resolve-conform-and-are-found',
    title: 'Practitioners named in the record resolve, conform to qc-practitioner and are found by licence number',
    description:
      'Each practitioner referenced by the patient’s prescriptions (requester), dispenses (performer.actor) and reports (performer, resultsInterpreter) — and the physician and nurse the target file names — is read (200), conforms to qc-practitioner with a CMQ, OPQ or OIIQ licence in its published format, and Practitioner?identifier=[system]|[licence] finds exactly that practitioner.',
    verifies: ['EM-PRA-01'],
    inputs: ['patientId'],
    tags: ['practitioner', 'identifiers', 'references'],
    async run(t) {
      const fhir = await physician(t);
      const patient = t.input('patientId');
      const record = [
        ...(await searchAll(fhir, 'MedicationRequest', { patient, _count: PAGE })),
        ...(await searchAll(fhir, 'MedicationDispense', { patient, _count: PAGE })),
        ...(await searchAll(fhir, 'DiagnosticReport', { patient, _count: PAGE })),
      ];
      const namedBy = new Map<string, string[]>();
      for (const { id, by } of record.flatMap(namedPractitioners)) namedBy.set(id, [...(namedBy.get(id) ?? []), by]);
      for (const input of ['practitionerId', 'nurseId']) {
        const id = t.target.testData[input];
        if (id !== undefined && !namedBy.has(id)) namedBy.set(id, [`testData.${input}`]);
      }
      requireSome([...namedBy.keys()], t, 'practitioner reference', 'dsq-emr');

      const problems: Text[] = [];
      for (const [id, by] of namedBy) {
        const res = await fhir.read<Practitioner>('Practitioner', id);
        const practitioner = resourceOf(res);
        if (res.status !== 200 || practitioner?.resourceType !== 'Practitioner') {
          problems.push(
            `${label(res)} (named by ${by.join(', ')}): expected 200 with a Practitioner, got ${english(whatCameBack(res))}`,
          );
          continue;
        }
        const errors = conformanceErrors(practitioner, `${PROFILE_BASE}qc-practitioner`);
        if (errors.length > 0)
          problems.push(`Practitioner/${id} does not conform to qc-practitioner: ${describeIssues(errors, 3).en}`);
        const licences = (practitioner.identifier ?? []).filter(
          (i) => LICENCE_SYSTEMS.includes(String(i.system)) && i.value,
        );
        if (licences.length === 0) problems.push(`Practitioner/${id} carries no licence number (CMQ, OPQ or OIIQ)`);
        for (const licence of licences) {
          const params = { identifier: `${licence.system}|${licence.value}` };
          problems.push(
            ...idDifferences(query('Practitioner', params), await searchAll(fhir, 'Practitioner', params), [id]),
          );
        }
      }
      assertNone(
        problems,
        `${problems.length} problem(s) with the ${namedBy.size} practitioner(s) of Patient/${patient}'s record`,
      );
    },
  },
];
