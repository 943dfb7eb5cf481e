import { expect } from 'chai';
import { CompactSign } from 'jose';
import { HOMOLOGATION_JWS_TYPE, signedPayload, type HomologationDocument } from '../../src/certification/document.js';
import { definitionFileDigests } from '../../src/certification/identity.js';
import { loadSigningKey, loadVerificationKeys, type SigningKey, type VerificationKey } from '../../src/certification/keys.js';
import { signHomologation } from '../../src/certification/sign.js';
import { formatVerification, verifyHomologation, type VerificationResult } from '../../src/certification/verify.js';
import { UsageError } from '../../src/util/errors.js';
import { sampleRun } from '../report/helpers.js';
import { useTempDir } from '../support/tmp.js';
import { clone, conformantRun, writeKeyFiles, type KeyFiles } from './helpers.js';

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
      return signHomologation(conformantRun(), signer, { issuer: 'Autorité de certification (test)', certificateNumber: 'HML-TEST-1', ...overrides });
    }

    it('signs with the right algorithm and a kid that is the key thumbprint; verification passes', async () => {
      const doc = await signed();
      expect(signer.alg).to.equal(kind === 'ed25519' ? 'EdDSA' : 'ES256');
      expect(doc.signature).to.match(/^[\w-]+\.\.[\w-]+$/);
      expect(doc.decision).to.include({ decision: 'granted', verdict: 'conformant', certificateNumber: 'HML-TEST-1', runId: doc.run.runId });
      const result = await verifyHomologation(clone(doc), { keys: verifier });
      expect(errors(result)).to.deep.equal([]);
      expect(result.valid).to.equal(true);
      expect(result.signature).to.deep.equal({ status: 'valid', alg: signer.alg, kid: signer.kid });
      expect(formatVerification('homologation.json', result)).to.match(/^homologation\.json: VALID homologation/);
    });

    it('is valid for three years by default, and the private JWK and a JWKS work as keys', async () => {
      const now = new Date('2026-03-01T12:00:00Z');
      const doc = await signHomologation(conformantRun(), await loadSigningKey(files.privateJwk), { now });
      expect(doc.decision.issuedAt).to.equal('2026-03-01T12:00:00.000Z');
      expect(doc.decision.expiresAt).to.equal('2029-03-01T12:00:00.000Z');
      expect(doc.decision.certificateNumber).to.match(/^HML-2026-[0-9A-F]{10}$/);
      const result = await verifyHomologation(doc, { keys: await loadVerificationKeys(files.jwks), now: new Date('2027-01-01T00:00:00Z') });
      expect(errors(result)).to.deep.equal([]);
    });

    it('still verifies after the file is re-indented and its keys reordered (canonical JSON)', async () => {
      const doc = await signed();
      const reordered = JSON.parse(JSON.stringify({ signature: doc.signature, decision: { ...doc.decision }, run: doc.run, homologation: doc.homologation }, null, 7)) as unknown;
      expect((await verifyHomologation(reordered, { keys: verifier })).valid).to.equal(true);
    });

    it('a check result flipped in the run: "altered after signing"', async () => {
      const doc = clone(await signed());
      doc.run.checks[0]!.status = 'fail';
      const result = await verifyHomologation(doc, { keys: verifier });
      expect(result.valid).to.equal(false);
      expect(result.signature.status).to.equal('altered');
      expect(errors(result)).to.include('the document was altered after signing: its run or decision no longer matches the signature');
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

    it('an expired certificate fails with its expiry date', async () => {
      const doc = await signed({ now: new Date('2020-01-15T09:00:00Z'), validYears: 3 });
      const result = await verifyHomologation(doc, { keys: verifier, now: new Date('2026-01-01T00:00:00Z') });
      expect(result.signature.status).to.equal('valid');
      expect(codes(result)).to.deep.equal(['expired']);
      expect(errors(result)).to.deep.equal(['the homologation expired on 2023-01-15 (issued 2020-01-15)']);
    });

    it('a wrong key fails as a wrong key, not as an altered document', async () => {
      const other = await writeKeyFiles(tmp.dir, kind, `${kind}-other`);
      const result = await verifyHomologation(await signed(), { keys: await loadVerificationKeys(other.publicPem) });
      expect(result.signature.status).to.equal('wrong-key');
      expect(codes(result)).to.deep.equal(['wrong-key']);
      expect(errors(result)[0]).to.match(new RegExp(`^wrong key: the document was signed with key ${signer.kid}, not with the key given`));
    });

    it('refuses to grant a run that is not conformant, and says what to decide instead', async () => {
      const run = sampleRun();
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
      const conditional = await signHomologation(run, signer, { decision: 'granted-with-conditions', conditions: ['Fix FC-READ-01 within 90 days'] });
      expect((await verifyHomologation(conditional, { keys: verifier })).valid).to.equal(true);
      expect((await signHomologation(run, signer)).decision.decision).to.equal('refused');
      await expectRefusal(() => signHomologation(run, signer, { decision: 'granted-with-conditions' }), /must state its conditions/);
      await expectRefusal(() => signHomologation(conformantRun(), signer, { decision: 'refused', conditions: ['x'] }), /conditions only go with a granted-with-conditions decision/);
    });

    it('refuses to sign a run whose verdict does not follow from its checks', async () => {
      const run = conformantRun();
      run.checks[0]!.status = 'fail'; // the requirements and verdict still say pass: a forged run
      await expectRefusal(() => signHomologation(run, signer), /refusing to sign: the run does not follow from its own checks: requirement \S+ is recorded as pass but its checks make it fail/);
    });

    it('recomputes the verdict: a forged run signed by another tool is caught even though its signature is valid', async () => {
      const run = conformantRun();
      run.checks[0]!.status = 'fail';
      const decision = { issuer: 'x', decision: 'granted', certificateNumber: 'n', issuedAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 1e10).toISOString(), conditions: [], runId: run.runId, verdict: 'conformant' };
      const jws = await new CompactSign(signedPayload(run, decision)).setProtectedHeader({ alg: signer.alg, kid: signer.kid, typ: HOMOLOGATION_JWS_TYPE }).sign(signer.key);
      const [h, , s] = jws.split('.');
      const result = await verifyHomologation({ homologation: '1.0', run, decision, signature: `${h}..${s}` }, { keys: verifier });
      expect(result.signature.status).to.equal('valid');
      expect(codes(result)).to.include('verdict-mismatch');
      expect(errors(result).join('\n')).to.contain('the verdict is recorded as conformant but the checks make it not-conformant');
    });

    it('digests that differ from this installation are information, and failures with strict', async () => {
      const run = conformantRun();
      run.profiles = await definitionFileDigests();
      expect(run.profiles.length).to.be.greaterThan(5);
      run.profiles[0]!.sha256 = '0'.repeat(64);
      const doc = await signHomologation(run, signer);
      const lenient = await verifyHomologation(doc, { keys: verifier });
      expect(lenient.valid).to.equal(true);
      expect(codes(lenient, 'info')).to.include('profile-digest-differs');
      // The sample's suite digests are not this installation's, and it names a suite we do not have.
      const messages = lenient.findings.map((f) => f.message);
      expect(messages.some((m) => /^suite fhir-core digest differs from this installation \(version \S+ in both; signed 9f141cd7f7fc, here [0-9a-f]{12}\)$/.test(m)), messages.join('\n')).to.equal(true);
      expect(messages.some((m) => /^suite qc-medication \S+ is not installed here/.test(m))).to.equal(true);
      const here = await definitionFileDigests();
      expect(messages).to.include(`profile file ${here[0]!.path} digest differs from this installation (signed 000000000000, here ${here[0]!.sha256.slice(0, 12)})`);
      const strict = await verifyHomologation(doc, { keys: verifier, strict: true });
      expect(strict.valid).to.equal(false);
      expect(codes(strict)).to.include.members(['profile-digest-differs', 'suite-digest-differs']);
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
    await writeFile(file, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await expectRefusal(() => loadSigningKey(file), /a rsa key cannot sign a homologation: use an Ed25519 key \(EdDSA\) or an EC P-256 key \(ES256\)/);
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
