/**
 * fhir-core: the FHIR R4 (4.0.1) REST fundamentals. One or more tests per
 * requirement of catalogue.yaml, run in this order; later tests reuse the
 * responses earlier ones saved (t.save / t.saved) rather than re-sending them,
 * and skip with a reason when a precondition that belongs to another
 * requirement is missing, so that each nonconformity fails exactly one check.
 *
 * Requests that may legitimately answer with an error (unknown id, bad search
 * parameters, content negotiation, metadata without a token) go through the raw
 * HTTP client and are parsed leniently here: an odd error body must become a
 * readable failure of the right check, not a harness error.
 */
import { randomBytes } from 'node:crypto';
import type {
  Bundle,
  BundleEntry,
  CapabilityStatement,
  CapabilityStatementRestResource,
  Patient,
  Resource,
} from '@medplum/fhirtypes';
import { FHIR_JSON, linkOf, refuseOffOrigin } from '../../src/fhir/client.js';
import type { HttpResponse } from '../../src/http/client.js';
import { defineSuite, SkipSignal, type TestContext, type TestDefinition } from '../../src/suite/api.js';
import { ensure, failCheck, listed, quoted } from '../../src/suite/assertions.js';

// ---------------------------------------------------------------------------
// Names under which responses are saved for later tests.
const SAVED = {
  patientDiscovery: 'patient-discovery',
  patientRead: 'patient-read',
  unknownId: 'unknown-id',
  searchByPatient: 'search-by-patient',
  countPage: 'search-count-2',
  unknownParam: 'unknown-param',
  malformedDate: 'malformed-date',
  create: 'create-patient',
} as const;

const PAGE_SIZE = 2;
const MAX_PAGES = 50;
const UNKNOWN_PARAM = 'foo-unknown-param';
const TURTLE = 'application/x-turtle';
const CLIENT_ID_PREFIX = 'client-chosen-';

/** The client-chosen id sent with each create, keyed by its response (per run: the run state holds the response). */
const clientIds = new WeakMap<HttpResponse, string>();

// ---------------------------------------------------------------------------
// Requests and responses.

/** GET (or another method) through the raw client with the default actor's credentials; never throws on 4xx/5xx. */
function send(
  t: TestContext,
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; name?: string } = {},
): Promise<HttpResponse> {
  return t.http.send({
    method: options.method ?? 'GET',
    url,
    headers: { accept: FHIR_JSON, ...options.headers },
    body: options.body,
    name: options.name,
  });
}

/** `GET Patient/123`: the request as a vendor reads it, relative to the base URL. */
function label(t: TestContext, res: HttpResponse): string {
  return `${res.method} ${relative(t, res.url)}`;
}

function relative(t: TestContext, url: string): string {
  const base = `${t.target.baseUrl.replace(/\/+$/, '')}/`;
  let rel = url.startsWith(base) ? url.slice(base.length) : url;
  try {
    rel = decodeURIComponent(rel);
  } catch {
    // keep it encoded
  }
  return rel;
}

/** The media type of the response, lower-case, without parameters; '' when absent. */
function mediaType(res: HttpResponse): string {
  return (res.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

function isResource(value: unknown): value is Resource {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { resourceType?: unknown }).resourceType === 'string'
  );
}

/**
 * The FHIR resource in a JSON body, or undefined. Malformed JSON in a success
 * response is a TargetError (the check errors); in an error response it is
 * simply "not a resource".
 */
function resourceOf<T extends Resource = Resource>(res: HttpResponse): T | undefined {
  const text = res.body.trim();
  if (text === '') return undefined;
  if (!/json/.test(mediaType(res)) && !/^[{[]/.test(text)) return undefined;
  let value: unknown;
  if (res.status >= 200 && res.status < 300) value = res.json();
  else {
    try {
      value = JSON.parse(text);
    } catch {
      return undefined;
    }
  }
  return isResource(value) ? (value as T) : undefined;
}

/** What came back, in a few words: `404 with an OperationOutcome`, `200 with an empty body`. */
function got(res: HttpResponse): string {
  const resource = resourceOfQuietly(res);
  const type = res.headers['content-type'] ? `Content-Type ${res.headers['content-type']}` : 'no Content-Type';
  if (resource) return `${res.status} with ${article(resource.resourceType)}`;
  if (res.body.trim() === '') return `${res.status} with an empty body`;
  return `${res.status} with a body that is not a FHIR JSON resource (${type})`;
}

/** `a Bundle`, `an OperationOutcome`. */
function article(word: string): string {
  return `${/^[AEIOU]/i.test(word) ? 'an' : 'a'} ${word}`;
}

function resourceOfQuietly(res: HttpResponse): Resource | undefined {
  try {
    return resourceOf(res);
  } catch {
    return undefined;
  }
}

/** A saved response, or undefined when no earlier test saved one under that name. */
function optionalSaved(t: TestContext, name: string): HttpResponse | undefined {
  try {
    return t.saved(name);
  } catch (err) {
    if (err instanceof SkipSignal) return undefined;
    throw err;
  }
}

function randomToken(): string {
  return randomBytes(6).toString('hex');
}

// ---------------------------------------------------------------------------
// Test data.

/** The resource type searched by patient: testData.searchType, else Observation. */
function searchType(t: TestContext): string {
  return t.target.testData.searchType || 'Observation';
}

/**
 * The test patient: testData.patientId, else the first patient that
 * `GET Patient?_count=1` finds (searched once per run, then reused).
 */
async function patientId(t: TestContext): Promise<string> {
  const given = t.target.testData.patientId;
  if (given) return given;
  let res = optionalSaved(t, SAVED.patientDiscovery);
  if (!res) {
    res = await send(t, `Patient?_count=1`, { name: SAVED.patientDiscovery });
    t.save(SAVED.patientDiscovery, res);
  }
  const bundle = resourceOf(res);
  const first =
    bundle?.resourceType === 'Bundle' ? matchesOf(bundle as Bundle, 'Patient').find((p) => p.id) : undefined;
  if (!first?.id) {
    t.skip(
      `testData.patientId is not set and ${label(t, res)} found no patient to test with (it answered ${got(res)})`,
    );
  }
  return first.id;
}

// ---------------------------------------------------------------------------
// FHIR helpers.

/** The resources of a search Bundle that are matches of `type` (not includes, not outcomes). */
function matchesOf<T extends Resource = Resource>(bundle: Bundle, type: string): T[] {
  return (bundle.entry ?? [])
    .filter((e) => e.resource?.resourceType === type && e.search?.mode !== 'include' && e.search?.mode !== 'outcome')
    .map((e) => e.resource as unknown as T);
}

/** The value inside an entity tag: `W/"3"` → `3`; undefined when the header is not an entity tag. */
function etagValue(etag: string | undefined): string | undefined {
  const m = /^(?:W\/)?"([^"]*)"$/.exec((etag ?? '').trim());
  return m ? m[1] : undefined;
}

