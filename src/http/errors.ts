/**
 * A problem with the target's answer or transport (timeout, reset, oversized or
 * malformed body). A check that hits one ends with status `error`, never a crash.
 */

import { LocalizedError } from '../util/errors.js';
import type { Text } from '../util/i18n.js';
export class TargetError extends LocalizedError {
  constructor(
    readonly code: TargetErrorCode,
    message: Text,
    readonly exchangeId?: string,
  ) {
    super(message);
    this.name = 'TargetError';
  }
}

export type TargetErrorCode =
  | 'timeout'
  | 'connection'
  | 'too-large'
  | 'malformed-json'
  | 'not-fhir'
  | 'protocol'
  /** The check's time limit was reached, or the run interrupted, while the exchange was in flight. */
  | 'aborted'
  /** An HTTP status outside 100–599. */
  | 'invalid-status'
  /** Credentials could not be obtained: token endpoint refused, discovery failed. */
  | 'auth';
