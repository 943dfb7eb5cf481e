import { expect } from 'chai';
import { renderHtml } from '../../src/report/html.js';
import { validateRunResult } from '../../src/result/schema.js';
import { HOSTILE_SCRIPT, sampleRun } from './helpers.js';

describe('report: tables recorded by checks (the access matrix)', () => {
  const run = sampleRun();
  const check = run.checks[0];
  if (check) {
    check.tables = [
      {
        title: { fr: 'Matrice d’accès (attendu / observé)', en: 'Access matrix (expected / observed)' },
        columns: ['role', 'domain', 'interaction', 'expected', 'observed', 'result'].map((c) => ({
          fr: `${c} (fr)`,
          en: c,
        })),
        rows: [
          ['pharmacist', 'imaging', 'read', 'denied', '200', 'VIOLATION'],
          ['physician', 'laboratory', 'search', 'allowed', HOSTILE_SCRIPT, 'ok'],
        ],
      },
    ];
  }

  it('is part of the run schema', () => {
    const checked = validateRunResult(run);
    expect(checked.valid, checked.valid ? '' : checked.errors.join('; ')).to.equal(true);
  });

  it('renders as a table in the chosen language, escaped', () => {
    const en = renderHtml(run, 'en');
    expect(en)
      .to.contain('Access matrix (expected / observed)')
      .and.contain('<td>VIOLATION</td>')
      .and.contain('<th>interaction</th>');
    expect(en).not.to.contain(HOSTILE_SCRIPT);
    expect(renderHtml(run, 'fr')).to.contain('Matrice d’accès (attendu / observé)');
  });
});