/** Does a literal reference (relative, absolute, or version-specific) point at `type`/`id`? */
function refersTo(reference: string, type: string, id: string): boolean {
  const path = reference.split(/[?#]/)[0]!.replace(/\/_history\/[^/]+$/, '');
  const parts = path.split('/');
  return parts.length >= 2 && parts[parts.length - 2] === type && parts[parts.length - 1] === id;
}

/** The literal references in the `subject` and `patient` elements of a resource. */
function patientReferences(resource: Resource): string[] {
  const r = resource as unknown as Record<string, unknown>;
  const refs: string[] = [];
  for (const element of [r.subject, r.patient]) {
    const ref = (element as { reference?: unknown } | undefined)?.reference;
    if (typeof ref === 'string') refs.push(ref);
  }
  return refs;
}

function serverRest(cap: CapabilityStatement) {
  return cap.rest?.find((r) => r.mode === 'server');
}

function declaredResource(cap: CapabilityStatement, type: string): CapabilityStatementRestResource | undefined {
  return serverRest(cap)?.resource?.find((r) => r.type === type);
}

function declaresInteraction(cap: CapabilityStatement, type: string, code: string): boolean {
  return declaredResource(cap, type)?.interaction?.some((i) => i.code === code) ?? false;
}

/** The CapabilityStatement, or a skip naming FC-CAP-01 when it cannot be read. */
async function requireCapabilities(t: TestContext, why: string): Promise<CapabilityStatement> {
  const cap = await t.capabilities();
  if (!cap) t.skip(`the CapabilityStatement could not be read (GET metadata failed, see FC-CAP-01), so ${why}`);
  return cap;
}

/** The response of the read of the test patient saved by FC-READ-01, when it answered 200 with a Patient. */
function savedRead(t: TestContext): { res: HttpResponse; patient: Patient; requestedId: string } {
  const res = t.saved(SAVED.patientRead);
  const patient = resourceOfQuietly(res);
  if (res.status !== 200 || patient?.resourceType !== 'Patient') {
    t.skip(
      `the read of the test patient (${label(t, res)}) did not answer 200 with a Patient (it answered ${got(res)}; see FC-READ-01)`,
    );
  }
  const requestedId = decodeURIComponent(new URL(res.url).pathname.split('/').pop() ?? '');
  return { res, patient: patient as Patient, requestedId };
}

/** Like savedRead, but also requires the Patient returned to be the one requested (its version is used further). */
function savedReadOfRequestedPatient(t: TestContext): { res: HttpResponse; patient: Patient; requestedId: string } {
  const read = savedRead(t);
  if (read.patient.id !== read.requestedId) {
    t.skip(
      `${label(t, read.res)} returned Patient/${read.patient.id ?? '(no id)'} instead, so its version cannot be used here (see FC-READ-01)`,
    );
  }
  return read;
}

/** The by-patient search saved by FC-SEARCH-01, when it answered 200 with a Bundle. */
function savedSearch(
  t: TestContext,
  name: string = SAVED.searchByPatient,
  requirement = 'FC-SEARCH-01',
): { res: HttpResponse; bundle: Bundle } {
  const res = t.saved(name);
  const bundle = resourceOfQuietly(res);
  if (res.status !== 200 || bundle?.resourceType !== 'Bundle') {
    t.skip(`${label(t, res)} did not answer 200 with a Bundle (it answered ${got(res)}; see ${requirement})`);
  }
  return { res, bundle: bundle as Bundle };
}

/**
 * How many matches the paged search has in all: its Bundle.total, else the
 * number of matches of the same search without _count (FC-SEARCH-01's) when
 * that one came in a single page; undefined when neither tells.
 */
function knownMatchCount(t: TestContext, page: Bundle, type: string): { count: number; source: string } | undefined {
  if (typeof page.total === 'number') return { count: page.total, source: `Bundle.total ${page.total}` };
  const plain = optionalSaved(t, SAVED.searchByPatient);
  const plainBundle = plain ? resourceOfQuietly(plain) : undefined;
  if (plain && plainBundle?.resourceType === 'Bundle' && !linkOf(plainBundle as Bundle, 'next')) {
    const count = matchesOf(plainBundle as Bundle, type).length;
    return { count, source: `${count} match(es) of ${label(t, plain)} without _count` };
  }
  return undefined;
}

const IMF_FIXDATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** `[base]/Patient/<id>/_history/<vid>` → { id, vid }, else undefined. */
function parseVersionedLocation(location: string, base: string, type: string): { id: string; vid: string } | undefined {
  const prefix = `${base}/${type}/`;
  if (!location.startsWith(prefix)) return undefined;
  const m = /^([A-Za-z0-9\-.]{1,64})\/_history\/([A-Za-z0-9\-.]{1,64})$/.exec(location.slice(prefix.length));
  return m ? { id: m[1]!, vid: m[2]! } : undefined;
}

/** The base URL normalised the way URL resolution normalises a Location header. */
function normalisedBase(t: TestContext): string {
  return new URL(t.target.baseUrl).href.replace(/\/+$/, '');
}

// ---------------------------------------------------------------------------
// Capabilities.

const capabilities: TestDefinition[] = [
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
      const resource = resourceOf(res);
      ensure(res.status === 200, `${label(t, res)}: expected 200 and a CapabilityStatement, got ${got(res)}`);
      ensure(
        resource?.resourceType === 'CapabilityStatement',
        `${label(t, res)}: expected a CapabilityStatement resource, got ${resource ? article(resource.resourceType) : got(res)}`,
      );
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
        t.skip(`GET metadata fails with credentials too (see FC-CAP-01); without them it answered ${got(res)}`);
      }
      failCheck(
        `GET metadata without an Authorization header: expected 200 and the CapabilityStatement (it must be public), got ${got(res)}`,
      );
    },
  },
];

