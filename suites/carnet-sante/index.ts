/**
 * carnet-sante: the FHIR API behind a citizen's health portal, tested as the
 * patient actor. The patient reads their own medications, laboratory results
 * and imaging reports and never another patient's data; they find their
 * family physician's free slots, book one, cannot book it twice, cancel it,
 * find it again with its history, and cannot book or cancel for someone else.
 *
 * The appointment tests run in order and hand each other the slot and the
 * appointment through t.save / t.saved (names in appointments.ts). A test
 * whose premise an earlier failure took away skips, naming that requirement,
 * so one defect fails one requirement.
 *
 * One file per requirement group; this one only assembles them, in order.
 */
import { defineSuite } from '../../src/suite/api.js';
import { bookingTests } from './booking.js';
import { isolationTests } from './isolation.js';
import { othersAppointmentTests } from './others-appointments.js';
import { ownDataTests } from './own-data.js';
import { slotTests } from './slots.js';

export default defineSuite('carnet-sante', [
  ...ownDataTests,
  ...isolationTests,
  ...slotTests,
  ...bookingTests,
  ...othersAppointmentTests,
]);
