/**
 * carnet-sante-app, appointments (CSA-APT): free slots searched over a
 * period, a booking made once however often it is sent, a slot taken
 * meanwhile (409) not booked again but another offered, and a cancellation
 * by status, never a DELETE.
 */
import type { ClientTestDefinition, ReceivedRequest } from '../../src/suite/client-api.js';
import { judge } from '../../src/suite/client-checks/judge.js';
import {
  dateBounds,
  describe,
  searchedType,
  searchParams,
  tokenCode,
  valuesOf,
} from '../../src/suite/client-checks/queries.js';
import type { Bilingual } from '../../src/suite/vocabulary/index.js';
import { book, cancel, freeSlots, INJECTED, isCancelledBody } from './scenarios.js';
import { appointmentAddressed, identifiersOf, isAppointmentCreate, SCENARIO, searchesOf, slotsOf } from './support.js';

const problem = (r: ReceivedRequest, en: string, fr: string): Bilingual => ({
  en: `${describe(r)}: ${en}`,
  fr: `${describe(r)} : ${fr}`,
});

/** CSA-APT-01: status=free and a start period bounded both ways. */
export function slotSearchProblems(searches: readonly ReceivedRequest[]): Bilingual[] {
  return searches.flatMap((r) => {
    const params = searchParams(r);
    const missing: string[] = [];
    if (!valuesOf(params, 'status').some((s) => tokenCode(s) === 'free')) missing.push('status=free');
    const { lower, upper } = dateBounds(params, 'start');
    if (lower === undefined) missing.push('start=ge…');
    if (upper === undefined) missing.push('start=le…');
    return missing.length === 0 ? [] : [problem(r, `missing ${missing.join(', ')}`, `il manque ${missing.join(', ')}`)];
  });
}

/** Whether the create is conditional on one of its own identifiers (If-None-Exist: identifier=…). */
function conditionalOn(r: ReceivedRequest, identifiers: readonly string[]): boolean {
  const header = r.headers['if-none-exist'];
  if (header === undefined || header.trim() === '') return false;
  return new URLSearchParams(header.replace(/^\?/, ''))
    .getAll('identifier')
    .some((v) => identifiers.some((id) => id === v || id.slice(id.indexOf('|') + 1) === v));
}

/**
 * CSA-APT-02: each booking carries a business identifier (or is
 * conditional); one sent again is conditional on its identifier; no
 * identifier and no slot is booked (201) twice.
 */
export function idempotentBookingProblems(requests: readonly ReceivedRequest[]): Bilingual[] {
  const problems: Bilingual[] = [];
  const sent = new Set<string>();
  const createdIds = new Map<string, number>();
  const createdSlots = new Map<string, number>();
  for (const r of requests.filter(isAppointmentCreate)) {
    const ids = identifiersOf(r);
    const conditional = (r.headers['if-none-exist'] ?? '').trim() !== '';
    if (ids.length === 0 && !conditional)
      problems.push(
        problem(
          r,
          'the booking carries no business identifier and no If-None-Exist (a retry would book twice)',
          "la réservation ne porte ni identifiant d'affaires ni If-None-Exist (une reprise réserverait deux fois)",
        ),
      );
    else if (ids.some((id) => sent.has(id)) && !conditionalOn(r, ids))
      problems.push(
        problem(
          r,
          `sends ${ids[0]} again without If-None-Exist on it (a duplicate if the first booking went through)`,
          `renvoie ${ids[0]} sans If-None-Exist sur cet identifiant (un doublon si la première réservation a abouti)`,
        ),
      );
    for (const id of ids) sent.add(id);
    if (r.reply.status !== 201) continue;
    for (const id of ids) createdIds.set(id, (createdIds.get(id) ?? 0) + 1);
    for (const slot of slotsOf(r)) createdSlots.set(slot, (createdSlots.get(slot) ?? 0) + 1);
  }
  for (const [what, count] of [...createdIds, ...createdSlots])
    if (count > 1)
      problems.push({ en: `${what} was booked ${count} times`, fr: `${what} a été réservé ${count} fois` });
  return problems;
}

