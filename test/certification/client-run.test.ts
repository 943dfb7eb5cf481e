import { expect } from 'chai';
import { loadSigningKey, loadVerificationKeys, type SigningKey } from '../../src/certification/keys.js';
import { signHomologation } from '../../src/certification/sign.js';
import { formatVerification, type VerificationResult, verifyHomologation } from '../../src/certification/verify.js';
import type { RunResult } from '../../src/model/run-result.js';
import { validateRunResult } from '../../src/result/schema.js';
import { asClientRun } from '../support/client-run.js';
import { useTempDir } from '../support/tmp.js';
import { clone, conformantRun, rederive, writeKeyFiles } from './helpers.js';

function errors(r: VerificationResult): string[] {
  return r.findings.filter((f) => f.level === 'error').map((f) => f.message);
}

async function clientRun(options: Parameters<typeof asClientRun>[1] = {}): Promise<RunResult> {
  return rederive(asClientRun(await conformantRun(), options));
}

describe('run-result schema 1.4: a client run', () => {
  it('validates: received exchanges, an attestation, the client session and target.kind', async () => {
    const checked = validateRunResult(await clientRun());
    expect(checked.valid, checked.valid ? '' : checked.errors.join('; ')).to.equal(true);
  });

  it('validates a session that refused requests past its budget (counted, not recorded)', async () => {
    const run = await clientRun();
    if (run.client) run.client.refused = 1200;
    expect(validateRunResult(run).valid).to.equal(true);
    if (run.client) run.client.refused = -1;
    expect(validateRunResult(run).valid).to.equal(false);
  });

  it('refuses a malformed received exchange, attestation or session, and an unmatched id not in the run', async () => {
    const run = await clientRun();
    const bad = clone(run);
    const x = bad.exchanges.at(-1);
    if (x?.received) x.received.connection = 0;
    const check = bad.checks.at(-1);
    if (check?.attestation) (check.attestation as { answer?: string }).answer = 'maybe';
    (bad.target as { kind?: string }).kind = 'browser';
    const checked = validateRunResult(bad);
    expect(checked.valid).to.equal(false);
    if (!checked.valid) {
      const text = checked.errors.join('\n');
      expect(text).to.contain('/received/connection').and.contain('/attestation/answer').and.contain('/target/kind');
    }
    const dangling = clone(run);
    if (dangling.client) dangling.client.unmatched = ['nowhere'];
    const second = validateRunResult(dangling);
    expect(second.valid ? [] : second.errors).to.deep.equal([
      "/client/unmatched/0: no exchange with id 'nowhere' in the run",
    ]);
  });
});

describe('certification: sign and verify a client run', () => {
  const tmp = useTempDir();
  let signer: SigningKey;
  let keys: Awaited<ReturnType<typeof loadVerificationKeys>>;
  before(async () => {
    const files = await writeKeyFiles(tmp.dir, 'ed25519');
    signer = await loadSigningKey(files.privatePem);
    keys = await loadVerificationKeys(files.publicPem);
  });

  it('signs attestations and received exchanges; verification names the client', async () => {
    const doc = await signHomologation(await clientRun(), signer, { issuer: 'Autorité (test)' });
    const result = await verifyHomologation(clone(doc), { keys });
    expect(errors(result)).to.deep.equal([]);
    expect(result.run?.clientId).to.equal('pharmapro-prod');
    expect(formatVerification('homologation.json', result)).to.contain(
      "Client       pharmapro-prod (served by homolog's simulated shared record)",
    );
  });

  it('an attestation answer, an injected answer or the unmatched list changed after signing is an altered document', async () => {
    const doc = await signHomologation(await clientRun(), signer);
    const alterations: ((run: RunResult) => void)[] = [
      (run) => {
        const a = run.checks.at(-1)?.attestation;
        if (a) a.note = 'shown in a banner';
      },
      (run) => {
        const r = run.exchanges.find((x) => x.received?.injected)?.received;
        if (r) r.injected = 'none';
      },
      (run) => {
        if (run.client) run.client.unmatched = [];
      },
    ];
    for (const alter of alterations) {
      const copy = clone(doc);
      alter(copy.run);
      const result = await verifyHomologation(copy, { keys });
      expect(result.signature.status).to.equal('altered');
      expect(result.valid).to.equal(false);
    }
  });

  it('refuses to sign an attestation no one answered recorded as pass, or a "no" recorded as pass', async () => {
    const unanswered = await clientRun();
    const check = unanswered.checks.at(-1);
    if (check?.attestation) delete check.attestation.answer;
    rederive(unanswered);
    await expectRefusal(unanswered, /attestation was never answered/);

    const no = await clientRun({ answer: 'no' });
    const last = no.checks.at(-1);
    if (last) last.status = 'pass';
    rederive(no);
    await expectRefusal(no, /the operator answered no to its attestation/);
  });

  it('refuses to sign a client run whose unmatched list differs from its received exchanges', async () => {
    const run = await clientRun();
    if (run.client) run.client.unmatched = [];
    await expectRefusal(
      run,
      /client\.unmatched lists \[\] but the exchanges received while no scenario awaited are \[r3\]/,
    );
    const server = await conformantRun();
    server.client = run.client;
    await expectRefusal(server, /mixes a client session with a server target/);
  });

  async function expectRefusal(run: RunResult, pattern: RegExp): Promise<void> {
    try {
      await signHomologation(run, signer);
    } catch (err) {
      expect((err as Error).message).to.match(pattern);
      return;
    }
    throw new Error('expected signing to be refused');
  }
});
