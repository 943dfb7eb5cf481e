/**
 * The judgements of dsq-pharmacy-client on hand-made lists of received
 * requests: each passes on what a careful pharmacy system sends and fails on
 * the defect its requirement names, without a simulator.
 */
import type { MedicationDispense, MedicationRequest, Patient } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { retryAfterMs } from '../../src/http/retry-after.js';
import { NAM_SYSTEM } from '../../src/identifiers/index.js';
import { ACCESS_SEED_RESOURCES, REFERENCE_TEST_DATA, SEED_RESOURCES } from '../../src/reference/data.js';
import type { ClientTestContext, ReceivedRequest } from '../../src/suite/client-api.js';
import { requestCountProblems } from '../../src/suite/client-checks/queries.js';
import {
  refusalRetryProblems,
  resentAfter422Problems,
  retryAfterJudgement,
} from '../../suites/dsq-pharmacy-client/handling.js';
import {
  namOutOfUrlProblems,
  pagingProblems,
  patientByNamProblems,
  profileSearchProblems,
} from '../../suites/dsq-pharmacy-client/queries.js';
import {
  cancelScenario,
  correctScenario,
  createdDispenseId,
  rejectedScenario,
} from '../../suites/dsq-pharmacy-client/scenarios.js';
import {
  cancellationProblems,
  conflictProblems,
  dispenseConformanceProblems,
  idempotentCreateProblems,
  ifMatchProblems,
  MAX_VALIDATED,
} from '../../suites/dsq-pharmacy-client/submissions.js';

const BASE = 'https://127.0.0.1:8443/session/s1/fhir';
const NAM = 'TREM85562515';
const FHIR_JSON = { 'content-type': 'application/fhir+json' };
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

let sequence = 0;
/** A received request: a FHIR GET answered 200 unless told otherwise. */
function req(
  over: Partial<ReceivedRequest> & { replyBody?: unknown; replyHeaders?: Record<string, string> },
): ReceivedRequest {
  sequence += 1;
  const { replyBody, replyHeaders, ...rest } = over;
  return {
    exchangeId: `x${sequence}`,
    at: sequence * 10,
    method: 'GET',
    endpoint: 'fhir',
    path: 'Patient',
    query: [],
    headers: {},
    tls: { connection: 1 },
    reply: {
      status: 200,
      headers: { ...FHIR_JSON, ...replyHeaders },
      ...(replyBody === undefined ? {} : { body: JSON.stringify(replyBody) }),
    },
    ...rest,
  };
}

function withStatus(r: ReceivedRequest, status: number): ReceivedRequest {
  return { ...r, reply: { ...r.reply, status } };
}

const en = (problems: readonly { en: string }[]): string[] => problems.map((p) => p.en);

const namSearch = (system: string): ReceivedRequest =>
  req({
    method: 'POST',
    path: 'Patient/_search',
    headers: FORM,
    body: new URLSearchParams({ identifier: `${system}|${NAM}` }).toString(),
  });

function bundle(next?: string): unknown {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    link: next === undefined ? [] : [{ relation: 'next', url: next }],
  };
}