/**
 * CSA-APT-03: after the booking answered 409 (slot taken), no booking of
 * that slot is sent again, and the app offers another: a new Slot search or
 * the booking of another slot follows.
 */
export function takenSlotProblems(requests: readonly ReceivedRequest[], refused: ReceivedRequest): Bilingual[] {
  const taken = new Set(slotsOf(refused));
  const after = requests.filter((r) => r.at >= refused.at && r !== refused);
  const again = after.filter((r) => isAppointmentCreate(r) && slotsOf(r).some((s) => taken.has(s)));
  const problems = again.map((r) =>
    problem(
      r,
      `books ${[...taken].join(', ')} again after it was answered 409 (taken)`,
      `réserve de nouveau ${[...taken].join(', ')} après un 409 (plage prise)`,
    ),
  );
  const offered = after.some(
    (r) => searchedType(r) === 'Slot' || (isAppointmentCreate(r) && slotsOf(r).some((s) => !taken.has(s))),
  );
  if (!offered)
    problems.push(
      problem(
        refused,
        'was answered 409 (slot taken) and the app offered no other slot (no new Slot search, no booking of another slot)',
        "a reçu 409 (plage prise) et l'application n'a proposé aucune autre plage (ni nouvelle recherche de Slot, ni réservation d'une autre plage)",
      ),
    );
  return problems;
}

/** CSA-APT-04: no DELETE of an appointment; a cancellation is an update to status cancelled. */
export function cancellationProblems(requests: readonly ReceivedRequest[]): Bilingual[] {
  const touched = requests.filter((r) => appointmentAddressed(r) !== undefined && r.method !== 'GET');
  const problems = touched
    .filter((r) => r.method === 'DELETE')
    .map((r) =>
      problem(
        r,
        'the appointment is deleted instead of cancelled (status cancelled)',
        'le rendez-vous est supprimé au lieu d’être annulé (statut cancelled)',
      ),
    );
  if (!touched.some((r) => (r.method === 'PUT' || r.method === 'PATCH') && isCancelledBody(r)))
    problems.push({
      en: 'no update of the appointment to status cancelled was sent',
      fr: 'aucune mise à jour du rendez-vous au statut cancelled n’a été envoyée',
    });
  return problems;
}

export const slotSearch: ClientTestDefinition = {
  id: 'free-slots-search',
  title: {
    en: 'The app searches free slots with status=free and a period bounded both ways',
    fr: 'L’application recherche les plages libres avec status=free et une période bornée des deux côtés',
  },
  description: {
    en: 'The operator looks for the family physician’s free slots over a period; each Slot search names status=free and start=ge… and start=le….',
    fr: 'La personne cherche les plages libres du médecin de famille sur une période; chaque recherche Slot nomme status=free ainsi que start=ge… et start=le….',
  },
  verifies: ['CSA-APT-01'],
  makes: [SCENARIO.freeSlots],
  inputs: ['patientId', 'familyPhysicianId'],
  tags: ['appointments', 'search'],
  async run(t) {
    const { received } = await t.scenario(SCENARIO.freeSlots, freeSlots(t));
    const searches = searchesOf(received, 'Slot');
    if (searches.length === 0)
      t.skip({
        en: `no Slot search arrived during scenario ${SCENARIO.freeSlots}: the scenario was not performed, so this requirement is not verified`,
        fr: `aucune recherche de Slot n’est arrivée pendant le scénario ${SCENARIO.freeSlots} : le scénario n’a pas été joué, cette exigence n’est donc pas vérifiée`,
      });
    judge(
      t,
      { problems: slotSearchProblems(searches), evidence: searches },
      { en: 'free slot searches', fr: 'recherches de plages libres' },
    );
  },
};

