import { expect } from 'chai';
import { CompactSign } from 'jose';
import { HOMOLOGATION_JWS_TYPE, signedPayload } from '../../src/certification/document.js';
import {
  loadSigningKey,
  loadVerificationKeys,
  type SigningKey,
  type VerificationKey,
} from '../../src/certification/keys.js';
import { signHomologation } from '../../src/certification/sign.js';
import { formatVerification, type VerificationResult, verifyHomologation } from '../../src/certification/verify.js';
import type { HomologationDocument } from '../../src/model/homologation.js';
import type { RunResult } from '../../src/model/run-result.js';
import { definitionFileDigests } from '../../src/run/identity.js';
import { UsageError } from '../../src/util/errors.js';
import { sampleRun } from '../report/helpers.js';
import { useTempDir } from '../support/tmp.js';
import { clone, conformantRun, failingRun, type KeyFiles, rederive, writeKeyFiles } from './helpers.js';

function errors(r: VerificationResult): string[] {
  return r.findings.filter((f) => f.level === 'error').map((f) => f.message);
}

function codes(r: VerificationResult, level: 'error' | 'info' = 'error'): string[] {
  return r.findings.filter((f) => f.level === level).map((f) => f.code);
}

for (const kind of ['ed25519', 'p256'] as const) {
  describe(`certification: sign and verify a homologation (${kind === 'ed25519' ? 'EdDSA' : 'ES256'})`, () => {
    const tmp = useTempDir();
    let files: KeyFiles;
    let signer: SigningKey;
    let verifier: VerificationKey[];

    before(async () => {
      files = await writeKeyFiles(tmp.dir, kind);
      signer = await loadSigningKey(files.privatePem);
      verifier = await loadVerificationKeys(files.publicPem);
    });

    async function signed(overrides: Parameters<typeof signHomologation>[2] = {}): Promise<HomologationDocument> {
      return signHomologation(await conformantRun(), signer, {
        issuer: 'Autorité de certification (test)',
        certificateNumber: 'HML-TEST-1',
        ...overrides,
      });
    }

    it('signs with the right algorithm and a kid that is the key thumbprint; verification passes', async () => {
      const doc = await signed();
      expect(signer.alg).to.equal(kind === 'ed25519' ? 'EdDSA' : 'ES256');
      expect(doc.signature).to.match(/^[\w-]+\.\.[\w-]+$/);
      expect(doc.decision).to.include({
        decision: 'granted',
        verdict: 'conformant',
        certificateNumber: 'HML-TEST-1',
        runId: doc.run.runId,
      });
      const result = await verifyHomologation(clone(doc), { keys: verifier });
      expect(errors(result)).to.deep.equal([]);
      expect(result.valid).to.equal(true);
      expect(result.signature).to.deep.equal({ status: 'valid', alg: signer.alg, kid: signer.kid });
      expect(formatVerification('homologation.json', result)).to.match(/^homologation\.json: VALID homologation/);
    });

    it('is valid for three years by default, and the private JWK and a JWKS work as keys', async () => {
      const now = new Date('2026-03-01T12:00:00Z');
      const doc = await signHomologation(await conformantRun(), await loadSigningKey(files.privateJwk), { now });
      expect(doc.decision.issuedAt).to.equal('2026-03-01T12:00:00.000Z');
      expect(doc.decision.expiresAt).to.equal('2029-03-01T12:00:00.000Z');
      expect(doc.decision.certificateNumber).to.match(/^HML-2026-[0-9A-F]{10}$/);
      const result = await verifyHomologation(doc, {
        keys: await loadVerificationKeys(files.jwks),
        now: new Date('2027-01-01T00:00:00Z'),
      });
      expect(errors(result)).to.deep.equal([]);
    });

    it('still verifies after the file is re-indented and its keys reordered (canonical JSON)', async () => {
      const doc = await signed();
      const reordered = JSON.parse(
        JSON.stringify(
          { signature: doc.signature, decision: { ...doc.decision }, run: doc.run, homologation: doc.homologation },
          null,
          7,
        ),
      ) as unknown;
      expect((await verifyHomologation(reordered, { keys: verifier })).valid).to.equal(true);
    });

    it('a check result flipped in the run: "altered after signing"', async () => {
      const doc = clone(await signed());
      doc.run.checks[0]!.status = 'fail';
      const result = await verifyHomologation(doc, { keys: verifier });
      expect(result.valid).to.equal(false);
      expect(result.signature.status).to.equal('altered');
      expect(errors(result)).to.include(
        'the document was altered after signing: its run or decision no longer matches the signature',
      );
    });

    it('a suite digest changed: "altered after signing"', async () => {
      const doc = clone(await signed());
      doc.run.suites[0]!.digest = 'f'.repeat(64);
      const result = await verifyHomologation(doc, { keys: verifier });
      expect(codes(result)).to.include('altered');
      expect(errors(result).join('\n')).to.contain('altered after signing');
    });

    it('one character of the decision changed (the expiry pushed back): "altered after signing"', async () => {
      const doc = clone(await signed());
      doc.decision.expiresAt = `2099${doc.decision.expiresAt.slice(4)}`;
      expect(codes(await verifyHomologation(doc, { keys: verifier }))).to.include('altered');
    });

    it('an expired certificate fails with its expiry date, in English and French', async () => {
      const doc = await signed({ now: new Date('2020-01-15T09:00:00Z'), validYears: 3 });
      const result = await verifyHomologation(doc, { keys: verifier, now: new Date('2026-01-01T00:00:00Z') });
      expect(result.signature.status).to.equal('valid');
      expect(codes(result)).to.deep.equal(['expired']);
      expect(errors(result)).to.deep.equal(['the homologation expired on 2023-01-15 (issued 2020-01-15)']);
      // In French: the finding and every label of the text output; ids, dates and codes as they are.
      expect(result.findings[0]?.text.fr).to.equal('l’homologation a expiré le 2023-01-15 (émise le 2020-01-15)');
      const fr = formatVerification('homologation.json', result, 'fr');
      expect(fr)
        .to.match(/^homologation\.json : homologation INVALIDE\n/)
        .and.contain('Émetteur')
        .and.contain('Problèmes :\n  ✗ l’homologation a expiré le 2023-01-15');
      const words = fr.replace(/\([^)]*homolog [^)]*\)|https?:\/\/\S+|HML-\S+/g, '');
      expect(words).not.to.match(
        /\b(the|expired|issued|Issuer|Decision|Problems|Target|Ran by|requirements|recomputed|certificate|key)\b/,
      );
    });

    it('a wrong key fails as a wrong key, not as an altered document', async () => {
      const other = await writeKeyFiles(tmp.dir, kind, `${kind}-other`);
      const result = await verifyHomologation(await signed(), { keys: await loadVerificationKeys(other.publicPem) });
      expect(result.signature.status).to.equal('wrong-key');
      expect(codes(result)).to.deep.equal(['wrong-key']);
      expect(errors(result)[0]).to.match(
        new RegExp(`^wrong key: the document was signed with key ${signer.kid}, not with the key given`),
      );
    });

    it('refuses to grant a run that is not conformant, and says what to decide instead', async () => {
      const { run } = await failingRun();
      expect(run.verdict.status).to.equal('not-conformant');
      let refusal: unknown;
      try {
        await signHomologation(run, signer, { decision: 'granted' });
      } catch (err) {
        refusal = err;
      }
      expect(refusal).to.be.instanceOf(UsageError);
      expect((refusal as Error).message).to.equal(
        "refusing to sign: the run's verdict is not-conformant: it cannot be granted outright; decide granted-with-conditions (with the conditions, --condition) or refused",
      );
      // Granted with conditions, with its conditions, is possible, and so is a refusal (the default for such a run).
      const conditional = await signHomologation(run, signer, {
        decision: 'granted-with-conditions',
        conditions: ['Fix FC-READ-01 within 90 days'],
      });
      expect((await verifyHomologation(conditional, { keys: verifier })).valid).to.equal(true);
      expect((await signHomologation(run, signer)).decision.decision).to.equal('refused');
      await expectRefusal(
        () => signHomologation(run, signer, { decision: 'granted-with-conditions' }),
        /must state its conditions/,
      );
      const conformant = await conformantRun();
      await expectRefusal(
        () => signHomologation(conformant, signer, { decision: 'refused', conditions: ['x'] }),
        /conditions only go with a granted-with-conditions decision/,
      );
    });

    it('refuses to sign a run whose verdict does not follow from its checks', async () => {
      const run = await conformantRun();
      run.checks[0]!.status = 'fail'; // the requirements and verdict still say pass: a forged run
      await expectRefusal(
        () => signHomologation(run, signer),
        /refusing to sign: the run does not follow from its own checks: requirement \S+ is recorded as pass but its checks make it fail/,
      );
    });

    /** What another tool could sign: the same JWS over any run and decision, with none of signHomologation's refusals. */
    async function signedByAnotherTool(run: RunResult, overrides: Record<string, unknown> = {}): Promise<unknown> {
      const decision = {
        issuer: 'x',
        decision: 'granted',
        certificateNumber: 'n',
        issuedAt: new Date().toISOString(),
        expiresAt: new Date(Date.now() + 1e10).toISOString(),
        conditions: [],
        runId: run.runId,
        verdict: run.verdict.status,
        ...overrides,
      };
      const jws = await new CompactSign(signedPayload(run, decision))
        .setProtectedHeader({ alg: signer.alg, kid: signer.kid, typ: HOMOLOGATION_JWS_TYPE })
        .sign(signer.key);
      const [h, , s] = jws.split('.');
      return { homologation: '1.0', run, decision, signature: `${h}..${s}` };
    }

    it('recomputes the verdict: a forged run signed by another tool is caught even though its signature is valid', async () => {
      const run = await conformantRun();
      run.checks[0]!.status = 'fail';
      const result = await verifyHomologation(await signedByAnotherTool(run, { verdict: 'conformant' }), {
        keys: verifier,
      });
      expect(result.signature.status).to.equal('valid');
      expect(codes(result)).to.include('verdict-mismatch');
      expect(errors(result).join('\n')).to.contain(
        'the verdict is recorded as conformant but the checks make it not-conformant',
      );
    });

    it('a failed SHALL requirement edited to SHOULD, verdict recomputed: sign refuses, verify is INVALID without --strict', async () => {
      const { run, failed } = await failingRun();
      expect(run.verdict.status).to.equal('not-conformant');
      run.requirements.find((r) => r.id === failed)!.level = 'SHOULD';
      rederive(run);
      expect(run.verdict.status, 'consistent with itself once downgraded').to.equal('conformant');
      await expectRefusal(
        () => signHomologation(run, signer),
        new RegExp(
          `^refusing to sign: the run contradicts the catalogue of its suites: requirement ${failed} is SHOULD in the run but SHALL in the catalogue of suite fhir-core`,
        ),
      );
      const result = await verifyHomologation(await signedByAnotherTool(run), { keys: verifier });
      expect(result.signature.status).to.equal('valid');
      expect(result.valid).to.equal(false);
      expect(codes(result)).to.deep.equal(['catalogue-mismatch']);
      expect(errors(result)[0]).to.match(
        new RegExp(`requirement ${failed} is SHOULD in the run but SHALL in the catalogue of suite fhir-core \\d`),
      );
    });

    it('a requirement removed or added, a check re-pointed, a suite version edited, an unknown check: sign refuses, verify is INVALID', async () => {
      const edits: [string, (run: RunResult) => void, RegExp][] = [
        [
          'requirement removed',
          (r) => void r.requirements.splice(0, 1),
          /requirement \S+ \(SHALL\) of suite fhir-core is missing from the run/,
        ],
        [
          'requirement added',
          (r) => void r.requirements.push({ ...r.requirements[0]!, id: 'FC-EXTRA-99' }),
          /requirement FC-EXTRA-99 is not in the catalogue of suite fhir-core/,
        ],
        [
          'check re-pointed',
          (r) => void (r.checks[0]!.requirements = [r.requirements[r.requirements.length - 1]!.id]),
          /check fhir-core\/\S+ is recorded as verifying \[\S+\], but its test verifies/,
        ],
        [
          'version edited',
          (r) => void (r.suites[0]!.version = '9.9.9'),
          /suite fhir-core is recorded as version 9\.9\.9, but the suite of that digest is version/,
        ],
        [
          'unknown check',
          (r) => void r.checks.push({ ...r.checks[0]!, id: 'fhir-core/invented', testId: 'invented' }),
          /check fhir-core\/invented is not a test of suite fhir-core/,
        ],
        [
          'orphan requirement',
          (r) => void r.requirements.push({ ...r.requirements[0]!, id: 'QC-X-01', suite: 'qc-profiles' }),
          /requirement QC-X-01 belongs to suite qc-profiles, which the run does not list/,
        ],
      ];
      for (const [name, edit, message] of edits) {
        const run = await conformantRun();
        edit(run);
        rederive(run);
        await expectRefusal(() => signHomologation(run, signer), message);
        const result = await verifyHomologation(await signedByAnotherTool(run), { keys: verifier });
        expect(codes(result), name).to.include('catalogue-mismatch');
        expect(errors(result).join('\n'), name).to.match(message);
      }
    });

    it('a run of suites that are not installed here: sign refuses (it cannot check the catalogue); verify says so, and fails with --strict', async () => {
      const run = sampleRun(); // fhir-core of another digest, and qc-medication, which is not installed here
      await expectRefusal(
        () => signHomologation(run, signer, { decision: 'refused' }),
        /^refusing to sign: suite fhir-core 1\.0\.0 of the run \(digest 9f141cd7f7fc\) is not the one installed here \(\S+, digest [0-9a-f]{12}\): its catalogue cannot be checked; suite qc-medication 0\.3\.0 is not installed here: its catalogue cannot be checked; sign with a homolog installation that has the suites the run was made with$/,
      );
      const doc = await signedByAnotherTool(run, { decision: 'refused', verdict: run.verdict.status });
      const lenient = await verifyHomologation(doc, { keys: verifier });
      expect(lenient.valid, errors(lenient).join('\n')).to.equal(true);
      expect(codes(lenient, 'info')).to.include.members([
        'suite-digest-differs',
        'catalogue-unchecked',
        'suite-missing',
      ]);
      expect(lenient.findings.map((f) => f.message)).to.satisfy((ms: string[]) =>
        ms.some((m) =>
          /^suite fhir-core digest differs from this installation \(version \S+ in both; signed 9f141cd7f7fc, here [0-9a-f]{12}\)$/.test(
            m,
          ),
        ),
      );
      expect(lenient.findings.map((f) => f.message)).to.include(
        'suite fhir-core: the requirement ids and levels of the run could not be checked against its catalogue (another version of the suite is installed here)',
      );
      const strict = await verifyHomologation(doc, { keys: verifier, strict: true });
      expect(strict.valid).to.equal(false);
      expect(codes(strict)).to.include.members(['suite-digest-differs', 'catalogue-unchecked', 'suite-missing']);
    });

    it('a suite id that is not a plain name in a signed run is invalid, and no path is built from it', async () => {
      const run = await conformantRun();
      run.suites[0]!.id = '../suites/fhir-core';
      const result = await verifyHomologation(await signedByAnotherTool(run), { keys: verifier });
      expect(result.valid).to.equal(false);
      expect(errors(result)).to.include(
        'the run contradicts the catalogue of its suites: the run names a suite "../suites/fhir-core", which is not a valid suite id',
      );
      expect(codes(result, 'info')).to.not.include('suite-missing');
    });

    it('a grant on a vendor self-test is refused unless the authority accepts it; the decision then records it', async () => {
      const vendor = await conformantRun('fhir-core', 'vendor-self-test');
      await expectRefusal(
        () => signHomologation(vendor, signer),
        /^refusing to sign: the run was made by vendor-self-test, not by the authority: a granted decision on it must record that the authority accepted a vendor run \(homolog sign --accept-vendor-run\)$/,
      );
      const legacy = await conformantRun();
      delete legacy.ranBy;
      await expectRefusal(
        () => signHomologation(legacy, signer, { decision: 'granted' }),
        /the run was made by someone the run does not name/,
      );
      expect(
        (await signHomologation(vendor, signer, { decision: 'refused' })).decision.vendorRunAccepted,
        'a refusal needs no acceptance',
      ).to.equal(undefined);
      expect(
        (await signHomologation(await conformantRun(), signer, { acceptVendorRun: true })).decision.vendorRunAccepted,
        'an authority run is not a vendor run',
      ).to.equal(undefined);

      const accepted = await signHomologation(vendor, signer, { acceptVendorRun: true });
      expect(accepted.decision).to.include({ decision: 'granted', vendorRunAccepted: true });
      const result = await verifyHomologation(clone(accepted), { keys: verifier });
      expect(errors(result)).to.deep.equal([]);
      expect(formatVerification('h.json', result)).to.contain(
        'Ran by       vendor-self-test (a vendor run, accepted by the authority for its decision)',
      );
      // Another tool's grant on the vendor run, without the acceptance: invalid.
      const silent = await verifyHomologation(await signedByAnotherTool(vendor), { keys: verifier });
      expect(codes(silent)).to.deep.equal(['vendor-run-not-accepted']);
    });

    it('digests that differ from this installation are information, and failures with strict', async () => {
      const run = await conformantRun();
      run.profiles = await definitionFileDigests();
      expect(run.profiles.length).to.be.greaterThan(5);
      run.profiles[0]!.sha256 = '0'.repeat(64);
      const doc = await signHomologation(run, signer);
      const lenient = await verifyHomologation(doc, { keys: verifier });
      expect(lenient.valid).to.equal(true);
      expect(codes(lenient, 'info')).to.include('profile-digest-differs');
      const messages = lenient.findings.map((f) => f.message);
      const here = await definitionFileDigests();
      expect(messages).to.include(
        `profile file ${here[0]!.path} digest differs from this installation (signed 000000000000, here ${here[0]!.sha256.slice(0, 12)})`,
      );
      const strict = await verifyHomologation(doc, { keys: verifier, strict: true });
      expect(strict.valid).to.equal(false);
      expect(codes(strict)).to.deep.equal(['profile-digest-differs']);
    });

    it('a run.json is not a homologation', async () => {
      const result = await verifyHomologation(sampleRun(), { keys: verifier });
      expect(result.valid).to.equal(false);
      expect(result.signature.status).to.equal('absent');
      expect(codes(result)).to.deep.equal(['not-signed']);
    });
  });
}

describe('certification: keys', () => {
  const tmp = useTempDir();

  it('refuses keys that cannot sign a homologation (RSA), with what to use instead', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const { writeFile } = await import('node:fs/promises');
    const file = `${tmp.dir}/rsa.pem`;
    await writeFile(
      file,
      generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
    );
    await expectRefusal(
      () => loadSigningKey(file),
      /a rsa key cannot sign a homologation: use an Ed25519 key \(EdDSA\) or an EC P-256 key \(ES256\)/,
    );
    await expectRefusal(() => loadVerificationKeys(file), /a rsa key cannot verify a homologation/);
    await expectRefusal(() => loadSigningKey(`${tmp.dir}/missing.pem`), /cannot read the key file/);
  });

  it('a public key cannot sign', async () => {
    const files = await writeKeyFiles(tmp.dir, 'ed25519');
    await expectRefusal(() => loadSigningKey(files.publicPem), /not a private key/);
  });
});

async function expectRefusal(action: () => Promise<unknown>, message: RegExp): Promise<void> {
  try {
    await action();
  } catch (err) {
    expect(err).to.be.instanceOf(UsageError);
    expect((err as Error).message).to.match(message);
    return;
  }
  expect.fail(`expected a refusal matching ${message}`);
}
