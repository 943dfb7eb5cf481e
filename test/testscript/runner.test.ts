// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is TestScript variable syntax, not a template
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { loadTarget } from '../../src/config/load-target.js';
import type { RunResult } from '../../src/model/run-result.js';
import { type ReferenceTarget, startReferenceTarget } from '../../src/reference/server.js';
import { runCampaign } from '../../src/run/campaign.js';
import { writeReferenceTargetFile } from '../support/reference.js';
import { useTempDir } from '../support/tmp.js';

type Json = Record<string, unknown>;
const TOKEN = 'runner-test-token-0123456789';
const op = (code: string, rest: Json = {}): Json => ({ operation: { type: { code }, ...rest } });
const assert = (rest: Json): Json => ({ assert: { warningOnly: false, ...rest } });

/** Variables, substitution, setup, teardown and outcomes, run in process over real HTTP against the reference target. */
describe('TestScript runner (reference target, real HTTP)', function () {
  this.timeout(60_000);
  const tmp = useTempDir();
  let server: ReferenceTarget;
  let n = 0;
  before(async () => {
    server = await startReferenceTarget({ tokens: [TOKEN] });
  });
  after(() => server.close());

  async function run(script: Json, extraTarget = ''): Promise<RunResult> {
    const file = path.join(tmp.dir, `script-${n++}.json`);
    await writeFile(
      file,
      JSON.stringify({
        resourceType: 'TestScript',
        url: `https://example.org/TestScript/s${n}`,
        status: 'active',
        ...script,
      }),
    );
    const target = await loadTarget(
      await writeReferenceTargetFile(tmp.dir, server.baseUrl, 'RUNNER_TOKEN', extraTarget),
      {
        ...process.env,
        RUNNER_TOKEN: TOKEN,
      },
    );
    return runCampaign({ target, suiteIds: [], testScripts: [file] });
  }

  const requestOf = (
    r: RunResult,
    checkId: string,
  ): { method: string; url: string; headers: Record<string, string>; body?: string }[] => {
    const ids = r.checks.find((c) => c.id === checkId)?.exchanges ?? [];
    return r.exchanges.filter((x) => ids.includes(x.id)).map((x) => x.request as never);
  };

  it('variables (defaultValue, testData input, headerField, expression, path) substituted in params, url, headers and bodies', async () => {
    const r = await run({
      id: 'vars',
      name: 'vars',
      fixture: [{ id: 'obs', resource: { reference: '#obs' } }],
      contained: [
        {
          resourceType: 'Observation',
          id: 'obs',
          status: 'final',
          code: { text: 'weight of ${family}' },
          subject: { reference: 'Patient/${patientId}' },
        },
      ],
      variable: [
        { name: 'patientId' }, // from testData
        { name: 'count', defaultValue: '5' },
        { name: 'etag', headerField: 'ETag', sourceId: 'pat' },
        { name: 'family', expression: 'Patient.name.first().family', sourceId: 'pat' },
        { name: 'birth', path: '$.birthDate', sourceId: 'pat' },
        { name: 'newId', expression: 'Observation.id', sourceId: 'created' },
      ],
      test: [
        {
          name: 'substitution',
          action: [
            op('read', { resource: 'Patient', params: '/${patientId}', responseId: 'pat' }),
            assert({ response: 'okay' }),
            op('search', {
              resource: 'Patient',
              params: '?family=${family}&birthdate=${birth}&_count=${count}',
              requestHeader: [{ field: 'X-Version', value: '${etag}' }],
            }),
            assert({
              expression: 'Bundle.entry.resource.ofType(Patient).id',
              operator: 'contains',
              value: '${patientId}',
            }),
            op('create', { sourceId: 'obs', responseId: 'created' }),
            assert({ response: 'created' }),
            op('read', { url: 'Observation/${newId}' }),
            assert({ expression: "Observation.code.text = 'weight of Tremblay'" }),
            assert({ path: 'subject.reference', value: 'Patient/qc-pat-0001' }),
          ],
        },
      ],
    });
    const check = r.checks[0];
    expect(check?.status, check?.message?.en).to.equal('pass');
    const requests = requestOf(r, 'vars/substitution');
    expect(requests[1]?.url).to.equal(`${server.baseUrl}/Patient?family=Tremblay&birthdate=1985-06-25&_count=5`);
    expect(requests[1]?.headers['x-version']).to.match(/^W\/"\d+"$/);
    expect(requests[2]?.body).to.contain('"reference":"Patient/qc-pat-0001"').and.contain('weight of Tremblay');
    expect(requests[3]?.url).to.match(new RegExp(`^${server.baseUrl}/Observation/[A-Za-z0-9-]+$`));
  });

  it('failures: a failed assert fails the check, warningOnly warns, a missing value fails, a missing input skips', async () => {
    const r = await run({
      id: 'outcomes',
      name: 'outcomes',
      variable: [
        { name: 'missingHeader', headerField: 'X-Not-There', sourceId: 'pat' },
        { name: 'notInTestData' },
        { name: 'loop', expression: "Patient.id + '${loop}'", sourceId: 'pat' },
      ],
      test: [
        {
          name: 'fails',
          action: [op('read', { resource: 'Patient', params: '/qc-pat-0001' }), assert({ response: 'notFound' })],
        },
        {
          name: 'warns',
          action: [
            op('read', { resource: 'Patient', params: '/qc-pat-0001', responseId: 'pat' }),
            assert({ resource: 'Bundle', warningOnly: true }),
          ],
        },
        {
          name: 'value-missing',
          action: [assert({ sourceId: 'pat', expression: "Patient.id = '${missingHeader}'" })],
        },
        { name: 'input-missing', action: [op('read', { resource: 'Patient', params: '/${notInTestData}' })] },
        { name: 'self-reference', action: [assert({ sourceId: 'pat', expression: "'${loop}'.exists()" })] },
        { name: 'off-target', action: [op('read', { url: 'https://elsewhere.example/fhir/Patient/1' })] },
      ],
    });
    const status = Object.fromEntries(r.checks.map((c) => [c.testId, [c.status, c.message?.en ?? '']]));
    expect(status.fails?.[0]).to.equal('fail');
    expect(status.fails?.[1]).to.contain('found 200, expected equals 404');
    expect(status.warns?.[0]).to.equal('warn');
    expect(status['value-missing']?.[0]).to.equal('fail');
    expect(status['value-missing']?.[1]).to.contain('variable "missingHeader" has no value');
    expect(status['input-missing']).to.deep.equal([
      'skip',
      'input "notInTestData" is not set in the target file\'s testData',
    ]);
    expect(status['self-reference']?.[0]).to.equal('error');
    expect(status['self-reference']?.[1]).to.contain('variable "loop" refers to itself');
    expect(status['off-target']?.[0]).to.equal('error');
    expect(status['off-target']?.[1]).to.contain('not on the target');
    // The same in French, parameters filled: a failed assert, a missing value, the script's own error.
    const fr = Object.fromEntries(r.checks.map((c) => [c.testId, c.message?.fr ?? '']));
    expect(fr.fails).to.contain('trouvé 200, attendu equals 404');
    expect(fr['value-missing']).to.contain('la variable « missingHeader » n’a pas de valeur');
    expect(fr['self-reference']).to.contain('la variable « loop » fait référence à elle-même');
    expect(fr['off-target']).to.contain('n’est pas sur la cible');
    // Nothing was sent off the target.
    expect(r.exchanges.some((x) => x.request.url.includes('elsewhere.example'))).to.equal(false);
  });

  it('setup runs once before the first test; when it fails every test skips, naming why; teardown runs after the last test', async () => {
    const failing = await run({
      id: 'setup-fails',
      name: 'setup-fails',
      setup: {
        action: [op('read', { resource: 'Patient', params: '/no-such-patient' }), assert({ response: 'okay' })],
      },
      test: [
        { name: 'a', action: [op('capabilities'), assert({ response: 'okay' })] },
        { name: 'b', action: [op('capabilities'), assert({ response: 'okay' })] },
      ],
    });
    expect(failing.checks.map((c) => c.status)).to.deep.equal(['skip', 'skip']);
    expect(failing.checks[1]?.message?.en).to.contain('setup did not complete').and.contain('found 404');
    expect(failing.verdict.status).to.equal('inconclusive');

    const passing = await run({
      id: 'setup-ok',
      name: 'setup-ok',
      fixture: [{ id: 'pat', autocreate: true, autodelete: true, resource: { reference: '#p' } }],
      contained: [{ resourceType: 'Patient', id: 'p', name: [{ family: 'Autocreated' }] }],
      setup: { action: [op('capabilities'), assert({ response: 'okay' })] },
      teardown: { action: [op('delete', { targetId: 'pat' })] },
      test: [
        {
          name: 'a',
          action: [op('read', { targetId: 'pat' }), assert({ response: 'okay' }), assert({ minimumId: 'pat' })],
        },
        { name: 'b', action: [op('capabilities'), assert({ response: 'okay' })] },
      ],
    });
    expect(passing.checks.map((c) => c.status)).to.deep.equal(['pass', 'pass']);
    const first = requestOf(passing, 'setup-ok/a').map((x) => `${x.method} ${x.url.slice(server.baseUrl.length)}`);
    expect(first.slice(0, 3)).to.deep.equal(['POST /Patient', 'GET /metadata', first[2]]);
    expect(first[2]).to.match(/^GET \/Patient\/[A-Za-z0-9-]+$/);
    const last = requestOf(passing, 'setup-ok/b').map((x) => x.method);
    expect(last).to.deep.equal(['GET', 'DELETE', 'DELETE']); // teardown, then autodelete
    // The reference target has no delete: said as information, not as the check's result.
    expect(passing.checks[1]?.messages.map((m) => m.text.en).join('\n'))
      .to.contain('teardown: DELETE')
      .and.contain('405');
  });
});
