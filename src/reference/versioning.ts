/**
 * Version headers, conditional read and If-Match: ETag W/"versionId",
 * Last-Modified from meta.lastUpdated, 304 when the client's copy is current.
 * The comparison always uses the real version, even when a fault hides the
 * headers.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Resource } from '@medplum/fhirtypes';
import type { ActiveFaults, FaultDefinition } from './faults.js';

export const NO_ETAG = {
  name: 'no-etag',
  suite: 'fhir-core',
  breaks: 'FC-READ-03',
  description: {
    fr: "Les réponses de lecture (read, vread) ne portent pas d'en-tête ETag.",
    en: 'Read responses (read, vread) carry no ETag header.',
  },
} as const satisfies FaultDefinition;

export const NO_LAST_MODIFIED = {
  name: 'no-last-modified',
  suite: 'fhir-core',
  breaks: 'FC-READ-04',
  description: {
    fr: "Les réponses ne portent pas d'en-tête Last-Modified.",
    en: 'Responses carry no Last-Modified header.',
  },
} as const satisfies FaultDefinition;

export interface Version {
  versionId: string;
  lastUpdated: string;
}

export function versionOf(resource: Resource): Version | undefined {
  const { versionId, lastUpdated } = resource.meta ?? {};
  return versionId === undefined || lastUpdated === undefined ? undefined : { versionId, lastUpdated };
}

export function weakEtag(versionId: string): string {
  return `W/"${versionId}"`;
}

/** RFC 7231 IMF-fixdate, e.g. "Tue, 02 Jan 2024 09:30:00 GMT" (second precision). */
export function httpDate(instant: string): string {
  return new Date(instant).toUTCString();
}

export function versionHeaders(version: Version | undefined, faults: ActiveFaults): Record<string, string> {
  const headers: Record<string, string> = {};
  if (version === undefined) return headers;
  if (!faults.has(NO_ETAG)) headers.ETag = weakEtag(version.versionId);
  if (!faults.has(NO_LAST_MODIFIED)) headers['Last-Modified'] = httpDate(version.lastUpdated);
  return headers;
}

/** RFC 7232: If-None-Match decides when present; otherwise If-Modified-Since. */
export function isNotModified(headers: IncomingHttpHeaders, version: Version): boolean {
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch !== undefined) return etagListMatches(ifNoneMatch, version.versionId);
  const ifModifiedSince = headers['if-modified-since'];
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  // HTTP dates have whole seconds; compare the resource's time at that precision.
  return !Number.isNaN(since) && Math.floor(Date.parse(version.lastUpdated) / 1000) * 1000 <= since;
}

/** Weak comparison (W/"1" and "1" both match version 1), as RFC 7232 prescribes for If-None-Match and FHIR expects of If-Match. */
function etagListMatches(list: string, versionId: string): boolean {
  return list.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === `"${versionId}"`;
  });
}

/** The server's time for meta.lastUpdated, to the second, so that Last-Modified (second precision) and meta.lastUpdated say the same. */
export function serverTimestamp(): string {
  return new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
}

/**
 * If-Match (RFC 7232, as FHIR uses it for version-aware updates): true when one
 * of its entity tags names the current version. The version is compared with
 * or without W/, since FHIR clients echo the weak ETag they were given.
 */
export function ifMatchHolds(ifMatch: string, versionId: string): boolean {
  return etagListMatches(ifMatch, versionId);
}
