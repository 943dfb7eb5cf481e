/** CS-APT-06: the patient can neither book in another patient's name nor cancel another patient's appointment. */
import type { Appointment, Slot } from '@medplum/fhirtypes';
import type { TestDefinition } from '../../src/suite/api.js';
import { assertStatus, ensure, label, quoted, resourceOf } from '../../src/suite/vocabulary/index.js';
import { blindCancellation, bookingFor, cancelLeftover, createdId, SAVED, savedSlot } from './appointments.js';
import { citizen, disclosure, isClientError, professional } from './support.js';

export const othersAppointmentTests: TestDefinition[] = [
  {
    id: 'no-booking-for-other-patient',
    title: 'A patient cannot book an appointment in another patient’s name: refused (403), nothing created',
    description:
      'As the patient actor: POST Appointment on a free slot with Patient/[other] as the patient participant is refused with 403 (or another 4xx), the body is not an Appointment, and the slot stays free.',
    verifies: ['CS-APT-06'],
    uses: [SAVED.spareSlot],
    inputs: ['familyPhysicianId', 'otherPatientId'],
    tags: ['appointments', 'patient', 'isolation'],
    async run(t) {
      const me = await citizen(t);
      const other = t.input('otherPatientId');
      const physician = t.input('familyPhysicianId');
      const slot = savedSlot(t, SAVED.spareSlot);
      const before = await me.client.read<Slot>('Slot', slot.id);

      const res = await me.client.create(bookingFor(slot, other, physician));
      const created = res.status >= 200 && res.status < 300 ? createdId(res) : undefined;
      if (created) t.info(await cancelLeftover(me.client, created));
      assertStatus(
        res,
        isClientError,
        `403 Forbidden (or another 4xx) for the booking of Slot/${slot.id} for Patient/${other} by Patient/${me.self}${created ? `; Appointment/${created} was created` : ''}`,
      );
      if (res.status !== 403)
        t.warn(
          `${label(res)}: refused with ${res.status}, not 403: check that the refusal is about the patient, not the request's form`,
        );
      ensure(
        resourceOf(res)?.resourceType !== 'Appointment',
        `${label(res)}: expected the refusal not to return an Appointment, got one`,
      );

      const beforeStatus = resourceOf<Slot>(before)?.status;
      if (beforeStatus === 'free') {
        const after = await me.client.read<Slot>('Slot', slot.id);
        const afterStatus = resourceOf<Slot>(after)?.status;
        ensure(
          afterStatus === 'free',
          `${label(after)} after the refused booking: expected Slot/${slot.id} still free, got ${quoted(afterStatus)}`,
        );
      } else {
        t.info(
          `${label(before)}: the slot was ${String(beforeStatus ?? before.status)} before the attempt; whether it stayed free was not checked`,
        );
      }
    },
  },
  {
    id: 'no-cancelling-for-other-patient',
    title: 'A patient cannot cancel another patient’s appointment: refused (403 or 404), nothing disclosed',
    description:
      'As the patient actor: PUT Appointment/[other patient’s appointment] with status cancelled, naming that patient or (a takeover) the patient themself, is refused with 403 or 404 and the body discloses nothing of that appointment; a professional actor, when there is one, still sees it uncancelled.',
    verifies: ['CS-APT-06'],
    inputs: ['familyPhysicianId', 'otherPatientAppointmentId', 'otherPatientId'],
    tags: ['appointments', 'patient', 'isolation'],
    async run(t) {
      const me = await citizen(t);
      const id = t.input('otherPatientAppointmentId');
      const other = t.input('otherPatientId');
      const physician = t.input('familyPhysicianId');
      const res = await me.client.update(blindCancellation(id, other, physician));
      assertStatus(
        res,
        isClientError,
        `403 or 404 for the cancellation of Patient/${other}'s Appointment/${id} by Patient/${me.self}`,
      );
      if (res.status !== 403 && res.status !== 404)
        t.warn(
          `${label(res)}: refused with ${res.status}, not 403/404: check that the refusal is about the patient, not the request's form`,
        );
      const leak = disclosure(res, 'Appointment', []);
      ensure(leak === undefined, `${label(res)} (${res.status}): expected nothing disclosed, got ${leak}`);
      // Naming oneself in the new version does not make someone else's appointment one's own.
      const takeover = await me.client.update(blindCancellation(id, me.self, physician));
      assertStatus(
        takeover,
        isClientError,
        `403 or 404 for the cancellation of Patient/${other}'s Appointment/${id}, sent with Patient/${me.self} as the participant`,
      );
      const takeoverLeak = disclosure(takeover, 'Appointment', []);
      ensure(
        takeoverLeak === undefined,
        `${label(takeover)} (${takeover.status}): expected nothing disclosed, got ${takeoverLeak}`,
      );

      const pro = professional(t);
      if (!pro)
        return t.info(
          'no professional actor in the target file: whether the appointment stayed uncancelled was not checked',
        );
      const seen = await (await t.as(pro)).read<Appointment>('Appointment', id);
      if (seen.status !== 200)
        return t.info(
          `${label(seen)} as ${pro}: ${seen.status}; whether the appointment stayed uncancelled was not checked`,
        );
      ensure(
        resourceOf<Appointment>(seen)?.status !== 'cancelled',
        `${label(seen)} as ${pro} after the refused cancellation: expected Appointment/${id} not cancelled, got it cancelled`,
      );
    },
  },
];
