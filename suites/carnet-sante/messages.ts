/** What the carnet-sante checks say, in French and English, with their parameters. */
import { defineMessages } from '../../src/util/i18n.js';

export const m = defineMessages('suite.carnet-sante', {
  // support
  noPatientActor: {
    en: 'the target file has no actor with role "patient": the citizen portal is tested as the patient actor',
    fr: 'le fichier de cible n’a pas d’acteur de rôle « patient » : le portail citoyen se teste en tant qu’acteur patient',
  },
  patientUnknown: {
    en: 'the patient actor "{actor}" names no patient and testData.patientActorPatientId is not set: whose data is "own" is unknown',
    fr: 'l’acteur patient « {actor} » ne nomme aucun patient et testData.patientActorPatientId n’est pas renseigné : on ne sait pas à qui sont les données « propres »',
  },
  namesNoPatient: { en: '{resource} (names no patient)', fr: '{resource} (ne nomme aucun patient)' },
  aboutPatients: { en: '{resource} (about {patients})', fr: '{resource} (concerne {patients})' },
  bodyIsResource: { en: 'the body is the {type} itself', fr: 'le corps est la ressource {type} elle-même' },
  bodyIsBundle: {
    en: 'the body is a Bundle with {count, plural, one {# entry} other {# entries}}',
    fr: 'le corps est un Bundle avec {count, plural, one {# entrée} other {# entrées}}',
  },
  bodyCarries: {
    en: "the body carries the other patient's {values}",
    fr: 'le corps porte les données de l’autre patient {values}',
  },
  // appointments
  savedNotType: {
    en: '{request}, saved as {name}, did not answer a {type}',
    fr: '{request}, enregistrée sous {name}, n’a pas répondu une ressource {type}',
  },
  forThePatient: { en: '200 for the patient', fr: '200 pour le patient' },
  leftoverUnread: {
    en: 'GET Appointment/{id} answered {status}: the leftover appointment was not cancelled',
    fr: 'GET Appointment/{id} a répondu {status} : le rendez-vous restant n’a pas été annulé',
  },
  leftoverCancelled: {
    en: 'the leftover Appointment/{id} was cancelled',
    fr: 'le rendez-vous restant Appointment/{id} a été annulé',
  },
  leftoverNotCancelled: {
    en: 'PUT Appointment/{id} (cancellation of the leftover) answered {status}',
    fr: 'PUT Appointment/{id} (annulation du rendez-vous restant) a répondu {status}',
  },
  // booking
  noLongerFree: {
    en: 'Slot/{slot} was no longer free when the booking started ({status})',
    fr: 'Slot/{slot} n’était plus libre au début de la réservation ({status})',
  },
  bookingCreated: {
    en: '201 Created for the booking of Slot/{slot} by Patient/{patient}',
    fr: '201 Created pour la réservation de Slot/{slot} par Patient/{patient}',
  },
  createdUnnamed: {
    en: '{request}: expected the 201 to name the Appointment (a Location header or an Appointment id in the body), got neither',
    fr: '{request} : attendu que le 201 nomme l’Appointment (un en-tête Location ou un id d’Appointment dans le corps), reçu ni l’un ni l’autre',
  },
  newAppointment: {
    en: "200 for the patient's new appointment",
    fr: '200 pour le nouveau rendez-vous du patient',
  },
  notBooked: {
    en: '{request}: expected status booked, got {got}',
    fr: '{request} : attendu le statut booked, reçu {got}',
  },
  slotNotKept: {
    en: '{request}: expected the appointment to keep its slot Slot/{slot}, got {got}',
    fr: '{request} : attendu que le rendez-vous garde sa plage Slot/{slot}, reçu {got}',
  },
  afterBooking: { en: '200 after the booking', fr: '200 après la réservation' },
  notBusy: {
    en: '{request} after the booking (Appointment/{id}): expected status busy, got {got}',
    fr: '{request} après la réservation (Appointment/{id}) : attendu le statut busy, reçu {got}',
  },
  stillListedFree: {
    en: '{request} after the booking: expected Slot/{slot} no longer listed as free, got it listed',
    fr: '{request} après la réservation : attendu que Slot/{slot} ne soit plus listée comme libre, reçue listée',
  },
  namingLocation: {
    en: 'naming [base]/Appointment/[id]/_history/[vid]',
    fr: 'nommant [base]/Appointment/[id]/_history/[vid]',
  },
  notBusyAfterFirst: {
    en: 'Slot/{slot} did not become busy after the first booking (see CS-APT-02): a refused double booking cannot be observed',
    fr: 'Slot/{slot} n’est pas devenue occupée après la première réservation (voir CS-APT-02) : un refus de double réservation ne peut être observé',
  },
  doubleRefused: {
    en: '409 Conflict (or 400/422) for a second booking of the busy Slot/{slot}',
    fr: '409 Conflict (ou 400/422) pour une seconde réservation de la plage occupée Slot/{slot}',
  },
  singleHolder: {
    en: 'GET Appointment?patient={patient}: expected only Appointment/{id} booked on Slot/{slot}, got {got}',
    fr: 'GET Appointment?patient={patient} : attendu seulement Appointment/{id} réservé sur Slot/{slot}, reçu {got}',
  },
  none: { en: 'none', fr: 'aucun' },
  thePatientsAppointment: { en: "200 for the patient's appointment", fr: '200 pour le rendez-vous du patient' },
  noEtag: {
    en: '{request} carries no ETag: the cancellation was sent without If-Match',
    fr: '{request} ne porte pas d’ETag : l’annulation a été envoyée sans If-Match',
  },
  cancellation200: { en: '200 for the cancellation', fr: '200 pour l’annulation' },
  cancellation200IfMatch: {
    en: '200 for the cancellation (If-Match {etag})',
    fr: '200 pour l’annulation (If-Match {etag})',
  },
  slotWasNotBusy: {
    en: '{request} before the cancellation: the slot was {status}, not busy (see CS-APT-02 and CS-APT-03), so its freeing cannot be observed',
    fr: '{request} avant l’annulation : la plage était {status}, pas busy (voir CS-APT-02 et CS-APT-03), sa libération ne peut donc être observée',
  },
  afterCancellation: { en: '200 after the cancellation', fr: '200 après l’annulation' },
  notFreed: {
    en: '{request} after the cancellation of Appointment/{id}: expected status free, got {got}',
    fr: '{request} après l’annulation de Appointment/{id} : attendu le statut free, reçu {got}',
  },
  notListedFree: {
    en: '{request} after the cancellation: expected Slot/{slot} listed as free again, got it missing',
    fr: '{request} après l’annulation : attendu Slot/{slot} de nouveau listée comme libre, absente',
  },
  cancelledMissing: {
    en: '{request}: expected the cancelled Appointment/{id} listed, got it missing',
    fr: '{request} : attendu l’Appointment/{id} annulé dans la liste, absent',
  },
  cancelledStatus: {
    en: '{request}: expected Appointment/{id} listed with status cancelled, got {got}',
    fr: '{request} : attendu Appointment/{id} listé avec le statut cancelled, reçu {got}',
  },
  tooFewVersions: {
    en: '{request}: expected at least 2 versions of Appointment/{id} (booked, cancelled), got {count} ({versions})',
    fr: '{request} : attendu au moins 2 versions de Appointment/{id} (booked, cancelled), reçu {count} ({versions})',
  },
  versionsMissing: {
    en: '{request}: expected versions booked and cancelled, got {versions}',
    fr: '{request} : attendu les versions booked et cancelled, reçu {versions}',
  },
  // isolation
  otherIsSelf: {
    en: "otherPatientId is the patient actor's own patient ({patient})",
    fr: 'otherPatientId est le patient de l’acteur patient lui-même ({patient})',
  },
  noProfessional: {
    en: 'no professional actor in the target file: only the other patient’s record (and appointment, if given) is probed, and the bodies only for the resource itself',
    fr: 'aucun acteur professionnel dans le fichier de cible : seuls le dossier de l’autre patient (et son rendez-vous, s’il est donné) sont sondés, et les corps seulement pour la ressource elle-même',
  },
  noOtherAppointment: {
    en: 'no testData.otherPatientAppointmentId: the other patient’s appointment was not probed',
    fr: 'pas de testData.otherPatientAppointmentId : le rendez-vous de l’autre patient n’a pas été sondé',
  },
  expected403or404: {
    en: '{request}: expected 403 or 404, got {status}',
    fr: '{request} : attendu 403 ou 404, reçu {status}',
  },
  leak: { en: '{request} ({status}): {leak}', fr: '{request} ({status}) : {leak}' },
  otherReachable: {
    en: "as the patient Patient/{self}, another patient's data (Patient/{other}) was reachable",
    fr: 'en tant que patient Patient/{self}, les données d’un autre patient (Patient/{other}) étaient accessibles',
  },
  othersInSearch: {
    en: '{request}: expected 403/404 or an empty set, got {count} {type} of other patients: {items}',
    fr: '{request} : attendu 403/404 ou un ensemble vide, reçu {count} {type} d’autres patients : {items}',
  },
  searchStatus: {
    en: '{request}: expected 403/404 or an empty set, got {status}',
    fr: '{request} : attendu 403/404 ou un ensemble vide, reçu {status}',
  },
  unscopedOthers: {
    en: "{request} (no patient parameter): expected only the patient's own data, got {count} match(es) about other patients: {items}",
    fr: '{request} (sans paramètre patient) : attendu seulement les données du patient, reçu {count} correspondance(s) concernant d’autres patients : {items}',
  },
  unscopedStatus: {
    en: "{request} (no patient parameter): expected 200 with only the patient's own data, or a refusal, got {status}",
    fr: '{request} (sans paramètre patient) : attendu 200 avec seulement les données du patient, ou un refus, reçu {status}',
  },
  asThePatient: { en: 'as the patient Patient/{self}', fr: 'en tant que patient Patient/{self}' },
  // others' appointments
  otherBookingRefused: {
    en: '403 Forbidden (or another 4xx) for the booking of Slot/{slot} for Patient/{other} by Patient/{self}',
    fr: '403 Forbidden (ou un autre 4xx) pour la réservation de Slot/{slot} pour Patient/{other} par Patient/{self}',
  },
  otherBookingCreated: {
    en: '403 Forbidden (or another 4xx) for the booking of Slot/{slot} for Patient/{other} by Patient/{self}; Appointment/{created} was created',
    fr: '403 Forbidden (ou un autre 4xx) pour la réservation de Slot/{slot} pour Patient/{other} par Patient/{self}; Appointment/{created} a été créé',
  },
  refusedNot403: {
    en: "{request}: refused with {status}, not 403: check that the refusal is about the patient, not the request's form",
    fr: '{request} : refusé par {status}, et non 403 : vérifiez que le refus porte sur le patient, et non sur la forme de la requête',
  },
  refusalIsAppointment: {
    en: '{request}: expected the refusal not to return an Appointment, got one',
    fr: '{request} : attendu que le refus ne renvoie pas d’Appointment, en a reçu un',
  },
  slotTaken: {
    en: '{request} after the refused booking: expected Slot/{slot} still free, got {got}',
    fr: '{request} après la réservation refusée : attendu Slot/{slot} toujours libre, reçu {got}',
  },
  slotWas: {
    en: '{request}: the slot was {status} before the attempt; whether it stayed free was not checked',
    fr: '{request} : la plage était {status} avant la tentative; on n’a pas vérifié si elle est restée libre',
  },
  otherCancelRefused: {
    en: "403 or 404 for the cancellation of Patient/{other}'s Appointment/{id} by Patient/{self}",
    fr: '403 ou 404 pour l’annulation de l’Appointment/{id} de Patient/{other} par Patient/{self}',
  },
  refusedNot403or404: {
    en: "{request}: refused with {status}, not 403/404: check that the refusal is about the patient, not the request's form",
    fr: '{request} : refusé par {status}, et non 403/404 : vérifiez que le refus porte sur le patient, et non sur la forme de la requête',
  },
  disclosed: {
    en: '{request} ({status}): expected nothing disclosed, got {leak}',
    fr: '{request} ({status}) : attendu rien de divulgué, reçu {leak}',
  },
  takeoverRefused: {
    en: "403 or 404 for the cancellation of Patient/{other}'s Appointment/{id}, sent with Patient/{self} as the participant",
    fr: '403 ou 404 pour l’annulation de l’Appointment/{id} de Patient/{other}, envoyée avec Patient/{self} comme participant',
  },
  noProfessionalCheck: {
    en: 'no professional actor in the target file: whether the appointment stayed uncancelled was not checked',
    fr: 'aucun acteur professionnel dans le fichier de cible : on n’a pas vérifié que le rendez-vous est resté non annulé',
  },
  professionalCannotSee: {
    en: '{request} as {actor}: {status}; whether the appointment stayed uncancelled was not checked',
    fr: '{request} en tant que {actor} : {status}; on n’a pas vérifié que le rendez-vous est resté non annulé',
  },
  cancelledAnyway: {
    en: '{request} as {actor} after the refused cancellation: expected Appointment/{id} not cancelled, got it cancelled',
    fr: '{request} en tant que {actor} après l’annulation refusée : attendu Appointment/{id} non annulé, reçu annulé',
  },
  // own data
  ownStatus: { en: "200 with the patient's own {what}", fr: '200 avec les {what} du patient' },
  ownNone: {
    en: '{request} as the patient: expected their own {what} (the test patient Patient/{patient} has some), got none',
    fr: '{request} en tant que patient : attendu ses propres {what} (le patient de test Patient/{patient} en a), reçu aucun',
  },
  ownOthers: {
    en: '{request} as the patient: expected every match about Patient/{patient} alone, got others',
    fr: '{request} en tant que patient : attendu que chaque correspondance concerne Patient/{patient} seul, reçu d’autres',
  },
  ownRead: {
    en: "200 for one of the patient's own {what}, found by the search",
    fr: '200 pour un des {what} du patient, trouvé par la recherche',
  },
  ownReadAbout: {
    en: '{request}: expected the {type} of Patient/{patient}, got one about {about}',
    fr: '{request} : attendu la ressource {type} de Patient/{patient}, reçu une ressource concernant {about}',
  },
  noPatient: { en: 'no patient', fr: 'aucun patient' },
  dispensesWhat: { en: 'medication dispenses', fr: 'délivrances de médicaments' },
  prescriptionsWhat: { en: 'prescriptions', fr: 'ordonnances' },
  labResultsWhat: { en: 'laboratory results', fr: 'résultats de laboratoire' },
  labReportsWhat: { en: 'laboratory reports', fr: 'rapports de laboratoire' },
  imagingReportsWhat: { en: 'imaging reports', fr: 'rapports d’imagerie' },
  // slots
  triedSearch: {
    en: '{request} ({status}, {count} match(es))',
    fr: '{request} ({status}, {count} correspondance(s))',
  },
  scheduleNotFound: {
    en: "the family physician's schedule (Practitioner/{physician}) was not found as the patient: {tried}; set testData.familyPhysicianScheduleId (their Schedule) or testData.freeSlotIds (free Slots of it) in the target file",
    fr: 'l’agenda du médecin de famille (Practitioner/{physician}) n’a pas été trouvé en tant que patient : {tried}; renseignez testData.familyPhysicianScheduleId (son Schedule) ou testData.freeSlotIds (des Slot libres de cet agenda) dans le fichier de cible',
  },
  schedulesFound: {
    en: "the family physician's schedule(s) {schedules} found by {how}",
    fr: 'agenda(s) du médecin de famille {schedules} trouvé(s) par {how}',
  },
  slotNotFree: {
    en: '{slot} has status {status}, not free',
    fr: '{slot} a le statut {status}, et non free',
  },
  slotBusyListed: {
    en: '{slot} is busy in GET Slot?schedule=Schedule/{schedule} but listed as free',
    fr: '{slot} est occupée dans GET Slot?schedule=Schedule/{schedule} mais listée comme libre',
  },
  slotOtherSchedule: {
    en: '{slot} belongs to {reference}, not Schedule/{schedule}',
    fr: '{slot} appartient à {reference}, et non à Schedule/{schedule}',
  },
  slotPast: {
    en: '{slot} starts at {start}, before {now}',
    fr: '{slot} commence à {start}, avant {now}',
  },
  slotsMissing: {
    en: '{count} free future slot(s) of Schedule/{schedule} missing from {request}: {items}',
    fr: '{count} plage(s) libre(s) future(s) de Schedule/{schedule} absente(s) de {request} : {items}',
  },
  noFreeSlot: {
    en: 'the family physician (Practitioner/{physician}) has no free future slot in the test data: add some so booking can be tested',
    fr: 'le médecin de famille (Practitioner/{physician}) n’a aucune plage libre future dans les données de test : ajoutez-en pour que la réservation puisse être testée',
  },
  foundFree: { en: '200 for a free slot the search found', fr: '200 pour une plage libre trouvée par la recherche' },
  freeSlotsOf: {
    en: 'free slots of Practitioner/{physician} as the patient',
    fr: 'plages libres de Practitioner/{physician} en tant que patient',
  },
  noneFree: {
    en: 'free slots of Practitioner/{physician} as the patient: expected at least one free future slot from Slot?schedule=…&status=free&start=ge{now}, got none',
    fr: 'plages libres de Practitioner/{physician} en tant que patient : attendu au moins une plage libre future de Slot?schedule=…&status=free&start=ge{now}, reçu aucune',
  },
});
