import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { expect } from 'chai';
import { type ConsoleOperator, createConsoleOperator } from '../../src/client/console-operator.js';
import type { ScenarioAnnouncement } from '../../src/client/protocol.js';
import type { SessionInfo } from '../../src/client/session.js';
import type { Lang } from '../../src/model/run-result.js';
import type { ClientTarget } from '../../src/model/target.js';
import { clientCertificate, serverTls } from '../../src/reference/access/tls.js';
import type { ReceivedRequest } from '../../src/suite/client-api.js';

const ROOT = 'https://127.0.0.1:8443/session/s-7f3a/';
const INFO: SessionInfo = {
  id: 's-7f3a',
  rootUrl: ROOT,
  baseUrl: `${ROOT}fhir`,
  tokenUrl: `${ROOT}auth/token`,
  elsewhereUrl: 'https://127.0.0.1:8444/',
  controlUrl: `${ROOT}_homolog/`,
  caPem: serverTls().certPem,
};
const QUESTION = {
  en: 'Did the software show the consent refusal to the user?',
  fr: "Le logiciel a-t-il montré le refus de consentement à l'utilisateur?",
};

function target(overrides: Partial<ClientTarget> = {}): ClientTarget {
  return {
    kind: 'client',
    source: 'client.yaml',
    clientId: 'pharmaplus-client',
    jwks: [{ kty: 'EC', crv: 'P-384', kid: 'key-2026', x: 'x', y: 'y' }],
    certificateCa: clientCertificate('Pharmacie Boreal CA').certPem,
    simulator: { host: '127.0.0.1', port: 8443 },
    testData: {},
    secrets: [],
    ...overrides,
  };
}

/** An operator over PassThrough streams; `text()` is everything it printed so far. */
function console_(lang: Lang, prompt = true): { op: ConsoleOperator; input: PassThrough; text: () => string } {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (d: Buffer) => {
    printed += d.toString();
  });
  const op = createConsoleOperator({ input, output, lang, prompt, now: () => Date.parse('2026-12-03T14:03:30.000Z') });
  return { op, input, text: () => printed };
}

/** Resolves once the operator has printed `fragment` (it is waiting for an answer). */
async function printed(text: () => string, fragment: string): Promise<void> {
  for (let i = 0; i < 200 && !text().includes(fragment); i++) await new Promise((r) => setTimeout(r, 5));
  expect(text()).to.contain(fragment);
}

function request(overrides: Partial<ReceivedRequest> = {}): ReceivedRequest {
  return {
    exchangeId: 'r0001',
    at: Date.parse('2026-12-03T14:03:31.000Z'),
    method: 'GET',
    endpoint: 'fhir',
    path: 'MedicationDispense',
    query: [['patient', 'Patient/p1']],
    headers: {},
    tls: { connection: 1 },
    reply: { status: 403, headers: {} },
    ...overrides,
  };
}

const ANNOUNCEMENT: ScenarioAnnouncement = {
  state: 'awaiting',
  session: 's-7f3a',
  scenario: {
    id: 'find-patient',
    check: 'dsq-pharmacy-client/nam-search',
    instruction: { en: 'Search the patient by NAM', fr: 'Cherchez le patient par son NAM' },
    inputs: { NAM: 'TREM04121925', DIN: '02242903' },
    deadline: '2026-12-03T14:05:30.000Z',
  },
};

