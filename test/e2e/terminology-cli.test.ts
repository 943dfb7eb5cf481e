import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OperationOutcome } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { type CliResult, homolog } from '../support/cli.js';
import { useTempDir } from '../support/tmp.js';
import { FINDINGS_VS, LOINC, SNOMED, startTxServer, type TxServer } from '../support/tx-server.js';

type Json = Record<string, unknown>;

const PROFILE = 'http://homolog.test/fhir/StructureDefinition/test-finding-observation';
const TRIAGE_CS = 'http://homolog.test/fhir/CodeSystem/triage';
const TRIAGE_VS = 'http://homolog.test/fhir/ValueSet/triage';

/** A profile binding Observation.code (required) to a value set of SNOMED CT findings: offline, "not checked". */
const IG: Record<string, Json> = {
  'StructureDefinition-test-finding-observation.json': {
    resourceType: 'StructureDefinition',
    id: 'test-finding-observation',
    url: PROFILE,
    name: 'TestFindingObservation',
    status: 'draft',
    fhirVersion: '4.0.1',
    kind: 'resource',
    abstract: false,
    type: 'Observation',
    baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Observation',
    derivation: 'constraint',
    differential: {
      element: [
        { id: 'Observation', path: 'Observation' },
        { id: 'Observation.code', path: 'Observation.code', binding: { strength: 'required', valueSet: FINDINGS_VS } },
      ],
    },
  },
  'ValueSet-snomed-findings.json': {
    resourceType: 'ValueSet',
    id: 'snomed-findings',
    url: FINDINGS_VS,
    name: 'SnomedFindings',
    title: 'Test findings (SNOMED CT)',
    status: 'draft',
    compose: { include: [{ system: SNOMED, filter: [{ property: 'concept', op: 'is-a', value: '404684003' }] }] },
  },
  'CodeSystem-triage.json': {
    resourceType: 'CodeSystem',
    id: 'triage',
    url: TRIAGE_CS,
    name: 'Triage',
    status: 'draft',
    content: 'complete',
    concept: [
      { code: 'urgent', display: 'Urgent', designation: [{ language: 'fr-CA', value: 'Urgent' }] },
      {
        code: 'routine',
        display: 'Routine',
        designation: [
          { language: 'fr-CA', value: 'Courant' },
          { language: 'de', value: 'Routine' },
        ],
      },
    ],
  },
  'ValueSet-triage.json': {
    resourceType: 'ValueSet',
    id: 'triage',
    url: TRIAGE_VS,
    name: 'Triage',
    title: 'Triage levels',
    status: 'draft',
    compose: { include: [{ system: TRIAGE_CS }] },
  },
};

const observation = (code: string, id = 'o1'): Json => ({
  resourceType: 'Observation',
  id,
  meta: { profile: [PROFILE] },
  text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">finding</div>' },
  status: 'final',
  code: { coding: [{ system: SNOMED, code }] },
  subject: { reference: 'Patient/p1' },
});

interface Outcomes {
  code: number | null;
  outcomes: Array<{ file: string; outcome: OperationOutcome }>;
  stderr: string;
}

