/** AC-TLS: data only over HTTPS, and a client certificate when the target requires one. */
import type { FhirResponse } from '../../src/fhir/client.js';
import type { HttpResponse } from '../../src/http/client.js';
import type { TestDefinition } from '../../src/suite/api.js';
import { assertStatus, ensure, headerOf, label, quoted } from '../../src/suite/vocabulary/index.js';

export const transportTests: TestDefinition[] = [
  {
    id: 'https-only',
    title: 'Data is served over HTTPS only; plain HTTP is refused or redirected',
    verifies: ['AC-TLS-01'],
    inputs: ['patientId'],
    tags: ['transport'],
    async run(t) {
      ensure(
        /^https:\/\//.test(t.target.baseUrl),
        `the target base URL: expected https, got ${quoted(t.target.baseUrl)}`,
      );
      const plain = t.target.testData.plainHttpUrl;
      if (!plain) return t.info('no plainHttpUrl in the target file: the plain-HTTP refusal was not probed');
      // No valid credential ever goes over cleartext: the probes are anonymous. A target that
      // answers the open CapabilityStatement, or data, over plain HTTP serves the API in clear.
      const root = plain.replace(/\/$/, '');
      for (const url of [`${root}/metadata`, `${root}/Patient/${t.input('patientId')}`]) {
        let res: HttpResponse;
        try {
          res = await t.anonymous.http.send({ url, headers: { accept: 'application/fhir+json' } });
        } catch {
          continue; // refused at the connection: fine
        }
        const location = headerOf(res, 'location');
        const redirected = res.status >= 300 && res.status < 400 && /^https:/.test(location ?? '');
        ensure(
          redirected || res.status >= 400,
          `${label(res)}: expected plain HTTP refused (4xx or 5xx) or redirected to https, got ${res.status}${location ? ` to ${location}` : ''}`,
        );
      }
    },
  },
  {
    id: 'client-certificate-required',
    title: 'When the target requires a client certificate, a request without one is refused',
    verifies: ['AC-TLS-02'],
    inputs: ['patientId'],
    tags: ['transport'],
    async run(t) {
      if (t.target.testData.requiresClientCertificate !== 'true')
        t.skip('the target file does not say the target requires a client certificate');
      const actor =
        t.actors.find((a) => a.credentials === 'smart-backend' || a.credentials === 'client-secret') ??
        t.skip('no actor that can obtain a token');
      const { accessToken } = await t.access.freshToken(actor.name);
      let res: FhirResponse;
      try {
        res = await t.access
          .withoutClientCertificate()
          .withHeaders({ authorization: `Bearer ${accessToken}` })
          .read('Patient', t.input('patientId'));
      } catch {
        return; // handshake refused: fine
      }
      assertStatus(res, [401, 403, 495, 496], '401, 403, 495 or 496 for a valid token without a client certificate');
    },
  },
];
