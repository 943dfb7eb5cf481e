/**
 * The authorization rules every client suite checks (PHC-AUTH-01..07,
 * EMC-AUTH-01..07), as pure functions over the requests the client sent: a
 * finding lists the problems (none: the rule holds for what was examined),
 * the requests it rests on, and, when nothing that arrived could show the
 * rule either way, why (the check then skips: a verdict never says more than
 * was verified). Assertions are decoded without being trusted: the signature
 * is verified against the registered JWKS.
 */
import { compactVerify, createLocalJWKSet, decodeJwt, decodeProtectedHeader, type JWTPayload } from 'jose';
import { JWT_BEARER_ASSERTION } from '../../access/credentials/token-client.js';
import type { ClientRegistration, ReceivedRequest } from '../client-api.js';
import type { Bilingual } from '../vocabulary/messages.js';
import { authMessages as m, unverifiedMessages as u } from './messages.js';
import { objectOf, replyJson, requestTarget, retryKey } from './queries.js';

export interface ClientFinding {
  /** What is wrong; empty: the rule holds for every request examined. */
  problems: Bilingual[];
  /** The requests the finding rests on: the offending ones, else a few of those examined. */
  evidence: ReceivedRequest[];
  /** Set when nothing that arrived could show the rule either way: skip with this reason. */
  unverified?: Bilingual;
}

/** What the authorization rules are judged against. */
export interface AuthorizationSession {
  tokenUrl: string;
  registration: ClientRegistration;
}

const SIGNING_ALGS = ['RS384', 'ES384'];
/** SMART Backend Services: an assertion lives at most 5 minutes. */
const MAX_ASSERTION_LIFETIME_S = 300;
/** Clock difference tolerated between the client and homolog. */
const CLOCK_SKEW_S = 30;
/** Requests cited when the rule holds. */
const CITED_WHEN_PASSING = 5;

/** `POST token (#12)`: method, endpoint-relative path and exchange id (describe() adds the query instead of the id). */
export function requestLabel(r: ReceivedRequest): string {
  return `${r.method} ${requestTarget(r)} (#${r.exchangeId})`;
}

export function isTokenRequest(r: ReceivedRequest): boolean {
  return r.endpoint === 'token' && r.method === 'POST';
}

/** The bearer token a request carried, if any. */
export function bearerOf(r: ReceivedRequest): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(r.headers.authorization ?? '');
  return match?.[1];
}

function finding(problems: Bilingual[], offending: ReceivedRequest[], examined: ReceivedRequest[]): ClientFinding {
  return {
    problems,
    evidence: problems.length > 0 ? [...new Set(offending)] : examined.slice(0, CITED_WHEN_PASSING),
  };
}

function unverified(reason: Bilingual, examined: ReceivedRequest[] = []): ClientFinding {
  return { problems: [], evidence: examined.slice(0, CITED_WHEN_PASSING), unverified: reason };
}

interface Assertion {
  request: ReceivedRequest;
  jwt: string;
  alg: string | undefined;
  claims: JWTPayload;
}

/** The token requests' assertions that decode (unverified). */
function assertionsOf(requests: readonly ReceivedRequest[]): Assertion[] {
  return requests.filter(isTokenRequest).flatMap((request) => {
    const jwt = new URLSearchParams(request.body ?? '').get('client_assertion');
    if (!jwt) return [];
    try {
      return [{ request, jwt, alg: decodeProtectedHeader(jwt).alg, claims: decodeJwt(jwt) }];
    } catch {
      return [];
    }
  });
}

/** PHC-AUTH-01: every client assertion is a JWT signed (RS384/ES384) with a registered key; iss = sub = client id, aud = token URL. */
export async function assertionProblems(
  requests: readonly ReceivedRequest[],
  session: AuthorizationSession,
): Promise<ClientFinding> {
  const tokenRequests = requests.filter(isTokenRequest);
  if (tokenRequests.length === 0) return unverified(u.noTokenRequest());
  const keys = createLocalJWKSet({ keys: [...session.registration.jwks] });
  const { clientId } = session.registration;
  const problems: Bilingual[] = [];
  const offending: ReceivedRequest[] = [];
  const flag = (r: ReceivedRequest, problem: Bilingual): void => {
    problems.push(problem);
    offending.push(r);
  };
  for (const r of tokenRequests) {
    const at = requestLabel(r);
    const form = new URLSearchParams(r.body ?? '');
    const jwt = form.get('client_assertion');
    if (!jwt) {
      flag(r, m.noAssertion(at));
      continue;
    }
    const type = form.get('client_assertion_type');
    if (type !== JWT_BEARER_ASSERTION) flag(r, m.wrongAssertionType(at, type));
    let alg: string | undefined;
    let claims: JWTPayload;
    try {
      alg = decodeProtectedHeader(jwt).alg;
      claims = decodeJwt(jwt);
    } catch {
      flag(r, m.notJwt(at));
      continue;
    }
    if (alg === undefined || alg.toLowerCase() === 'none') flag(r, m.unsigned(at));
    else if (!SIGNING_ALGS.includes(alg)) flag(r, m.wrongAlg(at, alg));
    else {
      try {
        await compactVerify(jwt, keys, { algorithms: SIGNING_ALGS });
      } catch {
        flag(r, m.badSignature(at));
      }
    }
    if (claims.iss !== clientId) flag(r, m.wrongClaim(at, 'iss', claims.iss, clientId));
    if (claims.sub !== clientId) flag(r, m.wrongClaim(at, 'sub', claims.sub, clientId));
    const audiences = Array.isArray(claims.aud) ? claims.aud : claims.aud === undefined ? [] : [claims.aud];
    if (!audiences.includes(session.tokenUrl)) flag(r, m.wrongClaim(at, 'aud', claims.aud, session.tokenUrl));
  }
  return finding(problems, offending, tokenRequests);
}

