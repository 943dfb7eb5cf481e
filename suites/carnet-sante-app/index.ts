/**
 * carnet-sante-app: the citizen portal's app (Carnet santé) as a client of
 * the DSQ, homolog playing the shared record (catalogue.yaml). Scenarios run
 * in the order a citizen uses the app: their medications, laboratory
 * results and upcoming appointments (shown again once the token expired:
 * early, so that the new token's reuse is judged over the scenarios after
 * it even when another suite issued the first), free slots, a booking (the
 * slot taken meanwhile, a busy record), its cancellation; the checks
 * that judge the whole session (authorization, own patient only, request
 * counts) come last. One file per requirement group; scenarios.ts builds
 * the scenarios.
 */
import { defineClientSuite } from '../../src/suite/client-api.js';
import { booking, slotSearch } from './appointments.js';
import { takenSlotShown } from './attestations.js';
import { authorization, expiredTokenRefreshed } from './authorization.js';
import { requestsBounded, retryAfter } from './handling.js';
import { ownData, ownPatientOnly } from './own-data.js';

export default defineClientSuite('carnet-sante-app', [
  ...ownData,
  expiredTokenRefreshed,
  slotSearch,
  ...booking,
  retryAfter,
  takenSlotShown,
  ...authorization,
  ownPatientOnly,
  requestsBounded,
]);
