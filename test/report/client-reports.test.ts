import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import type { Lang, RunResult } from '../../src/model/run-result.js';
import { githubAnnotations } from '../../src/report/annotations.js';
import { outputFormat } from '../../src/report/formats.js';
import { renderHtml } from '../../src/report/html.js';
import { renderJunit } from '../../src/report/junit.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { printHtmlToPdf } from '../../src/report/pdf.js';
import { buildTestReportBundle } from '../../src/report/testreport.js';
import { anchorId } from '../../src/report/text.js';
import { createValidator } from '../../src/validation/setup.js';
import { chromiumOrSkip } from '../support/chromium.js';
import { useTempDir } from '../support/tmp.js';
import {
  BASE,
  CERT,
  clientRun,
  ESCAPED_JWT,
  JWT_PATTERN,
  QUESTION_NO,
  QUESTION_SKIPPED,
  QUESTION_YES,
  SESSION,
  SKIP_REASON,
} from './client-run.js';
import { HOSTILE_SCRIPT, sampleRun } from './helpers.js';
import { parseXml, type XmlElement } from './xml.js';

/** The HTML of one element by its id (first match up to its closing tag). */
function section(html: string, id: string, tag = 'section'): string {
  return new RegExp(`<${tag}[^>]* id="${id}"[\\s\\S]*?</${tag}>`).exec(html)?.[0] ?? '';
}

