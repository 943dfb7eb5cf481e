import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { loadSigningKey } from '../../src/certification/keys.js';
import { signHomologation } from '../../src/certification/sign.js';
import type { VerificationResult } from '../../src/certification/verify.js';
import type { HomologationDocument } from '../../src/model/homologation.js';
import { sampleRun } from '../report/helpers.js';
import { homolog } from '../support/cli.js';
import { useTempDir } from '../support/tmp.js';
import { conformantRun, failingRun, type KeyFiles, rederive, writeKeyFiles } from './helpers.js';

describe('homolog sign and homolog verify (CLI)', function () {
  this.timeout(60_000);
  const tmp = useTempDir();
  let keys: KeyFiles;
  let other: KeyFiles;
  let runFile: string;
  let signedFile: string;

  before(async () => {
    keys = await writeKeyFiles(tmp.dir, 'ed25519', 'authority');
    other = await writeKeyFiles(tmp.dir, 'p256', 'someone-else');
    runFile = path.join(tmp.dir, 'run.json');
    await writeFile(runFile, JSON.stringify(await conformantRun(), null, 2));
    signedFile = path.join(tmp.dir, 'homologation.json');
  });

  async function copyWith(name: string, edit: (text: string) => string): Promise<string> {
    const file = path.join(tmp.dir, name);
    await writeFile(file, edit(await readFile(signedFile, 'utf8')));
    return file;
  }

  it('sign writes homologation.json beside the run and says how to verify it', async () => {
    const res = await homolog([
      'sign',
      runFile,
      '--key',
      keys.privatePem,
      '--issuer',
      'Autorité de certification du DSQ',
      '--certificate-number',
      'HML-2026-0042',
    ]);
    expect(res.code, res.stderr).to.equal(0);
    expect(res.stdout).to.contain(`Homologation: ${signedFile}`);
    expect(res.stdout).to.contain('Decision     granted, verdict conformant');
    expect(res.stdout).to.contain('homolog verify homologation.json --key');
    const doc = JSON.parse(await readFile(signedFile, 'utf8')) as HomologationDocument;
    expect(doc.decision).to.include({
      issuer: 'Autorité de certification du DSQ',
      decision: 'granted',
      certificateNumber: 'HML-2026-0042',
    });
  });

  it('verify: valid with the public key (PEM or JWKS), exit 0, text and json', async () => {
    const text = await homolog(['verify', signedFile, '--key', keys.publicPem]);
    expect(text.code, text.stdout + text.stderr).to.equal(0);
    expect(text.stdout).to.match(
      /homologation\.json: VALID homologation: granted\n {2}Signature {4}valid \(EdDSA, key [\w-]+\)\n/,
    );
    expect(text.stdout).to.contain('Decision     granted, certificate HML-2026-0042');
    expect(text.stdout).to.contain('recomputed: same');
    const json = await homolog(['verify', signedFile, '--key', keys.jwks, '--format', 'json']);
    expect(json.code).to.equal(0);
    const result = JSON.parse(json.stdout) as VerificationResult & { file: string };
    expect(result.valid).to.equal(true);
    expect(result.signature.status).to.equal('valid');
    expect(result.decision?.certificateNumber).to.equal('HML-2026-0042');
  });

  it('a flipped check result, a changed digest or one changed character: exit 1, "altered after signing"', async () => {
    const edits: [string, (t: string) => string][] = [
      ['flipped.json', (t) => t.replace('"status": "pass"', '"status": "fail"')],
      [
        'digest.json',
        (t) => t.replace(/"digest": "([0-9a-f])/, (_m, c: string) => `"digest": "${c === 'a' ? 'b' : 'a'}`),
      ],
      ['issuer.json', (t) => t.replace('Autorité de certification du DSQ', 'Autorite de certification du DSQ')],
    ];
    for (const [name, edit] of edits) {
      const file = await copyWith(name, edit);
      expect(await readFile(file, 'utf8'), name).to.not.equal(await readFile(signedFile, 'utf8'));
      const res = await homolog(['verify', file, '--key', keys.publicPem]);
      expect(res.code, name).to.equal(1);
      expect(res.stdout, name).to.contain(`${name}: INVALID homologation`);
      expect(res.stdout, name).to.contain(
        '✗ the document was altered after signing: its run or decision no longer matches the signature',
      );
    }
  });

  it('a member named twice (the decision read one way by JSON.parse, another by a person): exit 1 with the line and member', async () => {
    const file = await copyWith('duplicate.json', (t) =>
      t.replace('"decision": "granted",', '"decision": "refused",\n    "decision": "granted",'),
    );
    const res = await homolog(['verify', file, '--key', keys.publicPem]);
    expect(res.code, res.stdout).to.equal(1);
    expect(res.stdout).to.contain('duplicate.json: INVALID homologation');
    expect(res.stdout).to.match(
      /the file is not valid JSON \(line \d+, column 5: duplicate member "decision" in \/decision /,
    );
    const sign = await homolog(['sign', file, '--key', keys.privatePem, '--out', path.join(tmp.dir, 'never.json')]);
    expect(sign.code).to.equal(2);
    expect(sign.stderr).to.match(/duplicate\.json:\d+:5: invalid JSON: duplicate member "decision"/);
    const report = await homolog(['report', file, '--out', path.join(tmp.dir, 'never-report')]);
    expect(report.code).to.equal(2);
    expect(report.stderr).to.contain('duplicate member "decision"');
  });

  it('re-indenting the file changes no value: still valid', async () => {
    const file = await copyWith('reindented.json', (t) => JSON.stringify(JSON.parse(t) as unknown));
    expect((await homolog(['verify', file, '--key', keys.publicPem])).code).to.equal(0);
  });

  it('a damaged file (not JSON any more) is invalid, exit 1', async () => {
    const file = await copyWith('damaged.json', (t) => t.slice(0, t.length / 2));
    const res = await homolog(['verify', file, '--key', keys.publicPem]);
    expect(res.code).to.equal(1);
    expect(res.stdout).to.match(/the file is not valid JSON \(line \d+, column \d+: .*\): it was damaged or altered/);
  });

  it('the wrong key: exit 1, "wrong key"', async () => {
    const res = await homolog(['verify', signedFile, '--key', other.publicPem]);
    expect(res.code).to.equal(1);
    expect(res.stdout).to.match(
      /✗ wrong key: the document was signed with key [\w-]+, not with the key given \([\w-]+\); verify with the issuing authority's public key/,
    );
  });

  it('an expired homologation: exit 1 with the expiry date', async () => {
    const doc = await signHomologation(await conformantRun(), await loadSigningKey(keys.privatePem), {
      now: new Date('2019-05-02T10:00:00Z'),
      validYears: 2,
    });
    const file = path.join(tmp.dir, 'expired.json');
    await writeFile(file, JSON.stringify(doc));
    const res = await homolog(['verify', file, '--key', keys.publicPem]);
    expect(res.code).to.equal(1);
    expect(res.stdout).to.contain('✗ the homologation expired on 2021-05-02 (issued 2019-05-02)');
  });

  it('usage errors exit 2: no key file, a run.json given to --key, an unreadable document', async () => {
    const noKey = await homolog(['verify', signedFile, '--key', path.join(tmp.dir, 'nope.pem')]);
    expect(noKey.code).to.equal(2);
    expect(noKey.stderr).to.contain('cannot read the key file');
    const badKey = await homolog(['verify', signedFile, '--key', runFile]);
    expect(badKey.code).to.equal(2);
    expect(badKey.stderr).to.contain('not a public key');
    const noDoc = await homolog(['verify', path.join(tmp.dir, 'absent.json'), '--key', keys.publicPem]);
    expect(noDoc.code).to.equal(2);
    const noOption = await homolog(['verify', signedFile]);
    expect(noOption.code).to.equal(2);
  });

  it('sign refuses to grant a run that is not conformant (exit 2), and signs a conditional grant', async () => {
    const failing = path.join(tmp.dir, 'failing-run.json');
    await writeFile(failing, JSON.stringify((await failingRun()).run));
    const refused = await homolog([
      'sign',
      failing,
      '--key',
      keys.privatePem,
      '--decision',
      'granted',
      '--out',
      path.join(tmp.dir, 'never.json'),
    ]);
    expect(refused.code).to.equal(2);
    expect(refused.stderr).to.contain(
      "refusing to sign: the run's verdict is not-conformant: it cannot be granted outright",
    );
    const conditional = path.join(tmp.dir, 'conditional.json');
    const granted = await homolog([
      'sign',
      failing,
      '--key',
      keys.privateJwk,
      '--decision',
      'granted-with-conditions',
      '--condition',
      'Corriger FC-READ-01 et FC-READ-03 sous 90 jours',
      '--condition',
      'Nouvelle campagne avant le 2027-03-01',
      '--valid-years',
      '1',
      '--out',
      conditional,
    ]);
    expect(granted.code, granted.stderr).to.equal(0);
    const res = await homolog(['verify', conditional, '--key', keys.publicPem]);
    expect(res.code, res.stdout).to.equal(0);
    expect(res.stdout).to.contain('Condition    Corriger FC-READ-01 et FC-READ-03 sous 90 jours');
    expect(res.stdout).to.contain('not-conformant');
  });

  it('sign refuses a failed SHALL requirement edited to SHOULD (exit 2), and a run of suites not installed here', async () => {
    const { run, failed } = await failingRun();
    run.requirements.find((r) => r.id === failed)!.level = 'SHOULD';
    const forged = path.join(tmp.dir, 'downgraded-run.json');
    await writeFile(forged, JSON.stringify(rederive(run)));
    const res = await homolog([
      'sign',
      forged,
      '--key',
      keys.privatePem,
      '--decision',
      'granted',
      '--out',
      path.join(tmp.dir, 'never.json'),
    ]);
    expect(res.code).to.equal(2);
    expect(res.stderr).to.contain(
      `refusing to sign: the run contradicts the catalogue of its suites: requirement ${failed} is SHOULD in the run but SHALL in the catalogue of suite fhir-core`,
    );
    const foreign = path.join(tmp.dir, 'foreign-run.json');
    await writeFile(foreign, JSON.stringify(sampleRun()));
    const other = await homolog([
      'sign',
      foreign,
      '--key',
      keys.privatePem,
      '--decision',
      'refused',
      '--out',
      path.join(tmp.dir, 'never.json'),
    ]);
    expect(other.code).to.equal(2);
    expect(other.stderr).to.contain('its catalogue cannot be checked');
  });

  it('a grant on a vendor self-test needs --accept-vendor-run; verify and the report then say so (fr, en)', async () => {
    const vendorRun = path.join(tmp.dir, 'vendor', 'run.json');
    await mkdir(path.dirname(vendorRun), { recursive: true });
    await writeFile(vendorRun, JSON.stringify(await conformantRun('fhir-core', 'vendor-self-test')));
    const refused = await homolog(['sign', vendorRun, '--key', keys.privatePem]);
    expect(refused.code).to.equal(2);
    expect(refused.stderr)
      .to.contain('the run was made by vendor-self-test, not by the authority')
      .and.contain('--accept-vendor-run');
    const accepted = await homolog(['sign', vendorRun, '--key', keys.privatePem, '--accept-vendor-run']);
    expect(accepted.code, accepted.stderr).to.equal(0);
    expect(accepted.stdout).to.contain('vendor-self-test: a vendor run, accepted by the authority');
    const signed = path.join(tmp.dir, 'vendor', 'homologation.json');
    const verified = await homolog(['verify', signed, '--key', keys.publicPem]);
    expect(verified.code, verified.stdout).to.equal(0);
    expect(verified.stdout).to.contain(
      'Ran by       vendor-self-test (a vendor run, accepted by the authority for its decision)',
    );
    for (const [lang, text] of [
      ['fr', 'autotest du fournisseur'],
      ['en', 'a vendor self-test'],
    ] as const) {
      const out = path.join(tmp.dir, `vendor-report-${lang}`);
      expect((await homolog(['report', signed, '--out', out, '--lang', lang])).code).to.equal(0);
      expect(await readFile(path.join(out, 'report.html'), 'utf8')).to.contain(text);
    }
  });

  it('report renders the signature block from a homologation, "not signed" from a run (fr and en)', async () => {
    const outSigned = path.join(tmp.dir, 'report-signed');
    const signed = await homolog(['report', signedFile, '--out', outSigned, '--lang', 'fr']);
    expect(signed.code, signed.stderr).to.equal(0);
    const fr = await readFile(path.join(outSigned, 'report.html'), 'utf8');
    expect(fr).to.contain('Homologation accordée');
    expect(fr).to.contain('<code>HML-2026-0042</code>');
    expect(fr).to.contain('Autorité de certification du DSQ');
    expect(fr).to.contain('homolog verify homologation.json --key &lt;clé publique de l&#x27;autorité&gt;');
    const en = path.join(tmp.dir, 'report-signed-en');
    expect((await homolog(['report', signedFile, '--out', en, '--lang', 'en'])).code).to.equal(0);
    expect(await readFile(path.join(en, 'report.html'), 'utf8')).to.contain(
      'homolog verify homologation.json --key &lt;authority public key&gt;',
    );
    const outPlain = path.join(tmp.dir, 'report-plain');
    expect((await homolog(['report', runFile, '--out', outPlain, '--lang', 'en'])).code).to.equal(0);
    const plain = await readFile(path.join(outPlain, 'report.html'), 'utf8');
    expect(plain).to.contain('Not signed: this report is not a homologation.');
    expect(plain).to.not.contain('homolog verify');
  });
});
