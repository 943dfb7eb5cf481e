/** dsq-pharmacy, corrections (PH-UPD): version-aware correction, cancellation, and the history that keeps both. */
import type { MedicationDispense } from '@medplum/fhirtypes';
import type { TestDefinition } from '../../src/suite/api.js';
import { assertBundle, assertStatus, ensure, label, quoted } from '../../src/suite/vocabulary/index.js';
import { current, pharmacist, SUBMITTED, searchMatches, submitted } from './support.js';

export const update: TestDefinition[] = [
  {
    id: 'correct-with-if-match',
    title: 'A correction with If-Match on the current version succeeds; one on a stale version is refused with 412',
    verifies: ['PH-UPD-01'],
    uses: [SUBMITTED],
    tags: ['medications', 'write', 'versioning'],
    async run(t) {
      const client = await pharmacist(t);
      const { id, quantity } = submitted(t);
      const before = await current(client, id);
      const corrected = { ...before.resource, quantity: { ...before.resource.quantity, value: (quantity ?? 30) + 30 } };
      const res = await client.update(corrected, { headers: { 'if-match': before.etag } });
      assertStatus(res, 200, `200 (If-Match: ${before.etag})`);
      const after = await current(client, id);
      ensure(
        after.etag !== before.etag,
        `${label(after.res)}: expected a new version after the update, got the ETag ${before.etag} still`,
      );
      ensure(
        after.resource.quantity?.value === corrected.quantity.value,
        `${label(after.res)}: expected the corrected quantity ${corrected.quantity.value}, got ${quoted(after.resource.quantity?.value)}`,
      );
      const stale = await client.update(
        { ...after.resource, note: [{ text: 'stale update from homolog' }] },
        { headers: { 'if-match': before.etag } },
      );
      assertStatus(stale, 412, `412 Precondition Failed for the stale If-Match ${before.etag} (current ${after.etag})`);
      const last = await current(client, id);
      ensure(
        last.etag === after.etag,
        `${label(last.res)}: expected the ETag ${after.etag} still (the stale update must change nothing), got ${last.etag}`,
      );
    },
  },
  {
    id: 'cancel-by-status',
    title: 'Cancelling a dispense updates its status; it then leaves the completed dispenses',
    verifies: ['PH-UPD-02'],
    uses: [SUBMITTED],
    inputs: ['patientId'],
    tags: ['medications', 'write'],
    async run(t) {
      const client = await pharmacist(t);
      const { id } = submitted(t);
      const before = await current(client, id);
      const res = await client.update(
        { ...before.resource, status: 'cancelled' },
        { headers: { 'if-match': before.etag } },
      );
      assertStatus(res, 200, '200 (status cancelled)');
      const after = await current(client, id);
      ensure(
        after.resource.status === 'cancelled',
        `${label(after.res)}: expected status "cancelled" after the cancellation, got ${quoted(after.resource.status)}`,
      );
      const completed = await client.search('MedicationDispense', {
        patient: t.input('patientId'),
        status: 'completed',
        _count: 100,
      });
      const listedAgain = searchMatches<MedicationDispense>(completed, 'MedicationDispense').some((d) => d.id === id);
      ensure(
        !listedAgain,
        `${label(completed)}: expected the cancelled MedicationDispense/${id} left out, got it listed as completed`,
      );
    },
  },
  {
    id: 'history-kept',
    title: 'The dispense’s history keeps the submission, the correction and the cancellation',
    verifies: ['PH-UPD-03'],
    uses: [SUBMITTED],
    tags: ['medications', 'versioning'],
    async run(t) {
      const client = await pharmacist(t);
      const { id, firstVersion, quantity } = submitted(t);
      const res = await client.history('MedicationDispense', id);
      assertStatus(res, 200);
      const versions = assertBundle(res, 'history')
        .entries<MedicationDispense>('MedicationDispense')
        .map((d) => d.meta?.versionId);
      ensure(
        new Set(versions).size >= 3,
        `${label(res)}: expected at least 3 versions (submitted, corrected, cancelled), got ${versions.length}: ${versions.join(', ')}`,
      );
      if (firstVersion === undefined) t.skip('the submitted dispense had no meta.versionId to read back');
      const first = await client.vread<MedicationDispense>('MedicationDispense', id, firstVersion as string);
      assertStatus(first, 200, '200: the first version can be read');
      ensure(
        first.resource?.quantity?.value === quantity,
        `${label(first)}: expected the first version’s quantity ${quoted(quantity)}, got ${quoted(first.resource?.quantity?.value)}`,
      );
      ensure(
        first.resource?.status === 'completed',
        `${label(first)}: expected the first version’s status "completed", got ${quoted(first.resource?.status)}`,
      );
    },
  },
];
