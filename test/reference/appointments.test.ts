/**
 * Appointments on the reference target: booking takes a free slot (busy), a
 * taken slot is a 409 conflict, cancelling frees it (plain mode); in secured
 * mode a patient books and cancels only their own appointments. And the
 * carnet-sante faults that break each rule.
 */
import type { Appointment, Bundle, Slot } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { REFERENCE_TEST_DATA } from '../../src/reference/data.js';
import { type ReferenceTarget, startReferenceTarget } from '../../src/reference/server.js';
import { expectOutcome, get, post, put, resourceOf, withTarget } from './fhir-http.js';

const PATIENT = REFERENCE_TEST_DATA.patientId;
const FREE_SLOT = 'qc-slot-0002';
const BUSY_SLOT = 'qc-slot-0001';

function start(faults: string[] = []): () => Promise<ReferenceTarget> {
  return () => startReferenceTarget({ faults });
}

async function slot(target: ReferenceTarget, id: string, token?: string): Promise<Slot> {
  return resourceOf(await get<Slot>(target, `/Slot/${id}`, token));
}

type Booking = Appointment & { participant: NonNullable<Appointment['participant']> };

/** A booking of `slotIds` for `patientId` with the family physician, at the first slot's time (read with `token`). */
async function booking(
  target: ReferenceTarget,
  slotIds: readonly string[],
  patientId: string = PATIENT,
  token?: string,
): Promise<Booking> {
  const first = await slot(target, slotIds[0] ?? FREE_SLOT, token);
  return {
    resourceType: 'Appointment',
    status: 'booked',
    description: 'Consultation de suivi',
    start: first.start,
    end: first.end,
    slot: slotIds.map((id) => ({ reference: `Slot/${id}` })),
    participant: [
      { actor: { reference: `Patient/${patientId}` }, required: 'required', status: 'accepted' },
      {
        actor: { reference: `Practitioner/${REFERENCE_TEST_DATA.practitionerId}` },
        required: 'required',
        status: 'accepted',
      },
    ],
  };
}

async function appointmentCount(target: ReferenceTarget): Promise<number> {
  return (await get<Bundle>(target, '/Appointment?_summary=count')).body?.total ?? -1;
}

