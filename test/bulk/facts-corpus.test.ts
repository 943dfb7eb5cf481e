import type { Resource } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { corpusResource, EXAMPLES_DIR, loadExamples } from '../../bench/examples-corpus.js';
import { formOf, profileFor } from '../../src/actionability/form.js';
import { domainOf, examine } from '../../src/bulk/facts.js';
import { SEED_RESOURCES } from '../../src/reference/data.js';
import { hasErrors } from '../../src/validation/issues.js';
import { createValidator } from '../../src/validation/setup.js';
import type { Validator } from '../../src/validation/validator.js';

type Json = Record<string, unknown>;

/** The former answer, two walks: a valid coded resource validated a second time against its Québec profile. */
function actionableInTwoWalks(r: Json, validator: Validator): boolean | undefined {
  const domain = domainOf(r);
  if (!domain) return undefined;
  if (formOf(r as unknown as Resource, domain).form !== 'coded' || hasErrors(validator.validate(structuredClone(r))))
    return false;
  const profile = profileFor(r as unknown as Resource, domain);
  return profile !== undefined && !hasErrors(validator.validate(structuredClone(r), { profiles: [profile] }));
}

/**
 * The reference's Québec clinical data, as is (claiming its profile), without its claim, and without its
 * claim and one top-level element at a time: valid and actionable, valid outside the profile, invalid.
 */
function quebecVariants(): Json[] {
  const out: Json[] = [];
  for (const seed of SEED_RESOURCES as unknown as Json[]) {
    if (!domainOf(seed)) continue;
    const { meta: _claim, ...bare } = structuredClone(seed);
    out.push(structuredClone(seed), bare);
    for (const k of Object.keys(bare)) {
      if (k === 'resourceType') continue;
      const { [k]: _gone, ...less } = structuredClone(bare);
      out.push(less);
    }
  }
  return out;
}

describe('bulk facts in one walk: the same issues and the same actionability as two walks', function () {
  this.timeout(300_000);
  const examples = loadExamples();

  it('on the Québec clinical data of the reference and its variants', () => {
    const { validator } = createValidator();
    const tally = { actionable: 0, validNotActionable: 0, invalid: 0 };
    for (const r of quebecVariants()) {
      const two = actionableInTwoWalks(r, validator);
      const one = examine(structuredClone(r), validator, []);
      const label = `${r.resourceType}/${String(r.id)} ${Object.keys(r).join(',')}`;
      expect(one.issues, label).to.deep.equal(validator.validate(structuredClone(r)));
      expect(one.facts?.actionable, label).to.equal(two);
      if (two) tally.actionable++;
      else if (hasErrors(one.issues)) tally.invalid++;
      else tally.validNotActionable++;
    }
    // Each kind of answer is met, so the comparison can fail.
    expect(tally.actionable).to.be.greaterThan(10);
    expect(tally.validNotActionable).to.be.greaterThan(10);
    expect(tally.invalid).to.be.greaterThan(10);
  });

  it('on the official R4 examples (bench corpus), valid and with defects', function () {
    if (!examples) {
      console.log(`      (skipped: ${EXAMPLES_DIR} is absent; the official examples are not part of the project)`);
      this.skip();
    }
    const { validator } = createValidator();
    // Ten rounds, as the corpus cycles them: every example met valid and with defects.
    for (let i = 0; i < examples!.length * 10; i++) {
      const r = corpusResource(examples!, i);
      const one = examine(structuredClone(r), validator, []);
      expect(one.issues, `#${i}`).to.deep.equal(validator.validate(structuredClone(r)));
      expect(one.facts?.actionable, `#${i}`).to.equal(actionableInTwoWalks(r, validator));
    }
  });
});
