/**
 * erx-prescriber: a prescriber's EMR as sender on the e-prescription switch
 * (issue 16). homolog plays the switch and the pharmacy; each scenario tells
 * the operator what to do in the EMR, puts the pharmacy's messages in its
 * inbox, and the checks judge the messages that arrived. Order matters: the
 * message rules judge every message of the suite, so they come last.
 */
import { defineClientSuite } from '../../src/suite/client-api.js';
import { inbox } from './inbox.js';
import { prescriptions } from './prescriptions.js';
import { structure } from './structure.js';

export default defineClientSuite('erx-prescriber', [...prescriptions, ...inbox, ...structure]);
