/**
 * What the fhir-core checks share: the names of saved responses, the raw
 * requests, the test data, and the preconditions that belong to another
 * requirement (a check skips naming it, so that each nonconformity fails
 * exactly one check).
 */
import { randomBytes } from 'node:crypto';
import type {
  Bundle,
  CapabilityStatement,
  CapabilityStatementRestResource,
  Patient,
  Resource,
} from '@medplum/fhirtypes';
import { FHIR_JSON, linkOf } from '../../src/fhir/client.js';
import type { HttpResponse } from '../../src/http/client.js';
import type { TestContext } from '../../src/suite/api.js';
import {
  label,
  matches,
  resourceOf,
  resourceOfQuietly,
  savedIfMade,
  whatCameBack,
} from '../../src/suite/vocabulary/index.js';
import type { Text } from '../../src/util/i18n.js';
import { m } from './messages.js';

/** Names under which responses are saved for later tests. */
export const SAVED = {
  patientDiscovery: 'patient-discovery',
  patientRead: 'patient-read',
  unknownId: 'unknown-id',
  searchByPatient: 'search-by-patient',
  countPage: 'search-count-2',
  unknownParam: 'unknown-param',
  malformedDate: 'malformed-date',
  create: 'create-patient',
} as const;

export const PAGE_SIZE = 2;
export const MAX_PAGES = 50;
export const UNKNOWN_PARAM = 'foo-unknown-param';
export const TURTLE = 'application/x-turtle';
export const CLIENT_ID_PREFIX = 'client-chosen-';

/** The client-chosen id sent with each create, keyed by its response (per run: the run state holds the response). */
export const clientIds = new WeakMap<HttpResponse, string>();

/**
 * GET (or another method) through the raw client with the default actor's
 * credentials; never throws on 4xx/5xx. Requests that may legitimately
 * answer with an error go this way, and are read with the vocabulary's
 * lenient parser.
 */
export function send(
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

export function randomToken(): string {
  return randomBytes(6).toString('hex');
}

/** The resource type searched by patient: testData.searchType, else Observation. */
export function searchType(t: TestContext): string {
  return t.target.testData.searchType || 'Observation';
}

/**
 * The test patient: testData.patientId, else the first patient that
 * `GET Patient?_count=1` finds (searched once per run, then reused).
 */
export async function patientId(t: TestContext): Promise<string> {
  const given = t.target.testData.patientId;
  if (given) return given;
  let res = savedIfMade(t, SAVED.patientDiscovery);
  if (!res) {
    res = await send(t, `Patient?_count=1`, { name: SAVED.patientDiscovery });
    t.save(SAVED.patientDiscovery, res);
  }
  const bundle = resourceOf(res);
  const first = bundle?.resourceType === 'Bundle' ? matches<Patient>(bundle, 'Patient').find((p) => p.id) : undefined;
  if (!first?.id) {
    t.skip(m.noPatientFound({ request: label(res), got: whatCameBack(res) }));
  }
  return first.id;
}

/** The value inside an entity tag: `W/"3"` → `3`; undefined when the header is not an entity tag. */
export function etagValue(etag: string | undefined): string | undefined {
  const m = /^(?:W\/)?"([^"]*)"$/.exec((etag ?? '').trim());
  return m ? m[1] : undefined;
}

