/**
 * The reference target's writes (plain mode): create with the Québec
 * dispense profile enforced, conditional create, update with If-Match,
 * history, and the dsq-pharmacy faults that break each of them.
 */
import type { Bundle, CapabilityStatement, MedicationDispense, Patient } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { QC_SYSTEMS, REFERENCE_TEST_DATA, SEED_RESOURCES } from '../../src/reference/data.js';
import { type ReferenceTarget, startReferenceTarget } from '../../src/reference/server.js';
import { baseR4Validator } from '../../src/validation/setup.js';
import { call, expectOutcome, get, idsOf, post, put, resourceOf, withTarget } from './fhir-http.js';

const RX_SYSTEM = 'https://fhir.quebec.ca/NamingSystem/pharmacy-rx';
const PATIENT = REFERENCE_TEST_DATA.patientId;
const SEED_DISPENSE = SEED_RESOURCES.find(
  (r) => r.id === REFERENCE_TEST_DATA.medicationDispenseId,
) as MedicationDispense;

/** A new dispense of the test patient, conforming to qc-medicationdispense, with its own prescription number. */
function newDispense(rx: string): MedicationDispense {
  const { id: _id, meta, ...rest } = structuredClone(SEED_DISPENSE);
  return {
    ...rest,
    meta: { profile: meta?.profile ?? [] },
    identifier: [{ system: RX_SYSTEM, value: rx }],
    whenHandedOver: '2024-05-02T10:00:00-04:00',
  };
}

function dinOf(dispense: MedicationDispense | undefined): string | undefined {
  return dispense?.medicationCodeableConcept?.coding?.find((c) => c.system === QC_SYSTEMS.din)?.code;
}

/** Gives the dispense a 7-digit code (not a DIN) in its DIN coding; a dispense without one fails the test instead of skipping the fault. */
function breakDin(dispense: MedicationDispense): void {
  const coding = dispense.medicationCodeableConcept?.coding?.find((c) => c.system === QC_SYSTEMS.din);
  if (!coding) throw new Error('the seed dispense has no DIN coding to break');
  coding.code = '2242974';
}

function start(faults: string[] = []): () => Promise<ReferenceTarget> {
  return () => startReferenceTarget({ faults });
}

async function created(target: ReferenceTarget, dispense: MedicationDispense): Promise<MedicationDispense> {
  return resourceOf(await post<MedicationDispense>(target, '/MedicationDispense', dispense), 201);
}

async function dispensesWithRx(target: ReferenceTarget, rx: string): Promise<string[]> {
  const found = await get<Bundle>(target, `/MedicationDispense?identifier=${encodeURIComponent(`${RX_SYSTEM}|${rx}`)}`);
  expect(found.status, found.text).to.equal(200);
  return idsOf(found.body);
}

