import { expect } from 'chai';
import { blockingReasons, compareRuns } from '../../src/compare/compare.js';
import { renderComparison } from '../../src/compare/render.js';
import type { RunResult } from '../../src/model/run-result.js';
import { sampleRun } from '../report/helpers.js';
import { asClientRun } from '../support/client-run.js';

function client(options: Parameters<typeof asClientRun>[1] = {}): RunResult {
  return asClientRun(sampleRun(), options);
}

describe('compare: client runs', () => {
  it('another session or simulator port is not another target', () => {
    const cmp = compareRuns(client(), client({ session: 's-9abc', port: 9443 }));
    expect(cmp.target).to.deep.equal([]);
    expect(blockingReasons(cmp)).to.deep.equal([]);
    expect([cmp.old.kind, cmp.new.clientId]).to.deep.equal(['client', 'pharmapro-prod']);
  });

  it('another client id, another product or a server run in place of a client run is another target', () => {
    const other = compareRuns(client(), client({ clientId: 'someone-else' }));
    expect(other.target).to.deep.equal([{ kind: 'client-id', old: 'pharmapro-prod', new: 'someone-else' }]);
    expect(blockingReasons(other)).to.deep.equal(['target']);

    const renamed = client();
    renamed.target.product = { vendor: 'Autre éditeur', name: 'PharmaPro', version: '5.2.1' };
    expect(compareRuns(client(), renamed).target.map((c) => c.kind)).to.deep.equal(['product']);

    const kinds = compareRuns(sampleRun(), client()).target.map((c) => [c.kind, c.old, c.new]);
    expect(kinds).to.deep.include.members([
      ['target-kind', 'server', 'client'],
      ['client-id', null, 'pharmapro-prod'],
    ]);
  });

  it('compares attestation answers, and shows them in text and HTML in French and English', () => {
    const cmp = compareRuns(client({ answer: 'yes' }), client({ answer: 'no' }));
    const id = sampleRun().checks.at(-1)?.id as string;
    expect(cmp.attestations).to.deep.equal([
      {
        id,
        question: {
          fr: 'Le logiciel a-t-il montré le refus de consentement à l’usager ?',
          en: 'Did the software show the consent refusal to the user?',
        },
        old: 'yes',
        new: 'no',
      },
    ]);
    const fr = renderComparison(cmp, 'text', 'fr', '0.0.0');
    expect(fr).to.contain('Attestations dont la réponse a changé').and.contain(`${id}  oui → non`);
    expect(fr).to.contain('client pharmapro-prod · ');
    const en = renderComparison(cmp, 'text', 'en', '0.0.0');
    expect(en).to.contain(`${id}  yes → no  Did the software show the consent refusal to the user?`);
    const html = renderComparison(cmp, 'html', 'en', '0.0.0');
    expect(html).to.contain('<section id="attestations">').and.contain('<td>yes</td><td>no</td>');
    const json = JSON.parse(renderComparison(cmp, 'json', 'en', '0.0.0')) as { attestations: unknown[] };
    expect(json.attestations).to.have.length(1);

    expect(compareRuns(client(), client()).attestations).to.deep.equal([]);
    const unattended = client();
    const last = unattended.checks.at(-1);
    if (last?.attestation) {
      delete last.attestation.answer;
      last.status = 'skip';
    }
    expect(compareRuns(client(), unattended).attestations.map((a) => [a.old, a.new])).to.deep.equal([
      ['yes', 'unanswered'],
    ]);
  });
});
