/**
 * dsq-pharmacy: a community pharmacy's system as the DSQ needs it. The
 * pharmacist reads the patient's medication profile (by patient, NAM, period
 * and status), submits, corrects and cancels dispenses without losing their
 * history, is held to the pharmacist's access rules, and the medication data
 * is coded. Expected results are derived from the data the target returns
 * (e.g. the period searched lies between the patient's own dispenses), so the
 * suite runs on any vendor's test data that follows `homolog fixtures`.
 * One file per requirement group; what they share is in support.ts.
 */
import { defineSuite } from '../../src/suite/api.js';
import { access } from './access.js';
import { actionability } from './actionability.js';
import { profile } from './profile.js';
import { references } from './references.js';
import { submit } from './submit.js';
import { update } from './update.js';

export default defineSuite('dsq-pharmacy', [
  ...profile,
  ...references,
  ...actionability,
  ...submit,
  ...update,
  ...access,
]);
