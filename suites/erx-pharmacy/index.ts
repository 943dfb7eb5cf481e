/**
 * erx-pharmacy: a community pharmacy's system on the e-prescription switch
 * (issue 16), tested as a client. homolog plays the switch and the
 * prescriber's EMR: it puts new prescriptions, a cancellation request
 * delivered twice and a malformed message in the system's inbox, asks the
 * operator to dispense, and judges what the system took, acknowledged and
 * sent. The checks that judge every message sent, and the acknowledgements
 * (which may come in a later scenario), come after every scenario.
 */
import { defineClientSuite } from '../../src/suite/client-api.js';
import { cancelAnswered, duplicateOnce } from './cancel.js';
import { dispenseRefersToPrescription } from './dispense.js';
import { malformedAnswered } from './errors.js';
import { acknowledgedOnce, inboxTaken } from './inbox.js';
import { messageRules } from './messages.js';

export default defineClientSuite('erx-pharmacy', [
  inboxTaken,
  cancelAnswered,
  duplicateOnce,
  dispenseRefersToPrescription,
  malformedAnswered,
  // After every scenario: these judge the whole of the suite's messages.
  acknowledgedOnce,
  ...messageRules,
]);
