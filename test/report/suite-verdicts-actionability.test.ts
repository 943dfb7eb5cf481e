import { expect } from 'chai';
import { formatSummary } from '../../src/cli/summary.js';
import type { Lang, RunResult } from '../../src/model/run-result.js';
import { renderHtml } from '../../src/report/html.js';
import { renderJunit } from '../../src/report/junit.js';
import { scoreActionability } from '../../src/result/actionability.js';
import { validateRunResult } from '../../src/result/schema.js';
import { emptyRun, HOSTILE_IMG, HOSTILE_SCRIPT, sampleRun } from './helpers.js';
import { elements, parseXml } from './xml.js';

function section(html: string, id: string): string {
  return new RegExp(`<section id="${id}"[\\s\\S]*?</section>`).exec(html)?.[0] ?? '';
}

/** The rows of the per-suite verdict table: suite id → verdict class. */
function suiteRows(html: string): Record<string, string> {
  const rows = [
    ...section(html, 'suite-verdicts').matchAll(/<tr class="suite-verdict-([a-z-]+)">[\s\S]*?<code>([^<]+)<\/code>/g),
  ];
  return Object.fromEntries(rows.map((m) => [m[2]!, m[1]!]));
}

function errorsOf(doc: unknown): string[] {
  const v = validateRunResult(doc);
  return v.valid ? [] : v.errors;
}

describe('report: verdict per suite', () => {
  const run = sampleRun();

  it('follows the overall verdict, one row per suite with its own verdict, in both languages', () => {
    const words: Record<Lang, [string, string]> = {
      fr: ['Non conforme', 'Conforme'],
      en: ['Not conformant', 'Conformant'],
    };
    for (const lang of ['fr', 'en'] as const) {
      const html = renderHtml(run, lang);
      expect(html.indexOf('<section id="verdict"')).to.be.lessThan(html.indexOf('<section id="suite-verdicts"'));
      expect(html.indexOf('<section id="suite-verdicts"')).to.be.lessThan(html.indexOf('<section id="requirements"'));
      // fhir-core has failed SHALL requirements; qc-medication only a SHOULD warning.
      expect(suiteRows(html)).to.deep.equal({ 'fhir-core': 'not-conformant', 'qc-medication': 'conformant' });
      const table = section(html, 'suite-verdicts');
      expect(table).to.include(`verdict-badge-not-conformant">${words[lang][0]}</span>`);
      expect(table).to.include(`verdict-badge-conformant">${words[lang][1]}</span>`);
      expect(table).to.include('<a href="#req-FC-READ-02" class="req-id"');
      expect(table).to.include('<td class="num">1 / 4</td>'); // DSQ-MED-03 is not tested
    }
    expect(section(renderHtml(run, 'fr'), 'suite-verdicts')).to.include('<h2>Verdict par suite</h2>');
    expect(section(renderHtml(run, 'en'), 'suite-verdicts')).to.include('<h2>Verdict per suite</h2>');
  });

  it('is inconclusive for a suite whose SHALL requirement only errored', () => {
    const erred = sampleRun();
    const med = erred.requirements.find((r) => r.id === 'DSQ-MED-01')!;
    med.status = 'error';
    expect(suiteRows(renderHtml(erred, 'en'))).to.deep.include({ 'qc-medication': 'inconclusive' });
  });

  it('an empty run has no suite row', () => {
    expect(section(renderHtml(emptyRun(), 'en'), 'suite-verdicts')).to.include('<p class="muted">none</p>');
  });

  it('is a JUnit property of each suite, and a CLI line when several suites ran', () => {
    const suites = elements(parseXml(renderJunit(run)), 'testsuite');
    const props = suites.map((s) =>
      Object.fromEntries(
        elements(elements(s, 'properties')[0]!, 'property').map((p) => [p.attributes.name, p.attributes.value]),
      ),
    );
    expect(props.map((p) => p['suite.verdict'])).to.deep.equal(['not-conformant', 'conformant']);
    expect(formatSummary(run, {})).to.include(
      '          by suite: fhir-core NOT-CONFORMANT, qc-medication CONFORMANT\n',
    );
  });
});

describe('report: traceability', () => {
  it('shows a requirement without a check as not tested, in words, in both languages', () => {
    const run = sampleRun();
    const words: Record<Lang, [string, string]> = {
      fr: ['Non testé', 'aucun test dans cette exécution'],
      en: ['Not tested', 'no check in this run'],
    };
    for (const lang of ['fr', 'en'] as const) {
      const row = /<tr id="req-DSQ-MED-03">[\s\S]*?<\/tr>/.exec(renderHtml(run, lang))?.[0] ?? '';
      expect(row).to.include(`<span class="badge badge-not-tested">${words[lang][0]}</span>`);
      expect(row).to.include(`<span class="no-check">${words[lang][1]}</span>`);
      const tested = /<tr id="req-DSQ-MED-01">[\s\S]*?<\/tr>/.exec(renderHtml(run, lang))?.[0] ?? '';
      expect(tested).to.include('<a href="#check-qc-medication_2f_din-coding">');
    }
  });
});

