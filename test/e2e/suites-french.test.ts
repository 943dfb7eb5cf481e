/**
 * fhir-core, qc-profiles and access speak French as well as English: every
 * check declares its title and description in both (the French a translation,
 * not a copy), and a failure recorded against the reference target carries a
 * French message with its parameters filled in (no `{name}` left, the value
 * the target sent quoted).
 */
import path from 'node:path';
import { expect } from 'chai';
import type { CheckResult, RunResult } from '../../src/model/run-result.js';
import { startReferenceTarget } from '../../src/reference/server.js';
import { loadSuite } from '../../src/suite/registry.js';
import { isLocalizedText } from '../../src/util/i18n.js';
import { runInProcess, runOnAccessTarget } from '../support/campaign.js';
import { writeReferenceTargetFile } from '../support/reference.js';
import { useTempDir } from '../support/tmp.js';

const SUITES = ['fhir-core', 'qc-profiles', 'access'];
const TOKEN = 'e2e-token-0123456789';

/** Words, not codes: a text of three words or more must differ between the languages. */
const words = (text: string): number => text.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w)).length;

function failed(run: RunResult, testId: string): CheckResult {
  const check = run.checks.find((c) => c.testId === testId);
  expect(check?.status, `${testId}: ${check?.message?.en ?? ''}`).to.equal('fail');
  return check as CheckResult;
}

/**
 * No placeholder left, not the English, no English word in the part the suite
 * wrote (`ours`: the message up to where quoted evidence begins), and the
 * values given.
 */
function expectFrench(check: CheckResult, ours: (fr: string) => string, ...mustContain: string[]): void {
  const fr = check.message?.fr ?? '';
  expect(fr, check.id).to.not.match(/\{\s*[A-Za-z_]\w*\s*[},]/);
  expect(fr, check.id).to.not.include('[object Object]');
  expect(fr, check.id).to.not.equal(check.message?.en);
  expect(ours(fr), check.id).to.not.match(/\b(expected|got|the|with|must|not|none|and)\b/);
  for (const s of mustContain) expect(fr, check.id).to.include(s);
}

describe('fhir-core, qc-profiles and access in French and English', function () {
  this.timeout(120_000);
  const tmp = useTempDir();

  for (const id of SUITES) {
    it(`every check of ${id} has a French title and description that are not the English`, async () => {
      const suite = await loadSuite(id);
      expect(suite.tests.length).to.be.greaterThan(0);
      for (const test of suite.tests) {
        for (const field of ['title', 'description'] as const) {
          const text = test[field];
          expect(isLocalizedText(text), `${id}/${test.id} ${field}`).to.equal(true);
          if (!isLocalizedText(text)) continue;
          expect(text.fr.trim(), `${id}/${test.id} ${field} (fr)`).to.not.equal('');
          if (words(text.en) >= 3) expect(text.fr, `${id}/${test.id} ${field}`).to.not.equal(text.en);
        }
      }
    });
  }

  async function onPlainTarget(fault: string, suite: string): Promise<RunResult> {
    const server = await startReferenceTarget({ faults: [fault], tokens: [TOKEN] });
    try {
      const target = await writeReferenceTargetFile(path.join(tmp.dir), server.baseUrl);
      return (await runInProcess(target, [suite], { HOMOLOG_TEST_TOKEN: TOKEN })).run;
    } finally {
      await server.close();
    }
  }

  it('fhir-core: the fhirVersion failure (fault wrong-fhir-version) is in French with the version the target declared', async () => {
    const check = failed(await onPlainTarget('wrong-fhir-version', 'fhir-core'), 'capabilities-fhir-version');
    expect(check.message?.en).to.equal('GET metadata: expected CapabilityStatement.fhirVersion "4.0.1", got "4.0.0"');
    expect(check.message?.fr).to.equal('GET metadata : CapabilityStatement.fhirVersion "4.0.1" attendu, reçu "4.0.0"');
    expectFrench(check, (fr) => fr, '"4.0.0"');
  });

  it('qc-profiles: the NAM failure (fault bad-nam-check-digit) is in French, naming the profile and the resource', async () => {
    const check = failed(await onPlainTarget('bad-nam-check-digit', 'qc-profiles'), 'patient-conforms');
    expect(check.message?.en).to.match(/^1 of 1 patients do not conform to qc-patient: Patient\//);
    expect(check.message?.fr).to.match(/^patients : 1 sur 1 non conformes à qc-patient : Patient\/\S+ : /);
    // The validator's own issue text follows (in English until the validator gives it in French).
    expectFrench(check, (fr) => fr.split(' : Patient/')[0] ?? '', 'qc-patient');
  });

  it('access: the grant_type failure (fault accepts-invalid-grant-type) is in French, naming the request', async () => {
    const { run } = await runOnAccessTarget(tmp.dir, ['access'], ['accepts-invalid-grant-type']);
    const check = failed(run, 'token-invalid-grant-type');
    expect(check.message?.en).to.match(/^POST \S+: expected 400 or 401 for grant_type=password, got 200/);
    expect(check.message?.fr).to.match(/^POST \S+ : attendu 400 ou 401 pour grant_type=password, reçu 200 avec/);
    expectFrench(check, (fr) => fr, 'grant_type=password');
  });
});