describe('dsq-pharmacy-client judgements (hand-made requests)', () => {
  describe('PHC-QRY-01 patient found by NAM with its system', () => {
    it('passes a POST Patient/_search identifier=<NAM system>|<NAM>', () => {
      expect(en(patientByNamProblems([namSearch(NAM_SYSTEM)], NAM).problems)).to.deep.equal([]);
    });
    it('fails a NAM under another system, or no NAM search at all', () => {
      const wrong = patientByNamProblems([namSearch('https://www.ramq.gouv.qc.ca/nam')], NAM).problems;
      expect(en(wrong).join('\n')).to.contain(`got identifier https://www.ramq.gouv.qc.ca/nam|${NAM}`);
      const bare = patientByNamProblems([req({ query: [['identifier', NAM]] })], NAM).problems;
      expect(en(bare).join('\n')).to.contain(`got identifier ${NAM}`);
      const byName = patientByNamProblems([req({ query: [['name', 'Tremblay']] })], NAM).problems;
      expect(en(byName)[0]).to.contain('no Patient search by identifier');
    });
  });

  describe('PHC-QRY-02 no NAM in a URL', () => {
    it('passes the NAM in a POST body, and judges nothing when no request carries it', () => {
      expect(namOutOfUrlProblems([namSearch(NAM_SYSTEM)], [NAM])).to.deep.equal({ judged: 1, problems: [] });
      expect(namOutOfUrlProblems([req({})], [NAM]).judged).to.equal(0);
    });
    it('fails a GET Patient?identifier=…|NAM', () => {
      const { problems } = namOutOfUrlProblems([req({ query: [['identifier', `${NAM_SYSTEM}|${NAM}`]] })], [NAM]);
      expect(en(problems).join('\n'))
        .to.contain('expected the NAM search as POST Patient/_search')
        .and.contain('the NAM is in the URL');
    });
  });

  describe('PHC-QRY-03 profile by patient, from a date, bounded _count', () => {
    const profile = (query: [string, string][]): ReceivedRequest => req({ path: 'MedicationDispense', query });
    it('passes patient + whenhandedover=ge + _count=50 (GET or POST _search)', () => {
      const get = profile([
        ['patient', 'qc-pat-0001'],
        ['whenhandedover', 'ge2024-01-01'],
        ['whenhandedover', 'le2024-12-31'],
        ['_count', '50'],
      ]);
      const post = req({
        method: 'POST',
        path: 'MedicationDispense/_search',
        headers: FORM,
        body: 'patient=qc-pat-0001&whenhandedover=ge2024-01-01&_count=20',
      });
      expect(profileSearchProblems([get, post], BASE)).to.deep.equal({ judged: 2, problems: [] });
    });
    it('fails a search without a period, without _count, or with _count=500', () => {
      const noPeriod = profile([
        ['patient', 'qc-pat-0001'],
        ['_count', '50'],
      ]);
      const noCount = profile([
        ['patient', 'qc-pat-0001'],
        ['whenhandedover', 'ge2024-01-01'],
      ]);
      const huge = profile([
        ['patient', 'qc-pat-0001'],
        ['whenhandedover', 'ge2024-01-01'],
        ['_count', '500'],
      ]);
      const onlyUpper = profile([
        ['patient', 'qc-pat-0001'],
        ['whenhandedover', 'le2024-12-31'],
        ['_count', '50'],
      ]);
      const { problems } = profileSearchProblems([noPeriod, noCount, huge, onlyUpper], BASE);
      expect(en(problems)).to.have.length(4);
      expect(en(problems)[0]).to.contain('no period');
      expect(en(problems)[1]).to.contain('_count absent');
      expect(en(problems)[2]).to.contain('_count "500"');
    });
    it('does not judge the pages fetched through next links homolog gave', () => {
      const first = req({
        path: 'MedicationDispense',
        query: [
          ['patient', 'p'],
          ['whenhandedover', 'ge2024-01-01'],
          ['_count', '2'],
        ],
        replyBody: bundle(`${BASE}/MedicationDispense?patient=p&_count=2&_offset=2`),
      });
      const page = req({
        path: 'MedicationDispense',
        query: [
          ['patient', 'p'],
          ['_count', '2'],
          ['_offset', '2'],
        ],
      });
      expect(profileSearchProblems([first, page], BASE)).to.deep.equal({ judged: 1, problems: [] });
    });
  });

  describe('PHC-QRY-04 next links followed', () => {
    const first = (): ReceivedRequest =>
      req({
        path: 'MedicationDispense',
        query: [['patient', 'p']],
        replyBody: bundle(`${BASE}/MedicationDispense?patient=p&_offset=2&_count=2`),
      });
    const page = (): ReceivedRequest =>
      req({
        path: 'MedicationDispense',
        query: [
          ['_count', '2'],
          ['patient', 'p'],
          ['_offset', '2'],
        ],
        replyBody: bundle(),
      });
    it('passes when every next link is fetched (parameters in any order)', () => {
      expect(pagingProblems([first(), page()], BASE)).to.deep.equal({ judged: 1, problems: [] });
    });
    it('fails a next link never fetched', () => {
      const { judged, problems } = pagingProblems([first()], BASE);
      expect(judged).to.equal(1);
      expect(en(problems)[0]).to.contain('was never fetched');
    });
    it('judges a flood of 5,000 requests (2,500 searches, then their 2,500 next pages) looking at each once', () => {
      const link = (k: number): string => `${BASE}/MedicationDispense?patient=p${k}&_count=2&_offset=2`;
      const searches = Array.from({ length: 2500 }, (_, k) =>
        req({
          path: 'MedicationDispense',
          query: [
            ['patient', `p${k}`],
            ['whenhandedover', 'ge2024-01-01'],
            ['_count', '2'],
          ],
          replyBody: bundle(link(k)),
        }),
      );
      const pages = Array.from({ length: 2500 }, (_, k) =>
        req({
          path: 'MedicationDispense',
          query: [
            ['_offset', '2'],
            ['_count', '2'],
            ['patient', `p${k}`],
          ],
          replyBody: bundle(),
        }),
      );
      const flood = [...searches, ...pages];
      expect(profileSearchProblems(flood, BASE)).to.deep.equal({ judged: 2500, problems: [] });
      expect(pagingProblems(flood, BASE)).to.deep.equal({ judged: 2500, problems: [] });
      const unfinished = pagingProblems(flood.slice(0, -1), BASE);
      expect(en(unfinished.problems)).to.have.length(1);
      expect(en(unfinished.problems)[0]).to.contain('patient=p2499').and.contain('was never fetched');
    });
  });

  const seedDispense = SEED_RESOURCES.find(
    (r): r is MedicationDispense => r.resourceType === 'MedicationDispense' && r.id === 'qc-meddisp-0001',
  ) as MedicationDispense;
  const { id: _id, meta: _meta, ...dispenseBody } = seedDispense;
  const create = (body: unknown, headers: Record<string, string> = {}, status = 201): ReceivedRequest =>
    withStatus(req({ method: 'POST', path: 'MedicationDispense', body: JSON.stringify(body), headers }), status);
  const fill = { system: 'https://fhir.quebec.ca/NamingSystem/pharmacy-rx', value: 'rx-1' };
  const conditional = { 'if-none-exist': `identifier=${fill.system}|${fill.value}` };

  describe('PHC-SUB-01 the submitted dispense conforms to qc-medicationdispense', () => {
    it('passes a dispense shaped as the seed’s', () => {
      expect(en(dispenseConformanceProblems([create(dispenseBody)]).problems)).to.deep.equal([]);
    });
    it('fails a 7-digit DIN and a body that is no MedicationDispense', () => {
      const broken = structuredClone(dispenseBody);
      const coding = broken.medicationCodeableConcept?.coding?.[0];
      if (coding) coding.code = '2242974';
      const { judged, problems } = dispenseConformanceProblems([create(broken), create({ resourceType: 'Patient' })]);
      expect(judged).to.equal(2);
      expect(problems).to.have.length(2);
      expect(en(problems)[1]).to.contain('not a MedicationDispense');
    });
    it('validates each different body once, and at most MAX_VALIDATED of them', () => {
      const same = [create(dispenseBody), create(dispenseBody)];
      expect(dispenseConformanceProblems(same).judged).to.equal(1);
      const many = Array.from({ length: MAX_VALIDATED + 5 }, (_, i) => create({ resourceType: 'Basic', n: i }));
      const { judged, problems } = dispenseConformanceProblems(many);
      expect(judged).to.equal(MAX_VALIDATED);
      expect(en(problems).pop()).to.contain(`only the first ${MAX_VALIDATED} of ${MAX_VALIDATED + 5}`);
    });
  });

  describe('PHC-SUB-02 identifier, conditional retry, no duplicate', () => {
    const body = { ...dispenseBody, identifier: [fill] };
    it('passes a conditional create retried after a 503', () => {
      const list = [create(body, conditional, 503), create(body, conditional, 201)];
      expect(idempotentCreateProblems(list)).to.deep.equal({ judged: 2, problems: [] });
    });
    it('passes a plain create retried after a search by its identifier', () => {
      const search = req({ path: 'MedicationDispense', query: [['identifier', `${fill.system}|${fill.value}`]] });
      expect(idempotentCreateProblems([create(body, {}, 503), search, create(body, {}, 201)]).problems).to.deep.equal(
        [],
      );
    });
    it('fails a blind plain retry, a dispense without identifier, and an identifier created twice', () => {
      expect(en(idempotentCreateProblems([create(body, {}, 503), create(body, {}, 201)]).problems)[0]).to.contain(
        'without If-None-Exist',
      );
      expect(en(idempotentCreateProblems([create(dispenseBody, conditional)]).problems)[0]).to.contain(
        'no business identifier',
      );
      const twice = idempotentCreateProblems([create(body, conditional, 201), create(body, conditional, 201)]).problems;
      expect(en(twice).join('\n')).to.contain('created 2 times');
    });
  });

  const update = (body: unknown, ifMatch?: string, status = 200): ReceivedRequest =>
    withStatus(
      req({
        method: 'PUT',
        path: 'MedicationDispense/d1',
        body: JSON.stringify(body),
        headers: ifMatch === undefined ? {} : { 'if-match': ifMatch },
      }),
      status,
    );
  const stored = { ...dispenseBody, id: 'd1', meta: { versionId: '1' }, quantity: { value: 60 } };
  const corrected = { ...stored, quantity: { value: 30 } };
  const reread = (): ReceivedRequest =>
    req({ path: 'MedicationDispense/d1', replyBody: stored, replyHeaders: { etag: 'W/"1"' } });

  describe('PHC-SUB-03 updates carry If-Match', () => {
    it('passes W/"1"', () => {
      expect(ifMatchProblems([update(corrected, 'W/"1"')])).to.deep.equal({ judged: 1, problems: [] });
    });
    it('fails no If-Match and If-Match: *', () => {
      const { problems } = ifMatchProblems([update(corrected), update(corrected, '*')]);
      expect(en(problems)[0]).to.contain('no If-Match');
      expect(en(problems)[1]).to.contain('not the entity tag');
    });
  });

  describe('PHC-SUB-04 re-read and re-apply after a 412', () => {
    it('passes 412, re-read, PUT with the version re-read and the correction', () => {
      const list = [update(corrected, 'W/"1"', 412), reread(), update(corrected, 'W/"1"')];
      expect(conflictProblems(list)).to.deep.equal({ judged: 1, problems: [] });
    });
    it('fails a blind overwrite, a stale If-Match, a lost correction, and giving up', () => {
      expect(
        en(conflictProblems([update(corrected, 'W/"1"', 412), update(corrected, 'W/"1"')]).problems)[0],
      ).to.contain('blind overwrite');
      expect(
        en(conflictProblems([update(corrected, 'W/"1"', 412), reread(), update(corrected, 'W/"0"')]).problems)[0],
      ).to.contain('not the version re-read');
      expect(
        en(conflictProblems([update(corrected, 'W/"1"', 412), reread(), update(stored, 'W/"1"')]).problems)[0],
      ).to.contain('quantity');
      expect(en(conflictProblems([update(corrected, 'W/"1"', 412)]).problems)[0]).to.contain('not re-applied');
    });
    it('judges nothing without a 412', () => {
      expect(conflictProblems([update(corrected, 'W/"1"')]).judged).to.equal(0);
    });
  });

  describe('PHC-SUB-05 cancelled by status, never deleted', () => {
    it('passes a PUT with status cancelled', () => {
      expect(cancellationProblems([update({ ...stored, status: 'cancelled' }, 'W/"2"')], 'd1').problems).to.deep.equal(
        [],
      );
    });
    it('fails a DELETE, and no cancellation at all', () => {
      const del = req({ method: 'DELETE', path: 'MedicationDispense/d1' });
      expect(en(cancellationProblems([del], 'd1').problems).join('\n'))
        .to.contain('never deleted')
        .and.contain('no update set the status');
      expect(cancellationProblems([update(corrected, 'W/"2"')], 'd1').problems).to.have.length(1);
    });
  });

  describe('PHC-ERR-01 a 403 is not sent again', () => {
    const refused = (code = 'suppressed'): ReceivedRequest => ({
      ...req({ path: 'MedicationDispense', query: [['patient', 'qc-pat-0005']] }),
      reply: {
        status: 403,
        headers: FHIR_JSON,
        body: JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code }] }),
      },
    });
    it('passes when the client moves on', () => {
      expect(refusalRetryProblems([refused(), namSearch(NAM_SYSTEM)])).to.deep.equal({ judged: 1, problems: [] });
    });
    it('fails the same request sent again', () => {
      expect(en(refusalRetryProblems([refused(), refused(), refused()]).problems)[0]).to.contain(
        'refused (403) and sent again 2 time(s)',
      );
    });
    it('judges only consent refusals (403 suppressed), not other 403s', () => {
      expect(refusalRetryProblems([refused('security'), refused('security')]).judged).to.equal(0);
    });
  });

  describe('PHC-ERR-02 Retry-After waited out', () => {
    const busy = (at: number, retryAfter: string): ReceivedRequest => ({
      ...create(dispenseBody, {}, 503),
      at,
      reply: { status: 503, headers: { 'retry-after': retryAfter } },
    });
    const retry = (at: number): ReceivedRequest => ({ ...create(dispenseBody), at });
    it('passes a retry 1 s after Retry-After: 1, and reads an HTTP date', () => {
      expect(retryAfterJudgement([busy(1000, '1'), retry(2000)])).to.deep.equal({ judged: 1, problems: [] });
      expect(retryAfterMs(new Date(5000).toUTCString(), 1000)).to.equal(4000);
    });
    it('fails a retry after 100 ms; judges nothing when the client never retried', () => {
      expect(en(retryAfterJudgement([busy(1000, '1'), retry(1100)]).problems)[0]).to.contain('came 100 ms later');
      expect(retryAfterJudgement([busy(1000, '1')]).judged).to.equal(0);
    });
  });

  describe('PHC-ERR-03 a body refused with 422 is not sent again', () => {
    const refused = (): ReceivedRequest => ({
      ...create(dispenseBody, {}, 422),
      reply: {
        status: 422,
        headers: FHIR_JSON,
        body: JSON.stringify({ resourceType: 'OperationOutcome', issue: [] }),
      },
    });
    it('passes a corrected body', () => {
      expect(resentAfter422Problems([refused(), create({ ...dispenseBody, quantity: { value: 1 } })])).to.deep.equal({
        judged: 1,
        problems: [],
      });
    });
    it('fails the same body again, whatever its key order', () => {
      const reordered = Object.fromEntries(Object.entries(dispenseBody).reverse());
      expect(en(resentAfter422Problems([refused(), create(reordered)]).problems)[0]).to.contain('same body');
    });
  });

  describe('PHC-ERR-04 bounded requests per scenario', () => {
    const many = (n: number, scenario: string): ReceivedRequest[] => Array.from({ length: n }, () => req({ scenario }));
    it('passes 30 requests, fails 31, ignores other suites’ scenarios', () => {
      const ours = (id: string): boolean => id === 'phc-profile';
      expect(requestCountProblems(many(30, 'phc-profile'), 30, ours)).to.deep.equal([]);
      expect(en(requestCountProblems(many(31, 'phc-profile'), 30, ours))[0]).to.contain('phc-profile: 31 requests');
      expect(requestCountProblems(many(40, 'emr-lab-results'), 30, ours)).to.deep.equal([]);
    });
  });

  describe('scenarios', () => {
    it('finds the created dispense in the Location header', () => {
      const made = withStatus(create(dispenseBody), 201);
      made.reply.headers.location = `${BASE}/MedicationDispense/abc/_history/1`;
      expect(createdDispenseId([create(dispenseBody, {}, 503), made])).to.equal('abc');
      expect(createdDispenseId([create(dispenseBody, {}, 503)])).to.equal(undefined);
    });
    it('injects the 412 only into an update that carries If-Match', () => {
      const [conflict] = correctScenario('d1').inject ?? [];
      expect(conflict?.when(update(corrected, 'W/"1"'))).to.equal(true);
      expect(conflict?.when(update(corrected))).to.equal(false);
    });
    it('ends the cancellation on a status update or a DELETE, looking at each new request once', () => {
      expect(cancelScenario('d1').until([update({ ...stored, status: 'cancelled' }, 'W/"2"')])).to.equal(true);
      expect(cancelScenario('d1').until([req({ method: 'DELETE', path: 'MedicationDispense/d1' })])).to.equal(true);
      const { until } = cancelScenario('d1');
      const arrived = [update(corrected, 'W/"2"')];
      expect(until(arrived)).to.equal(false);
      arrived.push(update({ ...stored, status: 'cancelled' }, 'W/"3"'));
      expect(until(arrived)).to.equal(true);
    });
    it('ends the 422 scenario only on a success after the refusal', () => {
      const spec = rejectedScenario({
        input: (name: string) => name,
        session: { baseUrl: BASE },
      } as unknown as ClientTestContext);
      const refused = withStatus(create(dispenseBody), 422);
      expect(spec.until([create(dispenseBody)])).to.equal(false);
      expect(spec.until([create(dispenseBody), refused])).to.equal(false);
      expect(spec.until([create(dispenseBody), refused, create(dispenseBody)])).to.equal(true);
    });
  });

  describe('the seed values the simulator gives as testData', () => {
    const all = [...SEED_RESOURCES, ...ACCESS_SEED_RESOURCES];
    it('refusingPatientNam is the NAM of the refusing patient', () => {
      const patient = all.find(
        (r): r is Patient => r.resourceType === 'Patient' && r.id === REFERENCE_TEST_DATA.refusingPatientId,
      );
      expect(patient?.identifier?.find((i) => i.system === NAM_SYSTEM)?.value).to.equal(
        REFERENCE_TEST_DATA.refusingPatientNam,
      );
    });
    it('medicationRequestDin is the DIN of the active prescription', () => {
      const request = all.find(
        (r): r is MedicationRequest =>
          r.resourceType === 'MedicationRequest' && r.id === REFERENCE_TEST_DATA.medicationRequestId,
      );
      expect(request?.status).to.equal('active');
      expect(request?.medicationCodeableConcept?.coding?.[0]?.code).to.equal(REFERENCE_TEST_DATA.medicationRequestDin);
    });
  });
});
