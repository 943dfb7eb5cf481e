import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { runCampaign } from '../../src/run/campaign.js';
import { runClientCampaign } from '../../src/run/client-campaign.js';
import { planRun } from '../../src/run/plan.js';
import { type Catalogue, loadCatalogue } from '../../src/suite/catalogue.js';
import { clientCheckOf, type LoadedSuite, suiteTests } from '../../src/suite/registry.js';
import { FileError, UsageError } from '../../src/util/errors.js';
import { useTempDir } from '../support/tmp.js';
import { clientKeys, clientSuite, clientTarget, registryOf } from './support.js';

const CATALOGUE = `id: tc
version: 1.0.0
title: { fr: Client, en: Client }
requirements:
  - { id: T-01, level: SHALL, text: { fr: Un, en: One }, source: test }
`;

const CLIENT_CODE = `export default { id: 'tc', kind: 'client', tests: [
  { id: 'a', title: 'a', verifies: ['T-01'], run: async () => {} },
] };
`;
const SERVER_CODE = `export default { id: 'tc', tests: [
  { id: 'a', title: 'a', verifies: ['T-01'], run: async () => {} },
] };
`;

async function refusal(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => Error = UsageError,
): Promise<string> {
  try {
    await promise;
  } catch (err) {
    expect(err).to.be.instanceOf(type);
    return (err as Error).message;
  }
  return expect.fail('expected a refusal');
}

describe('client suites in the catalogue, the registry and the campaign', () => {
  const tmp = useTempDir();
  let n = 0;
  const file = async (name: string, text: string): Promise<string> => {
    const f = path.join(tmp.dir, `${++n}-${name}`);
    await writeFile(f, text);
    return f;
  };
  const catalogue = async (extra: string): Promise<Catalogue> =>
    (await loadCatalogue(await file('catalogue.yaml', `${CATALOGUE}${extra}`))).catalogue;

  it('a catalogue says kind: client with the role its scenarios act in', async () => {
    expect(await catalogue('kind: client\nclientRole: pharmacist\n')).to.include({
      kind: 'client',
      clientRole: 'pharmacist',
    });
    expect(await refusal(catalogue('kind: client\n'), FileError)).to.match(/:\d+:\d+: .*clientRole/);
    expect(await refusal(catalogue('clientRole: physician\n'), FileError)).to.include(
      'clientRole is for client suites only',
    );
    expect(await refusal(catalogue('kind: client\nclientRole: janitor\n'), FileError)).to.include('clientRole');
  });

  it('the registry loads a client suite, and refuses code whose kind differs from its catalogue', async () => {
    await writeFile(path.join(tmp.dir, 'package.json'), '{ "type": "module" }');
    const client = await catalogue('kind: client\nclientRole: physician\n');
    const server = await catalogue('');
    const clientCode = await file('client.js', CLIENT_CODE);
    const serverCode = await file('server.js', SERVER_CODE);
    const tests = await suiteTests(client, clientCode);
    expect(tests.map((t) => t.id)).to.deep.equal(['a']);
    expect(clientCheckOf(tests[0] as (typeof tests)[number])?.id).to.equal('a');
    expect(await refusal(suiteTests(server, clientCode))).to.include('does not say kind: client');
    expect(await refusal(suiteTests(client, serverCode))).to.include('defines a server suite');
    // Run outside a client session, a client check is a harness error, never a pass.
    const planned = tests[0];
    expect(await refusal(Promise.resolve(planned?.run({} as never)), Error)).to.include(
      'runs only in a client session',
    );
  });

  it('plans client checks as server ones: a kept check brings the scenario it uses, tags select', () => {
    const check = (id: string, extra: object) => ({ id, title: id, verifies: ['T-01'], run: async () => {}, ...extra });
    const suite = clientSuite([
      check('makes-it', { makes: ['profile'] }),
      check('other', { tags: ['queries'] }),
      check('uses-it', { uses: ['profile'] }),
    ]);
    const byGrep = planRun([suite], { grep: 'uses-it' });
    expect(byGrep.suites[0]?.tests.map((t) => t.id)).to.deep.equal(['makes-it', 'uses-it']);
    expect(byGrep.dependencies).to.deep.equal(['test-client/makes-it']);
    expect(planRun([suite], { tags: ['queries'] }).suites[0]?.tests.map((t) => t.id)).to.deep.equal(['other']);
  });

  it('a client campaign refuses server suites, alone or mixed; a server campaign refuses client suites', async () => {
    const keys = await clientKeys();
    const serverSuite: LoadedSuite = {
      ...clientSuite([]),
      id: 'srv',
      kind: undefined,
      clientRole: undefined,
      tests: [],
    };
    const suites = registryOf(serverSuite, clientSuite([]));
    const run = (ids: string[]) =>
      runClientCampaign({ target: clientTarget(keys), suiteIds: ids, suites, unattended: true });
    expect(await refusal(run(['srv']))).to.include('srv: not a client suite');
    expect(await refusal(run(['srv', 'test-client']))).to.include('a run tests either a server or a client');
    const anonymous = runClientCampaign({
      target: clientTarget(keys, { role: 'anonymous' }),
      suiteIds: ['test-client'],
      suites,
      unattended: true,
    });
    expect(await refusal(anonymous)).to.include("client.role anonymous cannot be a client's role");
    const target = {
      source: 'url',
      baseUrl: 'http://127.0.0.1:9/fhir',
      actors: {},
      defaultActor: '',
      testData: {},
      secrets: [],
    };
    expect(await refusal(runCampaign({ target, suiteIds: ['test-client'], suites }))).to.include(
      'test-client: client suite(s) (kind: client): run them with a client target file',
    );
  });
});
