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
import { declaredResource, requireCapabilities, send, serverRest } from './support.js';

export const capabilities: TestDefinition[] = [
  {
    id: 'capabilities-statement',
    title: 'GET [base]/metadata returns 200 and a CapabilityStatement',
    description:
      "The capabilities interaction retrieves the server's CapabilityStatement: a GET on [base]/metadata returns the statement that describes what the server supports (FHIR R4 http.html#capabilities).",
    verifies: ['FC-CAP-01'],
    tags: ['capabilities'],
    async run(t: TestContext) {
      if (await t.capabilities()) return;
      // The run's shared fetch failed: ask once more, so the evidence shows what the server answers.
      const res = await send(t, 'metadata');
      assertStatus(res, 200, '200 and a CapabilityStatement');
      assertResource(res, 'CapabilityStatement');
      t.warn(
        'the first GET metadata of this run failed but a second one succeeded: the capabilities interaction is unreliable',
      );
    },
  },
  {
    id: 'capabilities-fhir-version',
    title: 'The CapabilityStatement declares fhirVersion 4.0.1',
    description:
      'CapabilityStatement.fhirVersion is the FHIR version the server implements; this system must implement FHIR R4, whose published version is 4.0.1.',
    verifies: ['FC-CAP-02'],
    tags: ['capabilities'],
    async run(t: TestContext) {
      const cap = await requireCapabilities(t, 'its fhirVersion cannot be checked');
      ensure(
        cap.fhirVersion === '4.0.1',
        `GET metadata: expected CapabilityStatement.fhirVersion "4.0.1", got ${quoted(cap.fhirVersion)}`,
      );
    },
  },
  {
    id: 'capabilities-json-format',
    title: 'The CapabilityStatement declares the JSON format',
    description:
      'CapabilityStatement.format lists the formats the server supports, as a short code (json) or a MIME type (application/fhir+json); the JSON representation must be among them.',
    verifies: ['FC-CAP-03'],
    tags: ['capabilities'],
    async run(t: TestContext) {
      const cap = await requireCapabilities(t, 'its formats cannot be checked');
      const formats = cap.format ?? [];
      const json = formats.some((f) =>
        ['json', 'application/fhir+json'].includes(f.split(';')[0]!.trim().toLowerCase()),
      );
      ensure(
        json,
        `GET metadata: expected CapabilityStatement.format to list "json" or "application/fhir+json", got ${formats.length ? JSON.stringify(formats) : 'no format'}`,
      );
    },
  },
  {
    id: 'capabilities-rest-resources',
    title:
      'The CapabilityStatement lists the served resources and their interactions, Patient with read and search-type',
    description:
      'CapabilityStatement.rest describes the RESTful capabilities: an entry in mode "server" lists each resource type served and, for each, the interactions it supports (read, search-type, create...). Patient must be served with at least read and search-type.',
    verifies: ['FC-CAP-04'],
    tags: ['capabilities'],
    async run(t: TestContext) {
      const cap = await requireCapabilities(t, 'its rest section cannot be checked');
      const rests = cap.rest ?? [];
      const server = serverRest(cap);
      ensure(
        server,
        `GET metadata: expected a CapabilityStatement.rest entry with mode "server", got ${rests.length ? `modes ${JSON.stringify(rests.map((r) => r.mode))}` : 'no rest entry'}`,
      );
      const resources = server.resource ?? [];
      ensure(
        resources.length > 0,
        'GET metadata: expected CapabilityStatement.rest (mode "server") to list the resource types it serves, got an empty resource list',
      );
      const withoutInteractions = resources.filter((r) => !r.interaction?.length).map((r) => r.type ?? '(no type)');
      ensure(
        withoutInteractions.length === 0,
        `GET metadata: expected every resource in CapabilityStatement.rest (mode "server") to declare its interactions, got none for ${listed(withoutInteractions)}`,
      );
      const patient = declaredResource(cap, 'Patient');
      ensure(
        patient,
        `GET metadata: expected Patient among the resources of CapabilityStatement.rest (mode "server"), got ${listed(
          resources.map((r) => r.type ?? '(no type)'),
          10,
        )}`,
      );
      const codes: string[] = (patient.interaction ?? []).map((i) => i.code ?? '');
      const missing = ['read', 'search-type'].filter((c) => !codes.includes(c));
      ensure(
        missing.length === 0,
        `GET metadata: expected Patient to declare the interactions read and search-type, but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing (declared: ${codes.join(', ')})`,
      );
    },
  },
  {
    id: 'capabilities-public',
    title: 'The CapabilityStatement is reachable without an access token',
    description:
      'A client discovers the server (its FHIR version, formats, and SMART endpoints) from the CapabilityStatement before it holds a token, so GET [base]/metadata must succeed without an Authorization header (FHIR R4 security, SMART App Launch discovery; DSQ policy).',
    verifies: ['FC-CAP-05'],
    tags: ['capabilities'],
    async run(t: TestContext) {
      const res = await t.anonymous.http.send({ url: 'metadata', headers: { accept: FHIR_JSON } });
      const resource = resourceOf(res);
      if (res.status === 200 && resource?.resourceType === 'CapabilityStatement') return;
      if (res.status !== 401 && res.status !== 403 && !(await t.capabilities())) {
        t.skip(
          `GET metadata fails with credentials too (see FC-CAP-01); without them it answered ${whatCameBack(res)}`,
        );
      }
      failCheck(
        `GET metadata without an Authorization header: expected 200 and the CapabilityStatement (it must be public), got ${whatCameBack(res)}`,
      );
    },
  },
];