/** PHC-AUTH-02: every assertion's exp is at most 5 minutes after it arrived (and not already past). */
export function assertionLifetimeProblems(requests: readonly ReceivedRequest[]): ClientFinding {
  const assertions = assertionsOf(requests);
  if (assertions.length === 0) return unverified(u.noAssertion());
  const problems: Bilingual[] = [];
  const offending: ReceivedRequest[] = [];
  for (const { request, claims } of assertions) {
    const at = requestLabel(request);
    const arrived = Math.floor(request.at / 1000);
    if (typeof claims.exp !== 'number') {
      problems.push(m.noExp(at));
    } else if (claims.exp - arrived > MAX_ASSERTION_LIFETIME_S + CLOCK_SKEW_S) {
      problems.push(m.expTooFar(at, claims.exp - arrived));
    } else if (claims.exp < arrived - CLOCK_SKEW_S) {
      problems.push(m.expired(at, arrived - claims.exp));
    } else continue;
    offending.push(request);
  }
  return finding(
    problems,
    offending,
    assertions.map((a) => a.request),
  );
}

/** PHC-AUTH-03: every assertion has a jti never used before in the session. */
export function assertionReplayProblems(requests: readonly ReceivedRequest[]): ClientFinding {
  const assertions = assertionsOf(requests);
  if (assertions.length === 0) return unverified(u.noAssertion());
  const seen = new Map<string, ReceivedRequest>();
  const problems: Bilingual[] = [];
  const offending: ReceivedRequest[] = [];
  for (const { request, claims } of assertions) {
    const jti = typeof claims.jti === 'string' && claims.jti !== '' ? claims.jti : undefined;
    const first = jti === undefined ? undefined : seen.get(jti);
    if (jti === undefined) problems.push(m.noJti(requestLabel(request)));
    else if (first) problems.push(m.jtiReused(requestLabel(request), jti, requestLabel(first)));
    else {
      seen.set(jti, request);
      continue;
    }
    offending.push(request);
    if (first) offending.push(first);
  }
  return finding(
    problems,
    offending,
    assertions.map((a) => a.request),
  );
}

/** The token a successful token request got, and for how long. */
function issuedToken(r: ReceivedRequest): { token: string; lifetimeMs: number } | undefined {
  if (r.reply.status !== 200) return undefined;
  const body = objectOf(replyJson(r));
  if (typeof body?.access_token !== 'string' || typeof body.expires_in !== 'number') return undefined;
  return { token: body.access_token, lifetimeMs: body.expires_in * 1000 };
}

/**
 * PHC-AUTH-04: a new token is requested only when the current one is near
 * expiry (its last minute, or its last half for a short-lived one) or was
 * answered 401; never one per request.
 */
export function tokenReuseProblems(requests: readonly ReceivedRequest[]): ClientFinding {
  let current: { token: string; issuedAt: number; lifetimeMs: number; request: ReceivedRequest } | undefined;
  let refused = false;
  const uses: ReceivedRequest[] = [];
  const problems: Bilingual[] = [];
  const offending: ReceivedRequest[] = [];
  for (const r of requests) {
    if (isTokenRequest(r)) {
      if (current && !refused) {
        const remaining = current.issuedAt + current.lifetimeMs - r.at;
        if (remaining > Math.min(60_000, current.lifetimeMs / 2)) {
          problems.push(m.tokenNotReused(requestLabel(r), requestLabel(current.request), Math.round(remaining / 1000)));
          offending.push(r);
        }
      }
      const issued = issuedToken(r);
      if (issued) {
        current = { ...issued, issuedAt: r.at, request: r };
        refused = false;
      }
    } else if (current && bearerOf(r) === current.token) {
      uses.push(r);
      if (r.reply.status === 401) refused = true;
    }
  }
  if (current === undefined || uses.length < 2) return unverified(u.tooFewTokenUses(), uses);
  return finding(problems, offending, uses);
}

