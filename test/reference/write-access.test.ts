/**
 * Access control of the reference target's writes and of the DSQ policy
 * faults (secured mode, static demo tokens): who may create and update
 * medications, the audit of updates, and the faults that bend one cell of
 * the policy (a patient refused their own data, the nurse let into imaging).
 */
import type { AuditEvent, Bundle, MedicationDispense } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { REFERENCE_TEST_DATA, SEED_RESOURCES } from '../../src/reference/data.js';
import { type ReferenceTarget, startReferenceTarget } from '../../src/reference/server.js';
import { expectOutcome, get, idsOf, post, put, resourceOf, withTarget } from './fhir-http.js';

const D = REFERENCE_TEST_DATA;
const RX_SYSTEM = 'https://fhir.quebec.ca/NamingSystem/pharmacy-rx';
const PHARMACIST = 'demo-token-pharmacist';
const PHYSICIAN = 'demo-token-physician';
const NURSE = 'demo-token-nurse';
const PATIENT = 'demo-token-patient';

function secured(faults: string[] = []): () => Promise<ReferenceTarget> {
  return () => startReferenceTarget({ https: true, faults });
}

function newDispense(rx: string, patientId: string = D.patientId): MedicationDispense {
  const seed = SEED_RESOURCES.find((r) => r.id === D.medicationDispenseId) as MedicationDispense;
  const { id: _id, meta, ...rest } = structuredClone(seed);
  return {
    ...rest,
    meta: { profile: meta?.profile ?? [] },
    subject: { reference: `Patient/${patientId}` },
    identifier: [{ system: RX_SYSTEM, value: rx }],
  };
}

async function auditOf(target: ReferenceTarget, resource: string): Promise<AuditEvent[]> {
  const res = await get<Bundle>(target, `/AuditEvent?_count=100`, 'demo-token-authority');
  const events = (res.body?.entry ?? []).map((e) => e.resource as AuditEvent);
  return events.filter((e) => (e.entity ?? []).some((x) => x.what?.reference === resource));
}

