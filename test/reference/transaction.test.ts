/**
 * transaction and batch on [base] (src/reference/transaction.ts): PUT keeps
 * the id (update as create), POST gets an id from the server and the
 * references to its urn:uuid are rewritten, a transaction is all or nothing
 * with an OperationOutcome naming the entry, a batch answers entry by entry;
 * with access control, only the authority role loads data.
 */
import type {
  Bundle,
  BundleEntry,
  Consent,
  MedicationDispense,
  Observation,
  OperationOutcome,
  Patient,
  Resource,
} from '@medplum/fhirtypes';
import { expect } from 'chai';
import { NAM_SYSTEM } from '../../src/identifiers/nam.js';
import { ACCESS_SEED_RESOURCES, SEED_RESOURCES } from '../../src/reference/data.js';
import { type ReferenceTarget, startReferenceTarget } from '../../src/reference/server.js';
import { call, expectOutcome, get, idsOf, post, resourceOf, withTarget } from './fhir-http.js';

const PATIENT_URN = 'urn:uuid:6f1c2a3e-0000-4000-8000-000000000001';

const patient: Patient = {
  resourceType: 'Patient',
  identifier: [{ system: NAM_SYSTEM, value: 'GIRS90010112' }],
  name: [{ family: 'Girard', given: ['Sophie'] }],
  gender: 'female',
  birthDate: '1990-01-01',
};

function glucose(subject: string): Observation {
  return {
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '2345-7', display: 'Glucose' }] },
    subject: { reference: subject },
    valueQuantity: { value: 5.2, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' },
  };
}

/** A seed dispense, as a client would send it (no id, no server meta). */
function seedDispense(): MedicationDispense {
  const seed = SEED_RESOURCES.find((r): r is MedicationDispense => r.resourceType === 'MedicationDispense');
  if (seed === undefined) throw new Error('no seed dispense');
  const { id: _id, meta: _meta, ...rest } = structuredClone(seed);
  return rest;
}

const bundle = (type: Bundle['type'], entry: BundleEntry[]): Bundle => ({ resourceType: 'Bundle', type, entry });
const postEntry = (resource: Resource, fullUrl?: string): BundleEntry => ({
  ...(fullUrl ? { fullUrl } : {}),
  resource,
  request: { method: 'POST', url: resource.resourceType },
});

const emptyTarget = (): Promise<ReferenceTarget> => startReferenceTarget({ empty: true });