describe('report: data actionability', () => {
  const run = sampleRun();

  it('the sample run scores its checks exactly as assembleRun would', () => {
    expect(scoreActionability(run.checks)).to.deep.equal(run.actionability);
  });

  it('shows each domain with its share, minimum, counts by form and offenders, in both languages', () => {
    const expected: Record<Lang, string[]> = {
      fr: [
        '<h2>Exploitabilité des données</h2>',
        'Médicaments',
        '33\u00a0%',
        '100\u00a0%',
        'Sous le minimum',
        'Texte libre seulement',
        'Ressources non exploitables (2)',
      ],
      en: [
        '<h2>Data actionability</h2>',
        'Medications',
        '33%',
        '100%',
        'Below the minimum',
        'Free text only',
        'Resources that are not actionable (2)',
      ],
    };
    for (const lang of ['fr', 'en'] as const) {
      const html = renderHtml(run, lang);
      const block = section(html, 'actionability');
      for (const s of expected[lang]) expect(block, `${lang}: ${s}`).to.include(s);
      expect(block).to.include('<td class="num">1 / 3</td>');
      expect(block).to.match(/<td class="num">2<\/td>\s*<td class="num">1<\/td>\s*<td class="num">0<\/td>/);
      expect(block).to.include('<code>MedicationDispense/md-7</code>');
      expect(block).to.include(
        lang === 'fr'
          ? '<li>aucun codage DIN : le médicament n’est nommé qu’en texte libre</li>'
          : '<li>no DIN coding: the medication is named in free text only</li>',
      );
      expect(block).not.to.include('MedicationDispense/md-2'); // actionable: not an offender
      expect(block).to.include('<a href="#check-qc-medication_2f_quantity-ucum">');
      expect(html).to.include('<li><a href="#actionability">');
    }
  });

  it('says so when every resource is actionable, and leaves the section out when nothing was assessed', () => {
    const clean = sampleRun();
    clean.actionability = [
      {
        ...clean.actionability[0]!,
        actionable: 3,
        share: 1,
        byForm: { coded: 3, 'free-text': 0, 'document-only': 0 },
        offenders: [],
      },
    ];
    const block = section(renderHtml(clean, 'en'), 'actionability');
    expect(block).to.include('Every assessed resource is actionable.');
    expect(block).to.include('<span class="badge badge-pass">Minimum met</span>');
    const none = renderHtml({ ...sampleRun(), actionability: [] }, 'fr');
    expect(none).not.to.include('id="actionability"');
    expect(none).not.to.include('href="#actionability"');
  });

  it('escapes hostile references and problems', () => {
    const hostile = sampleRun();
    const offender = hostile.actionability[0]!.offenders[0]!;
    offender.reference = `MedicationDispense/${HOSTILE_IMG}`;
    offender.problems = [{ fr: HOSTILE_SCRIPT, en: HOSTILE_SCRIPT }];
    for (const lang of ['fr', 'en'] as const) {
      const html = renderHtml(hostile, lang);
      expect(html).not.to.match(/<script\b/i);
      expect(html).not.to.include('<img src=x onerror');
      expect(section(html, 'actionability')).to.include('<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>');
    }
  });

  it('is in the JUnit properties of the suites whose checks assessed it', () => {
    const suites = elements(parseXml(renderJunit(run)), 'testsuite');
    const props = suites.map((s) =>
      Object.fromEntries(
        elements(elements(s, 'properties')[0]!, 'property').map((p) => [p.attributes.name, p.attributes.value]),
      ),
    );
    expect(props[0]).not.to.have.property('actionability.medications.share');
    expect(props[1]).to.include({
      'actionability.medications.share': '0.3333',
      'actionability.medications.minimum': '1',
      'actionability.medications.actionable': '1/3',
    });
  });

  it('is one CLI line, with the minimum when a domain falls short', () => {
    const run2: RunResult = sampleRun();
    run2.actionability.push({
      domain: 'laboratory',
      checks: ['qc-medication/din-coding'],
      total: 12,
      actionable: 12,
      share: 1,
      minimum: 1,
      byForm: { coded: 12, 'free-text': 0, 'document-only': 0 },
      offenders: [],
    });
    expect(formatSummary(run2, {})).to.include(
      'Actionability: medications 33 % (1/3, min 100 %), laboratory 100 % (12/12)\n',
    );
    expect(formatSummary(emptyRun(), {})).not.to.include('Actionability');
  });

  it('is validated by the schema: shape, enums and the checks it cites', () => {
    expect(errorsOf(run)).to.deep.equal([]);
    const { actionability: _dropped, ...without } = sampleRun();
    expect(errorsOf(without)).to.include("/: must have required property 'actionability'");
    const bad = sampleRun();
    (bad.actionability[0] as { domain: string }).domain = 'radiology';
    bad.actionability[0]!.share = 1.5;
    bad.actionability[0]!.checks.push('qc-medication/nope');
    (bad.checks[4]!.actionability![0]!.items[0] as { form: string }).form = 'pdf';
    const errors = errorsOf(bad);
    expect(errors).to.include('/actionability/0/domain: must be equal to one of the allowed values');
    expect(errors).to.include('/actionability/0/share: must be <= 1');
    expect(errors).to.include('/checks/4/actionability/0/items/0/form: must be equal to one of the allowed values');
    const dangling = sampleRun();
    dangling.actionability[0]!.checks.push('qc-medication/nope');
    expect(errorsOf(dangling)).to.include(
      "/actionability/0/checks/2: no check with id 'qc-medication/nope' in the run",
    );
  });
});
