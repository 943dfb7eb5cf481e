/**
 * Variations of the reference target: behaviours FHIR R4 and the DSQ rules
 * allow but do not require, each served on request so that the suites are
 * proved to pass a vendor who chose them (issue 12). Not faults: a suite
 * that fails under a variation is wrong, not the target. Each definition
 * lives next to the code that implements it; this module lists them.
 */

import { UsageError } from '../util/errors.js';
import { CONSENT_SUPPRESSED_SEARCH, DENY_404, SCHEDULE_HIDDEN_FROM_PATIENT } from './access/guard.js';
import type { FaultChange } from './faults.js';
import { CONDITIONAL_READ_UNSUPPORTED } from './read.js';
import { Switches } from './switches.js';
import { NO_TRANSACTION } from './transaction.js';

export interface VariationDefinition {
  name: string;
  description: { fr: string; en: string };
  /** The requirements, per suite, whose checks meet the varied behaviour (the tests run their faults under it). */
  touches: Readonly<Record<string, readonly string[]>>;
  /**
   * Faults whose expected failures differ under this variation, in one suite:
   * requirements the fault no longer breaks there (`spares`) or also breaks
   * (`breaks`), with why (never changed silently).
   */
  faultChanges?: readonly FaultChange[];
}

export const VARIATIONS = [
  DENY_404,
  CONSENT_SUPPRESSED_SEARCH,
  CONDITIONAL_READ_UNSUPPORTED,
  SCHEDULE_HIDDEN_FROM_PATIENT,
  NO_TRANSACTION,
] as const satisfies readonly VariationDefinition[];

export type VariationName = (typeof VARIATIONS)[number]['name'];

/** `all` names every variation. */
export const ALL_VARIATIONS = 'all';

export function variationNames(): VariationName[] {
  return VARIATIONS.map((v) => v.name);
}

function isVariationName(name: string): name is VariationName {
  return VARIATIONS.some((v) => v.name === name);
}

/** The variations switched on for one server instance. */
export class ActiveVariations extends Switches<VariationName> {}

/** Names (each may be a comma-separated list, or `all`) to the active set; an unknown name is an error listing the valid ones. */
export function resolveVariations(requested: readonly string[] = []): ActiveVariations {
  const names = requested
    .flatMap((r) => r.split(','))
    .map((n) => n.trim())
    .filter(Boolean);
  const expanded = names.flatMap((n) => (n === ALL_VARIATIONS ? variationNames() : [n]));
  const unknown = expanded.filter((n) => !isVariationName(n));
  if (unknown.length > 0) {
    throw new UsageError(
      `Unknown reference-target variation(s): ${unknown.join(', ')}. Valid variations: ${variationNames().join(', ')} (or ${ALL_VARIATIONS})`,
    );
  }
  return new ActiveVariations(expanded.filter(isVariationName));
}

/** What the active variations change in the faults' expected failures (for faultExpectations). */
export function faultChangesOf(active: ActiveVariations): NonNullable<VariationDefinition['faultChanges']>[number][] {
  return VARIATIONS.filter((v) => active.has(v)).flatMap((v: VariationDefinition) => v.faultChanges ?? []);
}