describe('reference target: transaction and batch on [base]', function () {
  this.timeout(30_000);

  it('POST entries get server ids, and references to their urn:uuid become Type/id', () =>
    withTarget(emptyTarget, async (target) => {
      const res = await post<Bundle>(
        target,
        '',
        bundle('transaction', [postEntry(patient, PATIENT_URN), postEntry(glucose(PATIENT_URN))]),
      );
      const answer = resourceOf(res);
      expect(answer.type).to.equal('transaction-response');
      const [p, o] = (answer.entry ?? []).map((e) => e.response);
      expect(p?.status).to.equal('201 Created');
      expect(p?.etag).to.equal('W/"1"');
      const patientId = /^Patient\/([^/]+)\/_history\/1$/.exec(p?.location ?? '')?.[1];
      expect(patientId, p?.location).to.be.a('string');
      const observationPath = (o?.location ?? '').replace(/\/_history\/1$/, '');
      const stored = resourceOf(await get<Observation>(target, `/${observationPath}`));
      expect(stored.subject?.reference).to.equal(`Patient/${patientId ?? ''}`);
      expect(stored.meta?.versionId).to.equal('1');
      expect(idsOf((await get(target, `/Observation?patient=${patientId ?? ''}`)).body)).to.deep.equal([stored.id]);
    }));

  it('PUT keeps the id: creates when absent (201), makes a new version when present (200), revives a deleted id', () =>
    withTarget(startReferenceTarget, async (target) => {
      const put = (id: string): BundleEntry => ({
        resource: { ...patient, id },
        request: { method: 'PUT', url: `Patient/${id}` },
      });
      const before = Number(resourceOf(await get<Patient>(target, '/Patient/qc-pat-0001')).meta?.versionId);
      const answer = resourceOf(
        await post<Bundle>(
          target,
          '',
          bundle('transaction', [put('qc-pat-0001'), put('loaded-0001'), put('qc-pat-0099')]),
        ),
      );
      expect(answer.entry?.map((e) => [e.response?.status, e.response?.location])).to.deep.equal([
        ['200 OK', `Patient/qc-pat-0001/_history/${before + 1}`],
        ['201 Created', 'Patient/loaded-0001/_history/1'],
        ['201 Created', 'Patient/qc-pat-0099/_history/1'],
      ]);
      expect(resourceOf(await get<Patient>(target, '/Patient/qc-pat-0001')).name?.[0]?.family).to.equal('Girard');
      expect((await get(target, '/Patient/qc-pat-0099')).status, 'no longer gone').to.equal(200);
    }));

  it('a transaction is all or nothing: one invalid entry refuses it, naming the entry, and nothing is stored', () =>
    withTarget(emptyTarget, async (target) => {
      const broken = { ...glucose(PATIENT_URN), status: undefined } as unknown as Observation;
      const outcome = expectOutcome(
        await post(target, '', bundle('transaction', [postEntry(patient, PATIENT_URN), postEntry(broken)])),
        400,
      );
      expect(outcome.issue?.[0]?.details?.text).to.match(/^Bundle\.entry\[1\] \(POST Observation\): /);
      expect(outcome.issue?.[0]?.expression?.[0]).to.match(/^Bundle\.entry\[1\]/);
      expect(outcome.issue?.at(-1)?.details?.text).to.match(/nothing was stored/);
      expect(idsOf((await get(target, '/Patient')).body)).to.deep.equal([]);
    }));

  it('a dispense that does not conform to qc-medicationdispense refuses the transaction 422 (the profile the target enforces)', () =>
    withTarget(emptyTarget, async (target) => {
      const dispense = seedDispense();
      const noDin: MedicationDispense = {
        ...dispense,
        medicationCodeableConcept: { text: dispense.medicationCodeableConcept?.text ?? 'metformine' },
      };
      const outcome = expectOutcome(
        await post(target, '', bundle('transaction', [postEntry(dispense), postEntry(noDin)])),
        422,
      );
      expect(outcome.issue?.[0]?.details?.text).to.match(
        /^Bundle\.entry\[1\] \(POST MedicationDispense\): MedicationDispense\.medication\[x\]\.coding: minimum required/,
      );
      expect(outcome.issue?.flatMap((i) => i.expression ?? []).every((e) => e.startsWith('Bundle.entry[1]'))).to.equal(
        true,
      );
      expect(idsOf((await get(target, '/MedicationDispense')).body)).to.deep.equal([]);
    }));

  it('refuses references to a urn:uuid no entry defines, unsupported methods and mismatched urls', () =>
    withTarget(emptyTarget, async (target) => {
      const cases: [BundleEntry, RegExp][] = [
        [
          postEntry(glucose('urn:uuid:6f1c2a3e-0000-4000-8000-00000000ffff')),
          /no entry of the Bundle has it as its fullUrl/,
        ],
        [{ request: { method: 'DELETE', url: 'Patient/x' } }, /DELETE is not supported/],
        [{ request: { method: 'POST', url: 'Patient' } }, /the entry has no resource/],
        [
          { resource: patient, request: { method: 'POST', url: 'Observation' } },
          /the resource is a Patient, request.url names Observation/,
        ],
        [{ resource: { ...patient, id: 'a' }, request: { method: 'PUT', url: 'Patient/b' } }, /must be b/],
        [
          { resource: { resourceType: 'AuditEvent' } as Resource, request: { method: 'POST', url: 'AuditEvent' } },
          /cannot be stored here/,
        ],
      ];
      for (const [entry, why] of cases) {
        const outcome = expectOutcome(await post(target, '', bundle('transaction', [entry])), 400);
        expect(outcome.issue?.[0]?.details?.text, JSON.stringify(entry))
          .to.match(/^Bundle\.entry\[0\]/)
          .and.match(why);
      }
      expectOutcome(await post(target, '', { resourceType: 'Bundle', type: 'collection', entry: [] }), 400);
      expect((await call(target, '', { method: 'GET' })).status).to.equal(405);
    }));

  it('a batch answers entry by entry: the valid ones are stored, the others get their OperationOutcome', () =>
    withTarget(emptyTarget, async (target) => {
      const answer = resourceOf(
        await post<Bundle>(
          target,
          '',
          bundle('batch', [
            postEntry(patient),
            postEntry({ ...glucose('Patient/x'), code: undefined } as unknown as Observation),
          ]),
        ),
      );
      expect(answer.type).to.equal('batch-response');
      expect(answer.entry?.map((e) => e.response?.status)).to.deep.equal(['201 Created', '400 Bad Request']);
      expect(
        (answer.entry?.[1]?.response?.outcome as OperationOutcome | undefined)?.issue?.[0]?.details?.text,
      ).to.match(/^Bundle\.entry\[1\]/);
      expect(idsOf((await get(target, '/Patient')).body)).to.have.length(1);
    }));

  it('with access control, only the authority role loads data; a refusal loaded by a transaction applies at once', () =>
    withTarget(
      () => startReferenceTarget({ https: true, empty: true }),
      async (target) => {
        const {
          id: _id,
          meta: _meta,
          ...seedConsent
        } = ACCESS_SEED_RESOURCES.find((r): r is Consent => r.resourceType === 'Consent') ?? ({} as Consent);
        const consent: Consent = { ...seedConsent, patient: { reference: PATIENT_URN } };
        const load = bundle('transaction', [
          postEntry(patient, PATIENT_URN),
          postEntry(glucose(PATIENT_URN)),
          postEntry(consent),
        ]);
        expect((await post(target, '', load)).status, 'no token').to.equal(401);
        expectOutcome(await post(target, '', load, { token: 'demo-token-physician' }), 403);
        const answer = resourceOf(await post<Bundle>(target, '', load, { token: 'demo-token-authority' }));
        const patientId = /^Patient\/([^/]+)\//.exec(answer.entry?.[0]?.response?.location ?? '')?.[1] ?? '';
        const refused = expectOutcome(
          await get(target, `/Observation?patient=${patientId}`, 'demo-token-physician'),
          403,
        );
        expect(refused.issue?.[0]?.code).to.equal('suppressed');
      },
    ));
});
