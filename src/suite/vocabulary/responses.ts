/**
 * Reading responses: what a check needs to name a request, parse a body that
 * may be odd, and read a search Bundle. Nothing here throws: an error body
 * that is not FHIR becomes "not a resource", for the assertion to report.
 */
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { FhirResponse } from '../../fhir/client.js';
import type { HttpResponse } from '../../http/client.js';
import { SkipSignal, type TestContext } from '../api.js';
import { type Bilingual, got } from './messages.js';

/** A response from the raw HTTP client (`t.http`) or the FHIR client (`t.fhir`). */
export type AnyResponse = HttpResponse | FhirResponse;

/** The HTTP response inside either kind. */
export function httpOf(res: AnyResponse): HttpResponse {
  return 'http' in res ? res.http : res;
}

/**
 * The request as a vendor reads it: `GET Patient/123`, relative to the base
 * URL of the client that sent it (decoded when it can be); absolute when it
 * went elsewhere (a token endpoint, say).
 */
export function label(res: AnyResponse): string {
  const http = httpOf(res);
  return `${http.method} ${relativeUrl(http.url, http.baseUrl)}`;
}

/** `url` relative to `baseUrl`, percent-decoded when it decodes; unchanged when it is not under it. */
export function relativeUrl(url: string, baseUrl: string | undefined): string {
  const base = baseUrl ? `${baseUrl.replace(/\/+$/, '')}/` : undefined;
  let rel = base && url.startsWith(base) ? url.slice(base.length) : url;
  try {
    rel = decodeURIComponent(rel);
  } catch {
    // keep it encoded
  }
  return rel;
}

/** The media type of the response, lower-case, without parameters; '' when absent. */
export function mediaType(res: AnyResponse): string {
  return (httpOf(res).headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** A header of the response (names are case-insensitive); undefined when absent. */
export function headerOf(res: AnyResponse, name: string): string | undefined {
  return httpOf(res).headers[name.toLowerCase()];
}

/**
 * The body parsed as JSON, or undefined when it is empty or not JSON. The one
 * lenient parser of the suites: for error answers whose body may be anything.
 */
export function bodyOf(res: AnyResponse): unknown {
  const text = httpOf(res).body.trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A response an earlier test saved under `name`, or undefined when it was not made (instead of skipping). */
export function savedIfMade(t: Pick<TestContext, 'saved'>, name: string): HttpResponse | undefined {
  try {
    return t.saved(name);
  } catch (err) {
    if (err instanceof SkipSignal) return undefined;
    throw err;
  }
}

/**
 * The top-level fields of a JSON object body that is not FHIR (a SMART
 * configuration, an OAuth token response); `{}` when the body is empty, not
 * JSON or not an object. Never throws.
 */
export function fieldsOf(res: AnyResponse): Readonly<Record<string, unknown>> {
  const value = bodyOf(res);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Whether a value is a FHIR resource (an object with a string resourceType). */
export function isResource(value: unknown): value is Resource {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { resourceType?: unknown }).resourceType === 'string'
  );
}

/**
 * The FHIR resource in the body, or undefined (empty, not JSON, not a resource).
 * An error answer's body may be anything: it is simply "not a resource". A
 * success answer whose body claims to be JSON (by its Content-Type or its
 * first character) and is malformed throws the TargetError of `res.json()`,
 * as the FHIR client does: the check cannot read what it must judge (error).
 */
export function resourceOf<T extends Resource = Resource>(res: AnyResponse): T | undefined {
  if ('http' in res) return res.resource as T | undefined;
  const text = res.body.trim();
  if (text === '') return undefined;
  if (!/json/.test(mediaType(res)) && !/^[{[]/.test(text)) return undefined;
  const value = res.status >= 200 && res.status < 300 ? res.json() : bodyOf(res);
  return isResource(value) ? (value as T) : undefined;
}

/** The same, never throwing: for a message about what came back. */
export function resourceOfQuietly<T extends Resource = Resource>(res: AnyResponse): T | undefined {
  try {
    return resourceOf<T>(res);
  } catch {
    return undefined;
  }
}

/** What came back, in a few words, in both languages: `404 with an OperationOutcome`, `200 with an empty body`. */
export function whatCameBack(res: AnyResponse): Bilingual {
  return cameBack(res);
}

/** The same in both languages, for the vocabulary's own messages. */
export function cameBack(res: AnyResponse): Bilingual {
  const http = httpOf(res);
  const resource = resourceOfQuietly(res);
  if (resource) return got.resource(http.status, resource.resourceType);
  if (http.body.trim() === '') return got.emptyBody(http.status);
  return got.notFhir(http.status, http.headers['content-type']);
}

/**
 * The matches of a search Bundle: entries of `type` whose search.mode is
 * `match` or absent (not `include`, not `outcome`). The one meaning of
 * "search matches" in the suites.
 */
export function matches<T extends Resource = Resource>(bundle: Bundle | undefined, type?: string): T[] {
  return (bundle?.entry ?? [])
    .filter((e) => e.search?.mode === undefined || e.search.mode === 'match')
    .map((e) => e.resource)
    .filter((r): r is Resource => r !== undefined && (type === undefined || r.resourceType === type))
    .map((r) => r as T);
}

/** Every resource of a Bundle (of `type` when given), whatever its search mode. */
export function entries<T extends Resource = Resource>(bundle: Bundle | undefined, type?: string): T[] {
  return (bundle?.entry ?? [])
    .map((e) => e.resource)
    .filter((r): r is Resource => r !== undefined && (type === undefined || r.resourceType === type))
    .map((r) => r as T);
}
