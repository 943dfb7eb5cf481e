/**
 * The suite authoring vocabulary (src/suite/vocabulary): each assertion passes
 * on a conforming response and fails, with chai's AssertionError (the run's
 * `fail`) and a message naming the request, on a nonconforming one. Responses
 * are built here as the HTTP layer builds them; no network is needed.
 */
import { readFileSync } from 'node:fs';
import type { Bundle, OperationOutcome, Patient } from '@medplum/fhirtypes';
import { AssertionError, expect } from 'chai';
import type { FhirResponse } from '../../src/fhir/client.js';
import type { HttpResponse } from '../../src/http/client.js';
import { TargetError } from '../../src/http/errors.js';
import { SkipSignal } from '../../src/suite/api.js';
import {
  assertBundle,
  assertHeader,
  assertNone,
  assertOutcome,
  assertResource,
  assertStatus,
  bodyOf,
  type CheckFailure,
  ensure,
  entries,
  failCheck,
  fieldsOf,
  idDifferences,
  idsOf,
  label,
  listed,
  listedTexts,
  matches,
  quoted,
  requireSome,
  resourceOf,
  resourceOfQuietly,
  savedIfMade,
  whatCameBack,
} from '../../src/suite/vocabulary/index.js';
import type { Text } from '../../src/util/i18n.js';
import { projectPath } from '../../src/util/paths.js';

const BASE = 'http://127.0.0.1:8080/fhir';

function response(
  path: string,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  method = 'GET',
): HttpResponse {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    exchangeId: 'x1',
    method,
    url: path.startsWith('http') ? path : `${BASE}/${path}`,
    baseUrl: BASE,
    status,
    headers: { ...(text && typeof body !== 'string' ? { 'content-type': 'application/fhir+json' } : {}), ...headers },
    body: text,
    json: <T>(): T => {
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new TargetError('malformed-json', `response to ${method} ${path} is not JSON`, 'x1');
      }
    },
  };
}

const patient: Patient = { resourceType: 'Patient', id: '123' };
const outcome: OperationOutcome = {
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code: 'not-found' }],
};

/** Runs `fn`, expects a check failure, and returns its message. */
function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(AssertionError);
    expect((err as Error).name).to.equal('AssertionError');
    expect((err as CheckFailure).fr, 'the French text rides along')
      .to.be.a('string')
      .and.not.equal('');
    return (err as Error).message;
  }
  throw new Error('expected the assertion to fail');
}

