/** AC-TLS: data only over HTTPS, and a client certificate when the target requires one. */
import type { FhirResponse } from '../../src/fhir/client.js';
import type { HttpResponse } from '../../src/http/client.js';
import type { TestDefinition } from '../../src/suite/api.js';
import { assertStatus, ensure, headerOf, label, quoted } from '../../src/suite/vocabulary/index.js';
import { m } from './messages.js';

export const transportTests: TestDefinition[] = [
  {
    id: 'https-only',
    title: {
      en: 'Data is served over HTTPS only; plain HTTP is refused or redirected',
      fr: 'Les données ne sont servies qu’en HTTPS ; le HTTP en clair est refusé ou redirigé',
    },
    description: {
      en: 'DSQ security policy: the base URL is https, and when the target file gives plainHttpUrl, anonymous requests over plain HTTP (metadata and a Patient read) are refused (4xx or 5xx), redirected to https, or refused at the connection. No credential is sent in clear.',
      fr: 'Politique de sécurité du DSQ : l’URL de base est en https et, quand le fichier de cible donne plainHttpUrl, les requêtes anonymes en HTTP clair (metadata et une lecture de Patient) sont refusées (4xx ou 5xx), redirigées vers https ou refusées à la connexion. Aucun identifiant n’est envoyé en clair.',
    },
    verifies: ['AC-TLS-01'],
    inputs: ['patientId'],
    tags: ['transport'],
    async run(t) {
      ensure(/^https:\/\//.test(t.target.baseUrl), m.baseNotHttps({ got: quoted(t.target.baseUrl) }));
      const plain = t.target.testData.plainHttpUrl;
      if (!plain) return t.info(m.noPlainUrl());
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
          m.plainServed({
            request: label(res),
            status: res.status,
            location: location ? m.toLocation({ location }) : '',
          }),
        );
      }
    },
  },
  {
    id: 'client-certificate-required',
    title: {
      en: 'When the target requires a client certificate, a request without one is refused',
      fr: 'Quand la cible exige un certificat client, une requête sans certificat est refusée',
    },
    description: {
      en: 'Mutual TLS: when the target file says the target requires a client certificate, a request with a valid token but without a certificate is refused at the handshake or answered 401, 403, 495 or 496.',
      fr: 'TLS mutuel : quand le fichier de cible indique que la cible exige un certificat client, une requête avec un jeton valide mais sans certificat est refusée à la négociation ou reçoit 401, 403, 495 ou 496.',
    },
    verifies: ['AC-TLS-02'],
    inputs: ['patientId'],
    tags: ['transport'],
    async run(t) {
      if (t.target.testData.requiresClientCertificate !== 'true') t.skip(m.noCertificateRequired());
      const actor =
        t.actors.find((a) => a.credentials === 'smart-backend' || a.credentials === 'client-secret') ??
        t.skip(m.noTokenActor());
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
      assertStatus(res, [401, 403, 495, 496], m.withoutCertificate());
    },
  },
];
