/**
 * Named fault switches of the reference target. Each one breaks exactly one
 * requirement of one suite's catalogue, so the project's tests can prove that
 * every check fails where it should (and only there). Faults can be combined.
 * API faults are applied by the HTTP shell; data faults (data-faults.ts) alter
 * the seed resources.
 *
 * Each fault is declared next to the code that implements it, as an exported
 * constant that code tests (`faults.has(NO_ETAG)`); this module lists them.
 * A module that declares a fault imports only types from here (this module
 * imports it: a value import back would be a cycle).
 */

import { DENIED_NOT_AUDITED, NO_AUDIT } from './access/audit.js';
import { NO_SMART_CONFIGURATION } from './access/discovery.js';
import {
  ACCEPTS_EXPIRED_TOKEN,
  BOOKING_FOR_OTHER_PATIENT_ALLOWED,
  CONSENT_IGNORED,
  CONSENT_SILENT,
  LEAKS_DATA_ON_403,
  NO_401,
  NO_WWW_AUTHENTICATE,
  PATIENT_SEES_OTHER_PATIENT,
  SCOPE_IGNORED,
} from './access/guard.js';
import {
  NURSE_READS_IMAGING,
  PATIENT_DENIED_IMAGING,
  PATIENT_DENIED_LABORATORY,
  PATIENT_DENIED_MEDICATIONS,
  PHARMACIST_READS_IMAGING,
  WRITE_POLICY_IGNORED,
} from './access/policy-faults.js';
import { NO_CLIENT_CERT_REQUIRED, PLAIN_HTTP_SERVED } from './access/tls.js';
import {
  ACCEPTS_BAD_SIGNATURE,
  ACCEPTS_EXPIRED_ASSERTION,
  ACCEPTS_INVALID_GRANT_TYPE,
  ACCEPTS_REPLAYED_JTI,
  ACCEPTS_WRONG_ASSERTION_TYPE,
  ACCEPTS_WRONG_AUDIENCE,
  TOKEN_CACHEABLE,
} from './access/token.js';
import { BOOKING_LEAVES_SLOT_FREE, CANCEL_KEEPS_SLOT_BUSY, DOUBLE_BOOKING_ACCEPTED } from './appointments.js';
import { CAPABILITY_NO_JSON, CAPABILITY_NO_RESOURCES, WRONG_FHIR_VERSION } from './capability.js';
import { CONDITIONAL_CREATE_IGNORED } from './conditional.js';
import { CREATE_KEEPS_CLIENT_ID, CREATE_NO_LOCATION, DISPENSE_CREATE_DROPS_DIN } from './create.js';
import {
  BAD_LICENCE_NUMBER,
  BAD_NAM_CHECK_DIGIT,
  DANGLING_PRESCRIBER_REFERENCE,
  DISPENSE_WITHOUT_DIN,
  IMAGING_CODE_OUTSIDE_VALUESET,
  IMAGING_REPORT_PDF_ONLY,
  IMAGING_STUDY_DANGLING,
  INVALID_DIN,
  LAB_INTERPRETATION_INCONSISTENT,
  LAB_REPORT_DANGLING_RESULT,
  LAB_REPORT_PDF_ONLY,
  NON_UCUM_UNIT,
  REQUEST_WITHOUT_DIN,
} from './data-faults.js';
import { ACCEPT_IGNORED, FORMAT_PARAM_REJECTED, METADATA_MISSING, METADATA_REQUIRES_AUTH } from './dispatch.js';
import { HISTORY_NOT_KEPT } from './history.js';
import { ERRORS_WITHOUT_OUTCOME, WRONG_CONTENT_TYPE } from './http-shell.js';
import { DISPENSE_PROFILE_NOT_ENFORCED } from './profile-check.js';
import { CONDITIONAL_READ_IGNORED, NO_VERSION_ID, READ_ID_MISMATCH, UNKNOWN_ID_200, VREAD_BROKEN } from './read.js';
import {
  CHAINED_NAM_SEARCH_IGNORED,
  COUNT_IGNORED,
  DISPENSE_DATE_FILTER_IGNORED,
  DISPENSE_SEARCH_LEAKS_PATIENTS,
  DISPENSE_STATUS_FILTER_IGNORED,
  INVALID_RESOURCE_RETURNED,
  MALFORMED_DATE_ACCEPTED,
  NAM_SEARCH_RETURNS_ALL,
  OBSERVATION_CODE_FILTER_IGNORED,
  PAGING_NO_NEXT_LINK,
  PAGING_REPEATS_PAGE,
  REQUEST_STATUS_FILTER_IGNORED,
  SEARCH_IGNORES_PATIENT,
  SEARCH_NO_FULLURL,
  SEARCH_WRONG_BUNDLE_TYPE,
  SLOT_STATUS_FILTER_IGNORED,
  STATEMENTS_NOT_SEARCHABLE,
  UNKNOWN_PARAM_IGNORED,
} from './search.js';
import { Switches } from './switches.js';
import { DISPENSE_STATUS_UPDATE_IGNORED, IF_MATCH_IGNORED } from './update.js';
import { NO_ETAG, NO_LAST_MODIFIED } from './versioning.js';

