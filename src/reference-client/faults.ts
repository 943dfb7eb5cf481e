/**
 * Named faults of the reference client: each one bends one behaviour of the
 * scripted client so that the client suites' checks can be shown to fail
 * where they should (and only there). Declared next to the code they bend
 * (auth.ts, transport.ts, client.ts for the authorization and shared search
 * and retry code; pharmacy.ts, emr.ts and carnet.ts for each suite's behaviours) as the
 * reference target's faults are (src/reference/faults.ts); listed here.
 */
import { type FaultDefinition, faultExpectations } from '../reference/faults.js';
import { Switches } from '../reference/switches.js';
import { UsageError } from '../util/errors.js';
import {
  ASSERTION_ALG_NONE,
  ASSERTION_EXP_TOO_FAR,
  ASSERTION_JTI_REUSED,
  ASSERTION_WRONG_AUD,
  TOKEN_PER_REQUEST,
} from './auth.js';
import { CARNET_FAULTS } from './carnet.js';
import {
  IGNORES_RETRY_AFTER,
  NAM_SEARCH_BY_GET,
  NAM_WRONG_SYSTEM,
  NO_TOKEN_REFRESH_ON_401,
  RETRIES_403,
  STOPS_AT_FIRST_PAGE,
} from './client.js';
import { EMR_FAULTS } from './emr.js';
import { ERX_PHARMACY_FAULTS } from './erx-pharmacy.js';
import { ERX_PRESCRIBER_FAULTS } from './erx-prescriber.js';
import { m } from './messages.js';
import { PHARMACY_FAULTS } from './pharmacy.js';
import { CREDENTIALS_ELSEWHERE, NO_CLIENT_CERTIFICATE } from './transport.js';

/** Same shape as a reference-target fault: `breaks` in `suite`, `alsoBreaks` per other suite. */
export type ClientFaultDefinition = FaultDefinition;

export const CLIENT_FAULTS = [
  ASSERTION_ALG_NONE,
  ASSERTION_WRONG_AUD,
  ASSERTION_EXP_TOO_FAR,
  ASSERTION_JTI_REUSED,
  TOKEN_PER_REQUEST,
  NO_CLIENT_CERTIFICATE,
  CREDENTIALS_ELSEWHERE,
  NO_TOKEN_REFRESH_ON_401,
  NAM_WRONG_SYSTEM,
  NAM_SEARCH_BY_GET,
  STOPS_AT_FIRST_PAGE,
  RETRIES_403,
  IGNORES_RETRY_AFTER,
  ...PHARMACY_FAULTS,
  ...EMR_FAULTS,
  ...CARNET_FAULTS,
  ...ERX_PHARMACY_FAULTS,
  ...ERX_PRESCRIBER_FAULTS,
] as const satisfies readonly ClientFaultDefinition[];

export type ClientFault = (typeof CLIENT_FAULTS)[number];
export type ClientFaultName = ClientFault['name'];

/** The faults switched on for one reference client. */
export class ActiveClientFaults extends Switches<ClientFaultName> {}

function isClientFaultName(name: string): name is ClientFaultName {
  return CLIENT_FAULTS.some((f) => f.name === name);
}

export function clientFaultNames(): ClientFaultName[] {
  return CLIENT_FAULTS.map((f) => f.name);
}

/** Validates fault names given by a caller; an unknown one stops with the list of known ones. */
export function resolveClientFaults(requested: readonly string[] = []): ActiveClientFaults {
  const unknown = requested.filter((n) => !isClientFaultName(n));
  if (unknown.length > 0) {
    throw new UsageError(m.unknownFaults({ names: unknown.join(', '), known: clientFaultNames().join(', ') }));
  }
  return new ActiveClientFaults(requested.filter(isClientFaultName));
}

/** One line per fault, name first: `name  suite  requirement  description (also: ...)`. */
export function listClientFaults(lang: 'fr' | 'en'): string[] {
  const width = Math.max(...CLIENT_FAULTS.map((f) => f.name.length));
  return CLIENT_FAULTS.map((f: ClientFaultDefinition) => {
    const also = faultExpectations(f).flatMap((e) =>
      e.requirements.filter((r) => r !== f.breaks).map((r) => `${e.suite} ${r}`),
    );
    const tail = also.length ? ` (${lang === 'fr' ? 'aussi :' : 'also:'} ${also.join(', ')})` : '';
    return `${f.name.padEnd(width)} ${f.suite.padEnd(20)} ${f.breaks.padEnd(12)} ${f.description[lang]}${tail}`;
  });
}