describe('client/console-operator', () => {
  it('at session open, says how an attended run goes, with the session and its live page (fr, en)', () => {
    const en = console_('en');
    en.op.sessionOpened(INFO, target());
    expect(en.text()).to.equal(
      '\nAttended run, session s-7f3a: perform each scenario below in your software; what only a person can judge is asked here (yes/no). Live page: https://127.0.0.1:8443/session/s-7f3a/\n',
    );
    const fr = console_('fr');
    fr.op.sessionOpened(INFO, target());
    expect(fr.text()).to.contain('Exécution avec opérateur, session s-7f3a : effectuez chaque scénario');
    expect(fr.text()).to.contain('Page de suivi : https://127.0.0.1:8443/session/s-7f3a/\n');
  });

  it('at each scenario, prints the instruction in the run language, its values and the deadline with the time left', () => {
    for (const [lang, instruction, left, colon] of [
      ['en', 'Search the patient by NAM', '(120 s left)', ': '],
      ['fr', 'Cherchez le patient par son NAM', '(120 s restantes)', ' : '],
    ] as const) {
      const c = console_(lang);
      c.op.scenarioStarted(ANNOUNCEMENT);
      expect(c.text()).to.contain(`(dsq-pharmacy-client/nam-search)\n  ${instruction}\n`);
      expect(c.text()).to.contain(`    NAM${colon}TREM04121925\n    DIN${colon}02242903\n`);
      expect(c.text()).to.contain(`14:05:30 UTC ${left}`);
    }
    const idle = console_('en');
    idle.op.scenarioStarted({ state: 'idle', session: 's-7f3a' });
    expect(idle.text()).to.equal('');
  });

  it('prints each request received as one line: method, path, status and the injected answer', () => {
    const c = console_('en');
    c.op.received(request({ injected: 'consent-refusal-403' }));
    c.op.received(
      request({ method: 'POST', endpoint: 'token', path: '', query: [], reply: { status: 200, headers: {} } }),
    );
    expect(c.text()).to.equal(
      '  ← GET fhir/MedicationDispense?patient=Patient%2Fp1 → 403 [injected: consent-refusal-403]\n  ← POST token → 200\n',
    );
  });

  it('a request line shows no credential: access_token parameters, JWTs and opaque tokens anywhere, the target file secrets', () => {
    const c = console_('en');
    c.op.sessionOpened(INFO, target({ secrets: ['s3cr3t-opaque-value'] }));
    const jwt = 'eyJhbGciOiJFUzM4NCJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    const opaque = randomBytes(32).toString('base64url');
    const query: [string, string][] = [
      ['access_token', 'opaque-token-1234'],
      ['code', 's3cr3t-opaque-value'],
    ];
    c.op.received(request({ path: `Patient/${jwt}`, query }));
    c.op.received(request({ path: `Patient/${opaque}/_history`, query: [] }));
    const lines = c
      .text()
      .split('\n')
      .filter((l) => l.includes('←'));
    expect(lines).to.have.length(2);
    expect(lines[0]).to.contain('Patient/[REDACTED]');
    expect(lines[1]).to.contain('Patient/[REDACTED]/_history');
    for (const secret of [jwt, 'eyJhbGciOiJFUzM4NCJ9', 'opaque-token-1234', 's3cr3t-opaque-value', opaque])
      expect(lines.join('\n'), secret).not.to.contain(secret);
  });

  it('a hostile request stays one line: no control characters, no CI workflow command, a long path cut', () => {
    const c = console_('fr');
    c.op.received(
      request({ method: '\n::error::forged', path: `x\u001b[2J\r\n::add-mask::y\u202e${'z'.repeat(5000)}`, query: [] }),
    );
    const out = c.text();
    expect(out.split('\n')).to.have.length(2);
    expect(out).not.to.match(/[\u0000-\u0009\u000b-\u001f\u007f\u202a-\u202e]/);
    expect(out).not.to.match(/^\s*::/m);
    expect(out.length).to.be.lessThan(300);
  });

  it('asks an attestation: yes and a note, in English', async () => {
    const c = console_('en');
    const answer = c.op.attest(QUESTION, 'dsq-pharmacy-client/refusal-shown', new AbortController().signal);
    await printed(c.text, `${QUESTION.en} (yes/no) `);
    c.input.write('yes\n');
    await printed(c.text, 'Note (optional, Enter to leave empty): ');
    c.input.write('Shown in a red banner\n');
    expect(await answer).to.deep.equal({ answer: 'yes', note: 'Shown in a red banner' });
    expect(c.text()).to.contain('? Attestation (dsq-pharmacy-client/refusal-shown)');
    c.op.done();
  });

  it('asks again until yes or no (oui/non in French); an empty note is left out', async () => {
    const c = console_('fr');
    const answer = c.op.attest(QUESTION, 'dsq-pharmacy-client/refusal-shown', new AbortController().signal);
    await printed(c.text, `${QUESTION.fr} (oui/non) `);
    c.input.write('peut-être\n');
    await printed(c.text, 'Répondez oui ou non. (oui/non) ');
    c.input.write('NON\n');
    await printed(c.text, 'Note (facultative, Entrée pour la laisser vide) : ');
    c.input.write('\n');
    expect(await answer).to.deep.equal({ answer: 'no' });
    c.op.done();
    expect(c.text()).to.contain('Session terminée.');
  });

  it('no answer before the check signal: undefined, and says the attestation is skipped', async () => {
    const c = console_('en');
    const controller = new AbortController();
    const answer = c.op.attest(QUESTION, 'dsq-emr-client/refusal-shown', controller.signal);
    await printed(c.text, '(yes/no) ');
    controller.abort();
    expect(await answer).to.equal(undefined);
    expect(c.text()).to.contain('No answer (time is up, or the input ended): the attestation is skipped.');
    // A later attestation still works on the same console.
    const next = c.op.attest(QUESTION, 'dsq-emr-client/lab-range', new AbortController().signal);
    await printed(c.text, '? Attestation (dsq-emr-client/lab-range)');
    await printed(c.text, `${QUESTION.en} (yes/no) `);
    c.input.write('y\n');
    await printed(c.text, 'Note');
    c.input.write('ok\n');
    expect(await next).to.deep.equal({ answer: 'yes', note: 'ok' });
    c.op.done();
  });

  it('the input ends (Ctrl-D, a closed pipe) while asking: undefined at once, and for every later attestation', async () => {
    const c = console_('en');
    const answer = c.op.attest(QUESTION, 'x/y', new AbortController().signal);
    await printed(c.text, '(yes/no) ');
    c.input.end();
    expect(await answer).to.equal(undefined);
    expect(c.text()).to.contain('No answer (time is up, or the input ended): the attestation is skipped.');
    expect(await c.op.attest(QUESTION, 'x/z', new AbortController().signal)).to.equal(undefined);
    c.op.done();
  });

  it('never prompts when not told to (input not a TTY): undefined at once, nothing read or printed', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const op = createConsoleOperator({ input, output, lang: 'en' });
    input.write('yes\n');
    expect(await op.attest(QUESTION, 'x/y', new AbortController().signal)).to.equal(undefined);
    expect(output.read()).to.equal(null);
    expect(input.read()?.toString()).to.equal('yes\n');
  });

  it('a note is one line without control characters, at most 1000 characters', async () => {
    const c = console_('en');
    const answer = c.op.attest(QUESTION, 'x/y', new AbortController().signal);
    await printed(c.text, '(yes/no) ');
    c.input.write('yes\n');
    await printed(c.text, 'Note');
    c.input.write(`\u001b[31m::warning::${'n'.repeat(3000)}\n`);
    const result = await answer;
    expect(result?.note).to.have.length(1000);
    expect(result?.note).not.to.match(/[\u0000-\u001f]|^::/);
    c.op.done();
  });
});
