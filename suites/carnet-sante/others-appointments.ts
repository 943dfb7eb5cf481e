/** CS-APT-06: the patient can neither book in another patient's name nor cancel another patient's appointment. */
import type { Appointment, Slot } from '@medplum/fhirtypes';
import type { TestDefinition } from '../../src/suite/api.js';
import { assertStatus, ensure, label, quotedValue, resourceOf } from '../../src/suite/vocabulary/index.js';
import { blindCancellation, bookingFor, cancelLeftover, createdId, SAVED, savedSlot } from './appointments.js';
import { m } from './messages.js';
import { citizen, disclosure, isClientError, professional } from './support.js';

export const othersAppointmentTests: TestDefinition[] = [
  {
    id: 'no-booking-for-other-patient',
    title: {
      en: 'A patient cannot book an appointment in another patient’s name: refused (403), nothing created',
      fr: 'Un patient ne peut réserver un rendez-vous au nom d’un autre patient : refusé (403), rien n’est créé',
    },
    description: {
      en: 'As the patient actor: POST Appointment on a free slot with Patient/[other] as the patient participant is refused with 403 (or another 4xx), the body is not an Appointment, and the slot stays free.',
      fr: 'En tant qu’acteur patient : POST Appointment sur une plage libre avec Patient/[autre] comme participant patient est refusé par 403 (ou un autre 4xx), le corps n’est pas un Appointment, et la plage reste libre.',
    },
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
        created
          ? m.otherBookingCreated({ slot: slot.id, other, self: me.self, created })
          : m.otherBookingRefused({ slot: slot.id, other, self: me.self }),
      );
      if (res.status !== 403) t.warn(m.refusedNot403({ request: label(res), status: res.status }));
      ensure(resourceOf(res)?.resourceType !== 'Appointment', m.refusalIsAppointment({ request: label(res) }));

      const beforeStatus = resourceOf<Slot>(before)?.status;
      if (beforeStatus === 'free') {
        const after = await me.client.read<Slot>('Slot', slot.id);
        const afterStatus = resourceOf<Slot>(after)?.status;
        ensure(
          afterStatus === 'free',
          m.slotTaken({ request: label(after), slot: slot.id, got: quotedValue(afterStatus) }),
        );
      } else {
        t.info(m.slotWas({ request: label(before), status: String(beforeStatus ?? before.status) }));
      }
    },
  },
  {
    id: 'no-cancelling-for-other-patient',
    title: {
      en: 'A patient cannot cancel another patient’s appointment: refused (403 or 404), nothing disclosed',
      fr: 'Un patient ne peut annuler le rendez-vous d’un autre patient : refusé (403 ou 404), rien n’est divulgué',
    },
    description: {
      en: 'As the patient actor: PUT Appointment/[other patient’s appointment] with status cancelled, naming that patient or (a takeover) the patient themself, is refused with 403 or 404 and the body discloses nothing of that appointment; a professional actor, when there is one, still sees it uncancelled.',
      fr: 'En tant qu’acteur patient : PUT Appointment/[rendez-vous de l’autre patient] au statut cancelled, nommant ce patient ou (une usurpation) le patient lui-même, est refusé par 403 ou 404 et le corps ne divulgue rien de ce rendez-vous; un acteur professionnel, s’il y en a un, le voit toujours non annulé.',
    },
    verifies: ['CS-APT-06'],
    inputs: ['familyPhysicianId', 'otherPatientAppointmentId', 'otherPatientId'],
    tags: ['appointments', 'patient', 'isolation'],
    async run(t) {
      const me = await citizen(t);
      const id = t.input('otherPatientAppointmentId');
      const other = t.input('otherPatientId');
      const physician = t.input('familyPhysicianId');
      const res = await me.client.update(blindCancellation(id, other, physician));
      assertStatus(res, isClientError, m.otherCancelRefused({ other, id, self: me.self }));
      if (res.status !== 403 && res.status !== 404)
        t.warn(m.refusedNot403or404({ request: label(res), status: res.status }));
      const leak = disclosure(res, 'Appointment', []);
      ensure(leak === undefined, m.disclosed({ request: label(res), status: res.status, leak: leak ?? '' }));
      // Naming oneself in the new version does not make someone else's appointment one's own.
      const takeover = await me.client.update(blindCancellation(id, me.self, physician));
      assertStatus(takeover, isClientError, m.takeoverRefused({ other, id, self: me.self }));
      const takeoverLeak = disclosure(takeover, 'Appointment', []);
      ensure(
        takeoverLeak === undefined,
        m.disclosed({ request: label(takeover), status: takeover.status, leak: takeoverLeak ?? '' }),
      );

      const pro = professional(t);
      if (!pro) return t.info(m.noProfessionalCheck());
      const seen = await (await t.as(pro)).read<Appointment>('Appointment', id);
      if (seen.status !== 200)
        return t.info(m.professionalCannotSee({ request: label(seen), actor: pro, status: seen.status }));
      ensure(
        resourceOf<Appointment>(seen)?.status !== 'cancelled',
        m.cancelledAnyway({ request: label(seen), actor: pro, id }),
      );
    },
  },
];