// ---------------------------------------------------------------------------
// Read.

const read: TestDefinition[] = [
  {
    id: 'read-known-patient',
    title: 'Reading a known Patient returns 200 and that Patient',
    description:
      'The read interaction GET [base]/[type]/[id] returns the current content of the resource; the body is a resource of the requested type whose id is the id requested (FHIR R4 http.html#read).',
    verifies: ['FC-READ-01'],
    makes: [SAVED.patientRead, SAVED.patientDiscovery],
    uses: [SAVED.patientDiscovery],
    tags: ['read'],
    async run(t: TestContext) {
      const id = await patientId(t);
      const res = await send(t, `Patient/${encodeURIComponent(id)}`, { name: SAVED.patientRead });
      t.save(SAVED.patientRead, res);
      const patient = resourceOf(res);
      ensure(res.status === 200, `${label(t, res)}: expected 200 and the Patient, got ${got(res)}`);
      ensure(
        patient?.resourceType === 'Patient',
        `${label(t, res)}: expected a Patient resource, got ${patient ? article(patient.resourceType) : got(res)}`,
      );
      ensure(
        patient.id === id,
        `${label(t, res)}: expected the Patient with id ${quoted(id)}, got Patient.id ${quoted(patient.id)}`,
      );
    },
  },
  {
    id: 'read-unknown-id-404',
    title: 'Reading an unknown id returns 404 Not Found',
    description:
      'When the resource to read does not exist, the read interaction fails with 404 Not Found (410 Gone is for a deleted resource); a 200 with an OperationOutcome is not a read failure (FHIR R4 http.html#read).',
    verifies: ['FC-READ-02'],
    makes: [SAVED.unknownId],
    tags: ['read'],
    async run(t: TestContext) {
      const res = await send(t, `Patient/homolog-unknown-${randomToken()}`, { name: SAVED.unknownId });
      t.save(SAVED.unknownId, res);
      ensure(
        res.status === 404,
        `${label(t, res)}: expected 404 Not Found for an id that does not exist, got ${got(res)}`,
      );
    },
  },
  {
    id: 'read-weak-etag',
    title: 'A read response carries a weak ETag W/"[versionId]"',
    description:
      'Servers supporting versioning return the resource version in the ETag header of a read, as a weak entity tag: ETag: W/"[versionId]" (FHIR R4 http.html#versioning).',
    verifies: ['FC-READ-03'],
    uses: [SAVED.patientRead],
    tags: ['read', 'versioning'],
    async run(t: TestContext) {
      const { res } = savedRead(t);
      const etag = res.headers.etag;
      ensure(etag, `${label(t, res)}: expected an ETag header of the form W/"<versionId>", got none`);
      ensure(
        /^W\/"[^"]+"$/.test(etag.trim()),
        `${label(t, res)}: expected an ETag header of the form W/"<versionId>", got ${etag}`,
      );
    },
  },
  {
    id: 'read-last-modified',
    title: 'A read response carries a Last-Modified header equal to meta.lastUpdated',
    description:
      'The read response includes a Last-Modified header, an HTTP date (e.g. "Tue, 15 Nov 1994 08:12:31 GMT") that is the resource\'s meta.lastUpdated to the second (FHIR R4 http.html#read).',
    verifies: ['FC-READ-04'],
    uses: [SAVED.patientRead],
    tags: ['read'],
    async run(t: TestContext) {
      const { res, patient } = savedRead(t);
      const lastModified = res.headers['last-modified']?.trim();
      ensure(
        lastModified,
        `${label(t, res)}: expected a Last-Modified header (an HTTP date equal to meta.lastUpdated), got none`,
      );
      const modified = Date.parse(lastModified);
      ensure(
        IMF_FIXDATE.test(lastModified) && !Number.isNaN(modified),
        `${label(t, res)}: expected Last-Modified to be an HTTP date such as "Tue, 15 Nov 1994 08:12:31 GMT", got "${lastModified}"`,
      );
      const lastUpdated = patient.meta?.lastUpdated;
      const updated = lastUpdated ? Date.parse(lastUpdated) : Number.NaN;
      if (Number.isNaN(updated)) {
        t.info(
          `the Patient has ${lastUpdated ? `an unreadable meta.lastUpdated ${quoted(lastUpdated)}` : 'no meta.lastUpdated'}: only the presence and format of Last-Modified were checked`,
        );
        return;
      }
      const expected = new Date(Math.floor(updated / 1000) * 1000);
      ensure(
        expected.getTime() === modified,
        `${label(t, res)}: expected Last-Modified to equal meta.lastUpdated ${lastUpdated} to the second ("${expected.toUTCString()}"), got "${lastModified}"`,
      );
    },
  },
];

// ---------------------------------------------------------------------------
// Versioning.