/** PHC-AUTH-05: every connection to the record presented a client certificate issued by the registered CA. */
export function clientCertificateProblems(
  requests: readonly ReceivedRequest[],
  registration: ClientRegistration,
): ClientFinding {
  if (registration.certificateCa === undefined) return unverified(u.noCertificateCa());
  const toRecord = requests.filter((r) => r.endpoint !== 'elsewhere');
  if (toRecord.length === 0) return unverified(u.noRequest());
  const problems: Bilingual[] = [];
  const offending: ReceivedRequest[] = [];
  const judged = new Set<number>();
  for (const r of toRecord) {
    if (judged.has(r.tls.connection)) continue;
    judged.add(r.tls.connection);
    const certificate = r.tls.certificate;
    if (certificate === undefined) problems.push(m.noCertificate(r.tls.connection, requestLabel(r)));
    else if (!certificate.trusted)
      problems.push(m.untrustedCertificate(r.tls.connection, requestLabel(r), certificate.subject));
    else continue;
    offending.push(r);
  }
  return finding(problems, offending, toRecord);
}

/** PHC-AUTH-06: nothing sent to the other origin carried credentials (Authorization, access_token). */
export function credentialsElsewhereProblems(requests: readonly ReceivedRequest[]): ClientFinding {
  const elsewhere = requests.filter((r) => r.endpoint === 'elsewhere');
  if (elsewhere.length === 0) return unverified(u.nothingElsewhere());
  const problems: Bilingual[] = [];
  const offending: ReceivedRequest[] = [];
  for (const r of elsewhere) {
    const header = r.headers.authorization !== undefined;
    const param = r.query.some(([name]) => name === 'access_token');
    if (!header && !param) continue;
    problems.push(m.credentialsElsewhere(requestLabel(r), header && param ? 'both' : header ? 'header' : 'param'));
    offending.push(r);
  }
  return finding(problems, offending, elsewhere);
}

/** A 401 answer awaiting judgement, with what came after it. */
interface Refused {
  request: ReceivedRequest;
  /** The first request for a token after the 401. */
  token?: ReceivedRequest;
  /** The first resend of the refused request, and whether a token was requested before it. */
  retry?: ReceivedRequest;
  tokenBeforeRetry: boolean;
  /** How many resends so far, the last one's status, and those resent after another 401 (a loop). */
  attempts: number;
  lastStatus: number;
  chained: ReceivedRequest[];
  lastChained: number;
}

/**
 * PHC-AUTH-07: a request answered 401 is sent again once, with a token
 * obtained after the 401; no loop. A 401 whose new token the record refused
 * cannot be judged. Each request is looked at once: the first 401 of each
 * request (retryKey) is judged, every later one of the same request is a
 * resend of it.
 */
export function tokenRefreshProblems(requests: readonly ReceivedRequest[]): ClientFinding {
  const refusals = new Map<string, Refused>();
  let awaitingToken: Refused[] = [];
  for (const r of requests) {
    if (isTokenRequest(r)) {
      for (const refused of awaitingToken) refused.token = r;
      awaitingToken = [];
      continue;
    }
    const key = retryKey(r);
    const refused = refusals.get(key);
    if (refused) {
      if (refused.retry === undefined) {
        refused.retry = r;
        refused.tokenBeforeRetry = refused.token !== undefined;
      } else if (refused.lastStatus === 401) {
        refused.chained.push(r);
        refused.lastChained = refused.attempts;
      }
      refused.attempts += 1;
      refused.lastStatus = r.reply.status;
    } else if (r.endpoint === 'fhir' && r.reply.status === 401) {
      const entry: Refused = {
        request: r,
        tokenBeforeRetry: false,
        attempts: 0,
        lastStatus: 0,
        chained: [],
        lastChained: 0,
      };
      refusals.set(key, entry);
      awaitingToken.push(entry);
    }
  }
  const problems: Bilingual[] = [];
  const offending: ReceivedRequest[] = [];
  const examined: ReceivedRequest[] = [];
  for (const { request: r, token, retry, tokenBeforeRetry, chained, lastChained } of refusals.values()) {
    const at = requestLabel(r);
    if (retry === undefined) {
      // The client asked for a token and the record refused it: it could not retry.
      if (token !== undefined && issuedToken(token) === undefined) continue;
      examined.push(r);
      problems.push(m.notRetriedAfter401(at));
      offending.push(r);
      continue;
    }
    examined.push(r, retry);
    if (!tokenBeforeRetry) {
      problems.push(m.retriedWithoutNewToken(at, requestLabel(retry)));
      offending.push(r, retry);
    } else if (bearerOf(retry) === bearerOf(r)) {
      problems.push(m.retriedWithSameToken(at, requestLabel(retry)));
      offending.push(r, retry);
    }
    if (chained.length > 0) {
      problems.push(m.refreshLoop(at, lastChained + 2));
      offending.push(...chained);
    }
  }
  if (examined.length === 0) return unverified(u.no401());
  return finding(problems, offending, examined);
}
