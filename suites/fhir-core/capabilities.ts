/** fhir-core, capabilities (FC-CAP): GET [base]/metadata and what the CapabilityStatement declares. */
import { FHIR_JSON } from '../../src/fhir/client.js';
import type { TestContext, TestDefinition } from '../../src/suite/api.js';
import {
  assertResource,
  assertStatus,
  ensure,
  failCheck,
  listed,
  quoted,
  resourceOf,
  whatCameBack,
} from '../../src/suite/vocabulary/index.js';
import { m } from './messages.js';
import { declaredResource, requireCapabilities, send, serverRest } from './support.js';

export const capabilities: TestDefinition[] = [
  {
    id: 'capabilities-statement',
    title: {
      en: 'GET [base]/metadata returns 200 and a CapabilityStatement',
      fr: 'GET [base]/metadata renvoie 200 et un CapabilityStatement',
    },
    description: {
      en: "The capabilities interaction retrieves the server's CapabilityStatement: a GET on [base]/metadata returns the statement that describes what the server supports (FHIR R4 http.html#capabilities).",
      fr: 'L’interaction capabilities obtient le CapabilityStatement du serveur : un GET sur [base]/metadata renvoie la déclaration qui décrit ce que le serveur prend en charge (FHIR R4 http.html#capabilities).',
    },
    verifies: ['FC-CAP-01'],
    tags: ['capabilities'],
    async run(t: TestContext) {
      if (await t.capabilities()) return;
      // The run's shared fetch failed: ask once more, so the evidence shows what the server answers.
      const res = await send(t, 'metadata');
      assertStatus(res, 200, m.twoAndStatement());
      assertResource(res, 'CapabilityStatement');
      t.warn(m.metadataUnreliable());
    },
  },
  {
    id: 'capabilities-fhir-version',
    title: {
      en: 'The CapabilityStatement declares fhirVersion 4.0.1',
      fr: 'Le CapabilityStatement déclare fhirVersion 4.0.1',
    },
    description: {
      en: 'CapabilityStatement.fhirVersion is the FHIR version the server implements; this system must implement FHIR R4, whose published version is 4.0.1.',
      fr: 'CapabilityStatement.fhirVersion est la version de FHIR que le serveur met en œuvre ; ce système doit mettre en œuvre FHIR R4, dont la version publiée est 4.0.1.',
    },
    verifies: ['FC-CAP-02'],
    tags: ['capabilities'],
    async run(t: TestContext) {
      const cap = await requireCapabilities(t, m.fhirVersionUnchecked());
      ensure(cap.fhirVersion === '4.0.1', m.fhirVersion({ got: quoted(cap.fhirVersion) }));
    },
  },
  {
    id: 'capabilities-json-format',
    title: {
      en: 'The CapabilityStatement declares the JSON format',
      fr: 'Le CapabilityStatement déclare le format JSON',
    },
    description: {
      en: 'CapabilityStatement.format lists the formats the server supports, as a short code (json) or a MIME type (application/fhir+json); the JSON representation must be among them.',
      fr: 'CapabilityStatement.format liste les formats que le serveur prend en charge, sous forme de code court (json) ou de type MIME (application/fhir+json) ; la représentation JSON doit en faire partie.',
    },
    verifies: ['FC-CAP-03'],
    tags: ['capabilities'],
    async run(t: TestContext) {
      const cap = await requireCapabilities(t, m.formatsUnchecked());
      const formats = cap.format ?? [];
      const json = formats.some((f) =>
        ['json', 'application/fhir+json'].includes(f.split(';')[0]!.trim().toLowerCase()),
      );
      ensure(json, m.noJsonFormat({ got: formats.length ? JSON.stringify(formats) : m.noFormat() }));
    },
  },
  {
    id: 'capabilities-rest-resources',
    title: {
      en: 'The CapabilityStatement lists the served resources and their interactions, Patient with read and search-type',
      fr: 'Le CapabilityStatement liste les ressources servies et leurs interactions, dont Patient avec read et search-type',
    },
    description: {
      en: 'CapabilityStatement.rest describes the RESTful capabilities: an entry in mode "server" lists each resource type served and, for each, the interactions it supports (read, search-type, create...). Patient must be served with at least read and search-type.',
      fr: 'CapabilityStatement.rest décrit les capacités REST : une entrée de mode "server" liste chaque type de ressource servi et, pour chacun, les interactions prises en charge (read, search-type, create…). Patient doit être servi avec au moins read et search-type.',
    },
    verifies: ['FC-CAP-04'],
    tags: ['capabilities'],
    async run(t: TestContext) {
      const cap = await requireCapabilities(t, m.restUnchecked());
      const rests = cap.rest ?? [];
      const server = serverRest(cap);
      ensure(
        server,
        m.noServerRest({
          got: rests.length ? m.restModes({ modes: JSON.stringify(rests.map((r) => r.mode)) }) : m.noRest(),
        }),
      );
      const resources = server.resource ?? [];
      ensure(resources.length > 0, m.noResources());
      const withoutInteractions = resources.filter((r) => !r.interaction?.length).map((r) => r.type ?? '?');
      ensure(withoutInteractions.length === 0, m.noInteractions({ types: listed(withoutInteractions) }));
      const patient = declaredResource(cap, 'Patient');
      ensure(
        patient,
        m.noPatientResource({
          types: listed(
            resources.map((r) => r.type ?? '?'),
            10,
          ),
        }),
      );
      const codes: string[] = (patient.interaction ?? []).map((i) => i.code ?? '');
      const missing = ['read', 'search-type'].filter((c) => !codes.includes(c));
      ensure(
        missing.length === 0,
        m.patientInteractions({ missing: missing.join(', '), count: missing.length, declared: codes.join(', ') }),
      );
    },
  },
  {
    id: 'capabilities-public',
    title: {
      en: 'The CapabilityStatement is reachable without an access token',
      fr: 'Le CapabilityStatement est accessible sans jeton d’accès',
    },
    description: {
      en: 'A client discovers the server (its FHIR version, formats, and SMART endpoints) from the CapabilityStatement before it holds a token, so GET [base]/metadata must succeed without an Authorization header (FHIR R4 security, SMART App Launch discovery; DSQ policy).',
      fr: 'Un client découvre le serveur (sa version FHIR, ses formats et ses points de terminaison SMART) par le CapabilityStatement avant d’avoir un jeton : GET [base]/metadata doit donc réussir sans en-tête Authorization (sécurité FHIR R4, découverte SMART App Launch ; politique du DSQ).',
    },
    verifies: ['FC-CAP-05'],
    tags: ['capabilities'],
    async run(t: TestContext) {
      const res = await t.anonymous.http.send({ url: 'metadata', headers: { accept: FHIR_JSON } });
      const resource = resourceOf(res);
      if (res.status === 200 && resource?.resourceType === 'CapabilityStatement') return;
      if (res.status !== 401 && res.status !== 403 && !(await t.capabilities())) {
        t.skip(m.metadataFailsToo({ got: whatCameBack(res) }));
      }
      failCheck(m.metadataNotPublic({ got: whatCameBack(res) }));
    },
  },
];