const versioning: TestDefinition[] = [
  {
    id: 'read-meta-version-id',
    title: 'The resource read carries meta.versionId, the same version as its ETag',
    description:
      'A versioned server populates Resource.meta.versionId, and the ETag of a read carries that same version id: ETag W/"[versionId]" matches meta.versionId (FHIR R4 http.html#versioning).',
    verifies: ['FC-VER-01'],
    uses: [SAVED.patientRead],
    tags: ['versioning'],
    async run(t: TestContext) {
      const { res, patient } = savedRead(t);
      const versionId = patient.meta?.versionId;
      ensure(
        typeof versionId === 'string' && versionId !== '',
        `${label(t, res)}: expected the Patient to carry meta.versionId, got none`,
      );
      const etag = res.headers.etag;
      if (!etag) {
        t.info('the read has no ETag header (see FC-READ-03): only the presence of meta.versionId was checked');
        return;
      }
      const tagged = etagValue(etag);
      if (tagged === undefined) {
        t.info(`the ETag ${etag} is not an entity tag (see FC-READ-03): it was not compared with meta.versionId`);
        return;
      }
      ensure(
        tagged === versionId,
        `${label(t, res)}: expected the ETag to carry meta.versionId ${quoted(versionId)} (W/"${versionId}"), got ETag ${etag}`,
      );
    },
  },
  {
    id: 'vread-current-version',
    title: 'GET [type]/[id]/_history/[vid] returns that version of the resource',
    description:
      'The vread interaction reads a specific version of a resource: GET [base]/[type]/[id]/_history/[vid] returns the resource with that id whose meta.versionId is vid (FHIR R4 http.html#vread). The version used is the one the read reported.',
    verifies: ['FC-VREAD-01'],
    uses: [SAVED.patientRead],
    tags: ['versioning'],
    async run(t: TestContext) {
      const { res, patient, requestedId } = savedReadOfRequestedPatient(t);
      const vid = etagValue(res.headers.etag) || patient.meta?.versionId;
      if (!vid)
        t.skip(
          `${label(t, res)} reported no version, neither in an ETag nor in meta.versionId (see FC-READ-03 and FC-VER-01)`,
        );
      const v = await send(t, `Patient/${encodeURIComponent(requestedId)}/_history/${encodeURIComponent(vid)}`);
      const resource = resourceOf(v);
      ensure(v.status === 200, `${label(t, v)}: expected 200 and version ${vid} of the Patient, got ${got(v)}`);
      ensure(
        resource?.resourceType === 'Patient',
        `${label(t, v)}: expected a Patient resource, got ${resource ? article(resource.resourceType) : got(v)}`,
      );
      ensure(
        resource.id === requestedId,
        `${label(t, v)}: expected Patient.id ${quoted(requestedId)}, got ${quoted(resource.id)}`,
      );
      const version = resource.meta?.versionId;
      if (version !== undefined) {
        ensure(
          version === vid,
          `${label(t, v)}: expected version ${quoted(vid)} of the Patient, got meta.versionId ${quoted(version)}`,
        );
        return;
      }
      const tagged = etagValue(v.headers.etag);
      if (tagged !== undefined) {
        ensure(
          tagged === vid,
          `${label(t, v)}: expected version ${quoted(vid)} of the Patient, got ETag ${v.headers.etag}`,
        );
        return;
      }
      t.info(
        'the vread response reports no version (no meta.versionId, no ETag): only the resource type and id were checked',
      );
    },
  },
  {
    id: 'conditional-read-not-modified',
    title: 'A read with If-None-Match equal to the current ETag returns 304 Not Modified',
    description:
      'Conditional read: a client sends the ETag it holds in If-None-Match, and when the resource has not changed the server answers 304 Not Modified without a body (FHIR R4 http.html#cread). Not applicable when the CapabilityStatement declares conditionalRead not-supported or modified-since for Patient.',
    verifies: ['FC-CREAD-01'],
    uses: [SAVED.patientRead],
    tags: ['versioning'],
    async run(t: TestContext) {
      // FHIR makes conditional read optional (http.html#cread): a server that declares it does not honour If-None-Match may answer 200.
      const declared = (await t.capabilities())?.rest
        ?.find((r) => r.mode === 'server')
        ?.resource?.find((r) => r.type === 'Patient')?.conditionalRead;
      if (declared === 'not-supported' || declared === 'modified-since')
        t.notApplicable(
          `the CapabilityStatement declares conditionalRead: ${declared} for Patient: If-None-Match is not honoured, as FHIR allows`,
        );
      const { res, requestedId } = savedReadOfRequestedPatient(t);
      const etag = res.headers.etag;
      if (!etag) t.skip(`${label(t, res)} returned no ETag to send in If-None-Match (see FC-READ-03)`);
      const c = await send(t, `Patient/${encodeURIComponent(requestedId)}`, { headers: { 'if-none-match': etag } });
      if (c.status !== 304 && declared !== 'full-support' && declared !== 'not-match') {
        t.skip(
          `${label(t, c)} with If-None-Match answered ${got(c)}, and the CapabilityStatement does not say whether conditional read is supported for Patient (conditionalRead ${declared ?? 'absent or unreadable'}): a 200 is allowed when it is not`,
        );
      }
      ensure(
        c.status === 304,
        `${label(t, c)} with If-None-Match: ${etag} (the current ETag): expected 304 Not Modified, got ${got(c)}`,
      );
    },
  },
];

// ---------------------------------------------------------------------------
// Search and paging.