describe('reference target: appointments', () => {
  it('booking a free slot: 201, and the slot becomes busy in a new version (CS-APT-02)', () =>
    withTarget(start(), async (target) => {
      expect((await slot(target, FREE_SLOT)).status).to.equal('free');
      const appointment = resourceOf(
        await post<Appointment>(target, '/Appointment', await booking(target, [FREE_SLOT])),
        201,
      );
      expect(appointment.status).to.equal('booked');
      const taken = await slot(target, FREE_SLOT);
      expect(taken.status).to.equal('busy');
      expect(taken.meta?.versionId).to.equal('2');
      expect((await get<Slot>(target, `/Slot/${FREE_SLOT}/_history/1`)).body?.status).to.equal('free');
      const free = await get<Bundle>(target, `/Slot?schedule=Schedule/qc-sched-0001&status=free`);
      expect((free.body?.entry ?? []).map((e) => e.resource?.id)).to.not.include(FREE_SLOT);
    }));

  it('booking-leaves-slot-free: the booking succeeds but the slot stays free', () =>
    withTarget(start(['booking-leaves-slot-free']), async (target) => {
      resourceOf(await post(target, '/Appointment', await booking(target, [FREE_SLOT])), 201);
      expect((await slot(target, FREE_SLOT)).status).to.equal('free');
    }));

  it('a taken slot, or one that does not exist, cannot be booked: 409 conflict, nothing stored (CS-APT-03)', () =>
    withTarget(start(), async (target) => {
      const before = await appointmentCount(target);
      const busy = expectOutcome(await post(target, '/Appointment', await booking(target, [BUSY_SLOT])), 409);
      expect(busy.issue?.[0]?.code).to.equal('conflict');
      const half = await booking(target, [FREE_SLOT, BUSY_SLOT]);
      expect(expectOutcome(await post(target, '/Appointment', half), 409).issue?.[0]?.code).to.equal('conflict');
      expect((await slot(target, FREE_SLOT)).status, 'a refused booking takes none of its slots').to.equal('free');
      const unknown = await booking(target, [FREE_SLOT]);
      unknown.slot = [{ reference: 'Slot/no-such-slot' }];
      expectOutcome(await post(target, '/Appointment', unknown), 409);
      expect(await appointmentCount(target)).to.equal(before);
      // Booked once, the slot is taken for the next one.
      resourceOf(await post(target, '/Appointment', await booking(target, [FREE_SLOT])), 201);
      expectOutcome(await post(target, '/Appointment', await booking(target, [FREE_SLOT])), 409);
    }));

  it('concurrent bookings of one slot: exactly one succeeds', () =>
    withTarget(start(), async (target) => {
      const body = await booking(target, ['qc-slot-0003']);
      const answers = await Promise.all([1, 2, 3, 4].map(() => post(target, '/Appointment', body)));
      expect(answers.map((a) => a.status).sort()).to.deep.equal([201, 409, 409, 409]);
    }));

  it('double-booking-accepted: a taken slot is booked again', () =>
    withTarget(start(['double-booking-accepted']), async (target) => {
      resourceOf(await post(target, '/Appointment', await booking(target, [BUSY_SLOT])), 201);
    }));

  it('cancelling by update frees the slot; the appointment keeps its history (CS-APT-04, CS-APT-05)', () =>
    withTarget(start(), async (target) => {
      const appointment = resourceOf(
        await post<Appointment>(target, '/Appointment', await booking(target, [FREE_SLOT])),
        201,
      );
      const path = `/Appointment/${appointment.id ?? ''}`;
      // An update that keeps the booking does not collide with the appointment's own slot.
      resourceOf(
        await put(
          target,
          path,
          { ...appointment, comment: 'Apporter la liste des médicaments' },
          { headers: { 'if-match': 'W/"1"' } },
        ),
      );
      expect((await slot(target, FREE_SLOT)).status).to.equal('busy');
      const cancelled = resourceOf(
        await put<Appointment>(target, path, {
          ...appointment,
          status: 'cancelled',
          cancelationReason: { text: 'Patient indisponible' },
        }),
      );
      expect(cancelled.meta?.versionId).to.equal('3');
      const freed = await slot(target, FREE_SLOT);
      expect(freed.status).to.equal('free');
      expect(freed.meta?.versionId).to.equal('3');
      const history = resourceOf(await get<Bundle>(target, `${path}/_history`));
      expect((history.entry ?? []).map((e) => (e.resource as Appointment | undefined)?.status)).to.deep.equal([
        'cancelled',
        'booked',
        'booked',
      ]);
      // Freed, the slot can be booked again.
      resourceOf(
        await post(target, '/Appointment', await booking(target, [FREE_SLOT], REFERENCE_TEST_DATA.otherPatientId)),
        201,
      );
    }));

  it('cancelling the seeded appointment frees its busy slot', () =>
    withTarget(start(), async (target) => {
      const seeded = resourceOf(
        await get<Appointment>(target, `/Appointment/${REFERENCE_TEST_DATA.otherPatientAppointmentId}`),
      );
      resourceOf(await put(target, `/Appointment/${seeded.id ?? ''}`, { ...seeded, status: 'cancelled' }));
      expect((await slot(target, BUSY_SLOT)).status).to.equal('free');
    }));

  it('cancel-keeps-slot-busy: the cancellation is stored, the slot stays busy', () =>
    withTarget(start(['cancel-keeps-slot-busy']), async (target) => {
      const appointment = resourceOf(
        await post<Appointment>(target, '/Appointment', await booking(target, [FREE_SLOT])),
        201,
      );
      resourceOf(await put(target, `/Appointment/${appointment.id ?? ''}`, { ...appointment, status: 'cancelled' }));
      expect((await slot(target, FREE_SLOT)).status).to.equal('busy');
    }));

  it('slots and schedules are not written by clients: 405', () =>
    withTarget(start(), async (target) => {
      const free = await slot(target, FREE_SLOT);
      expectOutcome(await put(target, `/Slot/${FREE_SLOT}`, { ...free, status: 'busy' }), 405);
      expectOutcome(await post(target, '/Slot', { ...free, id: undefined }), 405);
    }));

  describe('secured: a patient books and cancels for themselves only (CS-APT-06)', () => {
    const secured =
      (faults: string[] = []) =>
      () =>
        startReferenceTarget({ https: true, faults });
    const PATIENT_TOKEN = 'demo-token-patient';
    const OTHER = REFERENCE_TEST_DATA.otherPatientId;

    it('the patient books, reads and cancels their own appointment', () =>
      withTarget(secured(), async (target) => {
        const appointment = resourceOf(
          await post<Appointment>(target, '/Appointment', await booking(target, [FREE_SLOT], PATIENT, PATIENT_TOKEN), {
            token: PATIENT_TOKEN,
          }),
          201,
        );
        const path = `/Appointment/${appointment.id ?? ''}`;
        resourceOf(await get(target, path, PATIENT_TOKEN));
        resourceOf(await put(target, path, { ...appointment, status: 'cancelled' }, { token: PATIENT_TOKEN }));
        const history = resourceOf(await get<Bundle>(target, `${path}/_history`, PATIENT_TOKEN));
        expect(history.total).to.equal(2);
        expect((await slot(target, FREE_SLOT, PATIENT_TOKEN)).status).to.equal('free');
      }));

    it('booking for another patient, or without a patient, is refused 403; so is changing or cancelling their appointment', () =>
      withTarget(secured(), async (target) => {
        expectOutcome(
          await post(target, '/Appointment', await booking(target, [FREE_SLOT], OTHER, PATIENT_TOKEN), {
            token: PATIENT_TOKEN,
          }),
          403,
        );
        const anonymous = await booking(target, [FREE_SLOT], PATIENT, PATIENT_TOKEN);
        anonymous.participant = anonymous.participant.filter((p) => !(p.actor?.reference ?? '').startsWith('Patient/'));
        expectOutcome(await post(target, '/Appointment', anonymous, { token: PATIENT_TOKEN }), 403);
        expect((await slot(target, FREE_SLOT, PATIENT_TOKEN)).status).to.equal('free');
        const theirs = resourceOf(
          await get<Appointment>(
            target,
            `/Appointment/${REFERENCE_TEST_DATA.otherPatientAppointmentId}`,
            'demo-token-physician',
          ),
        );
        const path = `/Appointment/${theirs.id ?? ''}`;
        expectOutcome(await put(target, path, { ...theirs, status: 'cancelled' }, { token: PATIENT_TOKEN }), 403);
        // Nor can an own appointment be handed over to someone else.
        const own = resourceOf(
          await post<Appointment>(
            target,
            '/Appointment',
            await booking(target, ['qc-slot-0004'], PATIENT, PATIENT_TOKEN),
            { token: PATIENT_TOKEN },
          ),
          201,
        );
        const handedOver = {
          ...own,
          participant: own.participant.map((p) =>
            p.actor?.reference === `Patient/${PATIENT}` ? { ...p, actor: { reference: `Patient/${OTHER}` } } : p,
          ),
        };
        expectOutcome(await put(target, `/Appointment/${own.id ?? ''}`, handedOver, { token: PATIENT_TOKEN }), 403);
        // The other patient's appointment is not even visible, nor its history.
        expectOutcome(await get(target, `${path}/_history`, PATIENT_TOKEN), 404);
        expect((await get<Appointment>(target, path, 'demo-token-physician')).body?.status).to.equal('booked');
      }));

    it('professionals without appointment writes in the policy are refused 403', () =>
      withTarget(secured(), async (target) => {
        expectOutcome(
          await post(target, '/Appointment', await booking(target, [FREE_SLOT], PATIENT, PATIENT_TOKEN), {
            token: 'demo-token-pharmacist',
          }),
          403,
        );
        const theirs = resourceOf(
          await get<Appointment>(
            target,
            `/Appointment/${REFERENCE_TEST_DATA.otherPatientAppointmentId}`,
            'demo-token-physician',
          ),
        );
        expectOutcome(
          await put(
            target,
            `/Appointment/${theirs.id ?? ''}`,
            { ...theirs, status: 'cancelled' },
            { token: 'demo-token-physician' },
          ),
          403,
        );
      }));

    it('booking-for-other-patient-allowed: the patient books and cancels for someone else', () =>
      withTarget(secured(['booking-for-other-patient-allowed']), async (target) => {
        resourceOf(
          await post(target, '/Appointment', await booking(target, [FREE_SLOT], OTHER, PATIENT_TOKEN), {
            token: PATIENT_TOKEN,
          }),
          201,
        );
        const theirs = resourceOf(
          await get<Appointment>(
            target,
            `/Appointment/${REFERENCE_TEST_DATA.otherPatientAppointmentId}`,
            'demo-token-physician',
          ),
        );
        resourceOf(
          await put(
            target,
            `/Appointment/${theirs.id ?? ''}`,
            { ...theirs, status: 'cancelled' },
            { token: PATIENT_TOKEN },
          ),
        );
      }));
  });
});