describe('suite vocabulary', () => {
  describe('label', () => {
    it('names the request relative to the base URL, decoded', () => {
      expect(label(response('Patient?name=%C3%89lise', 200, {}))).to.equal('GET Patient?name=Élise');
    });
    it('keeps a URL outside the base absolute, and reads a FhirResponse too', () => {
      const http = response('http://127.0.0.1:9/token', 400, '', {}, 'POST');
      expect(label(http)).to.equal('POST http://127.0.0.1:9/token');
      const fhir: FhirResponse = { http: response('Patient/123', 200, patient), status: 200, resource: patient };
      expect(label(fhir)).to.equal('GET Patient/123');
    });
  });

  describe('bodyOf / resourceOf (the lenient parser)', () => {
    it('parses a FHIR body and never throws on an odd one', () => {
      expect(resourceOf(response('Patient/123', 200, patient))).to.deep.equal(patient);
      expect(bodyOf(response('Patient/123', 500, '<html>oops</html>', { 'content-type': 'text/html' }))).to.equal(
        undefined,
      );
      expect(resourceOf(response('Patient/123', 404, '{"resourceType": '))).to.equal(undefined);
      expect(resourceOf(response('Patient/123', 200, [1, 2]))).to.equal(undefined);
    });
    it('a success whose JSON is malformed is an error of the check (TargetError), as with the FHIR client', () => {
      const broken = response('Patient/123', 200, '{"resourceType": ', { 'content-type': 'application/fhir+json' });
      expect(() => resourceOf(broken)).to.throw(TargetError);
      expect(() => assertResource(broken, 'Patient')).to.throw(TargetError);
      expect(resourceOfQuietly(broken)).to.equal(undefined);
      expect(whatCameBack(broken).en).to.equal(
        '200 with a body that is not a FHIR JSON resource (Content-Type application/fhir+json)',
      );
    });
    it('reads the fields of a JSON object body that is not FHIR, and nothing of any other body', () => {
      const token = { access_token: 'x', expires_in: 300 };
      expect(fieldsOf(response('http://127.0.0.1:9/token', 200, token, {}, 'POST'))).to.deep.equal(token);
      expect(fieldsOf(response('token', 400, '<html>no</html>'))).to.deep.equal({});
      expect(fieldsOf(response('token', 200, [token]))).to.deep.equal({});
      expect(fieldsOf(response('token', 200, 'null'))).to.deep.equal({});
      expect(fieldsOf(response('token', 204, ''))).to.deep.equal({});
    });
    it('says what came back', () => {
      expect(whatCameBack(response('Patient/1', 404, outcome))).to.deep.equal({
        en: '404 with an OperationOutcome',
        fr: '404 avec une ressource OperationOutcome',
      });
      expect(whatCameBack(response('Patient/1', 204, '')).en).to.equal('204 with an empty body');
      expect(whatCameBack(response('Patient/1', 500, 'boom', { 'content-type': 'text/plain' })).en).to.equal(
        '500 with a body that is not a FHIR JSON resource (Content-Type text/plain)',
      );
    });
  });

  describe('ensure / failCheck', () => {
    it('passes when the condition holds, fails with the message otherwise', () => {
      ensure(true, 'never shown');
      expect(failure(() => ensure(false, 'GET metadata: expected 200, got 500'))).to.equal(
        'GET metadata: expected 200, got 500',
      );
      expect(failure(() => failCheck({ en: 'in English', fr: 'en français' }))).to.equal('in English');
    });
  });

  describe('assertStatus', () => {
    it('accepts one code, a list of codes or a predicate', () => {
      assertStatus(response('Patient/123', 200, patient), 200);
      assertStatus(response('Patient', 201, patient, {}, 'POST'), [200, 201]);
      assertStatus(response('Patient?foo=1', 400, outcome), (s) => s >= 400 && s < 500, 'a 4xx client error');
    });
    it('names the request, what was expected and what came back', () => {
      expect(failure(() => assertStatus(response('Patient/123', 404, outcome), 200))).to.equal(
        'GET Patient/123: expected 200, got 404 with an OperationOutcome',
      );
      expect(failure(() => assertStatus(response('Patient', 500, ''), [200, 201, 204]))).to.equal(
        'GET Patient: expected 200, 201 or 204, got 500 with an empty body',
      );
      expect(
        failure(() =>
          assertStatus(response('Patient?foo=1', 200, patient), (s) => s >= 400 && s < 500, 'a 4xx client error'),
        ),
      ).to.equal('GET Patient?foo=1: expected a 4xx client error, got 200 with a Patient');
    });
  });

  describe('assertResource', () => {
    it('returns the typed resource', () => {
      const p = assertResource(response('Patient/123', 200, patient), 'Patient');
      expect(p.id).to.equal('123');
    });
    it('fails on another type or a body that is not FHIR', () => {
      expect(failure(() => assertResource(response('Patient/123', 200, outcome), 'Patient'))).to.equal(
        'GET Patient/123: expected a Patient resource, got 200 with an OperationOutcome',
      );
      expect(
        failure(() =>
          assertResource(
            response('Patient/123', 200, '<html>login</html>', { 'content-type': 'text/html' }),
            'Patient',
          ),
        ),
      ).to.equal(
        'GET Patient/123: expected a Patient resource, got 200 with a body that is not a FHIR JSON resource (Content-Type text/html)',
      );
    });
  });

  describe('assertBundle, matches and entries', () => {
    const searchset: Bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [
        { resource: { resourceType: 'Observation', id: 'a', status: 'final', code: {} }, search: { mode: 'match' } },
        { resource: { resourceType: 'Observation', id: 'b', status: 'final', code: {} } },
        { resource: { resourceType: 'Patient', id: '123' }, search: { mode: 'include' } },
        { resource: outcome, search: { mode: 'outcome' } },
      ],
    };
    it('returns the Bundle with its matches (mode match or none) and entries (any mode)', () => {
      const bundle = assertBundle(response('Observation?patient=123', 200, searchset), 'searchset');
      expect(bundle.matches('Observation').map((o) => o.id)).to.deep.equal(['a', 'b']);
      expect(bundle.matches('Patient')).to.deep.equal([]);
      expect(bundle.entries('Patient').map((p) => p.id)).to.deep.equal(['123']);
      expect(matches(searchset).length).to.equal(2);
      expect(entries(searchset).length).to.equal(4);
      expect(JSON.parse(JSON.stringify(bundle))).to.deep.equal(searchset);
    });
    it('fails on another resource or another Bundle.type', () => {
      expect(failure(() => assertBundle(response('Observation?patient=1', 400, outcome)))).to.equal(
        'GET Observation?patient=1: expected a Bundle resource, got 400 with an OperationOutcome',
      );
      expect(
        failure(() =>
          assertBundle(response('Observation?patient=1', 200, { ...searchset, type: 'history' }), 'searchset'),
        ),
      ).to.equal('GET Observation?patient=1: expected a Bundle of type searchset, got Bundle.type "history"');
    });
  });

  describe('assertHeader', () => {
    const res = response('Patient/123', 200, patient, { etag: 'W/"3"' });
    it('returns the value when present and as expected', () => {
      expect(assertHeader(res, 'ETag')).to.equal('W/"3"');
      expect(assertHeader(res, 'ETag', /^W\/"[^"]+"$/)).to.equal('W/"3"');
      expect(assertHeader(res, 'etag', 'W/"3"')).to.equal('W/"3"');
      expect(assertHeader(res, 'ETag', (v) => v.endsWith('"3"'), 'for version 3')).to.equal('W/"3"');
    });
    it('fails when absent or not as expected', () => {
      expect(failure(() => assertHeader(res, 'Location'))).to.equal(
        'GET Patient/123: expected a Location header, got none',
      );
      expect(failure(() => assertHeader(res, 'ETag', /^W\/"4"$/))).to.equal(
        'GET Patient/123: expected an ETag header matching /^W\\/"4"$/, got "W/\\"3\\""',
      );
      expect(failure(() => assertHeader(res, 'ETag', (v) => v === 'x', 'of the form W/"<versionId>"'))).to.equal(
        'GET Patient/123: expected an ETag header of the form W/"<versionId>", got "W/\\"3\\""',
      );
    });
  });

  describe('assertOutcome', () => {
    it('returns the OperationOutcome, with the issue code asked for', () => {
      expect(assertOutcome(response('Patient/9', 404, outcome), 'not-found').issue).to.have.length(1);
    });
    it('fails on another body or another issue code', () => {
      expect(failure(() => assertOutcome(response('Patient/9', 404, ''), 'not-found'))).to.equal(
        'GET Patient/9: expected an OperationOutcome with an issue coded "not-found", got 404 with an empty body',
      );
      expect(failure(() => assertOutcome(response('Patient/9', 404, outcome), 'suppressed'))).to.equal(
        'GET Patient/9: expected an OperationOutcome with an issue coded "suppressed", got issue codes not-found',
      );
    });
  });

  describe('assertNone', () => {
    it('passes on no problem, fails once listing them (bounded)', () => {
      assertNone([], 'never shown');
      expect(failure(() => assertNone(['Observation/a: no code', 'Observation/b: no status'], 'lab results'))).to.equal(
        'lab results: Observation/a: no code | Observation/b: no status',
      );
      const many = Array.from({ length: 25 }, (_, i) => `p${i}`);
      expect(failure(() => assertNone(many, 'h'))).to.match(/\| p19 \| and 5 more$/);
    });
    it('lists problems in both languages, each in its own', () => {
      const err = (() => {
        try {
          assertNone([{ en: 'Observation/a: no code', fr: 'Observation/a : aucun code' }, 'Observation/b'], {
            en: 'lab results',
            fr: 'résultats de laboratoire',
          });
        } catch (e) {
          return e as CheckFailure;
        }
        throw new Error('assertNone passed');
      })();
      expect(err.text).to.deep.equal({
        en: 'lab results: Observation/a: no code | Observation/b',
        fr: 'résultats de laboratoire : Observation/a : aucun code | Observation/b',
      });
    });
  });

  describe('savedIfMade', () => {
    it('gives the saved response, or undefined where t.saved would skip', () => {
      const saved = response('Patient/123', 200, patient);
      const t = {
        saved(name: string): HttpResponse {
          if (name === 'patient-read') return saved;
          throw new SkipSignal(`the request saved as "${name}" was not made`);
        },
      };
      expect(savedIfMade(t, 'patient-read')).to.equal(saved);
      expect(savedIfMade(t, 'other')).to.equal(undefined);
    });
  });

  describe('idsOf, idDifferences', () => {
    const a: Patient = { resourceType: 'Patient', id: 'a' };
    const b: Patient = { resourceType: 'Patient', id: 'b' };
    it('sorts ids, and finds no difference between the same resources in another order', () => {
      expect(idsOf([b, a, 'c', { resourceType: 'Patient' }])).to.deep.equal(['?', 'a', 'b', 'c']);
      expect(idDifferences('GET Patient?name=x', [b, a], [a, 'b'])).to.deep.equal([]);
      expect(idDifferences('GET Patient?name=x', [], [])).to.deep.equal([]);
    });
    it('names the request, what was expected, and the ids unexpected and missing', () => {
      expect(idDifferences('GET Patient?name=x', [a, b], ['a', 'c'])).to.deep.equal([
        {
          en: 'GET Patient?name=x: expected exactly [a, c]; unexpected: b; missing: c',
          fr: 'GET Patient?name=x : attendu exactement [a, c] ; en trop : b ; manquants : c',
        },
      ]);
      expect(idDifferences('GET Patient?name=x', [a], [], 'no patient').map((p) => p.en)).to.deep.equal([
        'GET Patient?name=x: expected no patient; unexpected: a; missing: none',
      ]);
      expect(failure(() => assertNone(idDifferences('GET Patient?name=x', [], [a]), 'search by name'))).to.equal(
        'search by name: GET Patient?name=x: expected exactly [a]; unexpected: none; missing: a',
      );
    });
  });

  describe('quoted, listed, requireSome', () => {
    it('formats values and skips without test data', () => {
      expect(quoted('4.0.1')).to.equal('"4.0.1"');
      expect(quoted(undefined)).to.equal('—');
      expect(listed(['a', 'b', 'c'], 2)).to.equal('a; b; … (+1)');
      expect(listedTexts([{ en: 'one', fr: 'un' }, 'b', 'c'], 2)).to.deep.equal({
        en: 'one; b; … (+1)',
        fr: 'un ; b ; … (+1)',
      });
      const t = {
        skip(reason: Text): never {
          throw new SkipSignal(reason);
        },
      };
      requireSome([1], t, 'observations');
      const skipped = (() => {
        try {
          requireSome([], t, { en: 'observations', fr: 'observations' }, 'dsq-emr');
        } catch (e) {
          return (e as SkipSignal).reason;
        }
        throw new Error('requireSome did not skip');
      })();
      expect(skipped).to.deep.equal({
        en: 'the target returned no observations for the test patient; load the test data (homolog fixtures --suite dsq-emr)',
        fr: 'la cible n’a renvoyé aucune donnée « observations » pour le patient de test ; chargez les données de test (homolog fixtures --suite dsq-emr)',
      });
    });
  });

  it("the README's example check is a copy of a real check (fhir-core read-weak-etag)", () => {
    // Comments and layout aside, the example's test definition must be found in the suite's source.
    const normalised = (code: string): string => code.replace(/\s\/\/ .*$/gm, '').replace(/\s+/g, ' ');
    const readme = readFileSync(projectPath('README.md'), 'utf8');
    const example = /```ts\n\/\/ suites\/fhir-core\/read\.ts\n[\s\S]*?\n(\{\n {2}id: [\s\S]*?\n\}),\n```/.exec(
      readme,
    )?.[1];
    expect(example, 'the README shows the example check').to.be.a('string');
    const source = readFileSync(projectPath('suites/fhir-core/read.ts'), 'utf8');
    expect(normalised(source)).to.contain(
      normalised(example ?? '')
        .slice(1, -1)
        .trim(),
    );
  });
});
