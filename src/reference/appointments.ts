/**
 * Appointment bookkeeping: an appointment that holds its slots (booked,
 * pending...) takes them, each must exist and be free, and each becomes
 * busy; one that lets them go (cancelled, entered-in-error...) frees them.
 * Checked before the appointment is stored (a conflict stores nothing, 409),
 * applied after. Only the difference between the former and the new version
 * counts, so updating a booked appointment does not collide with itself.
 */
import type { Appointment, Resource, Slot } from '@medplum/fhirtypes';
import type { FaultDefinition } from './faults.js';
import { storeNewVersion } from './new-version.js';
import { outcomeReply, type Reply } from './reply.js';
import type { TargetState } from './state.js';

export const BOOKING_LEAVES_SLOT_FREE = {
  name: 'booking-leaves-slot-free',
  suite: 'carnet-sante',
  breaks: 'CS-APT-02',
  description: {
    fr: 'La prise de rendez-vous laisse la plage horaire libre.',
    en: 'Booking an appointment leaves its slot free.',
  },
} as const satisfies FaultDefinition;

export const DOUBLE_BOOKING_ACCEPTED = {
  name: 'double-booking-accepted',
  suite: 'carnet-sante',
  breaks: 'CS-APT-03',
  description: {
    fr: 'Une plage déjà occupée peut être réservée une deuxième fois.',
    en: 'A slot already taken can be booked a second time.',
  },
} as const satisfies FaultDefinition;

export const CANCEL_KEEPS_SLOT_BUSY = {
  name: 'cancel-keeps-slot-busy',
  suite: 'carnet-sante',
  breaks: 'CS-APT-04',
  description: {
    fr: "L'annulation d'un rendez-vous laisse sa plage horaire occupée.",
    en: 'Cancelling an appointment leaves its slot busy.',
  },
} as const satisfies FaultDefinition;

/** Statuses under which an appointment occupies its slots (a no-show used the time all the same). */
const HOLDING: ReadonlySet<string> = new Set(['pending', 'booked', 'arrived', 'fulfilled', 'checked-in', 'noshow']);

export interface SlotChanges {
  /** Free slots the appointment takes (they become busy). */
  take: Slot[];
  /** Ids of slots the appointment lets go (they become free). */
  release: string[];
}

export type SlotPlan = { ok: true; changes: SlotChanges } | { ok: false; reply: Reply };

/** What storing `next` (over `previous`, for an update) does to slots; a taken or unknown slot is a 409 conflict. */
export async function planSlots(
  state: TargetState,
  previous: Appointment | undefined,
  next: Appointment,
): Promise<SlotPlan> {
  const before = heldSlots(state, previous);
  const after = heldSlots(state, next);
  const take: Slot[] = [];
  for (const id of after.filter((s) => !before.includes(s))) {
    const slot = await currentSlot(state, id);
    if (slot === undefined)
      return {
        ok: false,
        reply: outcomeReply(409, 'conflict', `Slot/${id} does not exist: the appointment cannot be booked in it`),
      };
    if (slot.status !== 'free' && !state.faults.has(DOUBLE_BOOKING_ACCEPTED)) {
      return {
        ok: false,
        reply: outcomeReply(
          409,
          'conflict',
          `Slot/${id} is not free (status ${slot.status}): it cannot be booked again`,
        ),
      };
    }
    take.push(slot);
  }
  return { ok: true, changes: { take, release: before.filter((s) => !after.includes(s)) } };
}

/** Stores the new Slot versions: busy for the slots taken, free for those released. */
export async function applySlotChanges(state: TargetState, changes: SlotChanges): Promise<void> {
  if (!state.faults.has(BOOKING_LEAVES_SLOT_FREE)) {
    for (const slot of changes.take) await storeNewVersion(state, { ...slot, status: 'busy' }, slot);
  }
  if (!state.faults.has(CANCEL_KEEPS_SLOT_BUSY)) {
    for (const id of changes.release) {
      const slot = await currentSlot(state, id);
      if (slot !== undefined && slot.status === 'busy') await storeNewVersion(state, { ...slot, status: 'free' }, slot);
    }
  }
}

export function isAppointment(resource: Resource | undefined): resource is Appointment {
  return resource?.resourceType === 'Appointment';
}

/** Ids of the slots an appointment occupies, none unless its status holds them. */
function heldSlots(state: TargetState, appointment: Appointment | undefined): string[] {
  if (appointment === undefined || !HOLDING.has(appointment.status ?? '')) return [];
  const ids = (appointment.slot ?? []).map((s) => slotIdOf(state, s.reference ?? ''));
  return [...new Set(ids)];
}

/** `Slot/x` or `[base]/Slot/x` → x; anything else is kept as written, so that it is reported as unknown. */
function slotIdOf(state: TargetState, reference: string): string {
  const local = reference.startsWith(`${state.baseUrl}/`) ? reference.slice(state.baseUrl.length + 1) : reference;
  return local.startsWith('Slot/') ? local.slice('Slot/'.length) : local;
}

async function currentSlot(state: TargetState, id: string): Promise<Slot | undefined> {
  try {
    return await state.repo.readResource<Slot>('Slot', id);
  } catch {
    return undefined;
  }
}