describe('reference target: access to writes (secured)', () => {
  it('the pharmacist creates and updates dispenses; each is audited (C, U)', () =>
    withTarget(secured(), async (target) => {
      const created = await post<MedicationDispense>(target, '/MedicationDispense', newDispense('RX-9001'), {
        token: PHARMACIST,
      });
      const dispense = resourceOf(created, 201);
      const ref = `MedicationDispense/${dispense.id ?? ''}`;
      resourceOf(
        await put(
          target,
          `/${ref}`,
          { ...dispense, status: 'cancelled' },
          { token: PHARMACIST, headers: { 'if-match': 'W/"1"' } },
        ),
      );
      resourceOf(await get(target, `/${ref}/_history`, PHARMACIST));
      const events = await auditOf(target, ref);
      const summary = events.map((e) => `${e.subtype?.[0]?.code ?? ''} ${e.action ?? ''} ${e.outcome ?? ''}`);
      expect(summary).to.include.members(['create C 0', 'update U 0', 'history-instance R 0']);
      const update = events.find((e) => e.action === 'U');
      expect((update?.entity ?? []).map((x) => x.what?.reference)).to.include(`Patient/${D.patientId}`);
    }));

  it('roles without the update (or create) cell are refused 403, and the refusal is audited', () =>
    withTarget(secured(), async (target) => {
      const dispense = resourceOf(
        await get<MedicationDispense>(target, `/MedicationDispense/${D.medicationDispenseId}`, PHARMACIST),
      );
      const path = `/MedicationDispense/${D.medicationDispenseId}`;
      expectOutcome(await put(target, path, { ...dispense, status: 'cancelled' }, { token: PHYSICIAN }), 403);
      expectOutcome(await put(target, path, { ...dispense, status: 'cancelled' }, { token: NURSE }), 403);
      expectOutcome(await put(target, path, { ...dispense, status: 'cancelled' }, { token: PATIENT }), 403);
      expectOutcome(await post(target, '/MedicationDispense', newDispense('RX-9002'), { token: NURSE }), 403);
      expectOutcome(await post(target, '/MedicationDispense', newDispense('RX-9003'), { token: PATIENT }), 403);
      expectOutcome(await put(target, path, { ...dispense, status: 'cancelled' }), 401);
      // What the target never writes is a 405 whoever asks.
      const slot = resourceOf(await get(target, '/Slot/qc-slot-0002', PATIENT));
      expectOutcome(await put(target, '/Slot/qc-slot-0002', { ...slot, status: 'busy' }, { token: PATIENT }), 405);
      expect(resourceOf(await get<MedicationDispense>(target, path, PHARMACIST)).status).to.equal('completed');
      const refused = (await auditOf(target, `MedicationDispense/${D.medicationDispenseId}`)).filter(
        (e) => e.action === 'U',
      );
      expect(refused.map((e) => e.outcome)).to.deep.equal(['4', '4', '4', '4']);
    }));

  it("a conditional create sees only what the client may search: a patient cannot learn of another patient's appointment", () =>
    withTarget(secured(), async (target) => {
      const slot = resourceOf(await get(target, '/Slot/qc-slot-0005', PATIENT)) as { start?: string; end?: string };
      const appointment = {
        resourceType: 'Appointment',
        status: 'booked',
        start: slot.start,
        end: slot.end,
        slot: [{ reference: 'Slot/qc-slot-0005' }],
        participant: [{ actor: { reference: `Patient/${D.patientId}` }, status: 'accepted' }],
      };
      // qc-appt-0001 (another patient's) is the only booked appointment: invisible to this patient, so this creates.
      const answer = await post(target, '/Appointment', appointment, {
        token: PATIENT,
        headers: { 'if-none-exist': 'status=booked' },
      });
      expect(answer.status, answer.text).to.equal(201);
      expect(answer.body?.id).to.not.equal(D.otherPatientAppointmentId);
    }));

  describe('policy faults', () => {
    const patientReads = async (target: ReferenceTarget): Promise<Record<string, number>> => ({
      medications: (await get(target, `/MedicationDispense?patient=${D.patientId}`, PATIENT)).status,
      medicationRead: (await get(target, `/MedicationDispense/${D.medicationDispenseId}`, PATIENT)).status,
      laboratory: (await get(target, `/Observation?patient=${D.patientId}&category=laboratory`, PATIENT)).status,
      labReport: (await get(target, `/DiagnosticReport/${D.labReportId}`, PATIENT)).status,
      imaging: (await get(target, `/DiagnosticReport/${D.imagingReportId}`, PATIENT)).status,
    });

    it('without faults, the patient reads their own medications, laboratory and imaging; the nurse is refused imaging', () =>
      withTarget(secured(), async (target) => {
        expect(await patientReads(target)).to.deep.equal({
          medications: 200,
          medicationRead: 200,
          laboratory: 200,
          labReport: 200,
          imaging: 200,
        });
        expectOutcome(await get(target, `/DiagnosticReport/${D.imagingReportId}`, NURSE), 403);
      }));

    it('patient-denied-medications: 403 on the medications domain only', () =>
      withTarget(secured(['patient-denied-medications']), async (target) => {
        expect(await patientReads(target)).to.deep.equal({
          medications: 403,
          medicationRead: 403,
          laboratory: 200,
          labReport: 200,
          imaging: 200,
        });
        expect((await get(target, `/MedicationDispense/${D.medicationDispenseId}`, PHARMACIST)).status).to.equal(200);
      }));

    it('patient-denied-laboratory: 403 on the laboratory domain only', () =>
      withTarget(secured(['patient-denied-laboratory']), async (target) => {
        expect(await patientReads(target)).to.deep.equal({
          medications: 200,
          medicationRead: 200,
          laboratory: 403,
          labReport: 403,
          imaging: 200,
        });
        // A search across domains keeps what is still allowed.
        const reports = await get<Bundle>(target, `/DiagnosticReport?patient=${D.patientId}`, PATIENT);
        expect(idsOf(reports.body)).to.deep.equal([D.imagingReportId]);
      }));

    it('patient-denied-imaging: 403 on the imaging domain only', () =>
      withTarget(secured(['patient-denied-imaging']), async (target) => {
        expect(await patientReads(target)).to.deep.equal({
          medications: 200,
          medicationRead: 200,
          laboratory: 200,
          labReport: 200,
          imaging: 403,
        });
      }));

    it('nurse-reads-imaging: the nurse reads and searches imaging reports, and still writes nothing', () =>
      withTarget(secured(['nurse-reads-imaging']), async (target) => {
        resourceOf(await get(target, `/DiagnosticReport/${D.imagingReportId}`, NURSE));
        expect(
          idsOf((await get<Bundle>(target, `/DiagnosticReport?patient=${D.patientId}&category=RAD`, NURSE)).body),
        ).to.include(D.imagingReportId);
        expectOutcome(await get(target, `/DiagnosticReport/${D.imagingReportId}`, PHARMACIST), 403);
      }));
  });
});
