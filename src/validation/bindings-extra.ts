/**
 * Bindings beyond ElementDefinition.binding's strength and value set, read as
 * the HL7 Java validator reads them: the R4 extension `elementdefinition-maxValueSet`
 * (an extensible binding's codes must then come from that larger set) and the
 * R5 additional bindings (`binding.additional`, or in R4 the tools extension
 * `additional-binding`): purposes `maximum`/`required` are checked as required,
 * `extensible` as extensible; the others (`minimum`, `current`, `preferred`,
 * `ui`, `starter`, `component`) are documentation for the validator.
 */
import type { ElementDefinition } from '@medplum/fhirtypes';

const MAX_VS = 'http://hl7.org/fhir/StructureDefinition/elementdefinition-maxValueSet';
const ADDITIONAL = 'http://hl7.org/fhir/tools/StructureDefinition/additional-binding';

export interface ExtraBinding {
  strength: 'required' | 'extensible';
  valueSet: string;
}

type Json = Record<string, unknown>;

const STRENGTH_OF_PURPOSE: Record<string, ExtraBinding['strength']> = {
  maximum: 'required',
  required: 'required',
  extensible: 'extensible',
};

function canonicalOf(e: Json | undefined): string | undefined {
  const v = e?.valueCanonical ?? e?.valueUri ?? e?.valueUrl;
  return typeof v === 'string' ? v : undefined;
}

/** The maxValueSet of a binding, if it declares one. */
export function maxValueSetOf(binding: ElementDefinition['binding']): string | undefined {
  return canonicalOf((binding?.extension as Json[] | undefined)?.find((e) => e.url === MAX_VS));
}

/**
 * The additional bindings the validator checks. One limited to a usage
 * context (`usage`) is left out: Java checks it only where the context applies.
 */
export function additionalBindingsOf(binding: ElementDefinition['binding']): ExtraBinding[] {
  const out: ExtraBinding[] = [];
  const add = (purpose: unknown, valueSet: unknown, scoped: boolean): void => {
    const strength = typeof purpose === 'string' ? STRENGTH_OF_PURPOSE[purpose] : undefined;
    if (strength && typeof valueSet === 'string' && !scoped) out.push({ strength, valueSet });
  };
  const b = binding as Json | undefined;
  for (const a of (b?.additional as Json[] | undefined) ?? []) add(a.purpose, a.valueSet, Array.isArray(a.usage));
  for (const e of (b?.extension as Json[] | undefined) ?? []) {
    if (e.url !== ADDITIONAL) continue;
    const parts = (e.extension as Json[] | undefined) ?? [];
    const part = (name: string) => parts.find((p) => p.url === name);
    add(
      part('purpose')?.valueCode,
      canonicalOf(part('valueSet')),
      parts.some((p) => p.url === 'usage'),
    );
  }
  return out;
}
