import { expect } from 'chai';
import { compactVerify, createLocalJWKSet, decodeJwt } from 'jose';
import { NAM_SYSTEM } from '../../src/identifiers/nam.js';
import { REQUESTED_SCOPE } from '../../src/reference-client/auth.js';
import { CARNET_FAULTS } from '../../src/reference-client/carnet.js';
import { retryAfterMs } from '../../src/reference-client/client.js';
import { EMR_FAULTS } from '../../src/reference-client/emr.js';
import { ERX_PHARMACY_FAULTS } from '../../src/reference-client/erx-pharmacy.js';
import { ERX_PRESCRIBER_FAULTS } from '../../src/reference-client/erx-prescriber.js';
import {
  CLIENT_FAULTS,
  clientFaultNames,
  listClientFaults,
  resolveClientFaults,
} from '../../src/reference-client/faults.js';
import { type ReferenceClientIdentity, referenceClientIdentity } from '../../src/reference-client/identity.js';
import { PHARMACY_FAULTS } from '../../src/reference-client/pharmacy.js';
import { startReferenceClient } from '../../src/reference-client/runner.js';
import type { ReceivedRequest } from '../../src/suite/client-api.js';
import { bearerOf, type ClientFinding, isTokenRequest } from '../../src/suite/client-checks/authorization.js';
import { authorizationFindings } from './findings.js';
import { startRecordServer } from './record-server.js';
import { NAM, runTour, TOUR_SUITE, type Tour } from './tour.js';

const assertionOf = (r: ReceivedRequest): string => new URLSearchParams(r.body ?? '').get('client_assertion') ?? '';