export const booking: ClientTestDefinition[] = [
  {
    id: 'booking-made-once',
    title: {
      en: 'A booking is conditional or carries a business identifier, and its retry makes no duplicate',
      fr: 'Une prise de rendez-vous est conditionnelle ou porte un identifiant métier, et sa reprise ne crée pas de doublon',
    },
    description: {
      en: 'The operator books a slot; homolog answers the first booking 409 (slot taken) and the next 503 with Retry-After. Each booking carries an identifier (or If-None-Exist); a booking sent again is conditional on its identifier; no identifier and no slot is booked twice.',
      fr: 'La personne réserve une plage; homolog répond à la première réservation par 409 (plage prise) et à la suivante par 503 avec Retry-After. Chaque réservation porte un identifiant (ou If-None-Exist); une réservation renvoyée est conditionnelle à son identifiant; aucun identifiant ni aucune plage n’est réservé deux fois.',
    },
    verifies: ['CSA-APT-02'],
    makes: [SCENARIO.book],
    inputs: ['patientId', 'familyPhysicianId'],
    tags: ['appointments', 'write'],
    async run(t) {
      const { received } = await t.scenario(SCENARIO.book, book(t));
      const creates = received.filter(isAppointmentCreate);
      if (creates.length === 0)
        t.skip({
          en: `no booking (POST Appointment) arrived during scenario ${SCENARIO.book}: the scenario was not performed`,
          fr: `aucune prise de rendez-vous (POST Appointment) n’est arrivée pendant le scénario ${SCENARIO.book} : le scénario n’a pas été joué`,
        });
      judge(
        t,
        { problems: idempotentBookingProblems(received), evidence: creates },
        { en: 'bookings', fr: 'réservations' },
      );
    },
  },
  {
    id: 'taken-slot-not-booked-again',
    title: {
      en: 'On a 409 (slot taken) the app does not book the same slot again and offers another',
      fr: 'Sur un 409 (plage prise), l’application ne réserve pas de nouveau la même plage et en propose une autre',
    },
    description: {
      en: 'homolog answers the first booking 409 with an OperationOutcome (the slot was taken meanwhile). The app sends no booking of that slot again, and searches the free slots again or books another slot.',
      fr: 'homolog répond à la première réservation par 409 avec un OperationOutcome (la plage a été prise entre-temps). L’application ne renvoie aucune réservation de cette plage, et recherche de nouveau les plages libres ou réserve une autre plage.',
    },
    verifies: ['CSA-APT-03'],
    uses: [SCENARIO.book],
    tags: ['appointments', 'errors'],
    async run(t) {
      const { received } = t.received(SCENARIO.book);
      const refused =
        received.find((r) => r.injected === INJECTED.slotTaken) ??
        t.skip({
          en: `no booking arrived during scenario ${SCENARIO.book}: no 409 was served`,
          fr: `aucune prise de rendez-vous n’est arrivée pendant le scénario ${SCENARIO.book} : aucun 409 n’a été servi`,
        });
      const problems = takenSlotProblems(received, refused);
      judge(
        t,
        { problems, evidence: received.filter((r) => r.at >= refused.at).slice(0, 10) },
        { en: 'slot taken meanwhile', fr: 'plage prise entre-temps' },
      );
    },
  },
  {
    id: 'cancel-by-status',
    title: {
      en: 'The app cancels an appointment by its status (cancelled), never by a DELETE',
      fr: 'L’application annule un rendez-vous par son statut (cancelled), jamais par un DELETE',
    },
    description: {
      en: 'The operator cancels the appointment just booked; the app updates it (PUT or PATCH) to status cancelled and sends no DELETE.',
      fr: 'La personne annule le rendez-vous qu’elle vient de réserver; l’application le met à jour (PUT ou PATCH) au statut cancelled et n’envoie aucun DELETE.',
    },
    verifies: ['CSA-APT-04'],
    makes: [SCENARIO.cancel],
    inputs: ['patientId'],
    tags: ['appointments', 'write'],
    async run(t) {
      const { received } = await t.scenario(SCENARIO.cancel, cancel(t));
      const writes = received.filter((r) => appointmentAddressed(r) !== undefined && r.method !== 'GET');
      if (writes.length === 0)
        t.skip({
          en: `no change to an appointment arrived during scenario ${SCENARIO.cancel}: the scenario was not performed`,
          fr: `aucune modification de rendez-vous n’est arrivée pendant le scénario ${SCENARIO.cancel} : le scénario n’a pas été joué`,
        });
      judge(
        t,
        { problems: cancellationProblems(received), evidence: writes },
        { en: 'cancellation', fr: 'annulation' },
      );
    },
  },
];