/** Text content of an HTML or XML fragment with the five entities decoded, so tests read what a reader reads. */
function decoded(markup: string): string {
  return markup
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

const SESSION_TEXT: Record<Lang, string> = {
  en: `Client software tested against homolog's simulated shared record, session ${SESSION}`,
  fr: `Logiciel client testé contre le dossier santé partagé simulé par homolog, session ${SESSION}`,
};

describe('report: client runs in HTML (and the PDF printed from it)', () => {
  const run = clientRun();
  const pages: Record<Lang, string> = { fr: renderHtml(run, 'fr'), en: renderHtml(run, 'en') };

  it('says it tested a client, with its session, id, endpoints and operator, in both languages', () => {
    for (const lang of ['fr', 'en'] as const) {
      const html = pages[lang];
      expect(decoded(/<title>[^<]*<\/title>/.exec(html)?.[0] ?? '')).to.contain(SESSION_TEXT[lang]);
      expect(decoded(section(html, 'client-session'))).to.contain(SESSION_TEXT[lang]);
      const facts = decoded(section(html, 'client-session'));
      for (const value of ['pharmaplus-client', BASE, `https://127.0.0.1:8443/session/${SESSION}/auth/token`])
        expect(facts, lang).to.contain(value);
    }
    expect(decoded(section(pages.en, 'client-session'))).to.contain('Operator present: attestations were asked');
    const unattended: RunResult = { ...run, client: { ...run.client!, unattended: true } };
    expect(decoded(section(renderHtml(unattended, 'fr'), 'client-session'))).to.contain(
      'Opérateur aucun (exécution sans surveillance) : attestations ignorées',
    );
  });

  it('shows a received exchange as "received from the client / homolog answered", naming the injected answer', () => {
    const consent = section(pages.en, anchorId('check', 'dsq-pharmacy-client/refusal-not-retried'), 'article');
    const exchange = decoded(consent);
    expect(exchange).to.contain('Received from the client');
    expect(exchange).to.contain('Injected answer: consent-refusal-403');
    expect(exchange).to.contain('homolog answered');
    expect(exchange).to.contain(`Client certificate (SHA-256) ${CERT}`);
    expect(exchange).to.contain('Scenario consent-refused');
    expect(exchange).to.contain('Received 2026-12-03 14:00:01 UTC');
    expect(exchange).to.contain('Size answered: 2 bytes');
    expect(consent).not.to.contain('<h5>Request</h5>');
    const fr = decoded(section(pages.fr, anchorId('check', 'dsq-pharmacy-client/refusal-not-retried'), 'article'));
    expect(fr).to.contain('Reçue du client');
    expect(fr).to.contain('Réponse de homolog');
    expect(fr).to.contain('Réponse injectée : consent-refusal-403');
    // A server run's exchanges keep their words.
    const server = renderHtml(sampleRun(), 'en');
    expect(server).to.contain('<h5>Request</h5>');
    expect(server).not.to.contain('Received from the client');
  });

  it('shows attestations apart from automatic checks: a marker, a section, question, answer, note and time', () => {
    for (const lang of ['fr', 'en'] as const) {
      const list = decoded(section(pages[lang], 'attestations'));
      for (const q of [QUESTION_YES, QUESTION_NO, QUESTION_SKIPPED]) expect(list, lang).to.contain(q[lang]);
      expect(list).to.contain('Range shown beside the value');
      expect(list).to.contain('2026-12-03 14:03:20 UTC');
      expect(list).to.contain(lang === 'fr' ? 'sans réponse' : 'not answered');
      expect(list).to.contain(SKIP_REASON);
    }
    const yes = section(pages.en, anchorId('check', 'dsq-emr-client/lab-reference-range'), 'article');
    expect(yes).to.contain('class="check check-pass check-attestation"');
    expect(yes).to.contain('<span class="marker-attestation">Attestation</span>');
    expect(decoded(yes)).to.contain('Answer yes');
    const skipped = section(pages.en, anchorId('check', 'dsq-emr-client/refusal-shown'), 'article');
    expect(decoded(skipped)).to.contain('Answer not answered');
    expect(decoded(skipped)).to.contain(SKIP_REASON);
    // An automatic check carries no marker.
    const automatic = section(pages.en, anchorId('check', 'dsq-pharmacy-client/assertion'), 'article');
    expect(automatic).to.contain('class="check check-pass"');
    expect(automatic).not.to.contain('marker-attestation');
    expect(renderHtml(sampleRun(), 'en')).not.to.contain('id="attestations"');
  });

  it('lists the requests no scenario awaited, escaped, and does not repeat them among the other exchanges', () => {
    const client = section(pages.en, 'client-session');
    expect(decoded(client)).to.contain('Requests received while no scenario awaited them (1)');
    expect(client).to.contain('id="unmatched-r0009"');
    expect(client).not.to.contain(HOSTILE_SCRIPT);
    expect(decoded(client)).to.contain(`${BASE}/${HOSTILE_SCRIPT}`);
    expect(pages.en).not.to.contain('id="other-exchanges"');
    const none: RunResult = { ...run, client: { ...run.client!, unmatched: [] } };
    const other = renderHtml(none, 'fr');
    expect(decoded(section(other, 'client-session'))).to.contain(
      'Aucune : chaque requête est arrivée pendant un scénario.',
    );
    expect(other).to.contain('id="exchange-r0009"');
    expect(renderHtml(sampleRun(), 'en')).not.to.contain('id="client-session"');
  });

  describe('PDF', function () {
    this.timeout(120_000);
    const tmp = useTempDir();

    it('prints the client report: the PDF title names the client session', async function () {
      const chromium = await chromiumOrSkip(this);
      const html = path.join(tmp.dir, 'report.html');
      const pdf = path.join(tmp.dir, 'report.pdf');
      await import('node:fs/promises').then((fs) => fs.writeFile(html, pages.fr));
      await printHtmlToPdf(html, pdf, { chromium });
      const bytes = await readFile(pdf);
      expect(bytes.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
      // Chromium writes the page title in the document information, as UTF-16BE hex.
      const hex = /\/Title\s*<FEFF([0-9A-Fa-f]+)>/.exec(bytes.toString('latin1'))?.[1] ?? '';
      const title = Buffer.from(hex, 'hex').swap16().toString('utf16le');
      expect(title).to.contain(SESSION_TEXT.fr);
    });
  });
});

describe('report: client runs in Markdown, JUnit, TestReport and GitHub annotations', () => {
  const run = clientRun();

  it('every format counts the requests refused past the session budget, and says nothing of them when there were none', () => {
    const flooded: RunResult = { ...run, client: { ...run.client!, refused: 4812 } };
    const en = "Requests refused past the session's request budget (answered 429, counted, not recorded)";
    expect(decoded(section(renderHtml(flooded, 'en'), 'client-session'))).to.contain(`${en} 4812`);
    expect(renderMarkdown(flooded, 'fr').replace(/\u00a0/g, ' ')).to.contain(
      '- Requêtes refusées au-delà du budget de requêtes de la session (réponse 429, comptées, non enregistrées) : 4812',
    );
    expect(renderJunit(flooded)).to.contain('<property name="client.refused" value="4812"/>');
    expect(decoded(buildTestReportBundle(flooded, 'en').entry![0]!.resource.text.div)).to.contain(`${en}: 4812`);
    expect(githubAnnotations(flooded)[0]).to.match(/; Requests refused past the session.s request budget .*: 4812$/);
    for (const out of [renderHtml(run, 'en'), renderMarkdown(run, 'en'), renderJunit(run), githubAnnotations(run)[0]!])
      expect(out).not.to.match(/refused past|client\.refused/);
  });

  it('Markdown: the session, the attestations table (answered and not) and the requests no scenario awaited', () => {
    for (const lang of ['fr', 'en'] as const) {
      const md = renderMarkdown(run, lang);
      // md() keeps URLs from turning into links: a zero-width space after "://".
      const plain = md.replace(/\u200B/g, '').replace(/\u00a0/g, ' ');
      expect(plain).to.contain(SESSION_TEXT[lang]);
      expect(plain).to.contain(lang === 'fr' ? '### Attestations' : '### Attestations');
      for (const q of [QUESTION_YES, QUESTION_NO, QUESTION_SKIPPED]) expect(plain).to.contain(q[lang]);
      expect(plain).to.contain(lang === 'fr' ? `sans réponse: ${SKIP_REASON}` : `not answered: ${SKIP_REASON}`);
      expect(plain).to.contain('| Only a generic error dialog | 2026-12-03 14:02:10 UTC |');
      expect(plain).to.contain(
        lang === 'fr'
          ? 'Reçue du client : GET https://127.0.0.1:8443/session/s-7f3a/fhir/\\<script\\>alert(1)\\</script\\> → Réponse de homolog : 404'
          : 'Received from the client: GET https://127.0.0.1:8443/session/s-7f3a/fhir/\\<script\\>alert(1)\\</script\\> → homolog answered: 404',
      );
    }
    const server = renderMarkdown(sampleRun(), 'en');
    expect(server).not.to.contain('Attestations');
    expect(server).not.to.contain('Client session');
  });

  it('JUnit: the session in the properties, attestations named as such, received exchanges in the evidence', () => {
    const xml = renderJunit(run);
    const doc = parseXml(xml);
    const suites = doc.children.filter((c): c is XmlElement => typeof c !== 'string');
    const props = (suite: XmlElement): Record<string, string> =>
      Object.fromEntries(
        (suite.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === 'properties')?.children ?? [])
          .filter((c): c is XmlElement => typeof c !== 'string')
          .map((p) => [p.attributes.name!, p.attributes.value!]),
      );
    const pharmacy = props(suites[0]!);
    expect(pharmacy['target.kind']).to.equal('client');
    expect(pharmacy['client.session']).to.equal(SESSION_TEXT.en);
    expect(pharmacy['client.unmatched']).to.equal('1');
    expect(pharmacy['client.unmatched.r0009']).to.equal(
      `Received from the client: GET ${BASE}/${HOSTILE_SCRIPT} → homolog answered: 404`,
    );
    const text = decoded(xml);
    expect(xml).to.contain('name="[EMC-ATT-01] lab-reference-range title (attestation)"');
    expect(text).to.contain(
      `Attestation — Question: ${QUESTION_YES.en}; Answer: yes; Note: Range shown beside the value; Answered: 2026-12-03 14:03:20 UTC`,
    );
    expect(xml).to.match(
      /<skipped message="No one to ask[^"]*" type="skip">Attestation — Question: Did the software show the consent refusal to the physician\?; Answer: not answered/,
    );
    expect(text).to.contain(
      `Received from the client: GET ${BASE}/MedicationDispense?patient=Patient/p1 → homolog answered: 403 (Injected answer: consent-refusal-403) (12 ms) [r0003]`,
    );
    const server = renderJunit(sampleRun());
    expect(server).not.to.contain('target.kind');
    expect(server).not.to.contain('(attestation)');
  });

  it('TestReport: the client is the participant tested, the session in the narrative, attestations and received exchanges in the asserts; valid R4', function () {
    this.timeout(30_000);
    const validator = createValidator().validator;
    for (const lang of ['fr', 'en'] as const) {
      const bundle = buildTestReportBundle(run, lang);
      const problems = validator
        .validate(bundle)
        .filter((i) => i.severity === 'error' || i.severity === 'fatal')
        .map((i) => `${i.expression ?? ''}: ${i.message}`);
      expect(problems, lang).to.deep.equal([]);
      const pharmacy = bundle.entry![0]!.resource;
      expect(pharmacy.participant[1]).to.deep.equal({
        type: 'client',
        uri: 'https://homolog.quebec/clients/pharmaplus-client',
        display: 'Logiciels Boréal PharmaPlus 7.1',
      });
      expect(decoded(pharmacy.text.div)).to.contain(SESSION_TEXT[lang]);
      const asserts = pharmacy.test!.map((t) => t.action[0]!.assert);
      expect(asserts[2]!.detail?.replace(/\u00a0/g, ' ')).to.contain(
        lang === 'fr'
          ? 'Reçue du client : GET https://127.0.0.1:8443/session/s-7f3a/fhir/MedicationDispense?patient=Patient/p1 → Réponse de homolog : 403 (Réponse injectée : consent-refusal-403)'
          : 'Received from the client: GET https://127.0.0.1:8443/session/s-7f3a/fhir/MedicationDispense?patient=Patient/p1 → homolog answered: 403 (Injected answer: consent-refusal-403)',
      );
      expect(asserts[3]!.message).to.match(/^Attestation — Question/);
      expect(asserts[3]!.message).to.contain(QUESTION_NO[lang]);
      const emr = bundle.entry![1]!.resource.test!.map((t) => t.action[0]!.assert);
      expect(emr[0]!.message?.replace(/\u00a0/g, ' ')).to.contain(
        `${QUESTION_YES[lang]}; ${lang === 'fr' ? 'Réponse : oui' : 'Answer: yes'}`,
      );
      expect(emr[1]).to.include({ result: 'skip' });
      expect(emr[1]!.message).to.contain(lang === 'fr' ? 'sans réponse' : 'not answered');
      expect(emr[1]!.message).to.contain(SKIP_REASON);
    }
    expect(buildTestReportBundle(sampleRun(), 'en').entry![0]!.resource.participant[1]!.type).to.equal('server');
  });

  it('GitHub: a notice for the session, an attestation answered no named as such, a notice for one not answered', () => {
    const lines = githubAnnotations(run);
    expect(lines[0]).to.equal(
      `::notice title=homolog client session::${SESSION_TEXT.en}; operator: present: attestations were asked; Requests received while no scenario awaited them: 1`,
    );
    expect(lines[1]).to.match(
      /^::warning title=PHC-ATT-01 \(dsq-pharmacy-client\/refusal-shown\) attestation::refusal-shown title: Attestation — Question: Did the software show the consent refusal to the user\?; Answer: no; Note: Only a generic error dialog/,
    );
    expect(lines[2]).to.match(
      /^::notice title=EMC-ATT-02 \(dsq-emr-client\/refusal-shown\) attestation::.*Answer: not answered\. No one to ask/,
    );
    expect(lines).to.have.length(3);
    for (const l of lines) expect(l).not.to.match(/[\u0000-\u001f]/);
  });

  it('no format rebuilds the client assertion the redactor removed (escaped bodies stay escaped)', async () => {
    expect(JSON.parse(`"${ESCAPED_JWT}"`)).to.match(JWT_PATTERN); // the body does hide a JWT
    const outputs: [string, string][] = [];
    for (const lang of ['fr', 'en'] as const) {
      for (const id of ['json', 'html', 'junit', 'testreport', 'md', 'github'] as const) {
        const out = await outputFormat(id).render(run, { lang, seal: null });
        outputs.push([`${id}/${lang}`, String(out)]);
      }
    }
    for (const [name, out] of outputs) {
      expect(out, name).not.to.match(JWT_PATTERN);
      expect(decoded(out), name).not.to.match(JWT_PATTERN);
    }
    const html = outputs.find(([name]) => name === 'html/en')![1];
    expect(decoded(html)).to.contain('client_assertion=[REDACTED]');
    expect(html).to.contain(ESCAPED_JWT);
    expect(html).to.contain('authorization</th><td>Bearer [REDACTED]');
  });
});
