/** dsq-pharmacy, references (PH-REF): the pharmacist, prescription and prescriber a medication names resolve. */
import type { Resource } from '@medplum/fhirtypes';
import type { TestDefinition } from '../../src/suite/api.js';
import { keyOf, labelOf } from '../../src/suite/references.js';
import { assertNone, type Text } from '../../src/suite/vocabulary/index.js';
import { m } from './messages.js';
import { patientMedications, pharmacist } from './support.js';

export const references: TestDefinition[] = [
  {
    id: 'references-resolve',
    title: {
      en: 'Pharmacist, prescription and prescriber references resolve',
      fr: 'Les références au pharmacien, à l’ordonnance et au prescripteur se résolvent',
    },
    description: {
      en: 'Each dispense’s performer and authorizing prescription, and each prescription’s requester, can be read.',
      fr: 'Le performer et l’ordonnance autorisante de chaque délivrance, et le requester de chaque ordonnance, peuvent être lus.',
    },
    verifies: ['PH-REF-01'],
    inputs: ['patientId'],
    tags: ['medications', 'references'],
    async run(t) {
      const client = await pharmacist(t);
      const { dispenses, requests } = await patientMedications(t, client);
      // Where a reference is (`MedicationDispense/1 performer`) → what it points to, or why it cannot be followed.
      const wanted = new Map<string, string | Text>();
      const want = (from: Resource, ref: string | undefined, role: string, types: readonly string[]): void => {
        const key = keyOf(ref);
        if (ref === undefined || ref.startsWith('#')) return;
        const where = `${labelOf(from)} ${role}`;
        if (!key || !types.includes(key.type))
          wanted.set(where, m.badReference({ where, reference: JSON.stringify(ref), types: types.join(' | ') }));
        else wanted.set(where, `${key.type}/${key.id}`);
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
      const problems: Text[] = [];
      const seen = new Map<string, number>();
      for (const [where, target] of wanted) {
        const key = typeof target === 'string' ? keyOf(target) : undefined;
        if (typeof target !== 'string' || !key) {
          problems.push(target);
          continue;
        }
        let status = seen.get(target);
        if (status === undefined) {
          status = (await client.read(key.type, key.id)).status;
          seen.set(target, status);
        }
        if (status !== 200) problems.push(m.referenceAnswered({ where, target, status }));
      }
      assertNone(problems, m.unresolved({ count: problems.length }));
    },
  },
];
