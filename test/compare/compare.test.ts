import { expect } from 'chai';
import { blockingReasons, compareRuns, hasRegression, profileDigests } from '../../src/compare/compare.js';
import { renderComparison } from '../../src/compare/render.js';
import type { RunResult } from '../../src/model/run-result.js';
import { HOSTILE_IMG, HOSTILE_SCRIPT, sampleRun } from '../report/helpers.js';
import { narrowedElsewhere, withCheckStatus } from './helpers.js';

/** The sample run's SHALL requirements FC-CAP-01 and FC-CAP-02 pass through fhir-core/capabilities. */
function regressed(): RunResult {
  return withCheckStatus(sampleRun(), {
    'fhir-core/capabilities': { status: 'fail', message: `fhirVersion is 3.0.2 | not 4.0.1 ${HOSTILE_SCRIPT}` },
  });
}

describe('compare: compareRuns', () => {
  it('finds no change between a run and itself', () => {
    const cmp = compareRuns(sampleRun(), sampleRun());
    expect(hasRegression(cmp)).to.equal(false);
    expect(cmp.requirements).to.deep.equal({ changed: [], added: [], removed: [] });
    expect(cmp.suites).to.deep.equal([]);
    expect(cmp.profiles).to.deep.equal([]);
    expect(cmp.newFailures).to.deep.equal([]);
    expect(cmp.verdict).to.deep.equal({ old: 'not-conformant', new: 'not-conformant', changed: false });
  });

  it('detects a SHALL requirement that passed and now fails as a regression, with the new failure', () => {
    const cmp = compareRuns(sampleRun(), regressed());
    expect(cmp.regressions).to.deep.equal(['FC-CAP-01', 'FC-CAP-02']);
    expect(hasRegression(cmp)).to.equal(true);
    expect(cmp.requirements.changed.map((c) => [c.id, c.level, c.old, c.new, c.regression])).to.deep.equal([
      ['FC-CAP-01', 'SHALL', 'pass', 'fail', true],
      ['FC-CAP-02', 'SHALL', 'pass', 'fail', true],
    ]);
    expect(cmp.newFailures).to.have.length(1);
    expect(cmp.newFailures[0]).to.include({ id: 'fhir-core/capabilities', status: 'fail', before: 'pass' });
    expect(cmp.newFailures[0]?.requirements).to.deep.equal(['FC-CAP-01', 'FC-CAP-02']);
  });

  it('counts an error as a regression too, but not a SHOULD failure nor an improvement', () => {
    expect(
      compareRuns(sampleRun(), withCheckStatus(sampleRun(), { 'fhir-core/capabilities': { status: 'error' } }))
        .regressions,
    ).to.deep.equal(['FC-CAP-01', 'FC-CAP-02']);
    // DSQ-MED-02 is SHOULD: warn → fail is a change and a new failure, not a regression.
    const should = compareRuns(
      sampleRun(),
      withCheckStatus(sampleRun(), { 'qc-medication/display-fr': { status: 'fail' } }),
    );
    expect(should.regressions).to.deep.equal([]);
    expect(should.requirements.changed.map((c) => [c.id, c.old, c.new, c.regression])).to.deep.equal([
      ['DSQ-MED-02', 'warn', 'fail', false],
    ]);
    expect(should.newFailures.map((f) => f.id)).to.deep.equal(['qc-medication/display-fr']);
    // The reverse direction fixes FC-READ-01/03: changes, a verdict change, no regression.
    const fixed = withCheckStatus(sampleRun(), {
      'fhir-core/read-known': { status: 'pass' },
      'fhir-core/read-unknown': { status: 'pass' },
    });
    const better = compareRuns(sampleRun(), fixed);
    expect(better.regressions).to.deep.equal([]);
    // FC-PAGE-01 is still skipped: not verified, so inconclusive rather than conformant.
    expect(better.verdict).to.deep.equal({ old: 'not-conformant', new: 'inconclusive', changed: true });
    expect(better.requirements.changed.map((c) => c.id)).to.deep.equal(['FC-READ-01', 'FC-READ-02', 'FC-READ-03']);
    expect(better.newFailures).to.deep.equal([]);
  });

  it('a failing check that already failed (or errored) is not a new failure', () => {
    const cmp = compareRuns(sampleRun(), withCheckStatus(sampleRun(), { 'fhir-core/read-known': { status: 'error' } }));
    expect(cmp.newFailures).to.deep.equal([]);
    expect(cmp.requirements.changed.map((c) => [c.id, c.old, c.new, c.regression])).to.deep.equal([
      ['FC-READ-01', 'fail', 'error', false],
      ['FC-READ-03', 'fail', 'error', false],
    ]);
  });

  it('lists requirements added and removed, and a check that is new and failing', () => {
    const old = sampleRun();
    old.requirements = old.requirements.filter((r) => r.id !== 'DSQ-MED-04');
    old.checks = old.checks.filter((c) => c.id !== 'qc-medication/quantity-ucum');
    const now = sampleRun();
    now.requirements = now.requirements.filter((r) => r.id !== 'FC-PAGE-01');
    const cmp = compareRuns(old, now);
    expect(cmp.requirements.added.map((r) => [r.id, r.level, r.status])).to.deep.equal([
      ['DSQ-MED-04', 'SHOULD', 'fail'],
    ]);
    expect(cmp.requirements.removed.map((r) => [r.id, r.status])).to.deep.equal([['FC-PAGE-01', 'skip']]);
    expect(cmp.newFailures.map((f) => [f.id, f.before])).to.deep.equal([['qc-medication/quantity-ucum', null]]);
  });

  it('reports a level raised to SHALL, and counts it as a regression when it now fails', () => {
    const old = sampleRun();
    const req = old.requirements.find((r) => r.id === 'DSQ-MED-02');
    if (req) req.level = 'SHOULD';
    const now = withCheckStatus(sampleRun(), { 'qc-medication/display-fr': { status: 'fail' } });
    const raised = now.requirements.find((r) => r.id === 'DSQ-MED-02');
    if (raised) raised.level = 'SHALL';
    const cmp = compareRuns(old, now);
    expect(cmp.requirements.changed[0]).to.include({
      id: 'DSQ-MED-02',
      level: 'SHALL',
      oldLevel: 'SHOULD',
      old: 'warn',
      new: 'fail',
      regression: true,
    });
  });

  it('shows suites whose version or digest changed, added or removed', () => {
    const now = sampleRun();
    now.suites[0] = { ...now.suites[0]!, version: '1.1.0', digest: 'ab'.repeat(32) };
    now.suites.pop();
    now.suites.push({ id: 'dsq-emr', version: '1.0.0', title: { fr: 'DMÉ', en: 'EMR' }, digest: 'cd'.repeat(32) });
    const cmp = compareRuns(sampleRun(), now);
    expect(cmp.suites.map((s) => [s.id, s.change, s.old?.version ?? null, s.new?.version ?? null])).to.deep.equal([
      ['dsq-emr', 'added', null, '1.0.0'],
      ['fhir-core', 'changed', '1.0.0', '1.1.0'],
      ['qc-medication', 'removed', '0.3.0', null],
    ]);
  });

  it('shows profile digests that changed when the runs record them, and tolerates their absence', () => {
    const old: RunResult = {
      ...sampleRun(),
      profiles: [
        {
          path: 'profiles/StructureDefinition/qc-patient.json',
          url: 'https://fhir.quebec.ca/StructureDefinition/qc-patient',
          sha256: '11'.repeat(32),
        },
        { path: 'profiles/ValueSet/qc-gone.json', sha256: '22'.repeat(32) },
      ],
    };
    const now: RunResult = {
      ...sampleRun(),
      profiles: [
        {
          path: 'profiles/StructureDefinition/qc-patient.json',
          url: 'https://fhir.quebec.ca/StructureDefinition/qc-patient',
          sha256: '33'.repeat(32),
        },
        { url: 'https://fhir.quebec.ca/ValueSet/qc-new', sha256: '44'.repeat(32) },
      ],
    };
    expect([...profileDigests(now).keys()]).to.deep.equal([
      'profiles/StructureDefinition/qc-patient.json',
      'https://fhir.quebec.ca/ValueSet/qc-new',
    ]);
    expect(compareRuns(old, now).profiles.map((p) => [p.id, p.change])).to.deep.equal([
      ['https://fhir.quebec.ca/ValueSet/qc-new', 'added'],
      ['profiles/StructureDefinition/qc-patient.json', 'changed'],
      ['profiles/ValueSet/qc-gone.json', 'removed'],
    ]);
    // An older run without profiles against a newer one: every profile shows as added, nothing throws.
    expect(compareRuns(sampleRun(), now).profiles.map((p) => p.change)).to.deep.equal(['added', 'added']);
  });
});