/** Does a literal reference (relative, absolute, or version-specific) point at `type`/`id`? */
export function refersTo(reference: string, type: string, id: string): boolean {
  const path = reference.split(/[?#]/)[0]!.replace(/\/_history\/[^/]+$/, '');
  const parts = path.split('/');
  return parts.length >= 2 && parts[parts.length - 2] === type && parts[parts.length - 1] === id;
}

/** The literal references in the `subject` and `patient` elements of a resource. */
export function patientReferences(resource: Resource): string[] {
  const r = resource as unknown as Record<string, unknown>;
  const refs: string[] = [];
  for (const element of [r.subject, r.patient]) {
    const ref = (element as { reference?: unknown } | undefined)?.reference;
    if (typeof ref === 'string') refs.push(ref);
  }
  return refs;
}

export function serverRest(cap: CapabilityStatement) {
  return cap.rest?.find((r) => r.mode === 'server');
}

export function declaredResource(cap: CapabilityStatement, type: string): CapabilityStatementRestResource | undefined {
  return serverRest(cap)?.resource?.find((r) => r.type === type);
}

function declaresInteraction(cap: CapabilityStatement, type: string, code: string): boolean {
  return declaredResource(cap, type)?.interaction?.some((i) => i.code === code) ?? false;
}

/** The CapabilityStatement, or a skip naming FC-CAP-01 when it cannot be read. */
export async function requireCapabilities(t: TestContext, why: Text): Promise<CapabilityStatement> {
  const cap = await t.capabilities();
  if (!cap) t.skip(m.noCapabilities({ why }));
  return cap;
}

/** Skips unless the CapabilityStatement declares create for Patient. */
export async function requireCreateDeclared(t: TestContext): Promise<void> {
  const cap = await requireCapabilities(t, m.createUnknown());
  if (!declaresInteraction(cap, 'Patient', 'create')) t.skip(m.createNotDeclared());
}

/** The response of the read of the test patient saved by FC-READ-01, when it answered 200 with a Patient. */
export function savedRead(t: TestContext): { res: HttpResponse; patient: Patient; requestedId: string } {
  const res = t.saved(SAVED.patientRead);
  const patient = resourceOfQuietly(res);
  if (res.status !== 200 || patient?.resourceType !== 'Patient') {
    t.skip(m.readFailed({ request: label(res), got: whatCameBack(res) }));
  }
  const requestedId = decodeURIComponent(new URL(res.url).pathname.split('/').pop() ?? '');
  return { res, patient: patient as Patient, requestedId };
}

/** Like savedRead, but also requires the Patient returned to be the one requested (its version is used further). */
export function savedReadOfRequestedPatient(t: TestContext): {
  res: HttpResponse;
  patient: Patient;
  requestedId: string;
} {
  const read = savedRead(t);
  if (read.patient.id !== read.requestedId) {
    t.skip(m.readOtherPatient({ request: label(read.res), id: read.patient.id ?? '?' }));
  }
  return read;
}

/** The by-patient search saved by FC-SEARCH-01, when it answered 200 with a Bundle. */
export function savedSearch(
  t: TestContext,
  name: string = SAVED.searchByPatient,
  requirement = 'FC-SEARCH-01',
): { res: HttpResponse; bundle: Bundle } {
  const res = t.saved(name);
  const bundle = resourceOfQuietly(res);
  if (res.status !== 200 || bundle?.resourceType !== 'Bundle') {
    t.skip(m.searchFailed({ request: label(res), got: whatCameBack(res), requirement }));
  }
  return { res, bundle: bundle as Bundle };
}

/**
 * How many matches the paged search has in all: its Bundle.total, else the
 * number of matches of the same search without _count (FC-SEARCH-01's) when
 * that one came in a single page; undefined when neither tells.
 */
export function knownMatchCount(
  t: TestContext,
  page: Bundle,
  type: string,
): { count: number; source: Text } | undefined {
  if (typeof page.total === 'number') return { count: page.total, source: `Bundle.total ${page.total}` };
  const plain = savedIfMade(t, SAVED.searchByPatient);
  const plainBundle = plain ? resourceOfQuietly(plain) : undefined;
  if (plain && plainBundle?.resourceType === 'Bundle' && !linkOf(plainBundle, 'next')) {
    const count = matches(plainBundle, type).length;
    return { count, source: m.matchesWithoutCount({ count, request: label(plain) }) };
  }
  return undefined;
}

/** An HTTP date as RFC 9110 prescribes it (IMF-fixdate). */
export const IMF_FIXDATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** `[base]/Patient/<id>/_history/<vid>` → { id, vid }, else undefined. */
export function parseVersionedLocation(
  location: string,
  base: string,
  type: string,
): { id: string; vid: string } | undefined {
  const prefix = `${base}/${type}/`;
  if (!location.startsWith(prefix)) return undefined;
  const m = /^([A-Za-z0-9\-.]{1,64})\/_history\/([A-Za-z0-9\-.]{1,64})$/.exec(location.slice(prefix.length));
  return m ? { id: m[1]!, vid: m[2]! } : undefined;
}

/** The base URL normalised the way URL resolution normalises a Location header. */
export function normalisedBase(t: TestContext): string {
  return new URL(t.target.baseUrl).href.replace(/\/+$/, '');
}
