import { expect } from 'chai';
import { referenceClientTarget, sessionInstructions } from '../../src/cli/client.js';
import { formatSummary } from '../../src/cli/summary.js';
import type { SessionInfo } from '../../src/client/session.js';
import { referenceClientIdentity } from '../../src/reference-client/identity.js';
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
  it('tells the operator what to configure and what was registered, in French and English', async () => {
    const target = { ...referenceClientTarget(await referenceClientIdentity(), 'en'), source: 'client.yaml' };
    const en = sessionInstructions(INFO, target, '/out/simulator-ca.pem', 'en', false);
    for (const line of [
      'homolog plays the shared health record (DSQ) for session s-42.',
      `FHIR base URL:                    ${ROOT}fhir`,
      `Token endpoint:                   ${ROOT}auth/token (SMART Backend Services`,
      'CA to trust (PEM file):           /out/simulator-ca.pem',
      'Registered for this client (from client.yaml):',
      'client id:                        homolog-reference-client',
      `1 public key: ${target.jwks[0]?.kid} ES384`,
      'required on every connection',
      `Live page:                        ${ROOT}`,
      `Automation (control API):         ${ROOT}_homolog/scenario`,
    ])
      expect(en).to.contain(line);
    expect(en).to.not.contain('Unattended');
    const fr = sessionInstructions(INFO, { ...target, certificateCa: undefined }, '/out/ca.pem', 'fr', true);
    expect(fr).to.contain('homolog joue le dossier santé partagé (DSQ) pour la session s-42.');
    expect(fr).to.contain('URL de base FHIR').and.contain('AC à approuver').and.contain('aucune AC inscrite');
    expect(fr).to.contain('Sans opérateur (--unattended)');
  });

  it('keeps a hostile client id on its line, with no escape sequence', async () => {
    const target = {
      ...referenceClientTarget(await referenceClientIdentity(), 'en'),
      clientId: 'evil\n::error::x\u001b[2J',
    };
    const text = sessionInstructions(INFO, target, '/out/ca.pem', 'en', false);
    expect(text)
      .to.not.contain('\u001b')
      .and.not.match(/^::error::/m);
  });

  it('the summary names the client, served by homolog at its session', () => {
    const text = formatSummary(asClientRun(sampleRun()), {}, 'en');
    expect(text).to.contain(
      'Target:   Logiciels Santé Boréal inc. DossierPlus DMÉ 4.2.1 — client pharmapro-prod, served by homolog at https://127.0.0.1:8443/session/s-1f2e/fhir',
    );
  });
});
