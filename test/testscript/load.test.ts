// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is TestScript variable syntax, not a template
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { compileTestScript, REQUIREMENT_EXTENSION } from '../../src/testscript/compile.js';
import { loadTestScript, loadTestScripts } from '../../src/testscript/load.js';
import { UsageError } from '../../src/util/errors.js';
import { projectPath } from '../../src/util/paths.js';
import { useTempDir } from '../support/tmp.js';

type Json = Record<string, unknown>;

const minimal = (): Json => ({
  resourceType: 'TestScript',
  id: 'mini',
  url: 'https://example.org/TestScript/mini',
  name: 'Mini',
  status: 'active',
  variable: [{ name: 'pid', defaultValue: 'p1' }],
  test: [
    {
      name: 'read it',
      action: [
        { operation: { type: { code: 'read' }, resource: 'Patient', params: '/${pid}' } },
        { assert: { response: 'okay', warningOnly: false } },
      ],
    },
  ],
});

describe('TestScript loading: what is refused, naming file, line and element', () => {
  const tmp = useTempDir();
  let n = 0;

  async function write(data: Json | string): Promise<string> {
    const file = path.join(tmp.dir, `script-${n++}.json`);
    await writeFile(file, typeof data === 'string' ? data : JSON.stringify(data, null, 2));
    return file;
  }

  async function refusal(data: Json | string): Promise<string> {
    const file = await write(data);
    try {
      await loadTestScript(file);
    } catch (err) {
      expect(err).to.be.instanceOf(UsageError);
      const message = (err as Error).message;
      expect(message.startsWith(file), message).to.equal(true);
      return message;
    }
    throw new Error('not refused');
  }

  const withTest = (action: Json): Json => ({ ...minimal(), test: [{ name: 't', action: [action] }] });

  it('a minimal TestScript loads', async () => {
    const loaded = await loadTestScript(await write(minimal()));
    expect(loaded.script.name).to.equal('Mini');
    expect(loaded.digest).to.match(/^[0-9a-f]{64}$/);
  });

  it('bad JSON: the line and column of the error', async () => {
    expect(await refusal('{\n  "resourceType": "TestScript",\n  "name": \n}')).to.match(/:4:1: invalid JSON/);
  });

  it('not a TestScript, or without its required elements or tests', async () => {
    expect(await refusal({ resourceType: 'Patient' })).to.match(/:2:\d+: resourceType: not a TestScript/);
    expect(await refusal('[1, 2]')).to.contain('not a TestScript');
    const { url: _url, ...noUrl } = minimal();
    expect(await refusal(noUrl)).to.contain('TestScript.url is required');
    expect(await refusal({ ...minimal(), test: [] })).to.contain('has no test');
    expect(await refusal({ ...minimal(), test: [{ name: 'x', action: [] }] })).to.contain('test[0].action');
  });

  it('rule, ruleset and modifierExtension, at any depth, with their line', async () => {
    const script = minimal();
    (script.test as Json[])[0] = { name: 't', action: [{ assert: { rule: { ruleId: 'x' }, warningOnly: false } }] };
    const message = await refusal(script);
    expect(message).to.contain('test[0].action[0].assert.rule: "rule" is not supported');
    expect(message).to.match(/\.json:\d+:\d+: /);
    expect(await refusal({ ...minimal(), ruleset: [] })).to.contain('ruleset');
    expect(await refusal({ ...minimal(), modifierExtension: [{ url: 'x' }] })).to.contain('modifierExtension');
  });

  it('more than one origin or destination, or an operation naming another', async () => {
    const profile = { code: 'FHIR-Server' };
    expect(
      await refusal({
        ...minimal(),
        destination: [
          { index: 1, profile },
          { index: 2, profile },
        ],
      }),
    ).to.contain('more than one destination');
    expect(
      await refusal(
        withTest({ operation: { type: { code: 'read' }, resource: 'Patient', params: '/x', destination: 2 } }),
      ),
    ).to.contain('origin and destination other than 1');
  });

  it('XPath, paths outside the JSON subset, XML formats', async () => {
    expect(await refusal(withTest({ assert: { path: 'fhir:Patient/fhir:name', warningOnly: false } }))).to.contain(
      'XPath is not supported',
    );
    expect(await refusal(withTest({ assert: { path: '$..name', warningOnly: false } }))).to.contain('JSON path subset');
    expect(
      await refusal(
        withTest({ operation: { type: { code: 'read' }, resource: 'Patient', params: '/x', accept: 'xml' } }),
      ),
    ).to.contain('XML is not supported');
    expect(await refusal(withTest({ assert: { contentType: 'application/fhir+xml', warningOnly: false } }))).to.contain(
      'XML',
    );
  });

  it('unknown operations, undeclared variables, ids that name nothing, asserts that test nothing', async () => {
    expect(
      await refusal(withTest({ operation: { type: { code: 'deleteCondMultiple' }, resource: 'Patient' } })),
    ).to.contain('operation "deleteCondMultiple" is not supported');
    expect(
      await refusal(withTest({ operation: { type: { code: 'search' }, resource: 'Patient', params: '?x=${nope}' } })),
    ).to.contain('${nope} names no variable');
    expect(await refusal(withTest({ assert: { sourceId: 'never', response: 'okay', warningOnly: false } }))).to.contain(
      'sourceId "never" names no fixture nor earlier responseId',
    );
    expect(await refusal(withTest({ assert: { validateProfileId: 'p', warningOnly: false } }))).to.contain(
      'validateProfileId "p" names no profile',
    );
    expect(await refusal(withTest({ assert: { warningOnly: false } }))).to.contain('tests nothing');
    expect(
      await refusal(withTest({ assert: { response: 'okay', direction: 'request', warningOnly: false } })),
    ).to.contain('direction "request"');
    expect(await refusal(withTest({ operation: { type: { code: 'create' }, resource: 'Patient' } }))).to.contain(
      'needs sourceId',
    );
  });

  it('fixtures: a relative file or a contained resource; an absolute URL is refused; a missing file is named', async () => {
    const contained = {
      ...minimal(),
      contained: [{ resourceType: 'Patient', id: 'pat' }],
      fixture: [{ id: 'f1', autocreate: false, autodelete: false, resource: { reference: '#pat' } }],
    };
    expect((await loadTestScript(await write(contained))).fixtures.get('f1')?.resource.resourceType).to.equal(
      'Patient',
    );
    await mkdir(path.join(tmp.dir, 'res'), { recursive: true });
    await writeFile(path.join(tmp.dir, 'res', 'obs.json'), '{"resourceType":"Observation","status":"final"}');
    const fromFile = { ...minimal(), fixture: [{ id: 'f2', resource: { reference: 'res/obs.json' } }] };
    const loaded = await loadTestScript(await write(fromFile));
    expect(loaded.fixtures.get('f2')?.resource.resourceType).to.equal('Observation');
    expect(
      await refusal({
        ...minimal(),
        fixture: [{ id: 'f3', resource: { reference: 'https://example.org/Patient/1' } }],
      }),
    ).to.contain('only a file relative to the TestScript');
    let missing = '';
    await loadTestScript(
      await write({ ...minimal(), fixture: [{ id: 'f4', resource: { reference: 'res/none.json' } }] }),
    ).catch((e: Error) => (missing = e.message));
    expect(missing)
      .to.contain(path.join(tmp.dir, 'res', 'none.json'))
      .and.contain('file not found');
  });

  it('a folder: every .json TestScript in it, sorted; an empty folder or a missing path is a usage error', async () => {
    const scripts = await loadTestScripts([projectPath('suites', 'testscripts')]);
    expect(scripts.map((s) => s.script.id)).to.deep.equal(['observation-lifecycle', 'patient-read']);
    await mkdir(path.join(tmp.dir, 'empty'));
    for (const arg of [path.join(tmp.dir, 'empty'), path.join(tmp.dir, 'absent')]) {
      let thrown: unknown;
      await loadTestScripts([arg]).catch((e: unknown) => (thrown = e));
      expect(thrown, arg).to.be.instanceOf(UsageError);
    }
  });

  it('compiles to a suite: id from TestScript.id, requirements from the extension or derived from the test name', async () => {
    const script = minimal();
    script.id = 'My_Script';
    script.test = [
      ...(script.test as Json[]),
      {
        name: 'second',
        extension: [
          { url: REQUIREMENT_EXTENSION, valueString: 'REQ-01' },
          { url: REQUIREMENT_EXTENSION, valueString: 'REQ-02' },
        ],
        action: (script.test as { action: Json[] }[])[0]?.action,
      },
      { name: 'read it', description: 'again', action: (script.test as { action: Json[] }[])[0]?.action },
    ];
    const suite = compileTestScript(await loadTestScript(await write(script)));
    expect(suite.id).to.equal('my-script');
    expect(suite.version).to.equal('unversioned');
    expect(suite.testScript).to.deep.equal({ url: 'https://example.org/TestScript/mini' });
    expect(suite.tests.map((t) => [t.id, t.verifies])).to.deep.equal([
      ['read-it', ['READ-IT']],
      ['second', ['REQ-01', 'REQ-02']],
      ['read-it-2', ['READ-IT']],
    ]);
    expect(suite.requirements.map((r) => r.id)).to.deep.equal(['READ-IT', 'REQ-01', 'REQ-02']);
    const bad = minimal();
    (bad.test as Json[])[0] = {
      ...(bad.test as Json[])[0],
      extension: [{ url: REQUIREMENT_EXTENSION, valueString: 'lower' }],
    };
    let thrown: unknown;
    try {
      compileTestScript(await loadTestScript(await write(bad)));
    } catch (err) {
      thrown = err;
    }
    expect(thrown).to.be.instanceOf(UsageError);
  });
});
