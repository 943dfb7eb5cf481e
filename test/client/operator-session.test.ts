import path from 'node:path';
import { PassThrough } from 'node:stream';
import { expect } from 'chai';
import { createConsoleOperator } from '../../src/client/console-operator.js';
import type { SessionStatus } from '../../src/client/protocol.js';
import { type Simulator, startSimulator } from '../../src/client/simulator.js';
import type { RunResult } from '../../src/model/run-result.js';
import { renderHtml } from '../../src/report/html.js';
import { runClientCampaign } from '../../src/run/client-campaign.js';
import type { ClientTestDefinition, ReceivedRequest } from '../../src/suite/client-api.js';
import { chromiumOrSkip, dumpDom } from '../support/chromium.js';
import { useTempDir } from '../support/tmp.js';
import {
  type ClientKeys,
  clientKeys,
  clientSuite,
  clientTarget,
  drive,
  registryOf,
  ScriptedClient,
  TEST_SUITE_ID,
} from './support.js';

const NAM = 'TREM04121925';
const QUESTION = { en: 'Did the software show the patient chart?', fr: 'Le logiciel a-t-il affiché le dossier?' };
const isPatientSearch = (r: ReceivedRequest): boolean => r.endpoint === 'fhir' && r.path === 'Patient';

const TESTS: ClientTestDefinition[] = [
  {
    id: 'find-patient',
    title: 'the patient is found',
    verifies: ['T-QRY-01'],
    makes: ['find-patient'],
    async run(t) {
      await t.scenario('find-patient', {
        instruction: { en: `Open the chart of patient ${NAM}`, fr: `Ouvrez le dossier du patient ${NAM}` },
        inputs: { NAM },
        until: (received) => received.some((r) => isPatientSearch(r) && r.reply.status === 200),
      });
    },
  },
  {
    id: 'chart-shown',
    title: 'the chart was shown',
    verifies: ['T-ATT-01'],
    async run(t) {
      await t.attest(QUESTION);
    },
  },
];

/** What the scripted client saw of the live page and the status while its scenario was awaited. */
interface Seen {
  page: string;
  pageType: string;
  status: SessionStatus;
}

describe('client operator: an attended run over a real session (HTTPS)', function () {
  this.timeout(90_000);
  let simulator: Simulator;
  let keys: ClientKeys;

  before(async () => {
    simulator = await startSimulator();
    keys = await clientKeys();
  });
  after(() => simulator.close());

  it('the console tells the operator what to do, shows each request, asks the attestation; the page and status show the session; the report shows the answer', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (d: Buffer) => {
      printed += d.toString();
    });
    // The person at the console: answers the attestation once it is asked.
    const answering = (async () => {
      while (!printed.includes(`${QUESTION.en} (yes/no) `)) await new Promise((r) => setTimeout(r, 20));
      input.write('yes\n');
      while (!printed.includes('Note (optional')) await new Promise((r) => setTimeout(r, 20));
      input.write('Chart shown with allergies first\n');
    })();
    let seen: Seen | undefined;
    let driving: Promise<string[]> | undefined;
    let client: ScriptedClient | undefined;
    const operator = createConsoleOperator({ input, output, lang: 'en', prompt: true });
    const result: RunResult = await runClientCampaign({
      target: clientTarget(keys),
      suiteIds: [TEST_SUITE_ID],
      suites: registryOf(clientSuite(TESTS)),
      unattended: false,
      operator,
      simulator,
      scenarioTimeoutMs: 15_000,
      onSession(info) {
        client = new ScriptedClient(info, keys);
        driving = drive(client, {
          'find-patient': async (c, inputs) => {
            const page = await c.send('GET', info.rootUrl, { headers: { 'accept-language': 'en' } });
            const status = await c.send('GET', `${info.controlUrl}status`);
            seen = {
              page: page.body,
              pageType: String(page.headers['content-type']),
              status: JSON.parse(status.body) as SessionStatus,
            };
            await c.fhir('GET', `Patient?identifier=${encodeURIComponent(`https://example.org/nam|${inputs.NAM}`)}`);
          },
        });
      },
    });
    await driving;
    await answering;
    await client?.close();

    // The console: the session, the scenario, the request, the attestation.
    const session = result.client!.session;
    expect(printed).to.contain(`Attended run, session ${session}: perform each scenario below`);
    expect(printed).to.contain(`  Open the chart of patient ${NAM}\n    NAM: ${NAM}\n`);
    expect(printed).to.match(
      / {2}← GET fhir\/Patient\?identifier=https%3A%2F%2Fexample\.org%2Fnam%7CTREM04121925 → 200\n/,
    );
    expect(printed).to.contain(`? Attestation (${TEST_SUITE_ID}/chart-shown)`);
    expect(printed).to.contain('Session finished.');

    // The live page and the status served by the session while the scenario was awaited.
    expect(seen?.pageType).to.equal('text/html; charset=utf-8');
    expect(seen?.page).to.contain(`<p class="instruction">Open the chart of patient ${NAM}</p>`);
    expect(seen?.page).to.contain(`<dt>NAM</dt><dd><code>${NAM}</code></dd>`);
    expect(seen?.page).to.contain('Content-Security-Policy');
    expect(seen?.status).to.include({ session, state: 'awaiting' });
    expect(seen?.status.awaiting?.id).to.equal('find-patient');

    // The run and its report: a person's answer, shown as such.
    const attested = result.checks.find((c) => c.testId === 'chart-shown')!;
    expect(attested.status).to.equal('pass');
    expect(attested.attestation).to.include({ answer: 'yes', note: 'Chart shown with allergies first' });
    const html = renderHtml(result, 'en');
    expect(html).to.contain('<span class="marker-attestation">Attestation</span>');
    expect(html).to.contain('Chart shown with allergies first');
    expect(html).to.contain('Received from the client');
  });

  describe('in a browser (headless Chromium)', () => {
    const tmp = useTempDir();

    it("the session's live page loads over HTTPS and refreshes from its status (the CSP lets its script run)", async function () {
      const chromium = await chromiumOrSkip(this);
      let dom = '';
      let driving: Promise<string[]> | undefined;
      let client: ScriptedClient | undefined;
      await runClientCampaign({
        target: clientTarget(keys),
        suiteIds: [TEST_SUITE_ID],
        suites: registryOf(clientSuite(TESTS.slice(0, 1))),
        unattended: true,
        simulator,
        scenarioTimeoutMs: 30_000,
        onSession(info) {
          client = new ScriptedClient(info, keys);
          driving = drive(client, {
            'find-patient': async (c) => {
              // The operator's browser, while the scenario is awaited; then the client performs it.
              await c.fhir('GET', 'metadata');
              dom = await dumpDom(chromium, info.rootUrl, path.join(tmp.dir, 'profile'));
              await c.fhir('GET', `Patient?identifier=${encodeURIComponent(`https://example.org/nam|${NAM}`)}`);
            },
          });
        },
      });
      await driving;
      await client?.close();
      expect(dom).to.contain('<p class="instruction">Open the chart of patient TREM04121925</p>');
      expect(dom).to.match(/<span id="connection">Updated \d\d:\d\d:\d\d UTC<\/span>/);
      expect(dom).to.match(/<td class="path">metadata<\/td>/);
    });
  });
});
