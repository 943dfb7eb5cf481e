import { expect } from 'chai';
import { DEFAULT_HTTP_SETTINGS, HttpSession, type HttpSettings } from '../../src/http/client.js';
import { TargetError } from '../../src/http/errors.js';
import { ExchangeRecorder } from '../../src/http/recorder.js';
import { REDACTED, Redactor } from '../../src/http/redact.js';
import { type HostileMode, startHostileServer } from '../support/hostile-server.js';

async function withServer<T>(mode: HostileMode, fn: (baseUrl: string) => Promise<T>): Promise<T> {
  const server = await startHostileServer(mode, { hugeBytes: 2 * 1024 * 1024 });
  try {
    return await fn(server.baseUrl);
  } finally {
    await server.close();
  }
}

function session(
  settings: Partial<HttpSettings> = {},
  secrets: string[] = [],
): { s: HttpSession; recorder: ExchangeRecorder } {
  const recorder = new ExchangeRecorder();
  return { s: new HttpSession(recorder, new Redactor(secrets), { ...DEFAULT_HTTP_SETTINGS, ...settings }), recorder };
}

async function targetError(p: Promise<unknown>): Promise<TargetError> {
  try {
    await p;
  } catch (err) {
    expect(err).to.be.instanceOf(TargetError);
    return err as TargetError;
  }
  throw new Error('expected a TargetError');
}

describe('HTTP layer', () => {
  it('records each exchange with redacted credentials, scoped to its check', async () => {
    await withServer('echo-credentials', async (baseUrl) => {
      const { s, recorder } = session({}, ['tok-CANARY-1234']);
      const seen: string[] = [];
      const client = s
        .client(baseUrl, { checkId: 'suite/test', onExchange: (x) => seen.push(x.id) })
        .withHeaders({ Authorization: 'Bearer tok-CANARY-1234' });
      const res = await client.send({ url: 'Patient/1', name: 'patient-read' });
      expect(res.status).to.equal(200);
      expect(res.body).to.contain('tok-CANARY-1234'); // the test sees the real answer...
      const x = recorder.get(res.exchangeId);
      expect(seen).to.deep.equal([res.exchangeId]);
      expect(x).to.include({ checkId: 'suite/test', name: 'patient-read' });
      expect(x?.request.url).to.equal(`${baseUrl}/Patient/1`);
      expect(x?.request.headers.authorization).to.equal(`Bearer ${REDACTED}`);
      // ...but the evidence never holds the secret.
      expect(JSON.stringify(recorder.all())).not.to.contain('tok-CANARY-1234');
      await s.close();
    });
  });

  it('turns a hanging target into a timeout error', async () => {
    await withServer('hang', async (baseUrl) => {
      const { s, recorder } = session({ timeoutMs: 300 });
      const err = await targetError(s.client(baseUrl, {}).send({ url: 'metadata' }));
      expect(err.code).to.equal('timeout');
      expect(err.message).to.contain('GET').and.contain('/metadata').and.contain('300 ms');
      expect(recorder.all()[0]?.error?.code).to.equal('timeout');
      await s.close();
    });
  });

  it('turns a reset connection into a connection error', async () => {
    await withServer('reset', async (baseUrl) => {
      const { s } = session();
      const err = await targetError(s.client(baseUrl, {}).send({ url: 'metadata' }));
      expect(err.code).to.equal('connection');
      expect(err.message).to.contain('closed the connection');
      await s.close();
    });
  });

  it('cuts off a body larger than the cap', async () => {
    await withServer('huge', async (baseUrl) => {
      const { s, recorder } = session({ maxResponseBytes: 256 * 1024 });
      const err = await targetError(s.client(baseUrl, {}).send({ url: 'Observation' }));
      expect(err.code).to.equal('too-large');
      expect(recorder.all()[0]?.error?.message).to.contain('262144-byte limit');
      await s.close();
    });
  });

  it('reports malformed JSON with the request and the position', async () => {
    await withServer('malformed-json', async (baseUrl) => {
      const { s } = session();
      const res = await s.client(baseUrl, {}).send({ url: 'metadata' });
      const err = await targetError(Promise.resolve().then(() => res.json()));
      expect(err.code).to.equal('malformed-json');
      expect(err.message).to.match(/response to GET .*\/metadata:1:\d+: invalid JSON/);
      await s.close();
    });
  });

  it('truncates bodies kept as evidence but gives tests the whole body', async () => {
    await withServer('huge', async (baseUrl) => {
      const { s, recorder } = session({ maxEvidenceBytes: 1000 });
      const res = await s.client(baseUrl, {}).send({ url: 'Observation' });
      const x = recorder.get(res.exchangeId);
      expect(res.body.length).to.be.greaterThan(2 * 1024 * 1024);
      expect(x?.response?.bodyTruncated).to.equal(true);
      expect(x?.response?.body?.length).to.equal(1000);
      expect(x?.response?.bodySize).to.equal(Buffer.byteLength(res.body));
      await s.close();
    });
  });

  it('refuses a target that is not listening', async () => {
    const { s } = session();
    const err = await targetError(s.client('http://127.0.0.1:9/fhir', {}).send({ url: 'metadata' }));
    expect(err.code).to.equal('connection');
    expect(err.message).to.contain('connection refused');
    await s.close();
  });
});
