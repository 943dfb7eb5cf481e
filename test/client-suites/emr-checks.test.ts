/**
 * The dsq-emr-client judgments and the shared client checks they use
 * (src/suite/client-checks/queries.ts), on hand-made requests: each passes
 * on what a careful EMR sends and fails on what the matching fault sends.
 */
import { expect } from 'chai';
import type { ReceivedRequest } from '../../src/suite/client-api.js';
import {
  dateBounds,
  fetches,
  isConsentRefusal,
  namInUrlProblems,
  namSearches,
  namSearchProblems,
  nextLinksNotFollowed,
  requestCountProblems,
  resentAfterRefusal,
  retryAfterProblems,
  searchParams,
} from '../../src/suite/client-checks/queries.js';
import { resultWithRange, shownResult } from '../../suites/dsq-emr-client/attestations.js';
import { imagingSearchProblems } from '../../suites/dsq-emr-client/imaging.js';
import { labSearchProblems, ownSearches } from '../../suites/dsq-emr-client/laboratory.js';
import { medicationSearchProblems } from '../../suites/dsq-emr-client/medications.js';
import { requestsOf } from './requests.js';

const BASE = 'https://127.0.0.1:8443/session/s1/fhir';
const NAM_SYSTEM = 'https://fhir.infoway-inforoute.ca/NamingSystem/ca-qc-patient-healthcare-id';
const NAM = 'TREM85562515';

const req = requestsOf('emr-lab-results');

const page = (next?: string, entries: unknown[] = []): ReceivedRequest['reply'] => ({
  status: 200,
  headers: { 'content-type': 'application/fhir+json' },
  body: JSON.stringify({
    resourceType: 'Bundle',
    type: 'searchset',
    link: next ? [{ relation: 'next', url: next }] : [],
    entry: entries.map((resource) => ({ resource })),
  }),
});

const en = (problems: { en: string }[]): string[] => problems.map((p) => p.en);

