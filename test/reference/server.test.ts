import { readFileSync } from 'node:fs';
import { validateResource } from '@medplum/core';
import type { Bundle, CapabilityStatement, OperationOutcome, Patient, Resource } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { parse as parseYaml } from 'yaml';
import { REFERENCE_TEST_DATA, REFERENCE_TOKENS, SEED_RESOURCES } from '../../src/reference/data.js';
import { FAULTS, faultNames } from '../../src/reference/faults.js';
import { type ReferenceTarget, startReferenceTarget } from '../../src/reference/server.js';
import { projectPath } from '../../src/util/paths.js';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const NAM = 'https://fhir.infoway-inforoute.ca/NamingSystem/ca-qc-patient-healthcare-id';
const PATIENT = REFERENCE_TEST_DATA.patientId;

interface Answer<T extends Resource = Resource> {
  status: number;
  headers: Headers;
  text: string;
  body: T | undefined;
}

async function call<T extends Resource = Resource>(
  target: ReferenceTarget,
  path: string,
  init: RequestInit = {},
): Promise<Answer<T>> {
  const url = path.startsWith('http') ? path : `${target.baseUrl}${path}`;
  const res = await fetch(url, init);
  const text = await res.text();
  let body: T | undefined;
  try {
    body = text.trim().startsWith('{') ? (JSON.parse(text) as T) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body };
}

function get<T extends Resource = Resource>(
  target: ReferenceTarget,
  path: string,
  headers: Record<string, string> = {},
): Promise<Answer<T>> {
  return call<T>(target, path, { headers });
}

function post<T extends Resource = Resource>(
  target: ReferenceTarget,
  path: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<Answer<T>> {
  return call<T>(target, path, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/fhir+json', ...headers },
  });
}

function expectOutcome(answer: Answer, status: number): void {
  expect(answer.status, answer.text).to.equal(status);
  expect(answer.headers.get('content-type')).to.equal(FHIR_JSON);
  expect(answer.body?.resourceType, answer.text).to.equal('OperationOutcome');
  expect((answer.body as OperationOutcome).issue).to.have.length.greaterThan(0);
}

function nextLink(bundle: Bundle | undefined): string | undefined {
  return bundle?.link?.find((l) => l.relation === 'next')?.url;
}

function ids(bundle: Bundle | undefined): string[] {
  return (bundle?.entry ?? []).map((e) => e.resource?.id ?? '');
}

/** Follows next links up to `cap` pages; returns every entry id seen, duplicates included. */
async function followPages(
  target: ReferenceTarget,
  path: string,
  cap = 10,
): Promise<{ pages: Bundle[]; ids: string[] }> {
  const pages: Bundle[] = [];
  let url: string | undefined = path;
  while (url !== undefined && pages.length < cap) {
    const page: Answer<Bundle> = await get<Bundle>(target, url);
    expect(page.status, page.text).to.equal(200);
    pages.push(page.body as Bundle);
    url = nextLink(page.body);
  }
  return { pages, ids: pages.flatMap(ids) };
}

function patientRef(r: Resource | undefined): string | undefined {
  return (r as { subject?: { reference?: string } } | undefined)?.subject?.reference;
}

async function withTarget(faults: readonly string[], check: (t: ReferenceTarget) => Promise<void>): Promise<void> {
  const target = await startReferenceTarget({ faults });
  try {
    await check(target);
  } finally {
    await target.close();
  }
}

