// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is TestScript variable syntax, not a template
import type { TestScriptSetupActionAssert } from '@medplum/fhirtypes';
import { expect } from 'chai';
import type { HttpResponse } from '../../src/http/client.js';
import { evaluateAssert, RESPONSE_CODES } from '../../src/testscript/asserts.js';
import type { AssertScope, ScriptExchange } from '../../src/testscript/runner.js';
import { ExpressionError } from '../../src/testscript/values.js';

const BASE = 'http://127.0.0.1:8080/fhir';

function exchange(
  status: number,
  resource: Record<string, unknown> | undefined,
  headers: Record<string, string> = {},
  method = 'GET',
  url = `${BASE}/Patient/p1`,
): ScriptExchange {
  const body = resource ? JSON.stringify(resource) : '';
  const response: HttpResponse = {
    exchangeId: 'x1',
    method,
    url,
    status,
    headers: { 'content-type': 'application/fhir+json; charset=utf-8', ...headers },
    body,
    json: <T>() => JSON.parse(body) as T,
  };
  return { method, url, response, ...(resource ? { resource } : {}) };
}

const patient = {
  resourceType: 'Patient',
  id: 'p1',
  meta: { versionId: '3' },
  name: [{ family: 'Tremblay' }],
  gender: 'female',
};
const read = exchange(200, patient, { etag: 'W/"3"' });

function scope(last: ScriptExchange | null = read, extra: Partial<AssertScope> = {}): AssertScope {
  const exchanges: Record<string, ScriptExchange> = { read, created: exchange(201, patient, { location: 'x' }) };
  const fixtures: Record<string, Record<string, unknown>> = {
    minimal: { resourceType: 'Patient', name: [{ family: 'Tremblay' }] },
    other: { resourceType: 'Patient', name: [{ family: 'Roy' }] },
  };
  return {
    ...(last ? { last } : {}),
    exchange: (id) => exchanges[id],
    fixture: (id) => fixtures[id],
    profile: (id) => (id === 'core' ? 'http://hl7.org/fhir/StructureDefinition/Patient' : undefined),
    variable: (name) => ({ pid: 'p1', fam: 'Tremblay' })[name],
    baseUrl: BASE,
    ...extra,
  };
}

type Assert = Omit<TestScriptSetupActionAssert, 'warningOnly'>;

/** warningOnly is 1..1 in R4; the runner reads it, not the evaluation. */
function evaluate(a: Assert, s: AssertScope = scope()): ReturnType<typeof evaluateAssert> {
  return evaluateAssert({ warningOnly: false, ...a }, s);
}

async function outcome(a: Assert, s: AssertScope = scope()): Promise<boolean> {
  return (await evaluate(a, s)).ok;
}

