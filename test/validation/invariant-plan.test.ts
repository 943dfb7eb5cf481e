import { expect } from 'chai';
import { evaluateInvariant, type FhirPathHost } from '../../src/validation/fhirpath.js';
import { decideInvariant } from '../../src/validation/invariant-plan.js';

const host: FhirPathHost = { resolve: () => undefined, memberOf: () => undefined, conformsTo: () => undefined };

function fhirpathSays(expression: string, base: string, value: unknown): boolean {
  const out = evaluateInvariant(expression, base, value, {}, host);
  if (!out.ok) throw new Error(out.reason);
  return out.value;
}

describe("validation: invariants decided from the element's keys", () => {
  const decided: [string, string, unknown][] = [
    ['ContactPoint', 'value.empty() or system.exists()', { value: '555' }],
    ['ContactPoint', 'value.empty() or system.exists()', { value: '555', system: 'phone' }],
    ['ContactPoint', 'value.empty() or system.exists()', { use: 'home' }],
    ['Period', 'start.hasValue().not() or end.hasValue().not() or (start <= end)', { end: '2020' }],
    ['Appointment.participant', 'type.exists() or actor.exists()', { status: 'accepted' }],
    ['Appointment.participant', 'type.exists() or actor.exists()', { type: [{ text: 'x' }], status: 'accepted' }],
    ['Timing.repeat', 'duration.empty() or durationUnit.exists()', { duration: 2 }],
    ['Timing.repeat', 'duration.exists() implies duration >= 0', { count: 2 }],
    ['Quantity', 'code.empty().not() and system.exists().not()', { code: 'mg' }],
    ['Identifier', 'period.exists() and value.exists()', { system: 'urn:x' }],
    ['Identifier', 'system.exists() and value.exists()', { system: 'urn:x', value: 'v' }],
    ['Identifier', 'value.hasValue()', { value: 'v' }],
    ['Identifier', 'type.hasValue()', { type: { text: 'x' } }],
  ];
  for (const [base, expression, value] of decided) {
    it(`${expression} on ${JSON.stringify(value)}: the answer fhirpath.js gives`, () => {
      const quick = decideInvariant(expression, value);
      expect(quick, 'decided without fhirpath.js').to.be.a('boolean');
      expect(quick).to.equal(fhirpathSays(expression, base, value));
    });
  }

  const leftToFhirpath: [string, unknown, string][] = [
    ['value.empty() or system.exists()', { _value: { extension: [] } }, 'a primitive extension'],
    ['value.exists() implies code.exists()', { valueString: 'x' }, 'a choice element'],
    ['value.empty() or system.exists()', { value: null }, 'a null'],
    ['type.hasValue()', { type: ['a', 'b'] }, 'several values'],
    [
      'start.hasValue().not() or end.hasValue().not() or (start <= end)',
      { start: '2020', end: '2021' },
      'the comparison decides',
    ],
    ['a.exists() xor b.exists()', { a: 1 }, 'xor'],
    ["name.exists() or 'or'.exists()", { x: 1 }, 'a literal'],
  ];
  for (const [expression, value, why] of leftToFhirpath) {
    it(`${expression} on ${JSON.stringify(value)}: left to fhirpath.js (${why})`, () => {
      expect(decideInvariant(expression, value)).to.equal(undefined);
    });
  }
});
