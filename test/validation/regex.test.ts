import { expect } from 'chai';
import { evaluateInvariant, type FhirPathHost } from '../../src/validation/fhirpath.js';
import { checkPrimitive, type PrimitiveProblem } from '../../src/validation/primitives.js';

/** On a backtracking engine `(a+)+b` against 32 a's and no b takes minutes; on a linear one, microseconds. */
const EVIL = '(a+)+b';
const VICTIM = `${'a'.repeat(32)}c`;
const host: FhirPathHost = { resolve: () => undefined, memberOf: () => undefined, conformsTo: () => undefined };

/** A problem without its French (compared elsewhere). */
function english(p: PrimitiveProblem): { severity: string; message: string } {
  return { severity: p.severity, message: p.message };
}

describe('validation: regexes from profiles, IGs and invariants run in linear time', function () {
  this.timeout(10_000);

  it('a primitive type regex from an IG: the value is checked, not hung', () => {
    expect(checkPrimitive('code', VICTIM, EVIL).map(english)).to.deep.equal([
      { severity: 'error', message: `The code '${VICTIM}' is not valid (whitespace rules)` },
    ]);
    expect(checkPrimitive('code', 'aaab', EVIL)).to.deep.equal([]);
  });

  it('a regex the linear engine cannot run (a backreference) is "not checked", with the pattern', () => {
    expect(checkPrimitive('code', 'abab', '(ab)\\1').map(english)).to.deep.equal([
      {
        severity: 'warning',
        message:
          "not checked: the regex '(ab)\\1' is not supported (backreferences and lookaround cannot run in linear time)",
      },
    ]);
  });

  it('FHIRPath matches(), matchesFull() and replaceMatches() in an invariant', () => {
    const patient = { resourceType: 'Patient', name: [{ family: VICTIM }] };
    expect(evaluateInvariant(`name.family.matches('${EVIL}')`, '', patient, {}, host)).to.deep.equal({
      ok: true,
      value: false,
    });
    expect(evaluateInvariant(`name.family.matchesFull('${EVIL}')`, '', patient, {}, host)).to.deep.equal({
      ok: true,
      value: false,
    });
    expect(
      evaluateInvariant(`name.family.replaceMatches('${EVIL}', 'x') = name.family`, '', patient, {}, host),
    ).to.deep.equal({ ok: true, value: true });
    // The usual semantics: matches() finds anywhere, matchesFull() the whole value, flags, groups in the substitution.
    const named = { resourceType: 'Patient', name: [{ family: 'Tremblay' }] };
    expect(evaluateInvariant("name.family.matches('emb')", '', named, {}, host)).to.deep.equal({
      ok: true,
      value: true,
    });
    expect(evaluateInvariant("name.family.matchesFull('emb')", '', named, {}, host)).to.deep.equal({
      ok: true,
      value: false,
    });
    expect(evaluateInvariant("name.family.matches('^tremblay$', 'i')", '', named, {}, host)).to.deep.equal({
      ok: true,
      value: true,
    });
    expect(
      evaluateInvariant("name.family.replaceMatches('(T)(rem)', '$2$1') = 'remTblay'", '', named, {}, host),
    ).to.deep.equal({ ok: true, value: true });
  });

  it('an invariant whose regex the linear engine cannot run is not evaluated, and says why', () => {
    const out = evaluateInvariant(
      "name.family.matches('(?=T)T')",
      '',
      { resourceType: 'Patient', name: [{ family: 'Tremblay' }] },
      {},
      host,
    );
    expect(out.ok).to.equal(false);
    expect(out.ok ? '' : out.reason).to.include("the regex '(?=T)T' is not supported");
  });
});