describe('reference target: writes', () => {
  describe('create (POST)', () => {
    it('creates a conforming dispense: 201, Location of version 1, read back as sent (PH-SUB-01)', () =>
      withTarget(start(), async (target) => {
        const answer = await post<MedicationDispense>(target, '/MedicationDispense', newDispense('RX-1001'));
        const dispense = resourceOf(answer, 201);
        expect(dispense.meta?.versionId).to.equal('1');
        expect(answer.headers.get('location')).to.equal(
          `${target.baseUrl}/MedicationDispense/${dispense.id ?? ''}/_history/1`,
        );
        expect(answer.headers.get('etag')).to.equal('W/"1"');
        const read = resourceOf(await get<MedicationDispense>(target, `/MedicationDispense/${dispense.id ?? ''}`));
        expect(dinOf(read)).to.equal(dinOf(SEED_DISPENSE)).and.to.not.equal(undefined);
        expect(read.identifier?.[0]?.value).to.equal('RX-1001');
      }));

    it('dispense-create-drops-din: the stored dispense has lost its DIN, its text stays', () =>
      withTarget(start(['dispense-create-drops-din']), async (target) => {
        const dispense = await created(target, newDispense('RX-1002'));
        const read = resourceOf(await get<MedicationDispense>(target, `/MedicationDispense/${dispense.id ?? ''}`));
        expect(dinOf(read)).to.equal(undefined);
        expect(read.medicationCodeableConcept?.text).to.equal(SEED_DISPENSE.medicationCodeableConcept?.text);
      }));

    it('refuses a dispense that breaks qc-medicationdispense with 422, issues naming the element, nothing stored (PH-SUB-02)', () =>
      withTarget(start(), async (target) => {
        const bad = newDispense('RX-1003');
        breakDin(bad);
        const outcome = expectOutcome(await post(target, '/MedicationDispense', bad), 422);
        for (const issue of outcome.issue ?? []) {
          expect(issue.expression?.[0], JSON.stringify(issue))
            .to.be.a('string')
            .and.match(/^MedicationDispense\./);
          expect(issue.diagnostics, JSON.stringify(issue)).to.be.a('string').and.not.equal('');
        }
        expect(
          outcome.issue?.some((i) => (i.expression?.[0] ?? '').startsWith('MedicationDispense.medication')),
        ).to.equal(true);
        expect(await dispensesWithRx(target, 'RX-1003')).to.deep.equal([]);
      }));

    it('dispense-profile-not-enforced: the same dispense is accepted with 201', () =>
      withTarget(start(['dispense-profile-not-enforced']), async (target) => {
        const bad = newDispense('RX-1004');
        breakDin(bad);
        await created(target, bad);
      }));

    it('still refuses a structurally invalid resource with 400', () =>
      withTarget(start(), async (target) => {
        expectOutcome(await post(target, '/MedicationDispense', { ...newDispense('RX-1005'), status: 42 }), 400);
        expectOutcome(await post(target, '/MedicationDispense', { resourceType: 'Patient' }), 400);
      }));
  });

  describe('conditional create (If-None-Exist)', () => {
    const condition = `identifier=${encodeURIComponent(`${RX_SYSTEM}|RX-2001`)}`;

    it('creates on no match, answers 200 with the existing resource on one match, nothing duplicated (PH-SUB-03)', () =>
      withTarget(start(), async (target) => {
        const first = await post<MedicationDispense>(target, '/MedicationDispense', newDispense('RX-2001'), {
          headers: { 'if-none-exist': condition },
        });
        const dispense = resourceOf(first, 201);
        const again = await post<MedicationDispense>(target, '/MedicationDispense', newDispense('RX-2001'), {
          headers: { 'if-none-exist': condition },
        });
        expect(resourceOf(again).id).to.equal(dispense.id);
        expect(again.headers.get('location')).to.equal(first.headers.get('location'));
        expect(again.headers.get('etag')).to.equal('W/"1"');
        expect(await dispensesWithRx(target, 'RX-2001')).to.deep.equal([dispense.id]);
      }));

    it('answers 412 when the condition matches several resources, and creates nothing', () =>
      withTarget(start(), async (target) => {
        const before = (await get<Bundle>(target, `/MedicationDispense?patient=${PATIENT}`)).body?.total ?? 0;
        expect(before).to.be.greaterThan(1);
        const answer = await post(target, '/MedicationDispense', newDispense('RX-2002'), {
          headers: { 'if-none-exist': `patient=${PATIENT}` },
        });
        expectOutcome(answer, 412);
        expect((await get<Bundle>(target, `/MedicationDispense?patient=${PATIENT}`)).body?.total).to.equal(before);
      }));

    it('refuses a condition with an unknown or malformed parameter (400) rather than widen it', () =>
      withTarget(start(), async (target) => {
        expectOutcome(
          await post(target, '/MedicationDispense', newDispense('RX-2004'), {
            headers: { 'if-none-exist': 'no-such-param=1' },
          }),
          400,
        );
        expectOutcome(
          await post(target, '/MedicationDispense', newDispense('RX-2004'), {
            headers: { 'if-none-exist': 'whenhandedover=not-a-date' },
          }),
          400,
        );
        expect(await dispensesWithRx(target, 'RX-2004')).to.deep.equal([]);
      }));

    it('decides concurrent conditional creates one after the other: one resource', () =>
      withTarget(start(), async (target) => {
        const cond = `identifier=${encodeURIComponent(`${RX_SYSTEM}|RX-2003`)}`;
        const answers = await Promise.all(
          [1, 2, 3].map(() =>
            post(target, '/MedicationDispense', newDispense('RX-2003'), { headers: { 'if-none-exist': cond } }),
          ),
        );
        expect(answers.map((a) => a.status).sort()).to.deep.equal([200, 200, 201]);
        expect(await dispensesWithRx(target, 'RX-2003')).to.have.length(1);
      }));

    it('conditional-create-ignored: a repeated conditional create duplicates', () =>
      withTarget(start(['conditional-create-ignored']), async (target) => {
        for (let i = 0; i < 2; i++) {
          resourceOf(
            await post(target, '/MedicationDispense', newDispense('RX-2001'), {
              headers: { 'if-none-exist': condition },
            }),
            201,
          );
        }
        expect(await dispensesWithRx(target, 'RX-2001')).to.have.length(2);
      }));
  });

  describe('update (PUT)', () => {
    async function createdAndRead(target: ReferenceTarget, rx: string): Promise<MedicationDispense> {
      return created(target, newDispense(rx));
    }

    it('stores a new version with If-Match: 200, ETag, Last-Modified; a stale If-Match is refused 412 (PH-UPD-01)', () =>
      withTarget(start(), async (target) => {
        const dispense = await createdAndRead(target, 'RX-3001');
        const path = `/MedicationDispense/${dispense.id ?? ''}`;
        const corrected = { ...dispense, quantity: { ...dispense.quantity, value: 30 } };
        const answer = await put<MedicationDispense>(target, path, corrected, { headers: { 'if-match': 'W/"1"' } });
        const v2 = resourceOf(answer);
        expect(v2.meta?.versionId).to.equal('2');
        expect(v2.quantity?.value).to.equal(30);
        expect(answer.headers.get('etag')).to.equal('W/"2"');
        expect(answer.headers.get('last-modified')).to.equal(new Date(v2.meta?.lastUpdated ?? '').toUTCString());
        // The strong form of the current version is accepted too.
        resourceOf(
          await put(target, path, { ...corrected, note: [{ text: 'Corrigé' }] }, { headers: { 'if-match': '"2"' } }),
        );
        const stale = expectOutcome(await put(target, path, corrected, { headers: { 'if-match': 'W/"1"' } }), 412);
        expect(stale.issue?.[0]?.details?.text).to.match(/W\/"3"/);
        expect(resourceOf(await get<MedicationDispense>(target, path)).meta?.versionId).to.equal('3');
      }));

    it('if-match-ignored: a stale If-Match is accepted', () =>
      withTarget(start(['if-match-ignored']), async (target) => {
        const dispense = await createdAndRead(target, 'RX-3002');
        const path = `/MedicationDispense/${dispense.id ?? ''}`;
        resourceOf(await put(target, path, dispense, { headers: { 'if-match': 'W/"1"' } }));
        expect(
          resourceOf(await put<MedicationDispense>(target, path, dispense, { headers: { 'if-match': 'W/"1"' } })).meta
            ?.versionId,
        ).to.equal('3');
      }));

    it('cancels a dispense by status update: absent from status=completed afterwards (PH-UPD-02)', () =>
      withTarget(start(), async (target) => {
        const dispense = await createdAndRead(target, 'RX-3003');
        resourceOf(await put(target, `/MedicationDispense/${dispense.id ?? ''}`, { ...dispense, status: 'cancelled' }));
        const completed = await get<Bundle>(
          target,
          `/MedicationDispense?patient=${PATIENT}&status=completed&_count=100`,
        );
        expect(idsOf(completed.body)).to.not.include(dispense.id);
        expect(
          resourceOf(await get<MedicationDispense>(target, `/MedicationDispense/${dispense.id ?? ''}`)).status,
        ).to.equal('cancelled');
      }));

    it('dispense-status-update-ignored: the update answers 200 but the status stays', () =>
      withTarget(start(['dispense-status-update-ignored']), async (target) => {
        const dispense = await createdAndRead(target, 'RX-3004');
        const answer = await put<MedicationDispense>(target, `/MedicationDispense/${dispense.id ?? ''}`, {
          ...dispense,
          status: 'cancelled',
        });
        expect(resourceOf(answer).meta?.versionId).to.equal('2');
        expect(
          resourceOf(await get<MedicationDispense>(target, `/MedicationDispense/${dispense.id ?? ''}`)).status,
        ).to.equal('completed');
      }));

    it('refuses a body whose id or type differs from the URL (400), an unknown id (404), a type not updatable (405), a nonconforming dispense (422)', () =>
      withTarget(start(), async (target) => {
        const dispense = await createdAndRead(target, 'RX-3005');
        const path = `/MedicationDispense/${dispense.id ?? ''}`;
        expectOutcome(await put(target, path, { ...dispense, id: 'another-id' }), 400);
        const { id: _id, ...withoutId } = dispense;
        expectOutcome(await put(target, path, withoutId), 400);
        expectOutcome(await put(target, path, { ...dispense, resourceType: 'MedicationRequest' }), 400);
        expectOutcome(await put(target, path, 'not json'), 400);
        expectOutcome(
          await put(target, '/MedicationDispense/no-such-dispense', { ...dispense, id: 'no-such-dispense' }),
          404,
        );
        const patient = resourceOf(await get<Patient>(target, `/Patient/${PATIENT}`));
        const refused = await put(target, `/Patient/${PATIENT}`, patient);
        expectOutcome(refused, 405);
        expect(refused.headers.get('allow')).to.equal('GET');
        breakDin(dispense);
        expectOutcome(await put(target, path, dispense), 422);
        expect(resourceOf(await get<MedicationDispense>(target, path)).meta?.versionId).to.equal('1');
        expect((await call(target, path, { method: 'DELETE' })).headers.get('allow')).to.equal('GET, PUT');
      }));
  });

  describe('history', () => {
    it('lists every version newest first, each with request and response; vread reads the old ones (PH-UPD-03)', () =>
      withTarget(start(), async (target) => {
        const dispense = await created(target, newDispense('RX-4001'));
        const path = `/MedicationDispense/${dispense.id ?? ''}`;
        resourceOf(await put(target, path, { ...dispense, quantity: { ...dispense.quantity, value: 30 } }));
        resourceOf(await put(target, path, { ...dispense, status: 'cancelled' }));
        // Read twice: the engine's history must not depend on how often it was asked.
        await get(target, `${path}/_history`);
        const answer = await get<Bundle>(target, `${path}/_history`);
        const bundle = resourceOf(answer);
        expect(bundle.type).to.equal('history');
        expect(bundle.total).to.equal(3);
        expect((bundle.entry ?? []).map((e) => e.resource?.meta?.versionId)).to.deep.equal(['3', '2', '1']);
        const [newest, , oldest] = bundle.entry ?? [];
        expect(newest?.fullUrl).to.equal(`${target.baseUrl}${path}`);
        expect(newest?.request).to.deep.equal({ method: 'PUT', url: path.slice(1) });
        expect(newest?.response?.etag).to.equal('W/"3"');
        expect(newest?.response?.status).to.match(/^200/);
        expect(newest?.response?.lastModified).to.equal(newest?.resource?.meta?.lastUpdated);
        expect(oldest?.request).to.deep.equal({ method: 'POST', url: 'MedicationDispense' });
        expect(oldest?.response?.status).to.match(/^201/);
        expect((newest?.resource as MedicationDispense | undefined)?.status).to.equal('cancelled');
        expect(
          baseR4Validator()
            .validate(bundle)
            .filter((i) => i.severity === 'error'),
        ).to.deep.equal([]);
        const v1 = resourceOf(await get<MedicationDispense>(target, `${path}/_history/1`));
        expect(v1.status).to.equal('completed');
      }));

    it('answers 404 for an unknown resource and 410 for a deleted one', () =>
      withTarget(start(), async (target) => {
        expectOutcome(await get(target, '/MedicationDispense/no-such-dispense/_history'), 404);
        expectOutcome(await get(target, `/Patient/${REFERENCE_TEST_DATA.deletedPatientId}/_history`), 410);
        expectOutcome(await call(target, `/Patient/${PATIENT}/_history`, { method: 'POST', body: {} }), 405);
      }));

    it('history-not-kept: only the current version is listed, vread of the former still works', () =>
      withTarget(start(['history-not-kept']), async (target) => {
        const dispense = await created(target, newDispense('RX-4002'));
        const path = `/MedicationDispense/${dispense.id ?? ''}`;
        resourceOf(await put(target, path, { ...dispense, status: 'cancelled' }));
        const bundle = resourceOf(await get<Bundle>(target, `${path}/_history`));
        expect((bundle.entry ?? []).map((e) => e.resource?.meta?.versionId)).to.deep.equal(['2']);
        resourceOf(await get(target, `${path}/_history/1`));
      }));
  });

  describe('CapabilityStatement', () => {
    it('declares create, conditional create, update, history and vread where the target does them, and stays valid R4', () =>
      withTarget(start(), async (target) => {
        const cs = resourceOf(await get<CapabilityStatement>(target, '/metadata'));
        const resources = cs.rest?.[0]?.resource ?? [];
        const of = (type: string): string[] =>
          (resources.find((r) => r.type === type)?.interaction ?? []).map((i) => i.code ?? '');
        expect(of('MedicationDispense')).to.include.members([
          'read',
          'vread',
          'history-instance',
          'search-type',
          'create',
          'update',
        ]);
        expect(of('Appointment')).to.include.members(['create', 'update']);
        expect(of('Slot')).to.include.members(['read', 'search-type']).and.not.include('update');
        expect(of('Patient')).to.include('create').and.not.include('update');
        expect(resources.find((r) => r.type === 'MedicationDispense')?.conditionalCreate).to.equal(true);
        expect(resources.find((r) => r.type === 'Slot')?.conditionalCreate).to.equal(undefined);
        expect(
          baseR4Validator()
            .validate(cs)
            .filter((i) => i.severity === 'error'),
        ).to.deep.equal([]);
      }));
  });
});