const search: TestDefinition[] = [
  {
    id: 'search-by-patient-searchset',
    title: 'A search by patient returns 200 and a Bundle of type searchset',
    description:
      'A search GET [base]/[type]?patient=[id] answers 200 with a Bundle whose type is "searchset" holding the matches (FHIR R4 search.html; Bundle.type).',
    verifies: ['FC-SEARCH-01'],
    makes: [SAVED.searchByPatient, SAVED.patientDiscovery],
    uses: [SAVED.patientDiscovery],
    tags: ['search'],
    async run(t: TestContext) {
      const id = await patientId(t);
      const type = searchType(t);
      const res = await send(t, `${type}?patient=${encodeURIComponent(id)}`, { name: SAVED.searchByPatient });
      t.save(SAVED.searchByPatient, res);
      const bundle = resourceOf<Bundle>(res);
      ensure(res.status === 200, `${label(t, res)}: expected 200 and a searchset Bundle, got ${got(res)}`);
      ensure(
        bundle?.resourceType === 'Bundle',
        `${label(t, res)}: expected a Bundle, got ${bundle ? article(bundle.resourceType) : got(res)}`,
      );
      ensure(
        bundle.type === 'searchset',
        `${label(t, res)}: expected Bundle.type "searchset", got ${quoted(bundle.type)}`,
      );
    },
  },
  {
    id: 'search-by-patient-matches-belong',
    title: 'Every match of a search by patient refers to that patient',
    description:
      'A reference search parameter such as patient=[id] matches only resources whose reference points at that resource, so every match of the search refers to Patient/[id] through its subject or patient element (FHIR R4 search.html#reference).',
    verifies: ['FC-SEARCH-02'],
    makes: [SAVED.patientDiscovery],
    uses: [SAVED.searchByPatient, SAVED.patientDiscovery],
    tags: ['search'],
    async run(t: TestContext) {
      const { res, bundle } = savedSearch(t);
      const id = await patientId(t);
      const type = searchType(t);
      const matches = matchesOf(bundle, type);
      if (matches.length === 0) {
        t.skip(
          `${label(t, res)} returned no ${type}, so there is nothing to check (set testData.patientId to a patient that has ${type} resources)`,
        );
      }
      const strangers = matches
        .filter((m) => !patientReferences(m).some((ref) => refersTo(ref, 'Patient', id)))
        .map((m) => {
          const refs = patientReferences(m);
          return `${type}/${m.id ?? '(no id)'} refers to ${refs.length ? refs.join(', ') : 'no patient (no subject or patient reference)'}`;
        });
      ensure(
        strangers.length === 0,
        `${label(t, res)}: expected every matched ${type} to refer to Patient/${id}, but ${strangers.length} of ${matches.length} do not: ${listed(strangers)}`,
      );
    },
  },
  {
    id: 'search-entries-fullurl-mode',
    title: 'Every searchset entry carries fullUrl and search.mode',
    description:
      'Each entry of a searchset Bundle carries fullUrl, the absolute URL of the resource consistent with its id, and search.mode saying whether it is a match or an include (FHIR R4 bundle.html, search.html#Summary).',
    verifies: ['FC-SEARCH-03'],
    uses: [SAVED.searchByPatient],
    tags: ['search'],
    async run(t: TestContext) {
      const { res, bundle } = savedSearch(t);
      const entries: BundleEntry[] = bundle.entry ?? [];
      if (entries.length === 0)
        t.skip(
          `${label(t, res)} returned no entries, so there is nothing to check (set testData.patientId to a patient with ${searchType(t)} resources)`,
        );
      const problems: string[] = [];
      entries.forEach((entry, i) => {
        const r = entry.resource;
        const what = `entry[${i}]${r ? ` (${r.resourceType}/${r.id ?? '(no id)'})` : ''}`;
        if (!entry.fullUrl) problems.push(`${what} has no fullUrl`);
        else if (/\/_history\//.test(entry.fullUrl))
          problems.push(`${what} has a version-specific fullUrl ${entry.fullUrl}`);
        else if (r?.id && !entry.fullUrl.startsWith('urn:') && !entry.fullUrl.endsWith(`/${r.resourceType}/${r.id}`)) {
          problems.push(`${what} has fullUrl ${entry.fullUrl}, which does not end with ${r.resourceType}/${r.id}`);
        }
        const mode = entry.search?.mode;
        const allowed = r?.resourceType === 'OperationOutcome' ? ['match', 'include', 'outcome'] : ['match', 'include'];
        if (!mode) problems.push(`${what} has no search.mode`);
        else if (!allowed.includes(mode)) problems.push(`${what} has search.mode ${quoted(mode)}`);
      });
      ensure(
        problems.length === 0,
        `${label(t, res)}: expected every entry to carry fullUrl and search.mode (match or include), but ${listed(problems)}`,
      );
    },
  },
  {
    id: 'search-count-limits-page',
    title: 'The _count parameter limits the number of matches per page',
    description:
      '_count=[n] asks the server to return at most n matches per page; further matches are reached through the paging links (FHIR R4 search.html#count).',
    verifies: ['FC-SEARCH-04'],
    makes: [SAVED.countPage, SAVED.patientDiscovery],
    uses: [SAVED.patientDiscovery, SAVED.searchByPatient],
    tags: ['search', 'paging'],
    async run(t: TestContext) {
      const id = await patientId(t);
      const type = searchType(t);
      const res = await send(t, `${type}?patient=${encodeURIComponent(id)}&_count=${PAGE_SIZE}`, {
        name: SAVED.countPage,
      });
      t.save(SAVED.countPage, res);
      const bundle = resourceOf<Bundle>(res);
      if (res.status !== 200 || bundle?.resourceType !== 'Bundle') {
        const plain = optionalSaved(t, SAVED.searchByPatient);
        if (plain?.status !== 200)
          t.skip(
            `the search by patient without _count failed too (see FC-SEARCH-01); with _count it answered ${got(res)}`,
          );
        failCheck(`${label(t, res)}: expected 200 and a Bundle of at most ${PAGE_SIZE} matches, got ${got(res)}`);
      }
      const n = matchesOf(bundle, type).length;
      ensure(
        n <= PAGE_SIZE,
        `${label(t, res)}: expected at most ${PAGE_SIZE} matches in the page, got ${n}${typeof bundle.total === 'number' ? ` (Bundle.total ${bundle.total})` : ''}`,
      );
      const plain = optionalSaved(t, SAVED.searchByPatient);
      const plainBundle = plain ? resourceOfQuietly(plain) : undefined;
      const plainCount = plainBundle?.resourceType === 'Bundle' ? matchesOf(plainBundle as Bundle, type).length : 0;
      const more =
        (typeof bundle.total === 'number' && bundle.total > n) ||
        linkOf(bundle, 'next') !== undefined ||
        plainCount > n;
      if (!more) {
        t.skip(
          `the patient has only ${n} ${type} match(es), so a limit of ${PAGE_SIZE} cannot be observed (set testData.patientId to a patient with at least ${PAGE_SIZE + 1})`,
        );
      }
    },
  },
  {
    id: 'paging-next-link',
    title: 'When more matches remain, the page carries a next link and a self link',
    description:
      'A server that splits search results into pages links each page to the following one with Bundle.link relation "next", and identifies the page itself with relation "self" (FHIR R4 http.html#paging).',
    verifies: ['FC-PAGE-01'],
    uses: [SAVED.countPage],
    tags: ['paging'],
    async run(t: TestContext) {
      const { res, bundle } = savedSearch(t, SAVED.countPage, 'FC-SEARCH-04');
      const type = searchType(t);
      const n = matchesOf(bundle, type).length;
      const next = linkOf(bundle, 'next');
      const relations = (bundle.link ?? []).map((l) => l.relation ?? '?');
      const links = relations.length ? `links ${JSON.stringify(relations)}` : 'no Bundle.link';
      if (!next) {
        const known = knownMatchCount(t, bundle, type);
        if (!known)
          t.skip(`${label(t, res)} has no next link and no Bundle.total, so whether matches remain cannot be told`);
        const remaining = known.count - n;
        ensure(
          remaining <= 0,
          `${label(t, res)}: the page holds ${n} match(es) and ${remaining} more remain (${known.source}), so it must carry a Bundle.link with relation "next"; got ${links}`,
        );
        t.skip(`all ${n} match(es) fit in the first page of ${PAGE_SIZE}: nothing remains to link to`);
      }
      ensure(
        linkOf(bundle, 'self'),
        `${label(t, res)}: expected a Bundle.link with relation "self" next to the "next" link, got ${links}`,
      );
    },
  },
  {
    id: 'paging-every-match-once',
    title: 'Following the next links yields every match exactly once',
    description:
      'Following the "next" links from the first page to the last visits every match of the search once: no match is repeated on a later page, and the matches seen add up to the number of matches of the search (Bundle.total, or the same search without _count when it fits in one page) (FHIR R4 http.html#paging).',
    verifies: ['FC-PAGE-02'],
    uses: [SAVED.countPage],
    tags: ['paging'],
    async run(t: TestContext) {
      const { res, bundle } = savedSearch(t, SAVED.countPage, 'FC-SEARCH-04');
      const type = searchType(t);
      const known = knownMatchCount(t, bundle, type);
      const firstCount = matchesOf(bundle, type).length;
      if (!linkOf(bundle, 'next') && known && firstCount < known.count) {
        t.skip(
          `${label(t, res)} holds ${firstCount} of ${known.count} matches (${known.source}) but has no next link to follow (see FC-PAGE-01)`,
        );
      }
      const start = label(t, res);
      const seen = new Map<string, number>();
      const repeats: string[] = [];
      const visit = (page: Bundle, pageNo: number): void => {
        for (const entry of page.entry ?? []) {
          const r = entry.resource;
          if (r?.resourceType !== type || entry.search?.mode === 'include' || entry.search?.mode === 'outcome')
            continue;
          const key = r.id ? `${type}/${r.id}` : (entry.fullUrl ?? `(entry without id on page ${pageNo})`);
          const first = seen.get(key);
          if (first !== undefined) repeats.push(`${key} on page ${first} and again on page ${pageNo}`);
          else seen.set(key, pageNo);
        }
      };
      visit(bundle, 1);
      const visited = new Set([res.url]);
      let pages = 1;
      let next = linkOf(bundle, 'next');
      let capped = false;
      while (next && repeats.length === 0) {
        if (pages >= MAX_PAGES) {
          capped = true;
          break;
        }
        const url = new URL(next, res.url).href;
        refuseOffOrigin(t.http, url);
        ensure(
          !visited.has(url),
          `following the next links from ${start}: page ${pages} links back to ${relative(t, url)}, a page already read, so the paging never ends`,
        );
        visited.add(url);
        const page = await send(t, url);
        pages += 1;
        const pageBundle = resourceOf<Bundle>(page);
        ensure(
          page.status === 200 && pageBundle?.resourceType === 'Bundle',
          `following the next links from ${start}: page ${pages} (${label(t, page)}) should answer 200 with a Bundle, got ${got(page)}`,
        );
        visit(pageBundle, pages);
        next = linkOf(pageBundle, 'next');
      }
      ensure(
        repeats.length === 0,
        `following the next links from ${start}: expected each match exactly once, but ${listed(repeats)}`,
      );
      if (capped) {
        t.info(
          `stopped after ${MAX_PAGES} pages (${seen.size} distinct matches, none repeated); the rest of the results was not read`,
        );
        return;
      }
      if (known) {
        ensure(
          seen.size === known.count,
          `following the next links from ${start}: expected ${known.count} match(es) (${known.source}), got ${seen.size} distinct match(es) over ${pages} page(s)`,
        );
      } else {
        t.info(
          `${seen.size} distinct match(es) over ${pages} page(s), none repeated; there is no Bundle.total nor single-page search to compare the count with`,
        );
      }
    },
  },
  {
    id: 'search-unknown-param-strict-400',
    title: 'With Prefer: handling=strict, an unknown search parameter is refused with 400',
    description:
      'A client asking for strict handling (Prefer: handling=strict) wants the server to reject a search parameter it does not know with an error rather than ignore it; the server answers 400 Bad Request (FHIR R4 search.html#errors).',
    verifies: ['FC-SEARCH-05'],
    makes: [SAVED.unknownParam],
    tags: ['search', 'errors'],
    async run(t: TestContext) {
      const res = await send(t, `Patient?${UNKNOWN_PARAM}=1`, {
        headers: { prefer: 'handling=strict' },
        name: SAVED.unknownParam,
      });
      t.save(SAVED.unknownParam, res);
      ensure(
        res.status === 400,
        `${label(t, res)} with Prefer: handling=strict: expected 400 Bad Request for the unknown parameter ${UNKNOWN_PARAM}, got ${got(res)}`,
      );
    },
  },
  {
    id: 'search-malformed-date-400',
    title: 'A malformed date search value is refused with 400',
    description:
      'A date search parameter takes a FHIR date or dateTime, optionally prefixed (eq, lt, ge...); a value that is not a date cannot be processed and the search fails with 400 Bad Request (FHIR R4 search.html#date and search.html#errors).',
    verifies: ['FC-SEARCH-06'],
    makes: [SAVED.malformedDate],
    tags: ['search', 'errors'],
    async run(t: TestContext) {
      const res = await send(t, 'Patient?birthdate=not-a-date', { name: SAVED.malformedDate });
      t.save(SAVED.malformedDate, res);
      ensure(
        res.status === 400,
        `${label(t, res)}: expected 400 Bad Request for the malformed date "not-a-date", got ${got(res)}`,
      );
    },
  },
];

// ---------------------------------------------------------------------------
// Errors.

const errors: TestDefinition[] = [
  {
    id: 'errors-operation-outcome',
    title: 'Error responses (4xx) carry an OperationOutcome with at least one issue',
    description:
      'When an interaction fails, the server returns an OperationOutcome resource in the body that describes the problem in one or more issues (FHIR R4 http.html; SHOULD in FHIR, SHALL in the DSQ profile). Checked on the error responses of the earlier unknown-id read and bad searches.',
    verifies: ['FC-ERR-01'],
    uses: [SAVED.malformedDate, SAVED.unknownId, SAVED.unknownParam],
    tags: ['errors'],
    async run(t: TestContext) {
      const names = [SAVED.unknownId, SAVED.unknownParam, SAVED.malformedDate];
      const errorResponses = names
        .map((name) => optionalSaved(t, name))
        .filter((res): res is HttpResponse => res !== undefined && res.status >= 400 && res.status < 500);
      if (errorResponses.length === 0) {
        t.skip(
          'none of the earlier requests expected to fail (unknown id, unknown parameter, malformed date) answered with a 4xx status, so there is no error response to examine',
        );
      }
      const problems: string[] = [];
      for (const res of errorResponses) {
        t.cite(res);
        const outcome = resourceOfQuietly(res);
        if (outcome?.resourceType !== 'OperationOutcome') {
          problems.push(
            `${label(t, res)} answered ${res.status} with ${outcome ? article(outcome.resourceType) : res.body.trim() ? `a body that is not a FHIR JSON resource (${res.headers['content-type'] ?? 'no Content-Type'})` : 'an empty body'}`,
          );
        } else if (!(outcome as { issue?: unknown[] }).issue?.length) {
          problems.push(`${label(t, res)} answered ${res.status} with an OperationOutcome that has no issue`);
        }
      }
      ensure(
        problems.length === 0,
        `expected every 4xx response to carry an OperationOutcome describing the problem, but ${listed(problems)}`,
      );
    },
  },
];

// ---------------------------------------------------------------------------
// Formats.

const format: TestDefinition[] = [
  {
    id: 'format-fhir-json-content-type',
    title: 'JSON responses have the Content-Type application/fhir+json',
    description:
      'The official MIME type of FHIR JSON is application/fhir+json; a JSON response is labelled with it (a charset parameter may follow), not with the generic application/json (FHIR R4 http.html#mime-type).',
    verifies: ['FC-FMT-01'],
    uses: [SAVED.patientRead, SAVED.searchByPatient],
    tags: ['format'],
    async run(t: TestContext) {
      const responses = [optionalSaved(t, SAVED.patientRead), optionalSaved(t, SAVED.searchByPatient)].filter(
        (res): res is HttpResponse => res !== undefined && res.body.trim() !== '',
      );
      if (responses.length === 0)
        t.skip('neither the read of the test patient nor the search by patient returned a body to examine');
      const wrong = responses
        .filter((res) => mediaType(res) !== FHIR_JSON)
        .map(
          (res) =>
            `${label(t, res)} answered with ${res.headers['content-type'] ? `Content-Type ${res.headers['content-type']}` : 'no Content-Type'}`,
        );
      ensure(
        wrong.length === 0,
        `expected Content-Type application/fhir+json (a charset parameter is fine) on JSON responses, but ${listed(wrong)}`,
      );
    },
  },
  {
    id: 'format-param-json',
    title: 'The _format=json parameter is honoured and yields a JSON response',
    description:
      'The _format parameter overrides the Accept header for clients that cannot set it; _format=json asks for the JSON representation, and the server answers with the resource in JSON (FHIR R4 http.html#mime-type).',
    verifies: ['FC-FMT-02'],
    uses: [SAVED.patientRead],
    tags: ['format'],
    async run(t: TestContext) {
      const problems: string[] = [];
      let checked = 0;
      const check = async (url: string, type: string): Promise<void> => {
        const res = await send(t, url, { headers: { accept: '*/*' } });
        checked += 1;
        const resource = resourceOf(res);
        if (res.status !== 200 || resource?.resourceType !== type)
          problems.push(`${label(t, res)}: expected 200 and a JSON ${type}, got ${got(res)}`);
      };
      if (await t.capabilities()) await check('metadata?_format=json', 'CapabilityStatement');
      else t.info('metadata?_format=json was not tried: GET metadata itself fails (see FC-CAP-01)');
      const read = optionalSaved(t, SAVED.patientRead);
      if (read && read.status === 200 && resourceOfQuietly(read)?.resourceType === 'Patient') {
        const id = decodeURIComponent(new URL(read.url).pathname.split('/').pop() ?? '');
        await check(`Patient/${encodeURIComponent(id)}?_format=json`, 'Patient');
      } else {
        t.info(
          'Patient/[id]?_format=json was not tried: the read of the test patient did not succeed (see FC-READ-01)',
        );
      }
      if (checked === 0)
        t.skip(
          'neither GET metadata nor the read of the test patient succeeds, so there is nothing to ask in JSON through _format',
        );
      ensure(problems.length === 0, listed(problems));
    },
  },
  {
    id: 'format-unsupported-accept',
    title: 'A format the server does not support yields 406 Not Acceptable, or that format',
    description:
      'Content negotiation: when the client asks through Accept for a representation the server cannot produce (here RDF Turtle, application/x-turtle), the server answers 406 Not Acceptable rather than another format (FHIR R4 http.html#mime-type).',
    verifies: ['FC-FMT-03'],
    uses: [SAVED.patientRead],
    tags: ['format'],
    async run(t: TestContext) {
      const { requestedId } = savedRead(t);
      const res = await send(t, `Patient/${encodeURIComponent(requestedId)}`, { headers: { accept: TURTLE } });
      if (res.status === 406) return;
      const contentType = res.headers['content-type']
        ? `Content-Type ${res.headers['content-type']}`
        : 'no Content-Type';
      ensure(
        res.status === 200,
        `${label(t, res)} with Accept: ${TURTLE}: expected 406 Not Acceptable or 200 with a Turtle body, got ${got(res)}`,
      );
      ensure(
        /turtle/.test(mediaType(res)),
        `${label(t, res)} with Accept: ${TURTLE}: expected 406 Not Acceptable or a Turtle response, got 200 with ${contentType}`,
      );
    },
  },
];

// ---------------------------------------------------------------------------
// Create.

async function requireCreateDeclared(t: TestContext): Promise<void> {
  const cap = await requireCapabilities(t, 'whether create is declared for Patient is unknown');
  if (!declaresInteraction(cap, 'Patient', 'create')) {
    t.skip('the CapabilityStatement does not declare the create interaction for Patient, so create is not required');
  }
}

const create: TestDefinition[] = [
  {
    id: 'create-201-location',
    title: 'POST [type] returns 201 Created and a Location [base]/[type]/[id]/_history/[vid]',
    description:
      'When the server declares create, POST [base]/[type] with a resource creates it and answers 201 Created with a Location header holding the new logical id and version id: [base]/[type]/[id]/_history/[vid] (FHIR R4 http.html#create). A synthetic Patient (family name Homolog-Test) is created.',
    verifies: ['FC-CREATE-01'],
    makes: [SAVED.create],
    tags: ['create'],
    async run(t: TestContext) {
      await requireCreateDeclared(t);
      const clientId = `${CLIENT_ID_PREFIX}${randomToken()}`;
      const patient: Patient = {
        resourceType: 'Patient',
        id: clientId,
        name: [{ family: 'Homolog-Test', given: ['Synthetic'] }],
        gender: 'unknown',
      };
      const res = await send(t, 'Patient', {
        method: 'POST',
        headers: { 'content-type': FHIR_JSON },
        body: JSON.stringify(patient),
        name: SAVED.create,
      });
      clientIds.set(res, clientId);
      t.save(SAVED.create, res);
      ensure(res.status === 201, `${label(t, res)}: expected 201 Created, got ${got(res)}`);
      const location = res.headers.location;
      const base = normalisedBase(t);
      ensure(
        location,
        `${label(t, res)}: expected a Location header of the form ${base}/Patient/<id>/_history/<versionId>, got none`,
      );
      const resolved = new URL(location, res.url).href;
      ensure(
        parseVersionedLocation(resolved, base, 'Patient'),
        `${label(t, res)}: expected a Location header of the form ${base}/Patient/<id>/_history/<versionId>, got ${location}`,
      );
    },
  },
  {
    id: 'create-server-assigns-id',
    title: "The server assigns the id of a created resource, ignoring the client's, and the resource reads back",
    description:
      'On create the server assigns the logical id; an id the client put in the body is ignored. The new resource can then be read at the assigned id (FHIR R4 http.html#create).',
    verifies: ['FC-CREATE-02'],
    uses: [SAVED.create],
    tags: ['create'],
    async run(t: TestContext) {
      await requireCreateDeclared(t);
      const res = t.saved(SAVED.create);
      if (res.status < 200 || res.status >= 300)
        t.skip(`${label(t, res)} did not create the Patient (it answered ${got(res)}; see FC-CREATE-01)`);
      const location = res.headers.location;
      const fromLocation = location
        ? /\/Patient\/([^/?#]+)(?:\/_history\/[^/?#]+)?\/?(?:[?#].*)?$/.exec(new URL(location, res.url).pathname)?.[1]
        : undefined;
      const body = resourceOfQuietly(res);
      const assigned = fromLocation
        ? decodeURIComponent(fromLocation)
        : body?.resourceType === 'Patient'
          ? body.id
          : undefined;
      if (!assigned)
        t.skip(
          `${label(t, res)} gave neither a Location header nor a Patient body with an id, so the assigned id is unknown (see FC-CREATE-01)`,
        );
      const clientId = clientIds.get(res);
      const keptClientId = clientId ? assigned === clientId : assigned.startsWith(CLIENT_ID_PREFIX);
      ensure(
        !keptClientId,
        `${label(t, res)} with id ${quoted(clientId ?? assigned)} in the body: expected the server to assign its own id and ignore the client's, got the Patient created as Patient/${assigned}`,
      );
      const back = await send(t, `Patient/${encodeURIComponent(assigned)}`);
      const patient = resourceOf(back);
      ensure(
        back.status === 200 && patient?.resourceType === 'Patient',
        `${label(t, back)} (the id assigned by ${label(t, res)}): expected 200 and the created Patient, got ${got(back)}`,
      );
    },
  },
];

export default defineSuite('fhir-core', [
  ...capabilities,
  ...read,
  ...versioning,
  ...search,
  ...errors,
  ...format,
  ...create,
]);