export interface FaultDefinition {
  name: string;
  /** The suite whose requirement breaks. */
  suite: string;
  /** The requirement id (in that suite's catalogue) this fault makes fail. */
  breaks: string;
  description: { fr: string; en: string };
  /**
   * Requirements the same defect also makes fail, per suite: every failing
   * requirement id of that suite (for `suite`, in addition to `breaks`).
   */
  alsoBreaks?: Readonly<Record<string, readonly string[]>>;
}

/** A variation's declared change to a fault's failures (variations.ts, VariationDefinition.faultChanges). */
export interface FaultChange {
  /** A listed fault: a typo does not compile. */
  fault: FaultName;
  suite: string;
  spares?: readonly string[];
  breaks?: readonly string[];
  reason: string;
}

/**
 * Every suite a fault shows in, with the exact set of requirement ids that
 * fail there; `changes`: what the variations switched on declare they spare.
 */
export function faultExpectations(
  fault: FaultDefinition,
  changes: readonly FaultChange[] = [],
): { suite: string; requirements: string[] }[] {
  const bySuite = new Map<string, Set<string>>([[fault.suite, new Set([fault.breaks])]]);
  for (const [suite, ids] of Object.entries(fault.alsoBreaks ?? {})) {
    const set = bySuite.get(suite) ?? new Set<string>();
    for (const id of ids) set.add(id);
    bySuite.set(suite, set);
  }
  for (const change of changes.filter((c) => c.fault === fault.name)) {
    const set = bySuite.get(change.suite) ?? new Set<string>();
    for (const id of change.spares ?? []) set.delete(id);
    for (const id of change.breaks ?? []) set.add(id);
    bySuite.set(change.suite, set);
  }
  return [...bySuite]
    .filter(([, ids]) => ids.size > 0)
    .map(([suite, ids]) => ({ suite, requirements: [...ids].sort() }));
}

export const FAULTS = [
  METADATA_MISSING,
  WRONG_FHIR_VERSION,
  CAPABILITY_NO_JSON,
  CAPABILITY_NO_RESOURCES,
  METADATA_REQUIRES_AUTH,
  READ_ID_MISMATCH,
  UNKNOWN_ID_200,
  NO_ETAG,
  NO_LAST_MODIFIED,
  NO_VERSION_ID,
  VREAD_BROKEN,
  CONDITIONAL_READ_IGNORED,
  SEARCH_WRONG_BUNDLE_TYPE,
  INVALID_RESOURCE_RETURNED,
  SEARCH_IGNORES_PATIENT,
  SEARCH_NO_FULLURL,
  COUNT_IGNORED,
  PAGING_NO_NEXT_LINK,
  PAGING_REPEATS_PAGE,
  UNKNOWN_PARAM_IGNORED,
  MALFORMED_DATE_ACCEPTED,
  ERRORS_WITHOUT_OUTCOME,
  WRONG_CONTENT_TYPE,
  FORMAT_PARAM_REJECTED,
  ACCEPT_IGNORED,
  CREATE_NO_LOCATION,
  CREATE_KEEPS_CLIENT_ID,
  BAD_NAM_CHECK_DIGIT,
  BAD_LICENCE_NUMBER,
  INVALID_DIN,
  REQUEST_WITHOUT_DIN,
  NON_UCUM_UNIT,
  LAB_REPORT_PDF_ONLY,
  IMAGING_CODE_OUTSIDE_VALUESET,
] as const satisfies readonly FaultDefinition[];

/**
 * Faults of the access-control layer (suite `access`). Kept apart from FAULTS
 * until the access suite runs in the fault matrix; resolveFaults accepts them.
 * All but the two transport faults need the target's access control on
 * (`access: true`, the default with `https: true`).
 */