describe('TestScript asserts (each can pass and fail)', () => {
  it('response: every R4 response code maps to its status', async () => {
    for (const [code, status] of Object.entries(RESPONSE_CODES)) {
      expect(await outcome({ response: code as 'okay' }, scope(exchange(status, undefined))), code).to.equal(true);
      expect(await outcome({ response: code as 'okay' }, scope(exchange(status + 1, undefined))), code).to.equal(false);
    }
  });

  it('responseCode with operators', async () => {
    expect(await outcome({ responseCode: '200' })).to.equal(true);
    expect(await outcome({ responseCode: '201' })).to.equal(false);
    expect(await outcome({ responseCode: '200,201', operator: 'in' })).to.equal(true);
    expect(await outcome({ responseCode: '400', operator: 'lessThan' })).to.equal(true);
    expect(await outcome({ responseCode: '200', operator: 'notEquals' })).to.equal(false);
  });

  it('headerField with value, notEmpty (default without value) and empty', async () => {
    expect(await outcome({ headerField: 'ETag', value: 'W/"3"' })).to.equal(true);
    expect(await outcome({ headerField: 'etag', value: 'W/"4"' })).to.equal(false);
    expect(await outcome({ headerField: 'ETag' })).to.equal(true);
    expect(await outcome({ headerField: 'Last-Modified' })).to.equal(false);
    expect(await outcome({ headerField: 'Last-Modified', operator: 'empty' })).to.equal(true);
  });

  it('contentType: json is FHIR JSON, parameters ignored', async () => {
    expect(await outcome({ contentType: 'json' })).to.equal(true);
    expect(await outcome({ contentType: 'application/fhir+json' })).to.equal(true);
    expect(await outcome({ contentType: 'application/json' })).to.equal(false);
  });

  it('resource type', async () => {
    expect(await outcome({ resource: 'Patient' })).to.equal(true);
    expect(await outcome({ resource: 'Bundle' })).to.equal(false);
    expect(await outcome({ resource: 'Patient' }, scope(exchange(204, undefined)))).to.equal(false);
  });

  it('expression: as a boolean without value, compared with value, with variables substituted', async () => {
    expect(await outcome({ expression: "Patient.gender = 'female'" })).to.equal(true);
    expect(await outcome({ expression: "Patient.gender = 'male'" })).to.equal(false);
    expect(await outcome({ expression: 'Patient.birthDate' })).to.equal(false); // empty is false
    expect(await outcome({ expression: 'Patient.id', value: '${pid}' })).to.equal(true);
    expect(await outcome({ expression: 'Patient.name.family', value: 'Roy' })).to.equal(false);
    expect(await outcome({ expression: "Patient.name.where(family = '${fam}').exists()" })).to.equal(true);
    expect(await outcome({ expression: 'Patient.telecom', operator: 'empty' })).to.equal(true);
    expect(await outcome({ expression: 'Patient.name', operator: 'empty' })).to.equal(false);
  });

  it('expression on a fixture or a named response (sourceId)', async () => {
    expect(await outcome({ sourceId: 'other', expression: 'Patient.name.family', value: 'Roy' })).to.equal(true);
    expect(await outcome({ sourceId: 'created', headerField: 'Location', value: 'x' }, scope(null))).to.equal(true);
    expect(await outcome({ sourceId: 'minimal', expression: 'Patient.gender.exists()' })).to.equal(false);
  });

  it('path (JSON path subset)', async () => {
    expect(await outcome({ path: '$.name[0].family', value: 'Tremblay' })).to.equal(true);
    expect(await outcome({ path: 'Patient.name[0].family', value: 'Roy' })).to.equal(false);
  });

  it('compareToSourceId with compareToSourceExpression (equals, notEquals)', async () => {
    const same = { compareToSourceId: 'minimal', compareToSourceExpression: 'Patient.name.family' };
    expect(await outcome(same)).to.equal(true);
    expect(await outcome({ ...same, compareToSourceId: 'other' })).to.equal(false);
    expect(await outcome({ ...same, compareToSourceId: 'other', operator: 'notEquals' })).to.equal(true);
    expect(
      await outcome({ compareToSourceId: 'other', compareToSourcePath: 'name[0].family', path: 'name[0].family' }),
    ).to.equal(false);
  });

  it('minimumId', async () => {
    expect(await outcome({ minimumId: 'minimal' })).to.equal(true);
    expect(await outcome({ minimumId: 'other' })).to.equal(false);
  });

  it('validateProfileId: homolog’s validator against the profile', async () => {
    expect(await outcome({ validateProfileId: 'core' })).to.equal(true);
    const invalid = exchange(200, { ...patient, gender: 'robot' });
    const r = await evaluate({ validateProfileId: 'core' }, scope(invalid));
    expect(r.ok).to.equal(false);
    expect(r.message.en).to.contain('gender');
  });

  it('navigationLinks: a Bundle with a self link, every navigation link on the target', async () => {
    const bundle = (links: { relation: string; url: string }[]): ScriptExchange =>
      exchange(200, { resourceType: 'Bundle', type: 'searchset', link: links });
    const self = { relation: 'self', url: `${BASE}/Patient?family=x` };
    expect(await outcome({ navigationLinks: true }, scope(bundle([self])))).to.equal(true);
    expect(await outcome({ navigationLinks: true }, scope(bundle([])))).to.equal(false);
    expect(
      await outcome(
        { navigationLinks: true },
        scope(bundle([self, { relation: 'next', url: 'https://elsewhere.example/fhir/Patient?page=2' }])),
      ),
    ).to.equal(false);
    expect(await outcome({ navigationLinks: true })).to.equal(false); // not a Bundle
  });

  it('requestMethod and requestURL (relative to the base, or absolute)', async () => {
    expect(await outcome({ requestMethod: 'get' })).to.equal(true);
    expect(await outcome({ requestMethod: 'post' })).to.equal(false);
    expect(await outcome({ requestURL: 'Patient/${pid}' })).to.equal(true);
    expect(await outcome({ requestURL: `${BASE}/Patient/p1` })).to.equal(true);
    expect(await outcome({ requestURL: 'Patient/p2' })).to.equal(false);
    expect(await outcome({ requestURL: '/Patient', operator: 'contains' })).to.equal(true);
  });

  it('every kind given in one assert must hold', async () => {
    expect(await outcome({ response: 'okay', resource: 'Patient' })).to.equal(true);
    const r = await evaluate({ response: 'okay', resource: 'Bundle', headerField: 'X-None' }, scope());
    expect(r.ok).to.equal(false);
    expect(r.message.en).to.contain('resource').and.contain('X-None');
  });

  it('an assert with no response to look at, or an invalid expression, is the script’s error', async () => {
    let thrown: unknown;
    await evaluate({ response: 'okay' }, scope(null)).catch((e: unknown) => (thrown = e));
    expect(thrown).to.be.instanceOf(ExpressionError);
    thrown = undefined;
    await evaluate({ expression: 'Patient.(' }, scope()).catch((e: unknown) => (thrown = e));
    expect(thrown).to.be.instanceOf(ExpressionError);
  });
});
