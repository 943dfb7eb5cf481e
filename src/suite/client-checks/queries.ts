/**
 * Pure checks over the requests a client sent (ReceivedRequest[]), shared by
 * the client suites: how it searched (parameters in the query or in a POST
 * _search form), whether it followed the `next` links homolog served, how it
 * handled a refusal and a Retry-After, how many requests a scenario took, how
 * it searched by NAM. Each returns problems in English and French (empty:
 * none), for judge() (judge.ts) with the requests they rest on. What the
 * client sent is untrusted: it reaches messages on one line, without
 * control characters (safeLine).
 */
import { retryAfterMs } from '../../http/retry-after.js';
import { safeLine } from '../../util/safe-text.js';
import type { ReceivedRequest } from '../client-api.js';
import type { Bilingual } from '../vocabulary/messages.js';

/** Where a request went, relative to its endpoint: `Patient/_search`, `/` (the FHIR base), `token`. */
export function requestTarget(r: ReceivedRequest): string {
  return r.endpoint === 'fhir' ? r.path || '/' : `${r.endpoint}${r.path ? `/${r.path}` : ''}`;
}

/** The request as a reader types it, relative to its endpoint, percent-decoded: `POST Patient/_search`, `GET Observation?patient=1`. */
export function describe(request: ReceivedRequest): string {
  const query = new URLSearchParams(request.query.map(([k, v]): [string, string] => [k, v])).toString();
  const text = `${request.method} ${requestTarget(request)}${query ? `?${query}` : ''}`;
  try {
    return safeLine(decodeURIComponent(text.replace(/\+/g, ' ')));
  } catch {
    return safeLine(text);
  }
}