describe('homolog validate --tx and homolog terminology (CLI, against a terminology server on loopback)', function () {
  this.timeout(60_000);
  const tmp = useTempDir('homolog-tx-cli-');
  let server: TxServer;
  let ig: string;
  let cacheDir: string;
  let run = 0;

  before(async () => {
    server = await startTxServer();
    ig = path.join(tmp.dir, 'ig');
    await mkdir(ig);
    for (const [name, r] of Object.entries(IG)) await writeFile(path.join(ig, name), JSON.stringify(r, null, 2));
  });
  after(() => server.close());
  beforeEach(() => {
    server.reset();
    // A fresh cache per test unless a test says otherwise; never the user's ~/.cache.
    cacheDir = path.join(tmp.dir, `cache-${++run}`);
  });

  const cli = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> =>
    homolog(args, { env: { XDG_CACHE_HOME: path.join(tmp.dir, 'xdg'), ...env } });

  async function validate(resources: Record<string, Json | string>, extra: string[] = []): Promise<Outcomes> {
    const files: string[] = [];
    for (const [name, value] of Object.entries(resources)) {
      const file = path.join(tmp.dir, name);
      await writeFile(file, typeof value === 'string' ? value : JSON.stringify(value));
      files.push(file);
    }
    const res = await cli(['validate', ...files, '--ig', ig, '--format', 'json', ...extra]);
    return {
      code: res.code,
      stderr: res.stderr,
      outcomes: res.stdout.trim() ? (JSON.parse(res.stdout) as Outcomes['outcomes']) : [],
    };
  }

  const issues = (r: Outcomes, i = 0) =>
    (r.outcomes[i]?.outcome.issue ?? []).map((x) => ({
      severity: x.severity,
      expression: x.expression?.[0] ?? '',
      message: x.diagnostics ?? '',
    }));
  const tx = () => ['--tx', server.baseUrl, '--tx-cache', cacheDir];

  describe('homolog validate', () => {
    it('without --tx: a SNOMED CT code is "not checked" (information), exit 0, and nothing touches the network', async () => {
      const r = await validate({ 'bad.json': observation('999999999') });
      expect(r.code, r.stderr).to.equal(0);
      const info = issues(r).find((i) => i.expression === 'Observation.code' && i.severity === 'information');
      expect(info?.message).to.match(/^not checked: binding to .*snomed-findings.*SNOMED CT .* not available offline/);
      expect(issues(r).filter((i) => i.severity === 'error')).to.deep.equal([]);
      expect(server.count).to.equal(0);
    });

    it('with --tx: a code the server says is invalid is an error, exit 1, naming the server', async () => {
      const r = await validate({ 'bad.json': observation('999999999') }, tx());
      expect(r.code, r.stderr).to.equal(1);
      const errors = issues(r).filter((i) => i.severity === 'error');
      expect(errors.find((e) => e.expression === 'Observation.code')?.message).to.match(
        /not found in the value set 'Test findings \(SNOMED CT\)'.*terminology server http:\/\/127\.0\.0\.1/,
      );
      expect(errors.find((e) => e.expression === 'Observation.code.coding[0]')?.message).to.match(
        /Unknown code '999999999'/,
      );
      expect(
        server.requests.some(
          (u) => u.startsWith('/fhir/ValueSet/$validate-code?') && u.includes(encodeURIComponent(FINDINGS_VS)),
        ),
      ).to.equal(true);
      expect(server.requests.some((u) => u.startsWith('/fhir/CodeSystem/$validate-code?'))).to.equal(true);
      expect(r.stderr).to.match(/terminology server http:\/\/127\.0\.0\.1:\d+\/fhir: \d+ request\(s\)/);
      const fr = await validate({ 'bad.json': observation('999999999') }, [...tx(), '--lang', 'fr']);
      expect(fr.stderr).to.match(/serveur de terminologie http:\/\/127\.0\.0\.1:\d+\/fhir : \d+ requête\(s\)/);
    });

    it('with --tx: a code the server says is valid passes, with nothing left "not checked"', async () => {
      const r = await validate({ 'good.json': observation('386661006') }, tx());
      expect(r.code, r.stderr).to.equal(0);
      expect(issues(r).filter((i) => /not checked/.test(i.message))).to.deep.equal([]);
    });

    it('the second run is served from the on-disk cache: no request to the server', async () => {
      const files = { 'a.json': observation('999999999', 'a'), 'b.json': observation('386661006', 'b') };
      const first = await validate(files, tx());
      expect(first.code).to.equal(1);
      const asked = server.count;
      expect(asked).to.equal(4);
      const second = await validate(files, tx());
      expect(second.code).to.equal(1);
      expect(server.count).to.equal(asked);
      expect(issues(second)).to.deep.equal(issues(first));
      expect(second.stderr).to.match(/0 request\(s\), 4 answer\(s\) from the cache/);
    });

    it('a server that does not answer: "not checked" saying it was unavailable, never a pass or a failure; exit 0', async () => {
      server.hang = true;
      const r = await validate({ 'bad.json': observation('999999999') }, [...tx(), '--tx-timeout', '400']);
      expect(r.code, r.stderr).to.equal(0);
      const info = issues(r).find((i) => i.expression === 'Observation.code');
      expect(info?.severity).to.equal('information');
      expect(info?.message).to.match(
        /not checked: .*the terminology server http:\/\/127\.0\.0\.1:\d+\/fhir was unavailable \(no complete response within 400 ms/,
      );
      expect(r.stderr).to.match(/failure/);
    });

    it('NDJSON with --tx: every line validated, each distinct code asked once', async () => {
      const lines = [
        observation('999999999', 'n1'),
        observation('386661006', 'n2'),
        observation('999999999', 'n3'),
        observation('22298006', 'n4'),
      ];
      const r = await validate({ 'many.ndjson': lines.map((l) => JSON.stringify(l)).join('\n') }, tx());
      expect(r.code).to.equal(1);
      expect(r.outcomes.map((o) => o.outcome.issue?.some((i) => i.severity === 'error') ?? false)).to.deep.equal([
        true,
        false,
        true,
        false,
      ]);
      expect(server.count).to.equal(6); // 3 codes × (CodeSystem + ValueSet)
      expect(new Set(server.requests).size).to.equal(server.count);
    });

    it('codes the offline service decides are never sent, even with --tx', async () => {
      const patient = {
        resourceType: 'Patient',
        id: 'p1',
        gender: 'female',
        maritalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus', code: 'M' }] },
      };
      const res = await cli(['validate', await write('patient.json', patient), '--format', 'json', ...tx()]);
      expect(res.code, res.stderr).to.equal(0);
      expect(server.count).to.equal(0);
    });

    it('--tx usage errors exit 2', async () => {
      const file = await write('p.json', { resourceType: 'Patient' });
      expect((await cli(['validate', file, '--tx', 'ftp://example.org'])).code).to.equal(2);
      expect((await cli(['validate', file, '--tx-timeout', '100'])).code).to.equal(2);
      expect((await cli(['validate', file, '--tx', server.baseUrl, '--tx-timeout', 'soon'])).code).to.equal(2);
      expect(server.count).to.equal(0);
    });
  });

  describe('homolog terminology check', () => {
    it('local: a FHIR core code is valid from the local source, and the server is not asked even with --tx', async () => {
      const res = await cli(['terminology', 'check', 'http://hl7.org/fhir/administrative-gender', 'male', ...tx()]);
      expect(res.code, res.stderr).to.equal(0);
      expect(res.stdout).to.match(
        /^valid: http:\/\/hl7\.org\/fhir\/administrative-gender#male\n {2}source: {2}local\n/,
      );
      const bad = await cli([
        'terminology',
        'check',
        'http://hl7.org/fhir/administrative-gender',
        'mal',
        '--format',
        'json',
      ]);
      expect(bad.code).to.equal(1);
      expect(JSON.parse(bad.stdout)).to.include({ status: 'invalid', source: 'local' });
      expect(server.count).to.equal(0);
    });

    it('without --tx a SNOMED CT code is not checked (exit 1) and nothing touches the network', async () => {
      const res = await cli(['terminology', 'check', SNOMED, '386661006']);
      expect(res.code).to.equal(1);
      expect(res.stdout).to.match(
        /^not checked: http:\/\/snomed\.info\/sct#386661006\n {2}source: {2}local\n {2}message: SNOMED CT .* not available offline/,
      );
      expect(server.count).to.equal(0);
    });

    it('answers in French with --lang fr or HOMOLOG_LANG=fr (check and expand)', async () => {
      const res = await cli(['terminology', 'check', SNOMED, '386661006', '--lang', 'fr']);
      expect(res.code).to.equal(1);
      expect(res.stdout).to.match(
        /^non vérifié : http:\/\/snomed\.info\/sct#386661006\n {2}source : {2}local\n {2}message : SNOMED CT \(http:\/\/snomed\.info\/sct\) n’est pas disponible hors ligne : ses codes ne peuvent pas être validés\n$/,
      );
      const bad = await cli(['terminology', 'check', 'http://hl7.org/fhir/administrative-gender', 'mal'], {
        HOMOLOG_LANG: 'fr',
      });
      expect(bad.stdout).to.match(
        /^non valide : .*\n {2}source : {2}local\n {2}message : Code inconnu "mal" dans le CodeSystem/,
      );
      const list = await cli([
        'terminology',
        'expand',
        'http://hl7.org/fhir/ValueSet/administrative-gender',
        '--lang',
        'fr',
      ]);
      expect(list.code).to.equal(0);
      expect(list.stdout)
        .to.match(/\nsource : local\n/)
        .and.match(/\ntotal : 4 code\(s\)\n/);
      expect(server.count).to.equal(0);
    });

    it('remote: valid (source remote, then cache), invalid, wrong display, value set membership', async () => {
      const first = await cli(['terminology', 'check', SNOMED, '386661006', '--format', 'json', ...tx()]);
      expect(first.code, first.stderr).to.equal(0);
      expect(JSON.parse(first.stdout)).to.deep.include({
        status: 'valid',
        source: 'remote',
        server: server.baseUrl,
        serverDisplay: 'Fever',
      });
      const again = await cli(['terminology', 'check', SNOMED, '386661006', ...tx()]);
      expect(again.code).to.equal(0);
      expect(again.stdout).to.match(
        /^valid: .*\n {2}source: {2}cache \(http:\/\/127\.0\.0\.1:\d+\/fhir; cached in .*\.json\)\n {2}display: Fever/,
      );
      expect(server.count).to.equal(1);

      const invalid = await cli(['terminology', 'check', SNOMED, '999999999', ...tx()]);
      expect(invalid.code).to.equal(1);
      expect(invalid.stdout).to.match(/^invalid: .*\n {2}source: {2}remote .*\n {2}message: Unknown code '999999999'/);

      const display = await cli(['terminology', 'check', SNOMED, '386661006', '--display', 'Feverish', ...tx()]);
      expect(display.code).to.equal(0);
      expect(display.stdout).to.match(/\n {2}warning: Wrong Display Name 'Feverish'/);
      const french = await cli([
        'terminology',
        'check',
        SNOMED,
        '22298006',
        '--display',
        'Infarctus du myocarde',
        '--format',
        'json',
        ...tx(),
      ]);
      expect(JSON.parse(french.stdout)).to.include({ status: 'valid', source: 'remote' });

      const inVs = await cli([
        'terminology',
        'check',
        SNOMED,
        '73211009',
        '--valueset',
        FINDINGS_VS,
        '--format',
        'json',
        ...tx(),
      ]);
      expect(inVs.code, inVs.stderr).to.equal(0);
      expect(JSON.parse(inVs.stdout)).to.include({ status: 'valid', source: 'remote', valueSet: FINDINGS_VS });
      const notInVs = await cli(['terminology', 'check', SNOMED, '271649006', '--valueset', FINDINGS_VS, ...tx()]);
      expect(notInVs.code).to.equal(1);
      expect(notInVs.stdout).to.match(/^invalid: .* in the value set .*\n[\s\S]*not found in the value set/);

      const loinc = await cli(['terminology', 'check', LOINC, '11488-4', '--format', 'json', ...tx()]);
      expect(JSON.parse(loinc.stdout)).to.include({ status: 'valid', source: 'remote' });
    });

    it('a server that does not answer: not checked, exit 1, saying the server was unavailable', async () => {
      server.hang = true;
      const res = await cli([
        'terminology',
        'check',
        SNOMED,
        '386661006',
        '--tx-timeout',
        '300',
        ...tx(),
        '--format',
        'json',
      ]);
      expect(res.code).to.equal(1);
      const out = JSON.parse(res.stdout) as Json;
      expect(out).to.include({ status: 'not-checked', source: null });
      expect(out.message).to.match(
        /not available offline.*; the terminology server .* was unavailable \(no complete response within 300 ms\)/,
      );
    });

    it('usage errors exit 2', async () => {
      expect((await cli(['terminology', 'check', SNOMED])).code).to.equal(2);
      expect((await cli(['terminology', 'check', SNOMED, '1', '--format', 'xml'])).code).to.equal(2);
      expect((await cli(['terminology', 'nope'])).code).to.equal(2);
    });
  });

  describe('homolog terminology expand', () => {
    it('local: a FHIR core value set, with total; exit 0; nothing asked', async () => {
      const res = await cli(['terminology', 'expand', 'http://hl7.org/fhir/ValueSet/administrative-gender', ...tx()]);
      expect(res.code, res.stderr).to.equal(0);
      expect(res.stdout).to.match(
        /^ValueSet http:\/\/hl7\.org\/fhir\/ValueSet\/administrative-gender\|4\.0\.1 \(AdministrativeGender\)\nsource: local\n/,
      );
      expect(res.stdout).to.include('  http://hl7.org/fhir/administrative-gender#female  Female\n');
      expect(res.stdout).to.include('total: 4 code(s)');
      expect(server.count).to.equal(0);
    });

    it('local: French and English designations are listed (other languages are not)', async () => {
      const res = await cli(['terminology', 'expand', TRIAGE_VS, '--ig', ig]);
      expect(res.code, res.stderr).to.equal(0);
      expect(res.stdout).to.equal(
        `ValueSet ${TRIAGE_VS} (Triage levels)\nsource: local\n  ${TRIAGE_CS}#urgent  Urgent\n      fr-CA: Urgent\n  ${TRIAGE_CS}#routine  Routine\n      fr-CA: Courant\ntotal: 2 code(s)\n`,
      );
      const check = await cli([
        'terminology',
        'check',
        TRIAGE_CS,
        'routine',
        '--display',
        'Courant',
        '--valueset',
        TRIAGE_VS,
        '--ig',
        ig,
        '--format',
        'json',
        ...tx(),
      ]);
      expect(check.code, check.stderr).to.equal(0);
      expect(JSON.parse(check.stdout)).to.include({ status: 'valid', source: 'local' });
      expect(server.count).to.equal(0);
    });

    it('local: parts that cannot be listed are named', async () => {
      const res = await cli(['terminology', 'expand', FINDINGS_VS, '--ig', ig, '--format', 'json']);
      expect(res.code, res.stderr).to.equal(0);
      const out = JSON.parse(res.stdout) as { source: string; contains: unknown[]; notListed: string[] };
      expect(out.source).to.equal('local');
      expect(out.contains).to.deep.equal([]);
      expect(out.notListed.join(' ')).to.match(/SNOMED CT/);
      const fr = await cli(['terminology', 'expand', FINDINGS_VS, '--ig', ig, '--lang', 'fr']);
      expect(fr.code, fr.stderr).to.equal(0);
      expect(fr.stdout).to.match(
        /non listés :\n {2}- SNOMED CT \(http:\/\/snomed\.info\/sct\) n’est pas disponible hors ligne/,
      );
    });

    it('remote: a value set unknown offline (or not fully listable) is expanded by the server, with French designations', async () => {
      const res = await cli(['terminology', 'expand', FINDINGS_VS, ...tx()]);
      expect(res.code, res.stderr).to.equal(0);
      expect(res.stdout).to.match(
        /^ValueSet http:\/\/homolog\.test\/fhir\/ValueSet\/snomed-findings\|1\.0\.0 \(Test findings \(SNOMED CT\)\)\nsource: remote \(http:\/\/127\.0\.0\.1:\d+\/fhir\)\n/,
      );
      expect(res.stdout).to.include('  http://snomed.info/sct#386661006  Fever\n      fr-CA: Fièvre\n');
      expect(res.stdout).to.include('total: 3 code(s)');
      const json = await cli(['terminology', 'expand', FINDINGS_VS, '--ig', ig, '--format', 'json', ...tx()]);
      const out = JSON.parse(json.stdout) as {
        source: string;
        total: number;
        contains: { code: string; designations?: unknown[] }[];
      };
      expect(out).to.include({ source: 'remote', total: 3 });
      expect(out.contains[1]).to.deep.include({
        code: '22298006',
        designations: [{ language: 'fr-CA', value: 'Infarctus du myocarde' }],
      });
    });

    it('an unknown value set exits 2, offline and remote', async () => {
      const offline = await cli(['terminology', 'expand', 'http://homolog.test/fhir/ValueSet/nope']);
      expect(offline.code).to.equal(2);
      expect(offline.stderr).to.match(/not known offline/);
      const fr = await cli(['terminology', 'expand', 'http://homolog.test/fhir/ValueSet/nope', '--lang', 'fr']);
      expect(fr.code).to.equal(2);
      expect(fr.stderr).to.contain('le jeu de valeurs "http://homolog.test/fhir/ValueSet/nope" est inconnu hors ligne');
      expect(server.count).to.equal(0);
      const remote = await cli(['terminology', 'expand', 'http://homolog.test/fhir/ValueSet/nope', ...tx()]);
      expect(remote.code).to.equal(2);
      expect(remote.stderr).to.match(
        /not known offline, and the terminology server .* could not expand .*could not be found/,
      );
    });
  });

  async function write(name: string, value: Json): Promise<string> {
    const file = path.join(tmp.dir, name);
    await writeFile(file, JSON.stringify(value));
    return file;
  }
});