describe('reference client', function () {
  this.timeout(60_000);
  let identity: ReferenceClientIdentity;
  let clean: Tour;

  before(async () => {
    identity = await referenceClientIdentity();
    clean = await runTour(identity);
  });

  describe('identity', () => {
    it('is made once per process: an ES384 public JWKS with the kid, a client certificate that is its own CA', async () => {
      expect(await referenceClientIdentity()).to.equal(identity);
      expect(identity.jwks).to.have.length(1);
      expect(identity.jwks[0]).to.include({ kty: 'EC', crv: 'P-384', kid: identity.kid, alg: 'ES384' });
      expect(identity.jwks[0]).to.not.have.property('d');
      expect(identity.certificate.cert).to.equal(identity.certificateCa);
    });
  });

  describe('a clean session', () => {
    it('performs every announced scenario, says each done, and ends when the session is finished', () => {
      expect(clean.server.done).to.deep.equal(['find-patient', 'paged', 'expired-token', 'busy', 'consent']);
      expect(clean.handle.errors).to.deep.equal([]);
      expect(clean.seen).to.deep.equal({
        'find-patient': 'p1',
        paged: ['o1', 'o2', 'o3'],
        'expired-token': 'p1',
        busy: 'p1',
        consent: 403,
      });
    });

    it('authenticates with an ES384 assertion signed by its registered key: iss = sub = client id, aud = token URL, exp at most 5 min, a fresh jti each time', async () => {
      const tokens = clean.received.filter(isTokenRequest);
      expect(tokens).to.have.length(2);
      const jtis = new Set<unknown>();
      for (const r of tokens) {
        const form = new URLSearchParams(r.body ?? '');
        expect(form.get('grant_type')).to.equal('client_credentials');
        expect(form.get('scope')).to.equal(REQUESTED_SCOPE);
        const { protectedHeader } = await compactVerify(assertionOf(r), createLocalJWKSet({ keys: identity.jwks }));
        expect(protectedHeader).to.include({ alg: 'ES384', kid: identity.kid });
        const claims = decodeJwt(assertionOf(r));
        expect(claims).to.include({
          iss: identity.clientId,
          sub: identity.clientId,
          aud: clean.server.session.tokenUrl,
        });
        expect(Number(claims.exp) - r.at / 1000).to.be.at.most(301);
        jtis.add(claims.jti);
      }
      expect(jtis.size).to.equal(2);
    });

    it('reuses its token: one token for every request until the 401, then one new token', () => {
      const fhir = clean.received.filter((r) => r.endpoint === 'fhir');
      const bearers = new Set(fhir.map(bearerOf));
      expect(fhir.length).to.be.greaterThan(5);
      expect(bearers.size).to.equal(2);
    });

    it('presents its trusted client certificate on every connection to the record', () => {
      const toRecord = clean.received.filter((r) => r.endpoint !== 'elsewhere');
      for (const r of toRecord) expect(r.tls.certificate?.trusted, `#${r.exchangeId}`).to.equal(true);
    });

    it('sends its token to the record only: the next link on the other origin is followed without Authorization', () => {
      const elsewhere = clean.received.filter((r) => r.endpoint === 'elsewhere');
      expect(elsewhere.map((r) => r.path)).to.deep.equal(['page3']);
      expect(elsewhere[0]?.headers).to.not.have.property('authorization');
      for (const r of clean.received.filter((x) => x.endpoint === 'fhir')) expect(bearerOf(r)).to.be.a('string');
    });

    it('on a 401 gets one new token and sends the request once more with it', () => {
      const steps = clean.in('expired-token').map((r) => `${r.endpoint} ${r.reply.status}`);
      expect(steps).to.deep.equal(['fhir 401', 'token 200', 'fhir 200']);
      const [refused, , retried] = clean.in('expired-token');
      expect(bearerOf(retried as ReceivedRequest)).to.not.equal(bearerOf(refused as ReceivedRequest));
    });

    it('waits Retry-After before retrying a 429, once', () => {
      const [busy, retry, ...rest] = clean.in('busy');
      expect(rest).to.deep.equal([]);
      expect(busy?.reply.status).to.equal(429);
      expect((retry?.at ?? 0) - (busy?.at ?? 0)).to.be.at.least(950);
    });

    it('never resends a request refused with 403', () => {
      expect(clean.in('consent').map((r) => r.reply.status)).to.deep.equal([403]);
    });

    it('finds the patient by NAM with POST Patient/_search and the NAM system, the NAM not in the URL', () => {
      const [search] = clean.in('find-patient').filter((r) => r.endpoint === 'fhir');
      expect(search).to.include({ method: 'POST', path: 'Patient/_search' });
      expect(search?.query).to.deep.equal([]);
      expect(new URLSearchParams(search?.body ?? '').get('identifier')).to.equal(`${NAM_SYSTEM}|${NAM}`);
    });

    it('follows next links to the end of a paged result, across origins', () => {
      expect(clean.in('paged').map((r) => `${r.endpoint} ${r.path}`)).to.deep.equal([
        'fhir Observation',
        'fhir Observation',
        'elsewhere page3',
      ]);
    });
  });

  const tours = new Map<string, Tour>();
  const tour = async (fault: string): Promise<Tour> => {
    let found = tours.get(fault);
    if (!found) {
      found = await runTour(identity, [fault]);
      tours.set(fault, found);
    }
    return found;
  };

  describe('faults, on the wire', () => {
    it('assertion-alg-none: the assertion is unsigned', async () => {
      const t = await tour('assertion-alg-none');
      const [first] = t.received.filter(isTokenRequest);
      expect(assertionOf(first as ReceivedRequest).split('.')[2]).to.equal('');
      expect(
        JSON.parse(Buffer.from(assertionOf(first as ReceivedRequest).split('.')[0] ?? '', 'base64url').toString()),
      ).to.include({ alg: 'none' });
    });

    it('assertion-wrong-aud: aud is the origin, not the token URL', async () => {
      const t = await tour('assertion-wrong-aud');
      const [first] = t.received.filter(isTokenRequest);
      expect(decodeJwt(assertionOf(first as ReceivedRequest)).aud).to.equal(
        `${new URL(t.server.session.tokenUrl).origin}/`,
      );
    });

    it('assertion-exp-too-far: exp one hour ahead', async () => {
      const t = await tour('assertion-exp-too-far');
      const [first] = t.received.filter(isTokenRequest);
      expect(Number(decodeJwt(assertionOf(first as ReceivedRequest)).exp) - (first?.at ?? 0) / 1000).to.be.greaterThan(
        3500,
      );
    });

    it('assertion-jti-reused: both assertions carry the same jti', async () => {
      const t = await tour('assertion-jti-reused');
      const jtis = t.received.filter(isTokenRequest).map((r) => decodeJwt(assertionOf(r)).jti);
      expect(jtis).to.have.length(2);
      expect(jtis[0]).to.equal(jtis[1]);
    });

    it('token-per-request: one token request before every FHIR request', async () => {
      const t = await tour('token-per-request');
      const fhir = t.received.filter((r) => r.endpoint === 'fhir');
      expect(t.received.filter(isTokenRequest).length).to.equal(fhir.length);
    });

    it('no-client-certificate: no certificate on any connection', async () => {
      const t = await tour('no-client-certificate');
      expect(t.received.filter((r) => r.tls.certificate !== undefined)).to.deep.equal([]);
    });

    it('credentials-elsewhere: the next link on the other origin gets the token', async () => {
      const t = await tour('credentials-elsewhere');
      const [elsewhere] = t.received.filter((r) => r.endpoint === 'elsewhere');
      expect(bearerOf(elsewhere as ReceivedRequest)).to.be.a('string');
    });

    it('no-token-refresh-on-401: the 401 ends the request, no new token', async () => {
      const t = await tour('no-token-refresh-on-401');
      expect(t.in('expired-token').map((r) => `${r.endpoint} ${r.reply.status}`)).to.deep.equal(['fhir 401']);
      expect(t.handle.errors.join('\n')).to.match(/^expired-token: HTTP 401/);
    });

    it('nam-wrong-system: the NAM is searched with another system', async () => {
      const t = await tour('nam-wrong-system');
      const [search] = t.in('find-patient').filter((r) => r.endpoint === 'fhir');
      expect(new URLSearchParams(search?.body ?? '').get('identifier')).to.equal(
        `https://www.ramq.gouv.qc.ca/nam|${NAM}`,
      );
    });

    it('nam-search-by-get: the NAM search is a GET with the NAM in the URL', async () => {
      const t = await tour('nam-search-by-get');
      const [search] = t.in('find-patient').filter((r) => r.endpoint === 'fhir');
      expect(search).to.include({ method: 'GET', path: 'Patient' });
      expect(search?.query).to.deep.equal([['identifier', `${NAM_SYSTEM}|${NAM}`]]);
    });

    it('stops-at-first-page: only the first page is read', async () => {
      const t = await tour('stops-at-first-page');
      expect(t.in('paged')).to.have.length(1);
      expect(t.seen.paged).to.deep.equal(['o1']);
    });

    it('retries-403: the refused request is sent three times', async () => {
      const t = await tour('retries-403');
      expect(t.in('consent').map((r) => r.reply.status)).to.deep.equal([403, 403, 403]);
    });

    it('ignores-retry-after: the 429 is retried at once', async () => {
      const t = await tour('ignores-retry-after');
      const [busy, retry] = t.in('busy');
      expect((retry?.at ?? 0) - (busy?.at ?? 0)).to.be.lessThan(900);
    });

    it('every shared fault is exercised above', () => {
      // The suites' own behaviour faults (pharmacy.ts, emr.ts, carnet.ts, erx-*.ts) are exercised by the client suites' tests.
      const own = new Set<string>(
        [...PHARMACY_FAULTS, ...EMR_FAULTS, ...CARNET_FAULTS, ...ERX_PHARMACY_FAULTS, ...ERX_PRESCRIBER_FAULTS].map(
          (f) => f.name,
        ),
      );
      const shared = CLIENT_FAULTS.filter((f) => !own.has(f.name));
      for (const f of shared) expect([...tours.keys()], f.name).to.include(f.name);
    });
  });

  describe('the authorization checks over what the client sent', () => {
    const findings = (t: Tour): Promise<Record<string, ClientFinding>> =>
      authorizationFindings(t.received, t.server.session.tokenUrl, identity);
    const BREAKS: [string, string, RegExp][] = [
      ['assertion-alg-none', 'AUTH-01', /^POST token \(#\d+\): the client assertion is unsigned \(alg none\)$/],
      [
        'assertion-wrong-aud',
        'AUTH-01',
        /^POST token \(#\d+\): aud is "https:\/\/127\.0\.0\.1:\d+\/", expected https:.*\/auth\/token$/,
      ],
      [
        'assertion-exp-too-far',
        'AUTH-02',
        /^POST token \(#\d+\): exp is 3\d{3} s after the request arrived \(at most 300 s\)$/,
      ],
      ['assertion-jti-reused', 'AUTH-03', /^POST token \(#\d+\): jti "[^"]+" was already used in POST token \(#\d+\)$/],
      [
        'token-per-request',
        'AUTH-04',
        /^POST token \(#\d+\): a new token was requested while the one from POST token \(#\d+\) still had \d+ s to live$/,
      ],
      ['no-client-certificate', 'AUTH-05', /^connection \d+ \(.+\): no client certificate$/],
      [
        'credentials-elsewhere',
        'AUTH-06',
        /^GET elsewhere\/page3 \(#\d+\) on another origin than the record's carried an Authorization header$/,
      ],
      [
        'no-token-refresh-on-401',
        'AUTH-07',
        /^GET Patient\/p1 \(#\d+\) was answered 401 and was not sent again with a new token$/,
      ],
    ];

    it('all pass on the clean client, each having seen what it judges', async () => {
      for (const [id, found] of Object.entries(await findings(clean))) {
        expect(found.problems, id).to.deep.equal([]);
        expect(found.unverified, id).to.equal(undefined);
        expect(found.evidence, id).to.not.be.empty;
      }
    });

    for (const [fault, failing, message] of BREAKS) {
      it(`${fault}: ${failing} fails with its message (French too), the other rules pass`, async () => {
        for (const [id, found] of Object.entries(await findings(await tour(fault)))) {
          if (id !== failing) {
            expect(found.problems, `${id} under ${fault}`).to.deep.equal([]);
            continue;
          }
          expect(found.problems.length, id).to.be.greaterThan(0);
          expect(found.problems[0]?.en).to.match(message);
          expect(found.problems[0]?.fr).to.not.equal(found.problems[0]?.en);
          expect(found.evidence).to.not.be.empty;
        }
      });
    }

    it('the other shared faults make no authorization rule fail', async () => {
      const others = [
        'nam-wrong-system',
        'nam-search-by-get',
        'stops-at-first-page',
        'retries-403',
        'ignores-retry-after',
      ];
      for (const fault of others) {
        for (const [id, found] of Object.entries(await findings(await tour(fault)))) {
          expect(found.problems, `${id} under ${fault}`).to.deep.equal([]);
        }
      }
    });
  });

  describe('runner', () => {
    it('says an unknown scenario done without doing anything, and notes a failing behaviour but still says it done', async () => {
      const server = await startRecordServer({
        certificateCa: identity.certificateCa,
        scenarios: [
          { id: 'unknown', check: `${TOUR_SUITE}/x` },
          { id: 'boom', check: `${TOUR_SUITE}/y` },
          { id: 'after', check: `${TOUR_SUITE}/z` },
        ],
      });
      let after = false;
      const handle = startReferenceClient({
        session: server.session,
        identity,
        behaviours: {
          [TOUR_SUITE]: {
            boom: async () => {
              throw new Error('kaboom');
            },
            after: async () => {
              after = true;
            },
          },
        },
      });
      await handle.done;
      await server.close();
      expect(server.done).to.deep.equal(['unknown', 'boom', 'after']);
      expect(handle.errors).to.deep.equal(['boom: kaboom']);
      expect(after).to.equal(true);
      expect(server.received).to.deep.equal([]);
    });

    it('stops when asked, even if the session never finishes', async () => {
      const server = await startRecordServer({
        certificateCa: identity.certificateCa,
        scenarios: [{ id: 'forever', check: 'other-suite/x' }],
      });
      // The record server moves on when said done: re-announce by keeping the session awaiting another id.
      const handle = startReferenceClient({ session: server.session, identity, behaviours: {} });
      await new Promise((r) => setTimeout(r, 200));
      await handle.stop();
      await server.close();
      expect(server.done).to.deep.equal(['forever']);
    });

    it('rejects an unknown fault name, listing the known ones', () => {
      expect(() => resolveClientFaults(['nope'])).to.throw(
        /Unknown reference-client fault\(s\): nope\. Valid faults: assertion-alg-none/,
      );
      expect(clientFaultNames()).to.include('retries-403');
    });

    it('lists its faults one per line, name first, in French and English', () => {
      const en = listClientFaults('en');
      expect(en).to.have.length(CLIENT_FAULTS.length);
      expect(en[0]).to.match(
        /^assertion-alg-none\s+dsq-pharmacy-client\s+PHC-AUTH-01\s+The client assertion is unsigned.*also: dsq-emr-client EMC-AUTH-01/,
      );
      // Columns line up whatever the longest fault name.
      expect(new Set(en.map((line) => /^\S+\s+/.exec(line)?.[0].length)).size).to.equal(1);
      expect(listClientFaults('fr')[0]).to.match(/n’est pas signée.*aussi : dsq-emr-client EMC-AUTH-01/);
    });

    it('reads Retry-After as seconds or an HTTP date', () => {
      expect(retryAfterMs('2')).to.equal(2000);
      expect(retryAfterMs(new Date(10_000).toUTCString(), 4000)).to.equal(6000);
      expect(retryAfterMs(null)).to.equal(1000);
      expect(retryAfterMs('soon')).to.equal(1000);
    });
  });
});
