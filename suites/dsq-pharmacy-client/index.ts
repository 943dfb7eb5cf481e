/**
 * dsq-pharmacy-client: a community pharmacy's software as the DSQ needs it,
 * tested as a client. homolog plays the shared record; each scenario tells
 * the operator what to do (find the patient, read her paged profile, submit,
 * correct and cancel a dispense, meet a 422 and a consent refusal, an expired
 * token), injects the answers that test the software's handling, and the
 * checks judge what arrived. Order matters: the checks that judge the whole
 * session (NAM in URLs, request counts, authorization) come after every
 * scenario. One file per requirement group; what they share is in support.ts.
 */
import { defineClientSuite } from '../../src/suite/client-api.js';
import { attestations } from './attestations.js';
import { authorization, expiredToken } from './authorization.js';
import { handling, requestsBounded } from './handling.js';
import { namInUrl, queries } from './queries.js';
import { submissions } from './submissions.js';

export default defineClientSuite('dsq-pharmacy-client', [
  ...queries,
  ...submissions,
  ...handling,
  ...attestations,
  expiredToken,
  // After every scenario: these judge the whole of the suite's requests.
  namInUrl,
  requestsBounded,
  ...authorization,
]);