describe('dsq-emr-client checks on hand-made requests', () => {
  describe('EMC-PAT-01/02: NAM search', () => {
    const careful = req('POST', 'Patient/_search', { form: { identifier: `${NAM_SYSTEM}|${NAM}` } });
    it('passes a POST Patient/_search with identifier=<NAM system>|<NAM>', () => {
      expect(namSearches([careful])).to.have.length(1);
      expect(namSearchProblems([careful], NAM_SYSTEM, [NAM])).to.deep.equal([]);
      expect(namInUrlProblems([careful], [careful], [NAM])).to.deep.equal([]);
    });
    it('fails a NAM under another system (nam-wrong-system)', () => {
      const wrong = req('POST', 'Patient/_search', { form: { identifier: `https://example.org/nam|${NAM}` } });
      expect(en(namSearchProblems([wrong], NAM_SYSTEM, [NAM]))[0]).to.contain(
        `expected identifier=${NAM_SYSTEM}|${NAM}`,
      );
    });
    it('fails a GET with the NAM in the URL (nam-search-by-get)', () => {
      const get = req('GET', `Patient?identifier=${encodeURIComponent(`${NAM_SYSTEM}|${NAM}`)}`);
      expect(namSearchProblems([get], NAM_SYSTEM, [NAM])).to.deep.equal([]);
      const problems = en(namInUrlProblems([get], namSearches([get]), [NAM]));
      expect(problems).to.have.length(2);
      expect(problems[0]).to.contain('expected the NAM search as POST Patient/_search');
      expect(problems[1]).to.contain('the NAM is in the URL');
    });
  });

  describe('EMC-LAB-01: laboratory search', () => {
    it('reads the parameters of a POST _search form and of the query', () => {
      const post = req('POST', 'Observation/_search?_count=50', { form: { patient: 'p1', category: 'laboratory' } });
      expect(searchParams(post)).to.deep.equal([
        ['_count', '50'],
        ['patient', 'p1'],
        ['category', 'laboratory'],
      ]);
      expect(dateBounds([['date', 'ge2024-01-01']])).to.deep.equal({ lower: '2024-01-01' });
      expect(dateBounds([['date', '2024']])).to.deep.equal({ lower: '2024', upper: '2024' });
    });
    it('puts what the client sent into messages on one line, without control characters', () => {
      const hostile = req('GET', `Observation?patient=p1%0A%1B[2J::error::forged&date=ge2024-01-01&date=le2024-12-31`);
      const problems = en(labSearchProblems([hostile], 'p1'));
      expect(problems).to.have.length(2);
      for (const problem of problems) expect(problem).to.not.match(/[\u0000-\u001f\u007f]/);
      expect(problems[0]).to.contain('expected patient p1, got p1 ::error::forged');
      expect(problems[1]).to.contain('missing category=laboratory');
    });
    it('passes patient, category=laboratory and a period bounded both ways', () => {
      const good = req('GET', 'Observation?patient=Patient/p1&category=laboratory&date=ge2024-01-01&date=le2024-12-31');
      expect(labSearchProblems([good], 'p1')).to.deep.equal([]);
    });
    it('fails a search without the category (lab-without-category) or without an upper bound', () => {
      const noCategory = req('GET', 'Observation?patient=p1&date=ge2024-01-01&date=le2024-12-31');
      expect(en(labSearchProblems([noCategory], 'p1'))).to.deep.equal([
        'GET Observation?patient=p1&date=ge2024-01-01&date=le2024-12-31: missing category=laboratory',
      ]);
      const open = req('GET', 'Observation?patient=p1&category=laboratory&date=ge2024-01-01');
      expect(en(labSearchProblems([open], 'p1'))[0]).to.contain('missing date=le…');
      const other = req('GET', 'Observation?patient=p2&category=laboratory&date=ge2024-01-01&date=le2024-12-31');
      expect(en(labSearchProblems([other], 'p1'))[0]).to.contain('expected patient p1, got p2');
    });
    it('leaves out the fetches of next links homolog served', () => {
      const first = req('GET', 'Observation?patient=p1&category=laboratory&date=ge2024-01-01&date=le2024-12-31', {
        reply: page(`${BASE}/Observation?patient=p1&_count=2&_offset=2`),
      });
      const second = req('GET', 'Observation?_offset=2&patient=p1&_count=2');
      expect(ownSearches([first, second], 'Observation', BASE)).to.deep.equal([first]);
      expect(fetches(second, `${BASE}/Observation?patient=p1&_count=2&_offset=2`, BASE)).to.equal(true);
      expect(fetches(second, 'https://elsewhere.test/Observation?patient=p1&_count=2&_offset=2', BASE)).to.equal(false);
    });
  });

  describe('EMC-LAB-02: next links followed', () => {
    const next1 = `${BASE}/Observation?patient=p1&category=laboratory&_count=2`;
    const next2 = `${BASE}/Observation?patient=p1&category=laboratory&_count=2&_offset=2`;
    it('passes when every next link was fetched, in any parameter order', () => {
      const requests = [
        req('POST', 'Observation/_search', { form: { patient: 'p1' }, reply: page(next1) }),
        req('GET', 'Observation?category=laboratory&patient=p1&_count=2', { reply: page(next2) }),
        req('GET', 'Observation?patient=p1&category=laboratory&_count=2&_offset=2', { reply: page() }),
      ];
      expect(nextLinksNotFollowed(requests, BASE)).to.deep.equal([]);
    });
    it('fails when the client stops at the first page (stops-at-first-page)', () => {
      const requests = [req('GET', 'Observation?patient=p1', { reply: page(next1) })];
      expect(en(nextLinksNotFollowed(requests, BASE))[0]).to.contain('was never fetched');
    });
  });

  describe('EMC-IMG-01 and EMC-MED-01', () => {
    it('passes an imaging category, fails a laboratory one (imaging-wrong-category)', () => {
      const rad = req('GET', 'DiagnosticReport?patient=p1&category=http://terminology.hl7.org/CodeSystem/v2-0074|RAD');
      const loinc = req('GET', 'DiagnosticReport?patient=p1&category=LP29684-5');
      expect(imagingSearchProblems([rad, loinc], 'p1')).to.deep.equal([]);
      const lab = req('GET', 'DiagnosticReport?patient=p1&category=LAB');
      expect(en(imagingSearchProblems([lab], 'p1'))[0]).to.contain('expected an imaging category');
      const none = req('GET', 'DiagnosticReport?patient=p1');
      expect(en(imagingSearchProblems([none], 'p1'))[0]).to.contain('got none');
    });
    it('passes status=active, fails no status or another status beside it (medications-not-filtered-active)', () => {
      const active = req('GET', 'MedicationRequest?patient=p1&status=active');
      expect(medicationSearchProblems([active], 'p1')).to.deep.equal([]);
      const all = req('GET', 'MedicationRequest?patient=p1');
      expect(en(medicationSearchProblems([all], 'p1'))[0]).to.contain('expected status=active, got no status');
      const mixed = req('GET', 'MedicationRequest?patient=p1&status=active,completed');
      expect(en(medicationSearchProblems([mixed], 'p1'))[0]).to.contain('got status active, completed');
    });
  });

  describe('EMC-CON-01: a consent refusal is not sent again', () => {
    const refusal = {
      status: 403,
      headers: {},
      body: JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'suppressed' }] }),
    };
    it('passes when the refused request is not sent again', () => {
      const refused = req('GET', 'Observation?patient=p5', { reply: refusal });
      expect(isConsentRefusal(refused)).to.equal(true);
      expect(resentAfterRefusal([refused, req('GET', 'DiagnosticReport?patient=p5')], isConsentRefusal)).to.deep.equal(
        [],
      );
    });
    it('judges a flood as one problem per refused request (the session keeps up to 5,000)', () => {
      const flood = Array.from({ length: 5000 }, () => req('GET', 'Observation?patient=p5', { reply: refusal }));
      expect(en(resentAfterRefusal(flood, isConsentRefusal))).to.deep.equal([
        'GET Observation?patient=p5 was refused (403) and sent again 4999 time(s)',
      ]);
    });
    it('fails when it is sent again (retries-403), counting every copy once', () => {
      const requests = [
        req('GET', 'Observation?patient=p5', { reply: refusal }),
        req('GET', 'Observation?patient=p5', { reply: refusal }),
        req('GET', 'Observation?patient=p5', { reply: refusal }),
      ];
      expect(en(resentAfterRefusal(requests, isConsentRefusal))).to.deep.equal([
        'GET Observation?patient=p5 was refused (403) and sent again 2 time(s)',
      ]);
    });
  });

  describe('EMC-ERR-01: Retry-After', () => {
    const limited = (at: number): ReceivedRequest =>
      req('GET', 'MedicationRequest?patient=p1&status=active', {
        at,
        reply: { status: 429, headers: { 'retry-after': '1' } },
      });
    it('passes a retry after the delay, fails one before it (ignores-retry-after)', () => {
      const late = req('GET', 'MedicationRequest?patient=p1&status=active', { at: 2000 });
      expect(retryAfterProblems([limited(900), late])).to.deep.equal([]);
      const early = req('GET', 'MedicationRequest?patient=p1&status=active', { at: 1100 });
      expect(en(retryAfterProblems([limited(900), early]))[0]).to.contain('came 200 ms later');
    });
  });

  describe('EMC-ERR-02: requests per scenario', () => {
    it('counts per scenario and fails above the bound', () => {
      const requests = [
        ...Array.from({ length: 3 }, () => req('GET', 'Patient', { scenario: 'a' })),
        ...Array.from({ length: 2 }, () => req('GET', 'Patient', { scenario: 'b' })),
      ];
      expect(requestCountProblems(requests, 3)).to.deep.equal([]);
      expect(en(requestCountProblems(requests, 2))).to.deep.equal(['scenario a: 3 requests (at most 2)']);
      // Requests that matched no scenario count for the one before them; other suites' scenarios are left out.
      const after = [
        ...requests,
        req('GET', 'Patient', { scenario: undefined }),
        req('GET', 'Patient', { scenario: undefined }),
      ];
      expect(en(requestCountProblems(after, 3))).to.deep.equal(['scenario b: 4 requests (at most 3)']);
      expect(requestCountProblems(after, 3, (s) => s === 'a')).to.deep.equal([]);
    });
  });

  describe('the attestation question', () => {
    it('names a result served with its reference range', () => {
      const glucose = {
        resourceType: 'Observation',
        status: 'final',
        code: { text: 'Glucose' },
        effectiveDateTime: '2024-04-10T08:10:00-04:00',
        valueQuantity: { value: 7.2, unit: 'mmol/L' },
        referenceRange: [{ low: { value: 3.6, unit: 'mmol/L' }, high: { value: 6, unit: 'mmol/L' } }],
      };
      const served = req('GET', 'Observation?patient=p1', { reply: page(undefined, [glucose]) });
      const found = resultWithRange([req('GET', 'Observation?patient=p1', { reply: page() }), served]);
      expect(found && shownResult(found)).to.equal('Glucose 7.2 mmol/L, 3.6–6 mmol/L (2024-04-10)');
      expect(resultWithRange([req('GET', 'Observation?patient=p1', { reply: page() })])).to.equal(undefined);
    });
  });
});