describe('compare: renderings', () => {
  const cmp = compareRuns(sampleRun(), regressed());

  it('text: the regression, the status change, the new failure, in the language asked, on one line each', () => {
    const en = renderComparison(cmp, 'text', 'en', '9.9.9');
    expect(en).to.match(/Regressions: .*\(2\)/);
    expect(en).to.match(/FC-CAP-01 {2}SHALL {2}Pass → Fail {2}\[regression\]/);
    expect(en).to.contain(
      'fhir-core/capabilities  Fail (was: Pass)  [FC-CAP-01, FC-CAP-02]  fhirVersion is 3.0.2 | not 4.0.1',
    );
    expect(en).to.contain('At least one SHALL requirement regressed.');
    const fr = renderComparison(cmp, 'text', 'fr', '9.9.9');
    expect(fr).to.contain('Régressions').and.contain('Réussi → Échec').and.contain('[régression]');
    // Control characters from the runs cannot reach the terminal.
    const hostile = compareRuns(
      sampleRun(),
      withCheckStatus(sampleRun(), { 'fhir-core/capabilities': { status: 'fail', message: 'a\u001b[31mb\nc' } }),
    );
    const text = renderComparison(hostile, 'text', 'en', '9.9.9');
    expect(text).not.to.contain('\u001b');
    expect(text).to.contain('a\uFFFD[31mb c');
  });

  it('text: says there is nothing to report when the runs agree', () => {
    const same = renderComparison(compareRuns(sampleRun(), sampleRun()), 'text', 'en', '9.9.9');
    expect(same).to.contain('Not conformant (unchanged)').and.contain('No regression.');
    expect(same).to.match(/Requirements whose status changed \(0\)\n {2}\(none\)/);
  });

  it('json: a versioned document with every list sorted, for machines', () => {
    const doc = JSON.parse(renderComparison(cmp, 'json', 'fr', '9.9.9')) as Record<string, unknown>;
    expect(doc).to.include({ format: 'homolog-compare', formatVersion: 1, regression: true });
    expect(doc.regressions).to.deep.equal(['FC-CAP-01', 'FC-CAP-02']);
    expect(doc.verdict).to.deep.equal({ old: 'not-conformant', new: 'not-conformant', changed: false });
    expect(renderComparison(cmp, 'json', 'en', '9.9.9')).to.equal(
      renderComparison(compareRuns(sampleRun(), regressed()), 'json', 'fr', '1.0.0'),
    );
  });

  it('html: one offline page with a CSP, bilingual, every run value escaped', () => {
    for (const lang of ['fr', 'en'] as const) {
      const html = renderComparison(cmp, 'html', lang, '9.9.9');
      expect(html).to.match(new RegExp(`^<!DOCTYPE html>\\n<html lang="${lang}">`));
      expect(html).to.contain(`content="default-src 'none'; style-src 'unsafe-inline'`);
      expect(html).not.to.match(/<script|<link|src=|https?:\/\/(?!dossier\.example-ehr)/);
      expect(html).to.contain('class="regression"').and.contain('FC-CAP-01');
      expect(html).to.contain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
    expect(renderComparison(cmp, 'html', 'fr', '9.9.9'))
      .to.contain('Registre des changements')
      .and.contain('Nouveaux échecs');
    expect(renderComparison(cmp, 'html', 'en', '9.9.9'))
      .to.contain('Change register')
      .and.contain('New failures');
    const img = compareRuns(
      sampleRun(),
      withCheckStatus(sampleRun(), { 'fhir-core/capabilities': { status: 'fail', message: HOSTILE_IMG } }),
    );
    expect(renderComparison(img, 'html', 'en', '9.9.9')).not.to.contain('<img');
  });
});

describe('compare: narrower scope and another target', () => {
  it('lists every way the new run verifies less, and every identity change; both block unless declared expected', () => {
    const cmp = compareRuns(sampleRun(), narrowedElsewhere());
    expect(cmp.regressions).to.deep.equal([]);
    expect(cmp.scope).to.deep.equal([
      { kind: 'suite-removed', subject: 'qc-medication', old: '0.3.0', new: null },
      { kind: 'requirement-not-tested', subject: 'FC-PAGE-01', old: 'skip', new: 'not-tested' },
      { kind: 'fewer-checks', subject: 'fhir-core', old: '4', new: '3' },
      { kind: 'selection-narrowed', subject: 'grep', old: null, new: 'capabilit|read' },
      { kind: 'selection-narrowed', subject: 'shard', old: null, new: '1/2' },
    ]);
    expect(cmp.target).to.deep.equal([
      { kind: 'base-url', old: 'https://dossier.example-ehr.qc.ca/fhir', new: 'https://other.example/fhir' },
      { kind: 'product', old: 'Logiciels Santé Boréal inc. DossierPlus DMÉ', new: 'Autre fournisseur DossierPlus DMÉ' },
      { kind: 'tls-certificate', old: null, new: 'b'.repeat(64) },
      { kind: 'ran-by', old: null, new: 'authority' },
    ]);
    expect(blockingReasons(cmp)).to.deep.equal(['scope', 'target']);
    expect(blockingReasons(compareRuns(sampleRun(), narrowedElsewhere(), { scopeChange: true }))).to.deep.equal([
      'target',
    ]);
    expect(
      blockingReasons(compareRuns(sampleRun(), narrowedElsewhere(), { scopeChange: true, targetChange: true })),
    ).to.deep.equal([]);
    // A requirement dropped from a suite that is still there, and a tag selection.
    const tagged = sampleRun();
    tagged.requirements = tagged.requirements.filter((r) => r.id !== 'FC-PAGE-01');
    tagged.options = { ...tagged.options, tags: ['read', 'smoke'] };
    expect(compareRuns(sampleRun(), tagged).scope).to.deep.equal([
      { kind: 'requirement-removed', subject: 'FC-PAGE-01', old: 'SHALL', new: null },
      { kind: 'selection-narrowed', subject: 'tag', old: 'smoke', new: 'read,smoke' },
    ]);
    // The same scope, a new product version: nothing to flag.
    const release = sampleRun();
    release.target.product = { ...release.target.product!, version: '5.0.0' };
    const same = compareRuns(sampleRun(), release);
    expect([same.scope, same.target, blockingReasons(same)]).to.deep.equal([[], [], []]);
  });

  it('shows them in text, JSON and HTML, in French and English, with what the exit code means', () => {
    const cmp = compareRuns(sampleRun(), narrowedElsewhere());
    const en = renderComparison(cmp, 'text', 'en', '0.0.0');
    expect(en).to.contain('Narrower scope: the new run verifies less than the previous one (5)');
    expect(en).to.contain('  suite removed  qc-medication  0.3.0 → –');
    expect(en).to.contain('  fewer checks  fhir-core  4 → 3');
    expect(en).to.contain('Target or campaign identity changed: this may not be the same system (4)');
    expect(en).to.contain('  base URL  https://dossier.example-ehr.qc.ca/fhir → https://other.example/fhir');
    expect(en).to.contain(`  TLS certificate (sha256)  – → ${'b'.repeat(64)}`);
    expect(en).to.match(
      /No regression\.\nThe scope is narrower \(--allow-scope-change if this is expected\)\.\nThe target or campaign identity changed \(--allow-target-change if this is expected\)\.\n$/,
    );
    const fr = renderComparison(cmp, 'text', 'fr', '0.0.0');
    expect(fr)
      .to.contain('Portée réduite : la nouvelle exécution vérifie moins que la précédente (5)')
      .and.contain('  suite retirée  qc-medication');
    expect(fr)
      .to.contain('  exécutée par  – → autorité')
      .and.contain('La portée est réduite (--allow-scope-change si c’est attendu).');
    const allowed = renderComparison(
      compareRuns(sampleRun(), narrowedElsewhere(), { scopeChange: true, targetChange: true }),
      'text',
      'en',
      '0.0.0',
    );
    expect(allowed)
      .to.contain('Narrower scope, declared expected (--allow-scope-change).')
      .and.contain('Target or campaign identity changed, declared expected (--allow-target-change).');

    const json = JSON.parse(renderComparison(cmp, 'json', 'en', '0.0.0')) as {
      scopeNarrowed: boolean;
      targetChanged: boolean;
      blocking: string[];
      scope: unknown[];
      target: unknown[];
    };
    expect([
      json.scopeNarrowed,
      json.targetChanged,
      json.blocking,
      json.scope.length,
      json.target.length,
    ]).to.deep.equal([true, true, ['scope', 'target'], 5, 4]);

    const html = renderComparison(cmp, 'html', 'fr', '0.0.0');
    expect(html)
      .to.contain('<section id="scope">')
      .and.contain('Portée réduite')
      .and.contain('<code>qc-medication</code>');
    expect(html).to.contain('<section id="target">').and.contain('<code>https://other.example/fhir</code>');
    expect(html).to.contain('<section id="outcome" class="outcome regressed">');
    expect(renderComparison(cmp, 'html', 'en', '0.0.0')).to.contain(
      'The target or campaign identity changed (--allow-target-change if this is expected).',
    );
  });
});
