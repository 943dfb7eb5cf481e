/** dsq-pharmacy, corrections (PH-UPD): version-aware correction, cancellation, and the history that keeps both. */
import type { MedicationDispense } from '@medplum/fhirtypes';
import type { TestDefinition } from '../../src/suite/api.js';
import { assertBundle, assertStatus, ensure, label, quotedValue } from '../../src/suite/vocabulary/index.js';
import { m } from './messages.js';
import { current, pharmacist, SUBMITTED, searchMatches, submitted } from './support.js';

export const update: TestDefinition[] = [
  {
    id: 'correct-with-if-match',
    title: {
      en: 'A correction with If-Match on the current version succeeds; one on a stale version is refused with 412',
      fr: 'Une correction avec If-Match sur la version actuelle réussit; une correction sur une version périmée est refusée par 412',
    },
    description: {
      en: 'The submitted dispense’s quantity is corrected with If-Match on its current ETag (200, a new version with the new quantity); an update with the old ETag is refused with 412 and changes nothing.',
      fr: 'La quantité de la délivrance soumise est corrigée avec If-Match sur son ETag actuel (200, une nouvelle version avec la nouvelle quantité); une mise à jour avec l’ancien ETag est refusée par 412 et ne change rien.',
    },
    verifies: ['PH-UPD-01'],
    uses: [SUBMITTED],
    tags: ['medications', 'write', 'versioning'],
    async run(t) {
      const client = await pharmacist(t);
      const { id, quantity } = submitted(t);
      const before = await current(client, id);
      const corrected = { ...before.resource, quantity: { ...before.resource.quantity, value: (quantity ?? 30) + 30 } };
      const res = await client.update(corrected, { headers: { 'if-match': before.etag } });
      assertStatus(res, 200, m.ifMatch({ etag: before.etag }));
      const after = await current(client, id);
      ensure(after.etag !== before.etag, m.noNewVersion({ request: label(after.res), etag: before.etag }));
      ensure(
        after.resource.quantity?.value === corrected.quantity.value,
        m.quantityNotCorrected({
          request: label(after.res),
          expected: corrected.quantity.value,
          got: quotedValue(after.resource.quantity?.value),
        }),
      );
      const stale = await client.update(
        { ...after.resource, note: [{ text: 'stale update from homolog' }] },
        { headers: { 'if-match': before.etag } },
      );
      assertStatus(stale, 412, m.staleRefused({ stale: before.etag, current: after.etag }));
      const last = await current(client, id);
      ensure(
        last.etag === after.etag,
        m.staleChanged({ request: label(last.res), expected: after.etag, got: last.etag }),
      );
    },
  },
  {
    id: 'cancel-by-status',
    title: {
      en: 'Cancelling a dispense updates its status; it then leaves the completed dispenses',
      fr: 'Annuler une délivrance met à jour son statut; elle quitte alors les délivrances complétées',
    },
    description: {
      en: 'The submitted dispense is updated to status cancelled (200); it reads back cancelled and MedicationDispense?patient&status=completed no longer lists it.',
      fr: 'La délivrance soumise est mise à jour au statut cancelled (200); relue, elle est annulée et MedicationDispense?patient&status=completed ne la liste plus.',
    },
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
      assertStatus(res, 200, m.cancelled200());
      const after = await current(client, id);
      ensure(
        after.resource.status === 'cancelled',
        m.notCancelled({ request: label(after.res), got: quotedValue(after.resource.status) }),
      );
      const completed = await client.search('MedicationDispense', {
        patient: t.input('patientId'),
        status: 'completed',
        _count: 100,
      });
      const listedAgain = searchMatches<MedicationDispense>(completed, 'MedicationDispense').some((d) => d.id === id);
      ensure(!listedAgain, m.cancelledListed({ request: label(completed), id }));
    },
  },
  {
    id: 'history-kept',
    title: {
      en: 'The dispense’s history keeps the submission, the correction and the cancellation',
      fr: 'L’historique de la délivrance garde la soumission, la correction et l’annulation',
    },
    description: {
      en: 'MedicationDispense/<id>/_history answers a history Bundle of at least 3 versions; the first version, read by vread, keeps the quantity and the status submitted.',
      fr: 'MedicationDispense/<id>/_history répond un Bundle history d’au moins 3 versions; la première version, lue par vread, garde la quantité et le statut soumis.',
    },
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
        m.tooFewVersions({ request: label(res), count: versions.length, versions: versions.join(', ') }),
      );
      if (firstVersion === undefined) t.skip(m.noFirstVersion());
      const first = await client.vread<MedicationDispense>('MedicationDispense', id, firstVersion as string);
      assertStatus(first, 200, m.firstReadable());
      ensure(
        first.resource?.quantity?.value === quantity,
        m.firstQuantity({
          request: label(first),
          expected: quotedValue(quantity),
          got: quotedValue(first.resource?.quantity?.value),
        }),
      );
      ensure(
        first.resource?.status === 'completed',
        m.firstStatus({ request: label(first), got: quotedValue(first.resource?.status) }),
      );
    },
  },
];
