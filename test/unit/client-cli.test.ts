import { expect } from 'chai';
import { sessionInstructions } from '../../src/cli/client.js';
import { formatSummary } from '../../src/cli/summary.js';
import type { SessionInfo } from '../../src/client/session.js';
import { sampleRun } from '../report/helpers.js';
import { asClientRun } from '../support/client-run.js';

const ROOT = 'https://127.0.0.1:8443/session/s-42/';
const INFO: SessionInfo = {
  id: 's-42',
  rootUrl: ROOT,
  baseUrl: `${ROOT}fhir`,
  tokenUrl: `${ROOT}auth/token`,
  elsewhereUrl: 'https://127.0.0.1:8444/',
  controlUrl: `${ROOT}_homolog/`,
  caPem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n',
};

describe('CLI: client runs', () => {
  it('adds to the console operator’s session block the CA file and the control API, in French and English', () => {
    const en = sessionInstructions(INFO, '/out/simulator-ca.pem', 'en', false);
    expect(en).to.contain("homolog's CA written to (for the client's trust store): /out/simulator-ca.pem");
    expect(en).to.contain(`Automation (control API):          ${ROOT}_homolog/scenario`);
    expect(en).to.not.contain('Unattended');
    const fr = sessionInstructions(INFO, '/out/ca.pem', 'fr', true);
    expect(fr).to.contain('AC de homolog écrite dans').and.contain('Automatisation (API de contrôle)');
    expect(fr).to.contain('Sans opérateur (--unattended)');
  });

  it('keeps a hostile output folder name on its line, with no escape sequence', () => {
    const text = sessionInstructions(INFO, '/out/evil\n::error::x\u001b[2J/ca.pem', 'en', false);
    expect(text)
      .to.not.contain('\u001b')
      .and.not.match(/^::error::/m);
  });

  it('the summary names the client, served by homolog at its session', () => {
    const text = formatSummary(asClientRun(sampleRun()), {});
    expect(text).to.contain(
      'Target:   Logiciels Santé Boréal inc. DossierPlus DMÉ 4.2.1 — client pharmapro-prod, served by homolog at https://127.0.0.1:8443/session/s-1f2e/fhir',
    );
  });
});
