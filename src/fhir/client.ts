import type { Bundle, CapabilityStatement, OperationOutcome, Resource } from '@medplum/fhirtypes';
import type { HttpClient, HttpResponse } from '../http/client.js';
import { TargetError } from '../http/errors.js';
import { m } from '../http/messages.js';

export const FHIR_JSON = 'application/fhir+json';

/** A FHIR answer: the raw HTTP response (status, headers, evidence id) and the parsed resource. */
export interface FhirResponse<T extends Resource = Resource> {
  http: HttpResponse;
  status: number;
  /** Parsed body when it is a FHIR resource (has a resourceType), else undefined. */
  resource?: T;
}

export type SearchParams = Record<string, string | number | readonly string[]>;

/**
 * FHIR REST over our recording HTTP layer. Unlike a convenience client it never
 * throws on a 4xx/5xx: a conformance check needs the exact status and headers.
 * It throws TargetError only when the body claims to be JSON and is not.
 */
export class FhirClient {
  constructor(readonly http: HttpClient) {}

  /** Same client with other default headers (an actor's credentials, say). */
  withHeaders(headers: Record<string, string>): FhirClient {
    return new FhirClient(this.http.withHeaders(headers));
  }

  async request<T extends Resource = Resource>(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; name?: string } = {},
  ): Promise<FhirResponse<T>> {
    const headers: Record<string, string> = { accept: FHIR_JSON, ...options.headers };
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['content-type'] ??= FHIR_JSON;
    }
    const http = await this.http.send({ method, url: path, headers, body, name: options.name });
    return { http, status: http.status, resource: parseResource<T>(http) };
  }

  capabilities(
    options: { headers?: Record<string, string>; name?: string } = {},
  ): Promise<FhirResponse<CapabilityStatement>> {
    return this.request<CapabilityStatement>('GET', 'metadata', options);
  }

  read<T extends Resource = Resource>(
    type: string,
    id: string,
    options: { headers?: Record<string, string>; name?: string } = {},
  ): Promise<FhirResponse<T>> {
    return this.request<T>('GET', `${type}/${encodeURIComponent(id)}`, options);
  }

  vread<T extends Resource = Resource>(type: string, id: string, versionId: string): Promise<FhirResponse<T>> {
    return this.request<T>('GET', `${type}/${encodeURIComponent(id)}/_history/${encodeURIComponent(versionId)}`);
  }

  search<T extends Resource = Resource>(
    type: string,
    params: SearchParams = {},
    options: { headers?: Record<string, string>; name?: string } = {},
  ): Promise<FhirResponse<Bundle<T>>> {
    return this.request<Bundle<T>>('GET', `${type}${queryString(params)}`, options);
  }

  create<T extends Resource>(
    resource: T,
    options: { headers?: Record<string, string>; name?: string } = {},
  ): Promise<FhirResponse<T>> {
    return this.request<T>('POST', resource.resourceType, { ...options, body: resource });
  }

  /** PUT [type]/[id]; pass `If-Match` in headers for a version-aware update. */
  update<T extends Resource>(
    resource: T & { id: string },
    options: { headers?: Record<string, string>; name?: string } = {},
  ): Promise<FhirResponse<T>> {
    return this.request<T>('PUT', `${resource.resourceType}/${encodeURIComponent(resource.id)}`, {
      ...options,
      body: resource,
    });
  }

  /** GET [type]/[id]/_history: the instance's history Bundle. */
  history<T extends Resource = Resource>(
    type: string,
    id: string,
    options: { headers?: Record<string, string>; name?: string } = {},
  ): Promise<FhirResponse<Bundle<T>>> {
    return this.request<Bundle<T>>('GET', `${type}/${encodeURIComponent(id)}/_history`, options);
  }

  /** Follows Bundle.link[next] on the target's origin; undefined when there is no next page. */
  async nextPage<T extends Resource>(bundle: Bundle<T>): Promise<FhirResponse<Bundle<T>> | undefined> {
    const next = linkOf(bundle, 'next');
    if (next === undefined) return undefined;
    refuseOffOrigin(this.http, this.http.resolve(next));
    return this.request<Bundle<T>>('GET', next);
  }
}

/**
 * A next link to another origin is not followed: the query (patient
 * identifiers) would leave the target, and what another server answers is not
 * evidence about this one. The check ends in error, saying why.
 */
export function refuseOffOrigin(http: HttpClient, url: string): void {
  const origin = new URL(url).origin;
  const own = new URL(http.baseUrl).origin;
  if (origin === own) return;
  throw new TargetError('protocol', m.pagingOffOrigin({ origin, own }));
}

export function linkOf(bundle: Bundle, relation: string): string | undefined {
  return bundle.link?.find((l) => l.relation === relation)?.url;
}

export function resourcesOf<T extends Resource>(bundle: Bundle<T> | undefined, type?: string): T[] {
  const all = (bundle?.entry ?? []).map((e) => e.resource).filter((r): r is T => r !== undefined);
  return type === undefined ? all : all.filter((r) => r.resourceType === type);
}

export function isOperationOutcome(resource: Resource | undefined): resource is OperationOutcome {
  return resource?.resourceType === 'OperationOutcome';
}

export function queryString(params: SearchParams): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) for (const item of v as readonly string[]) q.append(k, item);
    else q.append(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

function parseResource<T extends Resource>(http: HttpResponse): T | undefined {
  const type = http.headers['content-type'] ?? '';
  const looksJson = /json/i.test(type) || /^\s*[{[]/.test(http.body);
  if (!looksJson || http.body.trim() === '') return undefined;
  const value = http.json<unknown>();
  if (value && typeof value === 'object' && typeof (value as { resourceType?: unknown }).resourceType === 'string') {
    return value as T;
  }
  if (/fhir\+json/i.test(type)) {
    throw new TargetError('not-fhir', m.notFhirJson({ request: `${http.method} ${http.url}` }), http.exchangeId);
  }
  return undefined;
}