describe('reference target', () => {
  let target: ReferenceTarget;

  before(async function () {
    this.timeout(10_000); // the first start indexes the FHIR definitions
    target = await startReferenceTarget();
  });

  after(async () => {
    await target.close();
  });

  describe('startup', () => {
    it('listens on 127.0.0.1 with a /fhir base, and another instance starts seeded on its own port', async () => {
      expect(target.baseUrl).to.match(/^http:\/\/127\.0\.0\.1:\d+\/fhir$/);
      const other = await startReferenceTarget();
      try {
        expect(other.baseUrl).to.not.equal(target.baseUrl);
        expect((await get(other, `/Patient/${PATIENT}`)).status).to.equal(200);
      } finally {
        await other.close();
      }
    });

    it('refuses an unknown fault name and lists the valid ones', async () => {
      let error: unknown;
      try {
        await startReferenceTarget({ faults: ['no-such-fault'] });
      } catch (err) {
        error = err;
      }
      expect(error).to.be.instanceOf(Error);
      expect((error as Error).message)
        .to.include('no-such-fault')
        .and.to.include('metadata-missing')
        .and.to.include('create-keeps-client-id');
    });

    it('gives each instance its own store', async () => {
      await withTarget([], async (other) => {
        const created = await post<Patient>(
          other,
          '/Patient',
          JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Isolé' }] }),
        );
        expect(created.status).to.equal(201);
        expect((await get(other, `/Patient/${created.body?.id ?? ''}`)).status).to.equal(200);
        expect((await get(target, `/Patient/${created.body?.id ?? ''}`)).status).to.equal(404);
      });
    });
  });

  describe('seed data', () => {
    it('is valid FHIR R4 according to medplum’s validator', async () => {
      await get(target, '/metadata'); // definitions are loaded by the first start
      for (const resource of SEED_RESOURCES) {
        const errors = validateResource(resource).filter((i) => i.severity === 'error');
        expect(errors, `${resource.resourceType}/${resource.id ?? ''}`).to.deep.equal([]);
      }
    });

    it('answers every id of REFERENCE_TEST_DATA', async () => {
      const types: Record<string, string> = {
        patientId: 'Patient',
        otherPatientId: 'Patient',
        thirdPatientId: 'Patient',
        observationId: 'Observation',
        practitionerId: 'Practitioner',
        pharmacistId: 'Practitioner',
        radiologistId: 'Practitioner',
        pharmacyId: 'Organization',
        clinicId: 'Organization',
        laboratoryId: 'Organization',
        medicationRequestId: 'MedicationRequest',
        medicationDispenseId: 'MedicationDispense',
        imagingReportId: 'DiagnosticReport',
        labReportId: 'DiagnosticReport',
      };
      for (const [key, type] of Object.entries(types)) {
        const id = REFERENCE_TEST_DATA[key as keyof typeof REFERENCE_TEST_DATA];
        const answer = await get(target, `/${type}/${id}`);
        expect(answer.status, `${key} ${type}/${id}`).to.equal(200);
        expect(answer.body?.id).to.equal(id);
      }
    });

    it('has Québec-style patients: NAM identifiers, fr-CA, QC addresses', async () => {
      const bundle = (await get<Bundle<Patient>>(target, '/Patient')).body;
      const patients = (bundle?.entry ?? []).map((e) => e.resource as Patient);
      expect(patients).to.have.length.of.at.least(3);
      for (const p of patients) {
        const nam = p.identifier?.find((i) => i.system === NAM)?.value ?? '';
        expect(nam).to.match(/^[A-Z]{4}\d{8}$/);
        expect(p.address?.[0]?.state).to.equal('QC');
        expect(p.communication?.[0]?.language.coding?.[0]?.code).to.equal('fr-CA');
      }
    });

    it('has DIN-coded dispenses and a French imaging conclusion', async () => {
      const dispense = (await get(target, `/MedicationDispense/${REFERENCE_TEST_DATA.medicationDispenseId}`)).body as {
        medicationCodeableConcept?: { coding?: { system?: string; code?: string }[] };
        quantity?: { system?: string };
      };
      const din = dispense.medicationCodeableConcept?.coding?.[0];
      expect(din?.system).to.equal('http://hl7.org/fhir/NamingSystem/ca-hc-din');
      expect(din?.code).to.match(/^\d{8}$/);
      expect(dispense.quantity?.system).to.equal('http://unitsofmeasure.org');
      const report = (await get(target, `/DiagnosticReport/${REFERENCE_TEST_DATA.imagingReportId}`)).body as {
        conclusion?: string;
      };
      expect(report.conclusion).to.match(/pulmonaire/);
    });
  });

  describe('capabilities', () => {
    it('serves a CapabilityStatement without credentials', async () => {
      const answer = await get<CapabilityStatement>(target, '/metadata');
      expect(answer.status).to.equal(200);
      expect(answer.headers.get('content-type')).to.equal(FHIR_JSON);
      const cs = answer.body as CapabilityStatement;
      expect(cs.resourceType).to.equal('CapabilityStatement');
      expect(cs.fhirVersion).to.equal('4.0.1');
      expect(cs.format).to.include('json').and.to.include('application/fhir+json');
      expect(cs.kind).to.equal('instance');
      expect(cs.software?.name).to.equal('homolog reference target');
      const rest = cs.rest?.[0];
      expect(rest?.mode).to.equal('server');
      const patient = rest?.resource?.find((r) => r.type === 'Patient');
      expect(patient?.interaction?.map((i) => i.code)).to.include.members(['read', 'vread', 'search-type', 'create']);
      expect(patient?.searchParam?.map((p) => p.name)).to.include.members(['identifier', 'birthdate', 'name', '_id']);
      const observation = rest?.resource?.find((r) => r.type === 'Observation');
      expect(observation?.searchParam?.map((p) => p.name)).to.include.members(['patient', 'subject', 'code', 'date']);
      // Parameters the engine cannot evaluate are not advertised.
      expect(observation?.searchParam?.map((p) => p.name)).to.not.include('value-quantity');
      const practitioner = rest?.resource?.find((r) => r.type === 'Practitioner');
      expect(practitioner?.interaction?.map((i) => i.code)).to.not.include('create');
    });
  });

  describe('read and vread', () => {
    it('reads a resource with ETag, Last-Modified and meta.versionId that agree', async () => {
      const answer = await get<Patient>(target, `/Patient/${PATIENT}`);
      expect(answer.status).to.equal(200);
      expect(answer.headers.get('content-type')).to.equal(FHIR_JSON);
      const patient = answer.body as Patient;
      expect(patient.resourceType).to.equal('Patient');
      expect(patient.id).to.equal(PATIENT);
      expect(answer.headers.get('etag')).to.equal(`W/"${patient.meta?.versionId ?? ''}"`);
      expect(Date.parse(answer.headers.get('last-modified') ?? '')).to.equal(
        Date.parse(patient.meta?.lastUpdated ?? ''),
      );
      expect(answer.headers.get('last-modified')).to.match(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    });

    it('reads each version by vread', async () => {
      const v1 = await get<Patient>(target, `/Patient/${PATIENT}/_history/1`);
      const v2 = await get<Patient>(target, `/Patient/${PATIENT}/_history/2`);
      expect(v1.status).to.equal(200);
      expect(v1.body?.meta?.versionId).to.equal('1');
      expect(v1.body?.telecom).to.equal(undefined);
      expect(v1.headers.get('etag')).to.equal('W/"1"');
      expect(v2.body?.meta?.versionId).to.equal('2');
      expect(v2.body?.telecom).to.have.length(1);
      expectOutcome(await get(target, `/Patient/${PATIENT}/_history/9`), 404);
    });

    it('answers 404 with an OperationOutcome for an unknown id, 410 for a deleted one', async () => {
      expectOutcome(await get(target, '/Patient/qc-pat-9999'), 404);
      expectOutcome(await get(target, `/Patient/${REFERENCE_TEST_DATA.deletedPatientId}`), 410);
      expectOutcome(await get(target, '/Patient/not%20an%20id'), 404);
    });

    it('answers 304 without a body to If-None-Match with the current ETag, 200 otherwise', async () => {
      const current = await get(target, `/Patient/${PATIENT}`, { 'if-none-match': 'W/"2"' });
      expect(current.status).to.equal(304);
      expect(current.text).to.equal('');
      expect(current.headers.get('etag')).to.equal('W/"2"');
      expect((await get(target, `/Patient/${PATIENT}`, { 'if-none-match': 'W/"1"' })).status).to.equal(200);
      expect(
        (await get(target, `/Patient/${PATIENT}`, { 'if-modified-since': 'Sat, 01 Jun 2024 00:00:00 GMT' })).status,
      ).to.equal(304);
      expect(
        (await get(target, `/Patient/${PATIENT}`, { 'if-modified-since': 'Mon, 01 Jan 2024 00:00:00 GMT' })).status,
      ).to.equal(200);
    });
  });

  describe('search', () => {
    it('finds a patient’s observations by patient or subject, in a searchset with absolute fullUrls', async () => {
      for (const query of [
        `patient=${PATIENT}`,
        `subject=Patient/${PATIENT}`,
        `subject=${PATIENT}`,
        `subject:Patient=${PATIENT}`,
        `patient=${target.baseUrl}/Patient/${PATIENT}`,
      ]) {
        const answer = await get<Bundle>(target, `/Observation?${query}`);
        expect(answer.status, query).to.equal(200);
        const bundle = answer.body as Bundle;
        expect(bundle.type).to.equal('searchset');
        expect(bundle.total, query).to.equal(7);
        for (const entry of bundle.entry ?? []) {
          expect(patientRef(entry.resource)).to.equal(`Patient/${PATIENT}`);
          expect(entry.fullUrl).to.equal(`${target.baseUrl}/Observation/${entry.resource?.id ?? ''}`);
          expect(entry.search?.mode).to.equal('match');
        }
      }
    });

    it('pages with _count and next links, every match exactly once', async () => {
      const { pages, ids: seen } = await followPages(target, `/Observation?patient=${PATIENT}&_count=2`);
      expect(pages).to.have.length(4);
      for (const page of pages) {
        expect(page.entry?.length ?? 0).to.be.at.most(2);
        expect(page.link?.find((l) => l.relation === 'self')?.url).to.be.a('string');
      }
      expect(new Set(seen).size).to.equal(7);
      expect(seen).to.have.length(7);
      expect(nextLink(pages[3])).to.equal(undefined);
    });

    it('defaults to pages of 20, caps _count, and gives the total only for _count=0 or _summary=count', async () => {
      const all = (await get<Bundle>(target, '/Observation')).body;
      expect(all?.total).to.equal(11);
      expect(all?.entry).to.have.length(11);
      expect((await get<Bundle>(target, '/Observation?_count=1000')).body?.entry).to.have.length(11);
      for (const query of ['_count=0', '_summary=count']) {
        const bundle = (await get<Bundle>(target, `/Observation?${query}`)).body;
        expect(bundle?.total).to.equal(11);
        expect(bundle?.entry).to.equal(undefined);
        expect(nextLink(bundle)).to.equal(undefined);
      }
    });

    it('searches by identifier system|value, birthdate, _id, and by name ignoring case and accents', async () => {
      const cases: [string, string[]][] = [
        [`identifier=${encodeURIComponent(`${NAM}|TREM85562515`)}`, [PATIENT]],
        ['identifier=GAGJ62110316', ['qc-pat-0002']],
        ['birthdate=1985-06-25', [PATIENT]],
        ['birthdate=1985', [PATIENT]],
        ['birthdate=lt1950-01-01', ['qc-pat-0003']],
        ['_id=qc-pat-0002,qc-pat-0003', ['qc-pat-0002', 'qc-pat-0003']],
        ['name=belanger', ['qc-pat-0004']],
        ['family=CÔTÉ', ['qc-pat-0003']],
        ['given=marie', [PATIENT]],
        ['name=emblay', []],
        ['name:contains=emblay', [PATIENT]],
        ['name:exact=Tremblay', [PATIENT]],
        ['name:exact=tremblay', []],
        ['address-city=montreal', [PATIENT]],
        ['gender=male', ['qc-pat-0002', 'qc-pat-0003']],
      ];
      for (const [query, expected] of cases) {
        const answer = await get<Bundle>(target, `/Patient?${query}`);
        expect(answer.status, query).to.equal(200);
        expect(ids(answer.body).sort(), query).to.deep.equal([...expected].sort());
      }
    });

    it('sorts with _sort, the first key first', async () => {
      const bundle = (await get<Bundle>(target, `/Observation?patient=${PATIENT}&_sort=-date,code`)).body;
      const dates = (bundle?.entry ?? []).map(
        (e) => (e.resource as { effectiveDateTime?: string }).effectiveDateTime ?? '',
      );
      expect(dates[0]).to.match(/^2024-04-10/);
      expect(dates[dates.length - 1]).to.match(/^2024-01-15/);
    });

    it('refuses an unknown parameter with Prefer: handling=strict, ignores it otherwise (and leaves it out of self)', async () => {
      expectOutcome(await get(target, '/Patient?foo=bar', { prefer: 'handling=strict' }), 400);
      const lenient = await get<Bundle>(target, '/Patient?foo=bar&gender=female', { prefer: 'handling=lenient' });
      expect(lenient.status).to.equal(200);
      expect(lenient.body?.total).to.equal(2);
      expect(lenient.body?.link?.[0]?.url).to.equal(`${target.baseUrl}/Patient?gender=female`);
      expect((await get(target, '/Patient?foo=bar')).status).to.equal(200);
      // Parameters MemoryRepository cannot evaluate count as unknown, rather than silently matching nothing.
      expectOutcome(await get(target, '/Observation?value-quantity=5', { prefer: 'handling=strict' }), 400);
      expectOutcome(await get(target, '/Observation?subject.nosuchparam=x', { prefer: 'handling=strict' }), 400);
    });

    it('refuses malformed values with 400 whatever the handling', async () => {
      for (const query of [
        'birthdate=2024-13-45',
        'birthdate=1985-02-30',
        'birthdate=yesterday',
        'birthdate=gt2024-01-01T10:00',
        '_lastUpdated=2024-1-1',
        '_count=abc',
        '_count=-1',
        '_offset=x',
        '_summary=maybe',
        'gender:above=male',
      ]) {
        expectOutcome(await get(target, `/Patient?${query}`), 400);
      }
      for (const query of [
        'birthdate=ge1980-01-01',
        'birthdate=1985-06-25T00:00:00Z',
        'birthdate=eb2000',
        '_lastUpdated=gt2024-01-01T00:00:00-05:00',
      ]) {
        expect((await get(target, `/Patient?${encodeURI(query)}`)).status, query).to.equal(200);
      }
    });

    it('subsets resources for _elements and _summary, tagged SUBSETTED', async () => {
      const bundle = (await get<Bundle>(target, `/Observation?_id=qc-obs-0001&_elements=code`)).body;
      const obs = bundle?.entry?.[0]?.resource as Record<string, unknown> & Resource;
      expect(Object.keys(obs).sort()).to.deep.equal(['code', 'id', 'meta', 'resourceType', 'status']);
      expect(obs.meta?.tag?.map((t) => t.code)).to.include('SUBSETTED');
      const summary = (await get<Bundle>(target, `/Patient?_id=${PATIENT}&_summary=true`)).body?.entry?.[0]
        ?.resource as Patient;
      expect(summary.name).to.have.length(1);
      expect(summary.communication).to.equal(undefined);
    });

    it('searches by POST [type]/_search with a form body', async () => {
      const answer = await call<Bundle>(target, '/Observation/_search', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `patient=${PATIENT}&_count=3`,
      });
      expect(answer.status).to.equal(200);
      expect(answer.body?.total).to.equal(7);
      expect(answer.body?.entry).to.have.length(3);
    });
  });

  describe('formats', () => {
    it('serves JSON for every JSON-compatible Accept and _format', async () => {
      const accepts = [
        undefined,
        '*/*',
        'application/fhir+json',
        'application/json',
        'json',
        'application/fhir+xml;q=0.9, application/fhir+json',
        'application/fhir+json; fhirVersion=4.0',
      ];
      for (const accept of accepts) {
        const answer = await get(target, `/Patient/${PATIENT}`, accept === undefined ? {} : { accept });
        expect(answer.status, accept).to.equal(200);
        expect(answer.headers.get('content-type')).to.equal(FHIR_JSON);
      }
      for (const format of ['json', 'application/json', 'application/fhir%2Bjson', 'application/fhir+json']) {
        const answer = await get(target, `/Patient/${PATIENT}?_format=${format}`, { accept: 'application/fhir+xml' });
        expect(answer.status, format).to.equal(200);
        expect(answer.body?.resourceType).to.equal('Patient');
      }
      const search = await get<Bundle>(target, `/Observation?patient=${PATIENT}&_format=json&_count=2`);
      expect(search.status).to.equal(200);
      expect(search.body?.total).to.equal(7);
      expect(nextLink(search.body)).to.not.include('_format');
    });

    it('answers 406 with an OperationOutcome when only another format is acceptable', async () => {
      for (const accept of [
        'application/x-turtle',
        'application/fhir+xml',
        'text/html',
        'application/fhir+json; fhirVersion=3.0',
      ]) {
        expectOutcome(await get(target, `/Patient/${PATIENT}`, { accept }), 406);
      }
      expectOutcome(await get(target, `/Patient/${PATIENT}?_format=xml`), 406);
      expectOutcome(await get(target, '/metadata?_format=ttl'), 406);
    });
  });

  describe('create', () => {
    const newPatient = {
      resourceType: 'Patient',
      id: 'client-chosen',
      name: [{ family: 'Lavoie', given: ['Mathieu'] }],
      gender: 'male',
      birthDate: '1979-03-14',
    };

    it('assigns the id and answers 201 with Location, ETag, Last-Modified and the resource', async () => {
      const answer = await post<Patient>(
        target,
        '/Patient',
        JSON.stringify({ ...newPatient, meta: { versionId: '42', lastUpdated: '2000-01-01T00:00:00Z' } }),
      );
      expect(answer.status).to.equal(201);
      const created = answer.body as Patient;
      expect(created.id).to.be.a('string').and.not.equal('client-chosen');
      expect(created.meta?.versionId).to.not.equal('42');
      expect(answer.headers.get('location')).to.equal(
        `${target.baseUrl}/Patient/${created.id ?? ''}/_history/${created.meta?.versionId ?? ''}`,
      );
      expect(answer.headers.get('etag')).to.equal(`W/"${created.meta?.versionId ?? ''}"`);
      expect(Date.parse(answer.headers.get('last-modified') ?? '')).to.equal(
        Date.parse(created.meta?.lastUpdated ?? ''),
      );
      const read = await get<Patient>(target, `/Patient/${created.id ?? ''}`);
      expect(read.status).to.equal(200);
      expect(read.body?.name?.[0]?.family).to.equal('Lavoie');
      expect((await get(target, '/Patient/client-chosen')).status).to.equal(404);
    });

    it('refuses bad bodies with 400, undeclared types with 405, other media types with 415', async () => {
      expectOutcome(await post(target, '/Patient', '{"resourceType": "Patient",'), 400);
      expectOutcome(await post(target, '/Patient', '[]'), 400);
      expectOutcome(await post(target, '/Patient', JSON.stringify({ resourceType: 'Observation' })), 400);
      expectOutcome(
        await post(target, '/Observation', JSON.stringify({ resourceType: 'Observation', status: 'final' })),
        400,
      );
      expectOutcome(
        await post(target, '/Patient', JSON.stringify({ resourceType: 'Patient', birthDate: '1985-13-01' })),
        400,
      );
      const practitioner = await post(target, '/Practitioner', JSON.stringify({ resourceType: 'Practitioner' }));
      expectOutcome(practitioner, 405);
      expectOutcome(await post(target, '/Patient', '<Patient/>', { 'content-type': 'application/fhir+xml' }), 415);
    });

    it('honours Prefer: return=minimal', async () => {
      const answer = await post(target, '/Patient', JSON.stringify(newPatient), { prefer: 'return=minimal' });
      expect(answer.status).to.equal(201);
      expect(answer.text).to.equal('');
      expect(answer.headers.get('location')).to.include('/fhir/Patient/');
    });
  });

  describe('authorization and errors', () => {
    it('lets requests without credentials through and checks the Bearer token of those with', async () => {
      expect(
        (await get(target, `/Patient/${PATIENT}`, { authorization: `Bearer ${REFERENCE_TOKENS[0] ?? ''}` })).status,
      ).to.equal(200);
      for (const authorization of ['Bearer wrong-token', 'Basic dXNlcjpwYXNz', 'Bearer']) {
        const answer = await get(target, `/Patient/${PATIENT}`, { authorization });
        expectOutcome(answer, 401);
        expect(answer.headers.get('www-authenticate')).to.match(/^Bearer/);
      }
      await withTarget([], async () => {
        const custom = await startReferenceTarget({ tokens: ['only-this'] });
        try {
          expect((await get(custom, '/metadata', { authorization: 'Bearer only-this' })).status).to.equal(200);
          expect(
            (await get(custom, '/metadata', { authorization: `Bearer ${REFERENCE_TOKENS[0] ?? ''}` })).status,
          ).to.equal(401);
        } finally {
          await custom.close();
        }
      });
    });

    it('answers unknown routes with 404 and unsupported methods with 405, each with an OperationOutcome', async () => {
      expectOutcome(await get(target, '/Encounter/x'), 404);
      expectOutcome(await get(target, '/Foo'), 404);
      expectOutcome(await get(target, `/Patient/${PATIENT}/_history/1/x`), 404);
      expectOutcome(await call(target, `${target.baseUrl.replace('/fhir', '')}/other`), 404);
      const deleted = await call(target, `/Patient/${PATIENT}`, { method: 'DELETE' });
      expectOutcome(deleted, 405);
      expect(deleted.headers.get('allow')).to.equal('GET');
      expectOutcome(await call(target, '/metadata', { method: 'PUT', body: '{}' }), 405);
      expect((await call(target, '/Practitioner', { method: 'PUT', body: '{}' })).headers.get('allow')).to.equal('GET');
      expectOutcome(await get(target, '/Patient/%E0%A4%A'), 400);
    });

    it('answers HEAD like GET, without a body', async () => {
      const answer = await call(target, `/Patient/${PATIENT}`, { method: 'HEAD' });
      expect(answer.status).to.equal(200);
      expect(answer.text).to.equal('');
      expect(answer.headers.get('etag')).to.equal('W/"2"');
    });
  });

  describe('faults', () => {
    it('the fhir-core faults each break one requirement of its catalogue, and together cover all of them', () => {
      const catalogue = parseYaml(readFileSync(projectPath('suites', 'fhir-core', 'catalogue.yaml'), 'utf8')) as {
        requirements: { id: string }[];
      };
      const requirementIds = catalogue.requirements.map((r) => r.id).sort();
      expect(
        FAULTS.filter((f) => f.suite === 'fhir-core')
          .map((f) => f.breaks)
          .sort(),
      ).to.deep.equal(requirementIds);
      expect(new Set(faultNames()).size).to.equal(FAULTS.length);
      for (const fault of FAULTS) {
        expect(fault.name).to.match(/^[a-z0-9-]+$/);
        expect(fault.description.fr.length).to.be.greaterThan(10);
        expect(fault.description.en.length).to.be.greaterThan(10);
      }
    });

    it('reports the faults in effect', async () => {
      await withTarget(['no-etag', 'count-ignored'], async (t) => {
        expect(t.faults.sort()).to.deep.equal(['count-ignored', 'no-etag']);
        expect((await get(t, `/Patient/${PATIENT}`)).headers.get('etag')).to.equal(null);
        expect((await get<Bundle>(t, `/Observation?patient=${PATIENT}&_count=2`)).body?.entry).to.have.length(7);
      });
    });

    it('metadata-missing (FC-CAP-01): /metadata is 404, the rest works', async () => {
      await withTarget(['metadata-missing'], async (t) => {
        expectOutcome(await get(t, '/metadata'), 404);
        expect((await get(t, `/Patient/${PATIENT}`)).status).to.equal(200);
      });
    });

    it('wrong-fhir-version (FC-CAP-02): fhirVersion 4.0.0', async () => {
      await withTarget(['wrong-fhir-version'], async (t) => {
        const cs = (await get<CapabilityStatement>(t, '/metadata')).body;
        expect(cs?.fhirVersion).to.equal('4.0.0');
        expect(cs?.format).to.include('json');
      });
    });

    it('capability-no-json (FC-CAP-03): format lists xml only, still served as JSON', async () => {
      await withTarget(['capability-no-json'], async (t) => {
        const answer = await get<CapabilityStatement>(t, '/metadata');
        expect(answer.body?.format).to.deep.equal(['xml']);
        expect(answer.headers.get('content-type')).to.equal(FHIR_JSON);
        expect(answer.body?.rest?.[0]?.resource).to.have.length.greaterThan(0);
      });
    });

    it('capability-no-resources (FC-CAP-04): rest[0].resource is absent', async () => {
      await withTarget(['capability-no-resources'], async (t) => {
        const cs = (await get<CapabilityStatement>(t, '/metadata')).body;
        expect(cs?.rest?.[0]?.mode).to.equal('server');
        expect(cs?.rest?.[0]?.resource).to.equal(undefined);
        expect(cs?.fhirVersion).to.equal('4.0.1');
      });
    });

    it('metadata-requires-auth (FC-CAP-05): /metadata needs a token, other reads do not', async () => {
      await withTarget(['metadata-requires-auth'], async (t) => {
        const anonymous = await get(t, '/metadata');
        expectOutcome(anonymous, 401);
        expect(anonymous.headers.get('www-authenticate')).to.match(/^Bearer/);
        expect((await get(t, '/metadata', { authorization: 'Bearer demo-token-physician' })).status).to.equal(200);
        expect((await get(t, `/Patient/${PATIENT}`)).status).to.equal(200);
      });
    });

    it('read-id-mismatch (FC-READ-01): seeded resources come back with another id, created ones do not', async () => {
      await withTarget(['read-id-mismatch'], async (t) => {
        const seeded = await get(t, `/Patient/${PATIENT}`);
        expect(seeded.status).to.equal(200);
        expect(seeded.body?.id).to.equal(`${PATIENT}-x`);
        const created = await post(
          t,
          '/Patient',
          JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Morin' }] }),
        );
        const id = created.body?.id ?? '';
        expect((await get(t, `/Patient/${id}`)).body?.id).to.equal(id);
      });
    });

    it('unknown-id-200 (FC-READ-02): an unknown id gives 200 with an OperationOutcome', async () => {
      await withTarget(['unknown-id-200'], async (t) => {
        const answer = await get(t, '/Patient/qc-pat-9999');
        expect(answer.status).to.equal(200);
        expect(answer.body?.resourceType).to.equal('OperationOutcome');
        expect((await get(t, `/Patient/${PATIENT}`)).body?.resourceType).to.equal('Patient');
      });
    });

    it('no-etag (FC-READ-03): no ETag on read and vread, conditional read still works', async () => {
      await withTarget(['no-etag'], async (t) => {
        const read = await get<Patient>(t, `/Patient/${PATIENT}`);
        expect(read.headers.get('etag')).to.equal(null);
        expect(read.headers.get('last-modified')).to.be.a('string');
        expect(read.body?.meta?.versionId).to.equal('2');
        expect((await get(t, `/Patient/${PATIENT}/_history/1`)).headers.get('etag')).to.equal(null);
        expect((await get(t, `/Patient/${PATIENT}`, { 'if-none-match': 'W/"2"' })).status).to.equal(304);
      });
    });

    it('no-last-modified (FC-READ-04): no Last-Modified, ETag still there', async () => {
      await withTarget(['no-last-modified'], async (t) => {
        const read = await get(t, `/Patient/${PATIENT}`);
        expect(read.headers.get('last-modified')).to.equal(null);
        expect(read.headers.get('etag')).to.equal('W/"2"');
      });
    });

    it('no-version-id (FC-VER-01): read bodies lack meta.versionId, ETag and vread stay right', async () => {
      await withTarget(['no-version-id'], async (t) => {
        const read = await get<Patient>(t, `/Patient/${PATIENT}`);
        expect(read.body?.meta?.versionId).to.equal(undefined);
        expect(read.body?.meta?.lastUpdated).to.be.a('string');
        expect(read.headers.get('etag')).to.equal('W/"2"');
        const vread = await get<Patient>(t, `/Patient/${PATIENT}/_history/2`);
        expect(vread.status).to.equal(200);
        expect(vread.body?.meta?.versionId).to.equal('2');
      });
    });

    it('vread-broken (FC-VREAD-01): vread is 404, read works', async () => {
      await withTarget(['vread-broken'], async (t) => {
        expectOutcome(await get(t, `/Patient/${PATIENT}/_history/2`), 404);
        expect((await get(t, `/Patient/${PATIENT}`)).status).to.equal(200);
      });
    });

    it('conditional-read-ignored (FC-CREAD-01): If-None-Match with the current ETag still gives 200', async () => {
      await withTarget(['conditional-read-ignored'], async (t) => {
        const answer = await get(t, `/Patient/${PATIENT}`, { 'if-none-match': 'W/"2"' });
        expect(answer.status).to.equal(200);
        expect(answer.headers.get('etag')).to.equal('W/"2"');
      });
    });

    it('search-wrong-bundle-type (FC-SEARCH-01): the Bundle is a collection', async () => {
      await withTarget(['search-wrong-bundle-type'], async (t) => {
        const answer = await get<Bundle>(t, `/Observation?patient=${PATIENT}`);
        expect(answer.status).to.equal(200);
        expect(answer.body?.type).to.equal('collection');
        expect(answer.body?.entry?.every((e) => e.fullUrl !== undefined && e.search?.mode === 'match')).to.equal(true);
      });
    });

    it('search-ignores-patient (FC-SEARCH-02): other patients’ data comes back, paging stays consistent', async () => {
      await withTarget(['search-ignores-patient'], async (t) => {
        const { ids: seen, pages } = await followPages(t, `/Observation?patient=${PATIENT}&_count=3`);
        expect(pages[0]?.total).to.equal(11);
        expect(seen).to.have.length(11);
        expect(new Set(seen).size).to.equal(11);
        const subjects = new Set(pages.flatMap((p) => (p.entry ?? []).map((e) => patientRef(e.resource))));
        expect(subjects.size).to.be.greaterThan(1);
        expect((await get<Bundle>(t, '/Patient?gender=female')).body?.total).to.equal(2);
      });
    });

    it('search-no-fullurl (FC-SEARCH-03): entries lack fullUrl', async () => {
      await withTarget(['search-no-fullurl'], async (t) => {
        const bundle = (await get<Bundle>(t, `/Observation?patient=${PATIENT}`)).body;
        expect(bundle?.entry).to.have.length(7);
        for (const entry of bundle?.entry ?? []) {
          expect(entry.fullUrl).to.equal(undefined);
          expect(entry.search?.mode).to.equal('match');
        }
      });
    });

    it('count-ignored (FC-SEARCH-04): _count is ignored, all matches in one page without next', async () => {
      await withTarget(['count-ignored'], async (t) => {
        const bundle = (await get<Bundle>(t, `/Observation?patient=${PATIENT}&_count=2`)).body;
        expect(bundle?.entry).to.have.length(7);
        expect(bundle?.total).to.equal(7);
        expect(nextLink(bundle)).to.equal(undefined);
      });
    });

    it('paging-no-next-link (FC-PAGE-01): no next link although matches remain', async () => {
      await withTarget(['paging-no-next-link'], async (t) => {
        const bundle = (await get<Bundle>(t, `/Observation?patient=${PATIENT}&_count=2`)).body;
        expect(bundle?.entry).to.have.length(2);
        expect(bundle?.total).to.equal(7);
        expect(nextLink(bundle)).to.equal(undefined);
        expect(bundle?.link?.find((l) => l.relation === 'self')).to.not.equal(undefined);
      });
    });

    it('paging-repeats-page (FC-PAGE-02): next links lead back to the first page', async () => {
      await withTarget(['paging-repeats-page'], async (t) => {
        const { ids: seen, pages } = await followPages(t, `/Observation?patient=${PATIENT}&_count=2`, 5);
        expect(pages).to.have.length(5);
        expect(new Set(seen).size).to.equal(2);
        expect(pages[0]?.entry).to.have.length(2);
        expect(pages[0]?.total).to.equal(7);
      });
    });

    it('unknown-param-ignored (FC-SEARCH-05): strict handling accepts an unknown parameter', async () => {
      await withTarget(['unknown-param-ignored'], async (t) => {
        const answer = await get<Bundle>(t, '/Patient?foo=bar', { prefer: 'handling=strict' });
        expect(answer.status).to.equal(200);
        expect(answer.body?.type).to.equal('searchset');
        expectOutcome(await get(t, '/Patient?birthdate=2024-13-45'), 400);
      });
    });

    it('malformed-date-accepted (FC-SEARCH-06): an invalid date gives 200 and an empty searchset', async () => {
      await withTarget(['malformed-date-accepted'], async (t) => {
        const answer = await get<Bundle>(t, '/Patient?birthdate=2024-13-45');
        expect(answer.status).to.equal(200);
        expect(answer.body?.type).to.equal('searchset');
        expect(answer.body?.total).to.equal(0);
        expect(answer.body?.entry).to.equal(undefined);
        expectOutcome(await get(t, '/Patient?foo=bar', { prefer: 'handling=strict' }), 400);
        expectOutcome(await get(t, '/Patient?_count=abc'), 400);
      });
    });

    it('errors-without-outcome (FC-ERR-01): 4xx bodies are plain text, status codes unchanged', async () => {
      await withTarget(['errors-without-outcome'], async (t) => {
        const checks: [Promise<Answer>, number][] = [
          [get(t, '/Patient/qc-pat-9999'), 404],
          [get(t, '/Patient?foo=bar', { prefer: 'handling=strict' }), 400],
          [get(t, '/Patient?birthdate=2024-13-45'), 400],
          [get(t, `/Patient/${PATIENT}`, { accept: 'application/fhir+xml' }), 406],
          [get(t, `/Patient/${PATIENT}`, { authorization: 'Bearer nope' }), 401],
          [get(t, `/Patient/${REFERENCE_TEST_DATA.deletedPatientId}`), 410],
        ];
        for (const [pending, status] of checks) {
          const answer = await pending;
          expect(answer.status).to.equal(status);
          expect(answer.headers.get('content-type')).to.equal('text/plain; charset=utf-8');
          expect(answer.body).to.equal(undefined);
          expect(answer.text.length).to.be.greaterThan(0);
        }
        const ok = await get(t, `/Patient/${PATIENT}`);
        expect(ok.headers.get('content-type')).to.equal(FHIR_JSON);
      });
    });

    it('wrong-content-type (FC-FMT-01): successful responses say text/plain, body still FHIR JSON', async () => {
      await withTarget(['wrong-content-type'], async (t) => {
        for (const path of ['/metadata', `/Patient/${PATIENT}`, `/Observation?patient=${PATIENT}&_format=json`]) {
          const answer = await get(t, path);
          expect(answer.status).to.equal(200);
          expect(answer.headers.get('content-type')).to.equal('text/plain; charset=utf-8');
          expect(answer.body?.resourceType).to.be.a('string');
        }
        expect((await get(t, '/Patient/qc-pat-9999')).headers.get('content-type')).to.equal(FHIR_JSON);
      });
    });

    it('format-param-rejected (FC-FMT-02): any _format is a 400, Accept still negotiated', async () => {
      await withTarget(['format-param-rejected'], async (t) => {
        expectOutcome(await get(t, `/Patient/${PATIENT}?_format=json`), 400);
        expectOutcome(await get(t, `/Observation?patient=${PATIENT}&_format=application/fhir%2Bjson`), 400);
        expect((await get(t, `/Patient/${PATIENT}`)).status).to.equal(200);
        expectOutcome(await get(t, `/Patient/${PATIENT}`, { accept: 'application/fhir+xml' }), 406);
      });
    });

    it('accept-ignored (FC-FMT-03): an unsupported Accept gets 200 JSON', async () => {
      await withTarget(['accept-ignored'], async (t) => {
        const answer = await get(t, `/Patient/${PATIENT}`, { accept: 'application/fhir+xml' });
        expect(answer.status).to.equal(200);
        expect(answer.headers.get('content-type')).to.equal(FHIR_JSON);
        expect(answer.body?.resourceType).to.equal('Patient');
        expect((await get(t, `/Patient/${PATIENT}?_format=json`)).status).to.equal(200);
      });
    });

    it('create-no-location (FC-CREATE-01): 201 without Location', async () => {
      await withTarget(['create-no-location'], async (t) => {
        const answer = await post<Patient>(
          t,
          '/Patient',
          JSON.stringify({ resourceType: 'Patient', id: 'mine', name: [{ family: 'Pelletier' }] }),
        );
        expect(answer.status).to.equal(201);
        expect(answer.headers.get('location')).to.equal(null);
        expect(answer.body?.id).to.not.equal('mine');
        expect((await get(t, `/Patient/${answer.body?.id ?? ''}`)).status).to.equal(200);
      });
    });

    it('create-keeps-client-id (FC-CREATE-02): the client id is kept', async () => {
      await withTarget(['create-keeps-client-id'], async (t) => {
        const answer = await post<Patient>(
          t,
          '/Patient',
          JSON.stringify({ resourceType: 'Patient', id: 'client-chosen-1', name: [{ family: 'Fortin' }] }),
        );
        expect(answer.status).to.equal(201);
        expect(answer.body?.id).to.equal('client-chosen-1');
        expect(answer.headers.get('location')).to.match(/\/Patient\/client-chosen-1\/_history\//);
        expect((await get(t, '/Patient/client-chosen-1')).status).to.equal(200);
      });
    });
  });
});
