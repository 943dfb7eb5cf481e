/**
 * A laboratory result's UCUM unit must be convertible to the unit expected for
 * its LOINC test (Québec labs report SI units: a glucose in mg/dL cannot be
 * compared with one in mmol/L). The expected unit comes from the LOINC
 * concepts shipped in profiles/ (CodeSystem property `expected-unit`).
 */
import type { CodeSystem, CodeSystemConcept } from '@medplum/fhirtypes';
import { UCUM_SYSTEM, ucumConvertible } from '../terminology/ucum.js';
import type { LocalizedText } from '../util/i18n.js';
import { m } from './messages.js';
import type { DefinitionRegistry } from './registry.js';

const LOINC = 'http://loinc.org';
const EXPECTED_UNIT = 'expected-unit';

type Json = Record<string, unknown>;

const byRegistry = new WeakMap<DefinitionRegistry, Map<string, string>>();

/** LOINC code → expected UCUM unit, from the bundled LOINC concepts (once per registry). */
function expectedUnits(registry: DefinitionRegistry): Map<string, string> {
  let units = byRegistry.get(registry);
  if (!units) {
    units = new Map();
    const visit = (concepts: readonly CodeSystemConcept[] | undefined): void => {
      for (const c of concepts ?? []) {
        const p = c.property?.find((x) => x.code === EXPECTED_UNIT);
        const unit = p?.valueCode ?? p?.valueString;
        if (unit) units?.set(c.code, unit);
        visit(c.concept);
      }
    };
    visit(registry.codeSystem(LOINC)?.concept as CodeSystem['concept']);
    byRegistry.set(registry, units);
  }
  return units;
}

export interface UnitProblem {
  expression: string;
  text: LocalizedText;
}

/** Problems of an Observation's valueQuantity (and components') against the expected units. */
export function labUnitProblems(observation: Json, path: string, registry: DefinitionRegistry): UnitProblem[] {
  const units = expectedUnits(registry);
  if (units.size === 0) return [];
  const problems: UnitProblem[] = [];
  const check = (holder: Json, at: string): void => {
    const q = holder.valueQuantity as Json | undefined;
    const coding = ((holder.code as Json | undefined)?.coding as Json[] | undefined)?.find(
      (c) => c.system === LOINC && typeof c.code === 'string',
    );
    const expected = coding ? units.get(coding.code as string) : undefined;
    if (!q || !expected || q.system !== UCUM_SYSTEM || typeof q.code !== 'string') return;
    if (!ucumConvertible(q.code, expected)) {
      problems.push({
        expression: `${at}.value.ofType(Quantity)`,
        text: m.labUnit({ unit: q.code, code: String(coding?.code), expected }),
      });
    }
  };
  check(observation, path);
  for (const [i, c] of ((observation.component as Json[] | undefined) ?? []).entries()) {
    check(c, `${path}.component[${i}]`);
  }
  return problems;
}
