/** dsq-pharmacy, references (PH-REF): the pharmacist, prescription and prescriber a medication names resolve. */
import type { Resource } from '@medplum/fhirtypes';
import type { TestDefinition } from '../../src/suite/api.js';
import { keyOf, labelOf } from '../../src/suite/references.js';
import { assertNone } from '../../src/suite/vocabulary/index.js';
import { patientMedications, pharmacist } from './support.js';

export const references: TestDefinition[] = [
  {
    id: 'references-resolve',
    title: 'Pharmacist, prescription and prescriber references resolve',
    description:
      'Each dispense’s performer and authorizing prescription, and each prescription’s requester, can be read.',
    verifies: ['PH-REF-01'],
    inputs: ['patientId'],
    tags: ['medications', 'references'],
    async run(t) {
      const client = await pharmacist(t);
      const { dispenses, requests } = await patientMedications(t, client);
      const wanted = new Map<string, string>();
      const want = (from: Resource, ref: string | undefined, role: string, types: readonly string[]): void => {
        const key = keyOf(ref);
        if (ref === undefined || ref.startsWith('#')) return;
        if (!key || !types.includes(key.type))
          wanted.set(
            `${labelOf(from)} ${role}`,
            `malformed or unexpected reference ${JSON.stringify(ref)} (expected ${types.join(' or ')})`,
          );
        else wanted.set(`${labelOf(from)} ${role}`, `${key.type}/${key.id}`);
      };
      for (const d of dispenses) {
        for (const p of d.performer ?? []) {
          want(d, p.actor?.reference, 'performer', ['Practitioner', 'PractitionerRole', 'Organization']);
        }
        for (const p of d.authorizingPrescription ?? []) {
          want(d, p.reference, 'authorizingPrescription', ['MedicationRequest']);
        }
      }
      for (const r of requests) want(r, r.requester?.reference, 'requester', ['Practitioner', 'PractitionerRole']);
      const problems: string[] = [];
      const seen = new Map<string, number>();
      for (const [where, target] of wanted) {
        const key = keyOf(target);
        if (!key) {
          problems.push(`${where}: ${target}`);
          continue;
        }
        let status = seen.get(target);
        if (status === undefined) {
          status = (await client.read(key.type, key.id)).status;
          seen.set(target, status);
        }
        if (status !== 200) problems.push(`${where} → ${target}: GET answered ${status}`);
      }
      assertNone(problems, `${problems.length} reference(s) do not resolve`);
    },
  },
];
