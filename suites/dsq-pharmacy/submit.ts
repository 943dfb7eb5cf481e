/** dsq-pharmacy, submission (PH-SUB): a dispense is created, an invalid one refused, a retried one created once. */
import type { OperationOutcome } from '@medplum/fhirtypes';
import { DIN_SYSTEM } from '../../src/identifiers/index.js';
import type { TestDefinition } from '../../src/suite/api.js';
import { createdIdOf, keyOf, refersTo } from '../../src/suite/references.js';
import {
  assertHeader,
  assertNone,
  assertOutcome,
  assertResource,
  assertStatus,
  ensure,
  label,
} from '../../src/suite/vocabulary/index.js';
import { dinOf, FILL_SYSTEM, newDispense, pharmacist, SUBMITTED, searchMatches } from './support.js';

/** Whether an error issue of the outcome names one of the words (in its expression, location, diagnostics or text). */
function outcomeMentions(outcome: OperationOutcome, words: readonly RegExp[]): boolean {
  return (outcome.issue ?? []).some(
    (i) =>
      (i.severity === 'error' || i.severity === 'fatal') &&
      words.some((w) =>
        w.test([...(i.expression ?? []), ...(i.location ?? []), i.diagnostics ?? '', i.details?.text ?? ''].join(' ')),
      ),
  );
}

export const submit: TestDefinition[] = [
  {
    id: 'submit-dispense',
    title: 'A conformant dispense is created (201, Location) and reads back as submitted',
    verifies: ['PH-SUB-01'],
    makes: [SUBMITTED],
    inputs: ['medicationRequestId', 'patientId', 'pharmacistId'],
    tags: ['medications', 'write'],
    async run(t) {
      const client = await pharmacist(t);
      const dispense = await newDispense(t, client);
      const res = await client.create(dispense, { headers: { prefer: 'return=representation' } });
      assertStatus(res, 201, '201 Created');
      assertHeader(
        res,
        'Location',
        (location) => keyOf(location)?.type === 'MedicationDispense',
        'naming MedicationDispense/<id>',
      );
      const id = createdIdOf(res, 'MedicationDispense') as string;
      const back = await client.read('MedicationDispense', id);
      assertStatus(back, 200, '200: the created dispense can be read');
      const stored = assertResource(back, 'MedicationDispense');
      const differences = [
        dinOf(stored) === dinOf(dispense)
          ? undefined
          : `DIN ${dinOf(stored) ?? 'none'} instead of ${dinOf(dispense) ?? 'none'}`,
        stored.quantity?.value === dispense.quantity?.value && stored.quantity?.code === dispense.quantity?.code
          ? undefined
          : `quantity ${JSON.stringify(stored.quantity)} instead of ${JSON.stringify(dispense.quantity)}`,
        refersTo(stored.subject, 'Patient', t.input('patientId'))
          ? undefined
          : `subject ${stored.subject?.reference ?? 'none'}`,
        stored.identifier?.some((i) => i.system === FILL_SYSTEM && i.value === dispense.identifier?.[0]?.value)
          ? undefined
          : 'the identifier submitted is missing',
      ].filter((d): d is string => d !== undefined);
      assertNone(differences, `${label(back)}: the stored dispense differs from the submission`);
      t.save(SUBMITTED, back.http);
    },
  },
  {
    id: 'invalid-dispense-refused',
    title: 'A dispense with an invalid DIN is refused with 400/422 and an OperationOutcome naming the problem',
    verifies: ['PH-SUB-02'],
    inputs: ['medicationRequestId', 'patientId', 'pharmacistId'],
    tags: ['medications', 'write', 'identifiers'],
    async run(t) {
      const client = await pharmacist(t);
      const dispense = await newDispense(t, client);
      const din = dinOf(dispense);
      if (din === undefined) t.skip('the model dispense has no DIN coding to break');
      // A DIN is 8 digits; dropping one is the classic leading-zero loss of spreadsheets.
      const broken = (din as string).slice(1);
      for (const c of dispense.medicationCodeableConcept?.coding ?? []) if (c.system === DIN_SYSTEM) c.code = broken;
      const res = await client.create(dispense);
      assertStatus(res, [400, 422], `400 or 422 for the DIN ${broken} (7 digits)`);
      const outcome = assertOutcome(res);
      ensure(
        outcomeMentions(outcome, [/medication/i, /\bDIN\b/i, new RegExp(broken)]),
        `${label(res)}: expected an error issue of the OperationOutcome naming the medication coding or the DIN ${broken}, got none`,
      );
      const check = await client.search('MedicationDispense', {
        identifier: `${FILL_SYSTEM}|${dispense.identifier?.[0]?.value ?? ''}`,
      });
      const stored = searchMatches(check, 'MedicationDispense');
      ensure(
        stored.length === 0,
        `${label(check)}: expected no dispense (the refused one must not be stored), got ${stored.length}`,
      );
    },
  },
  {
    id: 'conditional-create',
    title: 'Submitting the same dispense twice with If-None-Exist creates it once',
    description:
      'A pharmacy system retries after a timeout; the conditional create on the dispense’s identifier keeps the record free of duplicates. The second answer is 200 with the existing dispense.',
    verifies: ['PH-SUB-03'],
    inputs: ['medicationRequestId', 'patientId', 'pharmacistId'],
    tags: ['medications', 'write'],
    async run(t) {
      const client = await pharmacist(t);
      const dispense = await newDispense(t, client);
      const identifier = `${FILL_SYSTEM}|${dispense.identifier?.[0]?.value ?? ''}`;
      const headers = { 'if-none-exist': `identifier=${identifier}` };
      const first = await client.create(dispense, { headers });
      assertStatus(first, 201, `201 (If-None-Exist: identifier=${identifier})`);
      const second = await client.create(dispense, { headers });
      const found = await client.search('MedicationDispense', { identifier });
      const count = searchMatches(found, 'MedicationDispense').length;
      ensure(
        count === 1,
        `${label(found)}: expected 1 dispense with the identifier after two conditional creates, got ${count} (the second answered ${second.status})`,
      );
      assertStatus(second, 200, '200 for the repeated conditional create (one match)');
    },
  },
];