export const ACCESS_FAULTS = [
  NO_SMART_CONFIGURATION,
  ACCEPTS_INVALID_GRANT_TYPE,
  ACCEPTS_WRONG_ASSERTION_TYPE,
  ACCEPTS_BAD_SIGNATURE,
  ACCEPTS_EXPIRED_ASSERTION,
  ACCEPTS_REPLAYED_JTI,
  ACCEPTS_WRONG_AUDIENCE,
  TOKEN_CACHEABLE,
  NO_401,
  NO_WWW_AUTHENTICATE,
  ACCEPTS_EXPIRED_TOKEN,
  SCOPE_IGNORED,
  PHARMACIST_READS_IMAGING,
  LEAKS_DATA_ON_403,
  WRITE_POLICY_IGNORED,
  PATIENT_SEES_OTHER_PATIENT,
  CONSENT_IGNORED,
  NO_AUDIT,
  DENIED_NOT_AUDITED,
  PLAIN_HTTP_SERVED,
  NO_CLIENT_CERT_REQUIRED,
] as const satisfies readonly FaultDefinition[];

/**
 * Faults of the DSQ domain suites (dsq-pharmacy, dsq-emr, carnet-sante), which run
 * against the secured reference target (`https: true`): search, write, history and
 * appointment behaviours, access cells and data-quality defects.
 */
export const DSQ_FAULTS = [
  CONSENT_SILENT,
  DISPENSE_SEARCH_LEAKS_PATIENTS,
  CHAINED_NAM_SEARCH_IGNORED,
  DISPENSE_DATE_FILTER_IGNORED,
  DISPENSE_STATUS_FILTER_IGNORED,
  REQUEST_STATUS_FILTER_IGNORED,
  STATEMENTS_NOT_SEARCHABLE,
  DANGLING_PRESCRIBER_REFERENCE,
  DISPENSE_WITHOUT_DIN,
  DISPENSE_CREATE_DROPS_DIN,
  DISPENSE_PROFILE_NOT_ENFORCED,
  CONDITIONAL_CREATE_IGNORED,
  IF_MATCH_IGNORED,
  DISPENSE_STATUS_UPDATE_IGNORED,
  HISTORY_NOT_KEPT,
  NAM_SEARCH_RETURNS_ALL,
  OBSERVATION_CODE_FILTER_IGNORED,
  LAB_INTERPRETATION_INCONSISTENT,
  LAB_REPORT_DANGLING_RESULT,
  IMAGING_STUDY_DANGLING,
  IMAGING_REPORT_PDF_ONLY,
  NURSE_READS_IMAGING,
  PATIENT_DENIED_MEDICATIONS,
  PATIENT_DENIED_LABORATORY,
  PATIENT_DENIED_IMAGING,
  SLOT_STATUS_FILTER_IGNORED,
  BOOKING_LEAVES_SLOT_FREE,
  DOUBLE_BOOKING_ACCEPTED,
  CANCEL_KEEPS_SLOT_BUSY,
  BOOKING_FOR_OTHER_PATIENT_ALLOWED,
] as const satisfies readonly FaultDefinition[];

/** A declared fault: the definition a branch tests (`faults.has(NO_ETAG)`). */
export type Fault = (typeof FAULTS)[number] | (typeof ACCESS_FAULTS)[number] | (typeof DSQ_FAULTS)[number];

export type FaultName = Fault['name'];

/** Every fault: API and data faults (plain reference target) and access faults (secured target, `https: true`). */
export const ALL_FAULTS: readonly FaultDefinition[] = [...FAULTS, ...ACCESS_FAULTS, ...DSQ_FAULTS];

/** Names of FAULTS (the plain target's fault matrix); see allFaultNames for ACCESS_FAULTS too. */
export function faultNames(): string[] {
  return FAULTS.map((f) => f.name);
}

export function allFaultNames(): string[] {
  return ALL_FAULTS.map((f) => f.name);
}

function isFaultName(name: string): name is FaultName {
  return ALL_FAULTS.some((f) => f.name === name);
}

/** The faults switched on for one server instance. */
export class ActiveFaults extends Switches<FaultName> {}

/** Validates fault names given by a caller; an unknown one is a programming error worth stopping for. */
export function resolveFaults(requested: readonly string[] = []): ActiveFaults {
  const unknown = requested.filter((n) => !isFaultName(n));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown reference-target fault(s): ${unknown.join(', ')}. Valid faults: ${allFaultNames().join(', ')}`,
    );
  }
  return new ActiveFaults(requested.filter(isFaultName));
}
