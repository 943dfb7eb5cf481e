/**
 * Several client targets in one command: each one's run folder and console
 * prefix (a plain name, never a path out of --out), and the one address the
 * simulator listens at.
 */
import { expect } from 'chai';
import { sessionLabels, sharedAddress } from '../../src/cli/commands/client-runs.js';
import type { ClientTarget } from '../../src/model/target.js';
import { UsageError } from '../../src/util/errors.js';

function target(clientId: string, source: string, simulator = { host: '127.0.0.1', port: 0 }): ClientTarget {
  return { kind: 'client', source, clientId, jwks: [], simulator, testData: {}, secrets: [] };
}

describe('several client targets: run folders and the shared listener', () => {
  it('names each run by its client id, else its file stem; a repeated name gets -2, -3', () => {
    const labels = sessionLabels([
      target('pharmapro', '/t/a.yaml'),
      target('https://acme.example/clients/1', '/t/acme client.yaml'),
      target('../../etc', '/t/..evil.yaml'),
      target('pharmapro', '/t/b.yaml'),
      target('pharmapro-2', '/t/c.yaml'),
    ]);
    expect(labels).to.deep.equal(['pharmapro', 'acme-client', 'evil', 'pharmapro-2', 'pharmapro-2-2']);
  });

  it('listens at --port, else the port the files name, else a free one; different ports or hosts are refused', () => {
    const named = target('a', '/t/a.yaml', { host: '127.0.0.1', port: 8443 });
    const free = target('b', '/t/b.yaml');
    expect(sharedAddress([free, named], 'en')).to.deep.equal({ host: '127.0.0.1', port: 8443 });
    expect(sharedAddress([free, free], 'en')).to.deep.equal({ host: '127.0.0.1', port: 0 });
    const other = target('c', '/t/c.yaml', { host: '127.0.0.1', port: 9443 });
    expect(() => sharedAddress([named, other], 'en'))
      .to.throw(UsageError)
      .with.property('message')
      .that.contains('a.yaml: 8443, c.yaml: 9443');
    expect(sharedAddress([named, other], 'en', 7443)).to.deep.equal({ host: '127.0.0.1', port: 7443 });
    const elsewhere = target('d', '/t/d.yaml', { host: 'localhost', port: 0 });
    expect(() => sharedAddress([free, elsewhere], 'en', 7443)).to.throw(UsageError, 'different simulator hosts');
  });
});
