/**
 * dsq-emr-client: a clinic EMR as a client of the DSQ, homolog playing the
 * shared record (catalogue.yaml). Scenarios run in the order a physician
 * works: open the chart, laboratory results, imaging, medications, a patient
 * who refused sharing, a busy record, an expired token; the checks that judge
 * the whole session (authorization, NAM in URLs, request counts) come last.
 * One file per requirement group; scenarios.ts builds the scenarios.
 */
import { defineClientSuite } from '../../src/suite/client-api.js';
import { labRangeShown, refusalShown } from './attestations.js';
import { authorization } from './authorization.js';
import { consent } from './consent.js';
import { requestsBounded, retryAfter } from './handling.js';
import { imaging } from './imaging.js';
import { laboratory } from './laboratory.js';
import { medications } from './medications.js';
import { namNotInUrl, patient } from './patient.js';

export default defineClientSuite('dsq-emr-client', [
  ...patient,
  ...laboratory,
  labRangeShown,
  ...imaging,
  ...medications,
  ...consent,
  refusalShown,
  retryAfter,
  ...authorization,
  namNotInUrl,
  requestsBounded,
]);
