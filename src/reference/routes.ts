/** The FHIR routes this server knows, from the path segments after [base]. */

export type Route =
  | { kind: 'metadata' }
  /** [base] itself: POST a transaction or batch Bundle. */
  | { kind: 'system' }
  | { kind: 'type'; type: string }
  | { kind: 'search-post'; type: string }
  | { kind: 'instance'; type: string; id: string }
  | { kind: 'history'; type: string; id: string }
  | { kind: 'version'; type: string; id: string; versionId: string }
  | { kind: 'unknown' };

/** FHIR id grammar; anything else cannot name a resource here. */
const ID = /^[A-Za-z0-9\-.]{1,64}$/;
const TYPE = /^[A-Z][A-Za-z]+$/;

export function routeOf(segments: readonly string[]): Route {
  const [type = '', id = '', history, versionId = ''] = segments;
  if (segments.length === 0) return { kind: 'system' };
  if (segments.length === 1 && type === 'metadata') return { kind: 'metadata' };
  if (!TYPE.test(type)) return { kind: 'unknown' };
  if (segments.length === 1) return { kind: 'type', type };
  if (segments.length === 2 && id === '_search') return { kind: 'search-post', type };
  if (!ID.test(id)) return { kind: 'unknown' };
  if (segments.length === 2) return { kind: 'instance', type, id };
  if (segments.length === 3 && history === '_history') return { kind: 'history', type, id };
  if (segments.length === 4 && history === '_history' && ID.test(versionId))
    return { kind: 'version', type, id, versionId };
  return { kind: 'unknown' };
}

/** Path segments below /fhir, percent-decoded; undefined when the path is not under /fhir, null when it cannot be decoded. */
export function fhirSegments(pathname: string): string[] | undefined | null {
  const parts = pathname.split('/').filter((p) => p !== '');
  if (parts[0] !== 'fhir') return undefined;
  try {
    return parts.slice(1).map((p) => decodeURIComponent(p));
  } catch {
    return null;
  }
}
