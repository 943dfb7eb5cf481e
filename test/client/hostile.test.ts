import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { connect } from 'node:tls';
import { expect } from 'chai';
import { type Simulator, startSimulator } from '../../src/client/simulator.js';
import type { RunResult } from '../../src/model/run-result.js';
import type { ClientTestDefinition } from '../../src/suite/client-api.js';
import { tempDir } from '../support/tmp.js';
import { clientKeys, clientSuite, runDriven, type ScriptedClient } from './support.js';

const BUDGET = 600;
const FLOOD = 1_000;
const UPLOAD = 50 * 1024 * 1024;

const TESTS: ClientTestDefinition[] = [
  {
    id: 'hostile',
    title: 'a hostile client',
    verifies: ['T-01'],
    makes: ['hostile'],
    async run(t) {
      const record = await t.scenario('hostile', {
        instruction: { fr: 'Attaque', en: 'Attack' },
        timeoutMs: 50_000,
        until: () => false,
      });
      const biggest = Math.max(...t.all().map((r) => r.body?.length ?? 0));
      const unanswered = t.all().filter((r) => r.reply.status === 0).length;
      t.info(`received ${record.received.length}, biggest body kept ${biggest}, unanswered ${unanswered}`);
    },
  },
];

interface Seen {
  malformed?: number;
  plainText?: number;
  upload?: number | string;
  flood: Record<number, number>;
  slowlorisClosedMs?: number;
}

/** Sends a request's headers and the start of its body, then goes away; resolves once the socket is closed. */
function abandoned(origin: string, caPem: string, sessionPath: string): Promise<void> {
  const url = new URL(origin);
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port), ca: caPem });
    socket.once('secureConnect', () => {
      socket.write(
        `POST ${sessionPath}fhir/Patient HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/fhir+json\r\nContent-Length: 1000\r\n\r\n{"resourceType":`,
      );
      setTimeout(() => socket.destroy(), 200);
    });
    socket.once('error', () => undefined);
    socket.once('close', () => resolve());
  });
}

/** Sends header bytes one at a time and resolves when the server closes the socket (ms after the first byte). */
function slowloris(origin: string, caPem: string, sessionPath: string): Promise<number> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port), ca: caPem });
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    socket.once('secureConnect', () => {
      socket.write(`GET ${sessionPath}fhir/metadata HTTP/1.1\r\nHost: ${url.host}\r\nX-Slow: `);
      timer = setInterval(() => socket.write('a'), 250);
    });
    socket.on('data', () => undefined);
    socket.once('close', () => {
      clearInterval(timer);
      resolve(Date.now() - started);
    });
    socket.once('error', () => undefined);
    setTimeout(() => {
      socket.destroy();
      reject(new Error('the slowloris socket was still open after 15 s'));
    }, 15_000).unref();
  });
}

describe('client simulator: a hostile client', function () {
  this.timeout(120_000);
  let simulator: Simulator;
  let result: RunResult;
  let client: ScriptedClient | undefined;
  const seen: Seen = { flood: {} };
  let runFile: string;
  let cleanup: (() => Promise<void>) | undefined;

  before(async () => {
    simulator = await startSimulator({ headersTimeoutMs: 1_000 });
    const keys = await clientKeys();
    ({ result, client } = await runDriven({
      simulator,
      keys,
      suites: [clientSuite(TESTS)],
      client: { connections: 16 },
      campaign: { requestBudget: BUDGET },
      behaviours: {
        hostile: async (c) => {
          const info = c.info;
          seen.malformed = (
            await c.fhir('POST', 'MedicationDispense', { body: '{"resourceType": "Medication' })
          ).status;
          seen.plainText = (
            await c.fhir('POST', 'MedicationDispense', { body: 'hello', headers: { 'content-type': 'text/plain' } })
          ).status;
          seen.upload = await c
            .fhir('POST', 'MedicationDispense', { body: Buffer.alloc(UPLOAD, 'a').toString('latin1') })
            .then(
              (a) => a.status,
              (err: Error) => err.message,
            );
          await abandoned(simulator.origin, info.caPem, new URL(info.rootUrl).pathname);
          const slow = slowloris(simulator.origin, info.caPem, new URL(info.rootUrl).pathname);
          for (let i = 0; i < FLOOD; i += 50) {
            const batch = await Promise.all(
              Array.from({ length: Math.min(50, FLOOD - i) }, () => c.fhir('GET', 'metadata')),
            );
            for (const a of batch) seen.flood[a.status] = (seen.flood[a.status] ?? 0) + 1;
          }
          seen.slowlorisClosedMs = await slow;
        },
      },
    }));
    const tmp = await tempDir('homolog-hostile-');
    cleanup = tmp.cleanup;
    runFile = path.join(tmp.dir, 'run.json');
    await writeFile(runFile, JSON.stringify(result));
  });
  after(async () => {
    await simulator.close();
    await cleanup?.();
  });

  it('answers malformed JSON 400 and a non-FHIR content type 415, and records both', () => {
    expect(seen.malformed).to.equal(400);
    expect(seen.plainText).to.equal(415);
    const statuses = result.exchanges.map((x) => x.response?.status);
    expect(statuses).to.include.members([400, 415]);
  });

  it('answers a 50 MB upload 413 and keeps only the first bytes', () => {
    expect(seen.upload).to.equal(413);
    const upload = result.exchanges.find((x) => x.response?.status === 413);
    expect(upload?.request.bodyTruncated).to.equal(true);
    expect(upload?.request.body?.length ?? 0).to.be.at.most(64 * 1024);
    const kept = result.checks[0]?.messages.find((m) => m.text.en.startsWith('received'))?.text.en ?? '';
    const biggest = Number(/biggest body kept (\d+)/.exec(kept)?.[1]);
    expect(biggest).to.be.at.most(1024 * 1024);
  });

  it('answers a flood beyond the session budget 429, counts it, and records no more than the budget', () => {
    expect(seen.flood[429]).to.be.greaterThan(0);
    expect(result.exchanges).to.have.length(BUDGET);
    expect(result.client?.refused).to.equal(seen.flood[429]);
    // Its requests, plus the one sent by hand and abandoned.
    expect(result.exchanges.length + (result.client?.refused ?? 0)).to.equal((client?.sent ?? 0) + 1);
  });

  it('records a request the client abandoned half-sent as an error, and keeps it from the checks', () => {
    const abandonedOne = result.exchanges.find((x) => x.error?.code === 'client-aborted');
    expect(abandonedOne?.request.method).to.equal('POST');
    expect(abandonedOne?.response).to.equal(undefined);
    expect(result.checks[0]?.messages.map((m) => m.text.en).join()).to.match(/unanswered 0$/);
  });

  it('closes a slowloris connection at the header time limit', () => {
    expect(seen.slowlorisClosedMs).to.be.lessThan(5_000);
  });

  it('ends the run with its run.json', async () => {
    const written = JSON.parse(await readFile(runFile, 'utf8')) as RunResult;
    expect(written.checks.map((c) => c.status)).to.deep.equal(['pass']);
    expect(written.exchanges).to.have.length(BUDGET);
  });
});