/** A JSON text's value; undefined when there is none or it is not JSON (a client's body, homolog's answer). */
export function jsonOf(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A JSON object's fields, or undefined for anything else. */
export function objectOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The JSON of homolog's answer to a request, or undefined. */
export function replyJson(r: ReceivedRequest): unknown {
  return jsonOf(r.reply.body);
}

/** Whether homolog answered a success (2xx). */
export function succeeded(r: ReceivedRequest): boolean {
  return r.reply.status >= 200 && r.reply.status < 300;
}

/** A header of homolog's answer (names compared case-insensitively). */
export function replyHeader(r: ReceivedRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return Object.entries(r.reply.headers).find(([k]) => k.toLowerCase() === wanted)?.[1];
}

function isForm(request: ReceivedRequest): boolean {
  return (request.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
}

/**
 * The resource type a FHIR request searches: `GET Observation?…` or
 * `POST Observation/_search`; undefined for anything else (reads, writes,
 * other endpoints).
 */
export function searchedType(request: ReceivedRequest): string | undefined {
  if (request.endpoint !== 'fhir') return undefined;
  const post = /^([A-Z][A-Za-z]+)\/_search$/.exec(request.path);
  if (request.method === 'POST' && post) return post[1];
  if (request.method === 'GET' && /^[A-Z][A-Za-z]+$/.test(request.path)) return request.path;
  return undefined;
}

/** The searches of one resource type among the requests. */
export function searchesOf(requests: readonly ReceivedRequest[], type: string): ReceivedRequest[] {
  return requests.filter((r) => searchedType(r) === type);
}

/** The search parameters of a request: its query, plus the form body of a POST _search (names and values safe for messages). */
export function searchParams(request: ReceivedRequest): [string, string][] {
  const params: [string, string][] = request.query.map(([k, v]) => [k, v]);
  if (request.method === 'POST' && isForm(request) && request.body !== undefined)
    params.push(...new URLSearchParams(request.body));
  return params.map(([k, v]) => [safeLine(k), safeLine(v)]);
}

/** Every value of one search parameter (modifiers kept apart: `category:text` is not `category`). */
export function valuesOf(params: readonly (readonly [string, string])[], name: string): string[] {
  return params.filter(([k]) => k === name).flatMap(([, v]) => v.split(','));
}

/** A token value's code, whatever system it names (`http://loinc.org|LP29684-5` → `LP29684-5`). */
export function tokenCode(value: string): string {
  const bar = value.lastIndexOf('|');
  return bar < 0 ? value : value.slice(bar + 1);
}

/** The patient a search names: patient=123, patient=Patient/123, subject=Patient/123 (the id), or undefined. */
export function searchedPatient(params: readonly (readonly [string, string])[]): string | undefined {
  const value = valuesOf(params, 'patient')[0] ?? valuesOf(params, 'subject')[0];
  if (value === undefined) return undefined;
  const tail = value.split('/').pop();
  return tail === '' ? undefined : tail;
}

/** The search's date bounds: a lower one (ge/gt/sa/eq) and an upper one (le/lt/eb/eq). */
export function dateBounds(
  params: readonly (readonly [string, string])[],
  name = 'date',
): {
  lower?: string;
  upper?: string;
} {
  const bounds: { lower?: string; upper?: string } = {};
  for (const value of valuesOf(params, name)) {
    const prefix = /^(ge|gt|le|lt|sa|eb|eq)/.exec(value)?.[1];
    const date = prefix ? value.slice(2) : value;
    // A bare or eq date is a period (a day, a month): it bounds both ways.
    if (prefix === undefined || prefix === 'eq' || ['ge', 'gt', 'sa'].includes(prefix)) bounds.lower ??= date;
    if (prefix === undefined || prefix === 'eq' || ['le', 'lt', 'eb'].includes(prefix)) bounds.upper ??= date;
  }
  return bounds;
}

/** What makes two requests the same: endpoint, method, path, query (in any order) and body. */
function requestKey(r: ReceivedRequest): string {
  return JSON.stringify([r.endpoint, r.method, r.path, [...r.query].map(([k, v]) => `${k}=${v}`).sort(), r.body ?? '']);
}

/** Same request: method, path, query (in any order) and body. */
export function sameRequest(a: ReceivedRequest, b: ReceivedRequest): boolean {
  return requestKey(a) === requestKey(b);
}

/**
 * What makes a request a resend of another after a 401 (PHC-AUTH-07): the
 * same endpoint, method, path and query (as sent), in the same scenario;
 * the body is not compared, unlike requestKey.
 */
export function retryKey(r: ReceivedRequest): string {
  return JSON.stringify([r.scenario ?? null, r.endpoint, r.method, r.path, r.query]);
}

/** The `next` link of a Bundle homolog answered with, if any. */
export function nextLinkOf(request: ReceivedRequest): string | undefined {
  if (request.reply.status !== 200) return undefined;
  const body = objectOf(replyJson(request));
  if (body?.resourceType !== 'Bundle' || !Array.isArray(body.link)) return undefined;
  const next = body.link.map(objectOf).find((l) => l?.relation === 'next');
  return typeof next?.url === 'string' ? next.url : undefined;
}

const sortedParams = (pairs: Iterable<readonly [string, string]>): string =>
  [...pairs]
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join('&');

/** What a FHIR request fetches: its path and parameters in any order (compared with linkKey). */
function fetchKey(request: ReceivedRequest): string | undefined {
  return request.endpoint === 'fhir' ? `${request.path}?${sortedParams(searchParams(request))}` : undefined;
}

/** The same for an absolute link under `baseUrl`; undefined for a link elsewhere or unreadable. */
function linkKey(url: string, baseUrl: string): string | undefined {
  try {
    const link = new URL(url);
    const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
    if (link.origin !== base.origin || !link.pathname.startsWith(base.pathname)) return undefined;
    const path = decodeURIComponent(link.pathname.slice(base.pathname.length));
    return `${path}?${sortedParams([...link.searchParams].map(([k, v]) => [safeLine(k), safeLine(v)]))}`;
  } catch {
    return undefined;
  }
}

/** Whether a request fetches `url` (an absolute link under `baseUrl`): same path and the same parameters in any order. */
export function fetches(request: ReceivedRequest, url: string, baseUrl: string): boolean {
  const key = fetchKey(request);
  return key !== undefined && key === linkKey(url, baseUrl);
}

/**
 * The requests that fetch a `next` link homolog served before them (one
 * pass: a flooding client does not make this quadratic).
 */
export function nextLinkFetches(requests: readonly ReceivedRequest[], baseUrl: string): Set<ReceivedRequest> {
  const served = new Set<string>();
  const follows = new Set<ReceivedRequest>();
  for (const r of requests) {
    const key = fetchKey(r);
    if (key !== undefined && served.has(key)) follows.add(r);
    const next = nextLinkOf(r);
    const link = next === undefined ? undefined : linkKey(next, baseUrl);
    if (link !== undefined) served.add(link);
  }
  return follows;
}

/**
 * EMC-LAB-02, PHC-QRY-04: every `next` link homolog served under the FHIR
 * base was fetched afterwards, so the client read the result to its last
 * page (a link to another origin is not judged here).
 */
export function nextLinksNotFollowed(requests: readonly ReceivedRequest[], baseUrl: string): Bilingual[] {
  const problems: Bilingual[] = [];
  // Backwards, knowing what was fetched after each answer: one pass.
  const fetchedLater = new Set<string>();
  for (let i = requests.length - 1; i >= 0; i--) {
    const served = requests[i] as ReceivedRequest;
    const next = nextLinkOf(served);
    const link = next === undefined ? undefined : linkKey(next, baseUrl);
    if (next !== undefined && link !== undefined && !fetchedLater.has(link)) {
      let shown = next;
      try {
        shown = decodeURIComponent(next);
      } catch {
        // keep it encoded
      }
      shown = safeLine(shown);
      problems.push({
        en: `${describe(served)} was answered with a page whose next link (${shown}) was never fetched`,
        fr: `${describe(served)} a reçu une page dont le lien next (${shown}) n’a jamais été suivi`,
      });
    }
    const key = fetchKey(served);
    if (key !== undefined) fetchedLater.add(key);
  }
  return problems.reverse();
}

/** How many `next` links homolog served in these requests' answers. */
export function nextLinksServed(requests: readonly ReceivedRequest[]): number {
  return requests.filter((r) => nextLinkOf(r) !== undefined).length;
}

/**
 * EMC-CON-01, PHC-ERR-01: a request homolog refused (`refused` says which
 * answers count) is not sent again unchanged, however long after.
 */
export function resentAfterRefusal(
  requests: readonly ReceivedRequest[],
  refused: (request: ReceivedRequest) => boolean,
): Bilingual[] {
  // One pass: the first refusal of each request, and how many times it came again after it.
  const refusals = new Map<string, { first: ReceivedRequest; again: number }>();
  for (const r of requests) {
    const key = requestKey(r);
    const seen = refusals.get(key);
    if (seen) seen.again += 1;
    else if (refused(r)) refusals.set(key, { first: r, again: 0 });
  }
  return [...refusals.values()]
    .filter(({ again }) => again > 0)
    .map(({ first, again }) => ({
      en: `${describe(first)} was refused (${first.reply.status}) and sent again ${again} time(s)`,
      fr: `${describe(first)} a été refusée (${first.reply.status}) et renvoyée ${again} fois`,
    }));
}

/** A consent refusal answer: 403 with an OperationOutcome issue coded `suppressed`. */
export function isConsentRefusal(request: ReceivedRequest): boolean {
  if (request.reply.status !== 403) return false;
  const body = objectOf(replyJson(request));
  return (
    body?.resourceType === 'OperationOutcome' &&
    Array.isArray(body.issue) &&
    body.issue.some((i) => objectOf(i)?.code === 'suppressed')
  );
}

/** Timers and clocks of one machine: a retry this much early is still counted as on time. */
const RETRY_SLACK_MS = 50;

/**
 * EMC-ERR-01, PHC-ERR-02: after a 429 or 503 with Retry-After, no FHIR
 * request arrives before the delay has passed.
 */
export function retryAfterProblems(requests: readonly ReceivedRequest[]): Bilingual[] {
  const problems: Bilingual[] = [];
  // The first FHIR request after each one (backwards, one pass): if that one waited, every later one did.
  const nextFhir: (ReceivedRequest | undefined)[] = [];
  let upcoming: ReceivedRequest | undefined;
  for (let i = requests.length - 1; i >= 0; i--) {
    nextFhir[i] = upcoming;
    if (requests[i]?.endpoint === 'fhir') upcoming = requests[i];
  }
  for (const [i, limited] of requests.entries()) {
    if (limited.reply.status !== 429 && limited.reply.status !== 503) continue;
    const header = replyHeader(limited, 'retry-after');
    const delay = retryAfterMs(header, limited.at);
    const early = nextFhir[i];
    if (delay === undefined || early === undefined || early.at - limited.at >= delay - RETRY_SLACK_MS) continue;
    problems.push({
      en: `${describe(limited)} was answered ${limited.reply.status} with Retry-After: ${safeLine(header ?? '')}, and ${describe(early)} came ${early.at - limited.at} ms later`,
      fr: `${describe(limited)} a reçu ${limited.reply.status} avec Retry-After: ${safeLine(header ?? '')}, et ${describe(early)} est arrivée ${early.at - limited.at} ms plus tard`,
    });
  }
  return problems;
}

/**
 * EMC-ERR-02, PHC-ERR-04: no scenario took more than `max` requests (the
 * control API is not counted: it is not in `requests`). A request that
 * matched no scenario counts for the scenario before it: the client was
 * still acting on it after homolog had seen enough. `counted` picks the
 * scenarios judged (a session may run another suite's too).
 */
export function requestCountProblems(
  requests: readonly ReceivedRequest[],
  max: number,
  counted: (scenario: string) => boolean = () => true,
): Bilingual[] {
  const counts = new Map<string, number>();
  let current: string | undefined;
  for (const r of requests) {
    current = r.scenario ?? current;
    if (current !== undefined && counted(current)) counts.set(current, (counts.get(current) ?? 0) + 1);
  }
  return [...counts]
    .filter(([, n]) => n > max)
    .map(([scenario, n]) => ({
      en: `scenario ${scenario}: ${n} requests (at most ${max})`,
      fr: `scénario ${scenario} : ${n} requêtes (au plus ${max})`,
    }));
}

/** Whether a request is a NAM search: a Patient search with an identifier parameter. */
export function isNamSearch(r: ReceivedRequest): boolean {
  return (
    searchedType(r) === 'Patient' && searchParams(r).some(([k]) => k === 'identifier' || k === 'identifier:of-type')
  );
}

/** The NAM searches among the requests. */
export function namSearches(requests: readonly ReceivedRequest[]): ReceivedRequest[] {
  return requests.filter(isNamSearch);
}

/**
 * EMC-PAT-01, PHC-QRY-01: each NAM search is identifier=<system>|<NAM>
 * (one of the scenarios' NAMs, under the NAM naming system).
 */
export function namSearchProblems(
  searches: readonly ReceivedRequest[],
  system: string,
  nams: readonly string[],
): Bilingual[] {
  const accepted = nams.map((nam) => `${system}|${nam}`);
  const expected = accepted.join(' or ');
  return searches.flatMap((r) => {
    const values = valuesOf(searchParams(r), 'identifier');
    if (values.some((v) => accepted.includes(v))) return [];
    const got = values.length ? values.join(', ') : 'none';
    return [
      {
        en: `${describe(r)}: expected identifier=${expected}, got identifier ${got}`,
        fr: `${describe(r)} : attendu identifier=${expected}, reçu identifier ${values.length ? got : 'aucun'}`,
      },
    ];
  });
}

/**
 * EMC-PAT-02, PHC-QRY-02: the NAM search is a POST Patient/_search, and no
 * request carries the NAM in its URL (path or query).
 */
export function namInUrlProblems(
  requests: readonly ReceivedRequest[],
  searches: readonly ReceivedRequest[],
  nams: readonly string[],
): Bilingual[] {
  const problems: Bilingual[] = [];
  for (const r of searches)
    if (!(r.method === 'POST' && r.path === 'Patient/_search'))
      problems.push({
        en: `${describe(r)}: expected the NAM search as POST Patient/_search`,
        fr: `${describe(r)} : recherche par NAM attendue en POST Patient/_search`,
      });
  const upper = nams.map((nam) => nam.toUpperCase());
  for (const r of requests) {
    const url = `${r.path}?${r.query.map(([k, v]) => `${k}=${v}`).join('&')}`.toUpperCase();
    if (upper.some((nam) => url.includes(nam)))
      problems.push({
        en: `${describe(r)}: the NAM is in the URL`,
        fr: `${describe(r)} : le NAM figure dans l’URL`,
      });
  }
  return problems;
}
