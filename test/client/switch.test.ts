import type { Bundle, OperationOutcome } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { ERX_CLIENT_ENDPOINT, ERX_PHARMACY_ENDPOINT, ERX_PRESCRIBER_ENDPOINT } from '../../src/client/switch/switch.js';
import type { RunResult } from '../../src/model/run-result.js';
import type { ClientTestDefinition } from '../../src/suite/client-api.js';
import { clientSuite, clientTarget, runDriven, type ScriptedClient, useSimulator } from './support.js';
import { answer, erx, headerOf, idOf, json, openSwitch, prescription, type SwitchSession } from './switch-support.js';

const CLIENT = ERX_CLIENT_ENDPOINT;
const PHARMACY = ERX_PHARMACY_ENDPOINT;
const PRESCRIBER = ERX_PRESCRIBER_ENDPOINT;

/** The OperationOutcome a response message carries in its details. */
function detailsOf(reply: Bundle): OperationOutcome {
  const ref = headerOf(reply).response?.details?.reference;
  const found = reply.entry?.find((e) => e.fullUrl === ref)?.resource;
  if (found?.resourceType !== 'OperationOutcome') throw new Error('no OperationOutcome in the answer');
  return found;
}

function messagesIn(searchset: Bundle): Bundle[] {
  return (searchset.entry ?? []).map((e) => e.resource as Bundle);
}

function nextOf(searchset: Bundle): string | undefined {
  return searchset.link?.find((l) => l.relation === 'next')?.url;
}

describe('the e-prescription switch (client session, erx/)', function () {
  this.timeout(60_000);
  const env = useSimulator();
  let open: SwitchSession | undefined;
  const use = async (options?: Parameters<typeof openSwitch>[2]): Promise<SwitchSession> => {
    open = await openSwitch(env.simulator, env.keys, options);
    return open;
  };
  afterEach(async () => {
    await open?.close();
    open = undefined;
  });

  it('send, poll and acknowledge: a round trip, each step in the ledger with the request that carried it', async () => {
    const { session, client } = await use();
    // The client (an EMR) sends a prescription to the pharmacy homolog plays.
    const sent = prescription(CLIENT, PHARMACY);
    const posted = await erx(client, 'POST', '$process-message', { body: sent });
    expect(posted.status).to.equal(200);
    const ack = headerOf(json<Bundle>(posted.body));
    expect(ack.response).to.deep.include({ identifier: idOf(sent), code: 'ok' });
    expect(session.erx.inbox(PHARMACY).map((q) => q.id)).to.deep.equal([idOf(sent)]);

    // Homolog's prescriber sends one to the client, which polls, takes it and acknowledges it.
    const incoming = prescription(PRESCRIBER, CLIENT);
    expect(session.erx.inject(incoming)).to.equal(idOf(incoming));
    const waiting = session.erx.awaitAcknowledgement(idOf(incoming), { timeoutMs: 10_000 });
    const polled = await erx(client, 'GET', 'Bundle?_count=10');
    expect(polled.status).to.equal(200);
    const searchset = json<Bundle>(polled.body);
    expect(searchset.type).to.equal('searchset');
    expect(messagesIn(searchset).map(idOf)).to.deep.equal([idOf(incoming)]);
    const acked = await erx(client, 'POST', 'Bundle', { body: answer(incoming, CLIENT) });
    expect(headerOf(json<Bundle>(acked.body)).response?.code).to.equal('ok');
    const entry = await waiting;
    expect(entry).to.deep.include({ kind: 'acknowledged', messageId: idOf(incoming), from: CLIENT, code: 'ok' });
    expect(session.erx.inbox(CLIENT)).to.have.length(0);
    expect(messagesIn(json<Bundle>((await erx(client, 'GET', '$poll')).body))).to.have.length(0);

    const requests = session.received().filter((r) => r.endpoint === 'erx');
    expect(requests.map((r) => `${r.method} ${r.path}`)).to.deep.equal([
      'POST $process-message',
      'GET Bundle',
      'POST Bundle',
      'GET $poll',
    ]);
    const ledger = session.erx.ledger();
    expect(ledger.map((e) => [e.kind, e.messageId, e.exchangeId])).to.deep.equal([
      ['sent', idOf(sent), requests[0]?.exchangeId],
      ['sent', idOf(incoming), undefined],
      ['delivered', idOf(incoming), requests[1]?.exchangeId],
      ['sent', entry?.responseId, requests[2]?.exchangeId],
      ['acknowledged', idOf(incoming), requests[2]?.exchangeId],
    ]);
    // The messages are evidence like any request: recorded, the token redacted.
    const evidence = session.exchanges().filter((x) => x.request.url.includes('/erx/'));
    expect(evidence).to.have.length(4);
    expect(evidence[0]?.request.body).to.include(idOf(sent));
    for (const secret of client.secrets) expect(JSON.stringify(evidence)).not.to.include(secret);
  });

  it('pages the inbox oldest first with a next link, and keeps every message until it is acknowledged', async () => {
    const { session, client } = await use();
    const ids = [1, 2, 3, 4, 5].map(() => session.erx.inject(prescription(PRESCRIBER, CLIENT)));
    const seen: string[] = [];
    let url: string | undefined = `${client.info.rootUrl}erx/$poll?_count=2`;
    let pages = 0;
    while (url !== undefined) {
      const page = json<Bundle>(
        (await client.send('GET', url, { headers: { authorization: `Bearer ${await client.accessToken()}` } })).body,
      );
      expect(page.total).to.equal(5);
      expect(page.entry?.length ?? 0).to.be.at.most(2);
      seen.push(...messagesIn(page).map(idOf));
      url = nextOf(page);
      if (url) expect(url).to.match(/[?&]_page=[A-Za-z0-9_-]+/);
      pages++;
    }
    expect(pages).to.equal(3);
    expect(seen).to.deep.equal(ids);
    // Nothing was acknowledged: a new poll delivers them all again.
    const again = json<Bundle>((await erx(client, 'GET', 'Bundle?_count=100')).body);
    expect(messagesIn(again).map(idOf)).to.deep.equal(ids);
    expect(session.erx.ledger().filter((e) => e.kind === 'delivered' && e.messageId === ids[0])).to.have.length(2);
    expect((await erx(client, 'GET', 'Bundle?_page=bm90LW91cnM')).status).to.equal(400);
    expect((await erx(client, 'GET', 'Bundle?_count=-1')).status).to.equal(400);
  });

  it('answers a resent MessageHeader.id with the same acknowledgement, without queueing it twice', async () => {
    const { session, client } = await use();
    const sent = prescription(CLIENT, PHARMACY);
    const first = await erx(client, 'POST', '$process-message', { body: sent });
    const second = await erx(client, 'POST', 'Bundle', { body: sent });
    expect(first.status).to.equal(200);
    expect(second.body).to.equal(first.body);
    expect(session.erx.inbox(PHARMACY)).to.have.length(1);
    expect(session.erx.ledger().map((e) => e.kind)).to.deep.equal(['sent', 'duplicate']);
    // The same content with a new id is a new message.
    const renewed = structuredClone(sent);
    headerOf(renewed).id = 'another-id';
    await erx(client, 'POST', 'Bundle', { body: renewed });
    expect(session.erx.inbox(PHARMACY)).to.have.length(2);
  });

  it('inject with again queues a MessageHeader.id already sent (a duplicate delivery); without it, not twice', async () => {
    const { session, client } = await use();
    const cancel = prescription(PRESCRIBER, CLIENT);
    session.erx.inject(cancel);
    session.erx.inject(cancel);
    expect(session.erx.inbox().map((q) => q.id)).to.deep.equal([idOf(cancel)]);
    session.erx.inject(cancel, { again: true });
    expect(session.erx.inbox().map((q) => q.id)).to.deep.equal([idOf(cancel), idOf(cancel)]);
    // Each copy is taken off by its own answer.
    await erx(client, 'POST', 'Bundle', { body: answer(cancel, CLIENT) });
    expect(session.erx.inbox()).to.have.length(1);
    await erx(client, 'POST', 'Bundle', { body: answer(cancel, CLIENT) });
    expect(session.erx.inbox()).to.have.length(0);
  });

  it('an acknowledgement takes only the message it names off the inbox; one naming nothing delivered is a fatal-error', async () => {
    const { session, client } = await use();
    const one = prescription(PRESCRIBER, CLIENT);
    const two = prescription(PRESCRIBER, CLIENT);
    session.erx.inject(one);
    session.erx.inject(two);
    await erx(client, 'POST', 'Bundle', { body: answer(two, CLIENT) });
    expect(session.erx.inbox().map((q) => q.id)).to.deep.equal([idOf(one)]);
    const stray = answer(prescription(PRESCRIBER, CLIENT), CLIENT);
    const refused = json<Bundle>((await erx(client, 'POST', 'Bundle', { body: stray })).body);
    expect(headerOf(refused).response).to.deep.include({ identifier: idOf(stray), code: 'fatal-error' });
    expect(detailsOf(refused).issue?.[0]?.diagnostics).to.match(
      /response\.identifier .* names no message delivered to urn:homolog:erx:client/,
    );
    expect(session.erx.inbox().map((q) => q.id)).to.deep.equal([idOf(one)]);
  });

  it('answers a MessageHeader.response that is null or names no message with a fatal-error, never a crash', async () => {
    const { session, client } = await use();
    session.erx.inject(prescription(PRESCRIBER, CLIENT));
    for (const response of [null, { code: 'ok' }]) {
      const sent = answer(prescription(PRESCRIBER, CLIENT), CLIENT);
      const header = sent.entry?.[0]?.resource as { response?: unknown };
      header.response = response;
      const posted = await erx(client, 'POST', 'Bundle', { body: sent });
      expect(posted.status, String(posted.body)).to.equal(200);
      expect(headerOf(json<Bundle>(posted.body)).response).to.deep.include({
        identifier: idOf(sent),
        code: 'fatal-error',
      });
    }
    expect(session.erx.inbox()).to.have.length(1);
    // A response that names the waiting message is taken (the check can pass).
    const taken = await erx(client, 'POST', 'Bundle', { body: answer(session.erx.inbox()[0]!.message, CLIENT) });
    expect(headerOf(json<Bundle>(taken.body)).response?.code).to.equal('ok');
    expect(session.erx.inbox()).to.have.length(0);
  });

  it('routes an error answer back to the original sender, in both directions', async () => {
    const { session, client } = await use();
    // The pharmacy (homolog) answers the client's prescription with an error: it reaches the client's inbox.
    const sent = prescription(CLIENT, PHARMACY);
    await erx(client, 'POST', '$process-message', { body: sent });
    const error = answer(sent, PHARMACY, 'fatal-error');
    session.erx.inject(error);
    expect(session.erx.inbox(PHARMACY)).to.have.length(0);
    const polled = messagesIn(json<Bundle>((await erx(client, 'GET', 'Bundle')).body));
    expect(polled.map(idOf)).to.deep.equal([idOf(error)]);
    expect(headerOf(polled[0] as Bundle).response).to.deep.include({ identifier: idOf(sent), code: 'fatal-error' });
    expect(session.erx.ledger().find((e) => e.kind === 'acknowledged')).to.deep.include({
      messageId: idOf(sent),
      from: PHARMACY,
      code: 'fatal-error',
    });
    // The client answers a prescription with an error: it goes to the prescriber homolog plays.
    const incoming = prescription(PRESCRIBER, CLIENT);
    session.erx.inject(incoming);
    const refusal = answer(incoming, CLIENT, 'transient-error');
    await erx(client, 'POST', 'Bundle', { body: refusal });
    expect(session.erx.inbox(PRESCRIBER).map((q) => q.id)).to.deep.equal([idOf(refusal)]);
    expect(session.erx.inbox(CLIENT).map((q) => q.id)).to.deep.equal([idOf(error)]);
    // A bare acknowledgement is not forwarded: it only takes the message off.
    await erx(client, 'POST', 'Bundle', { body: answer(error, CLIENT) });
    expect(session.erx.inbox(CLIENT)).to.have.length(0);
    expect(session.erx.inbox(PHARMACY)).to.have.length(0);
  });

  it('answers 401 with an OperationOutcome without a valid token, and queues nothing', async () => {
    const { session, client } = await use();
    for (const token of [false, 'not-a-token'] as const) {
      const refused = await erx(client, 'POST', '$process-message', { body: prescription(CLIENT, PHARMACY), token });
      expect(refused.status).to.equal(401);
      expect(refused.headers['www-authenticate']).to.match(/^Bearer/);
      expect(json<OperationOutcome>(refused.body).resourceType).to.equal('OperationOutcome');
      expect((await erx(client, 'GET', 'Bundle', { token })).status).to.equal(401);
    }
    expect(session.erx.inbox(PHARMACY)).to.have.length(0);
    expect(session.erx.ledger()).to.have.length(0);
  });

  it('answers 400 with an OperationOutcome to a body that is not JSON or not a Bundle', async () => {
    const { session, client } = await use();
    const notJson = await erx(client, 'POST', '$process-message', { body: '<Bundle/>' });
    expect(notJson.status).to.equal(400);
    expect(json<OperationOutcome>(notJson.body).issue?.[0]?.diagnostics).to.match(/^The body is not JSON/);
    const notBundle = await erx(client, 'POST', 'Bundle', { body: { resourceType: 'Patient', id: 'p' } });
    expect(notBundle.status).to.equal(400);
    expect(json<OperationOutcome>(notBundle.body).issue?.[0]?.diagnostics).to.match(
      /not a Bundle \(resourceType Patient\)/,
    );
    expect((await erx(client, 'POST', 'Bundle', { body: [] })).status).to.equal(400);
    expect((await erx(client, 'DELETE', 'Bundle')).status).to.equal(405);
    expect((await erx(client, 'GET', 'Patient')).status).to.equal(404);
    expect(session.erx.ledger()).to.have.length(0);
  });

  it('refuses a flood with 429: the inbox limit, then the session request budget', async () => {
    const { session, client } = await use({ limits: { messages: 3 }, requestBudget: 7 });
    const answers: { status: number; text: string | undefined }[] = [];
    // 1 token request + 6 sends = the budget of 7; the 7th send is over it.
    for (let i = 0; i < 7; i++) {
      const reply = await erx(client, 'POST', 'Bundle', { body: prescription(CLIENT, PHARMACY) });
      const issue = json<OperationOutcome>(reply.body).issue?.[0];
      answers.push({ status: reply.status, text: issue?.diagnostics ?? issue?.details?.text });
    }
    expect(answers.map((a) => a.status)).to.deep.equal([200, 200, 200, 429, 429, 429, 429]);
    expect(answers[3]?.text).to.match(/^The inbox of urn:homolog:erx:pharmacy holds its limit of 3 messages/);
    expect(answers[6]?.text).to.match(/budget of 7 requests is spent/);
    expect(session.erx.inbox(PHARMACY)).to.have.length(3);
    expect(session.refused()).to.equal(1);
  });

  it('answers a malformed message with a fatal-error message whose OperationOutcome names the problem, queued nowhere', async () => {
    const { session, client } = await use();
    const bad = prescription(CLIENT, PHARMACY);
    const at = bad.entry?.findIndex((e) => e.resource?.resourceType === 'MedicationRequest') ?? -1;
    const request = bad.entry?.[at]?.resource as { medicationCodeableConcept: { coding: { code: string }[] } };
    (request.medicationCodeableConcept.coding[0] as { code: string }).code = '1234';
    const posted = await erx(client, 'POST', '$process-message', { body: bad });
    expect(posted.status).to.equal(200);
    const reply = json<Bundle>(posted.body);
    expect(reply.type).to.equal('message');
    expect(headerOf(reply).response).to.deep.include({ identifier: idOf(bad), code: 'fatal-error' });
    const issues = detailsOf(reply).issue ?? [];
    expect(issues.map((i) => i.expression?.[0])).to.include(
      `Bundle.entry[${at}].resource.medication.ofType(CodeableConcept).coding[0]`,
    );
    expect(issues.map((i) => i.diagnostics).join('\n')).to.include("DIN '1234'");
    // The MessageHeader elsewhere than first, and a source that is not the client's.
    const moved = prescription(PRESCRIBER, PHARMACY);
    const movedId = idOf(moved);
    moved.entry?.reverse();
    const second = json<Bundle>((await erx(client, 'POST', 'Bundle', { body: moved })).body);
    const texts = (detailsOf(second).issue ?? []).map((i) => i.diagnostics).join('\n');
    expect(texts).to.include('The first entry of a message must be its MessageHeader');
    expect(headerOf(second).response?.identifier).to.equal(movedId);
    const spoofed = json<Bundle>(
      (await erx(client, 'POST', 'Bundle', { body: prescription(PRESCRIBER, PHARMACY) })).body,
    );
    expect(detailsOf(spoofed).issue?.[0]?.diagnostics).to.equal(
      `MessageHeader.source.endpoint is ${PRESCRIBER}, but this client sends as ${CLIENT}`,
    );
    expect(session.erx.inbox(PHARMACY)).to.have.length(0);
    expect(session.erx.ledger().map((e) => e.kind)).to.deep.equal(['rejected', 'rejected', 'rejected']);
    // A message that is fine once corrected is accepted (the check can pass).
    const good = await erx(client, 'POST', 'Bundle', { body: prescription(CLIENT, PHARMACY) });
    expect(headerOf(json<Bundle>(good.body)).response?.code).to.equal('ok');
  });

  it('takes the client endpoint from the session options (the target file testData.erxEndpoint) and routes to it', async () => {
    const session = await env.simulator.openSession({
      registration: { clientId: env.keys.clientId, jwks: env.keys.jwks },
      erxEndpoint: 'urn:vendor:pharmacy-42',
    });
    try {
      expect(session.erx.client).to.equal('urn:vendor:pharmacy-42');
      session.erx.inject(prescription(PRESCRIBER, 'urn:vendor:pharmacy-42'));
      expect(session.erx.inbox()).to.have.length(1);
      expect(() => session.erx.inject(prescription(PRESCRIBER, CLIENT))).to.throw(/No system with endpoint/);
    } finally {
      env.simulator.closeSession(session.id);
    }
  });
});

describe('the switch in a client campaign: checks play the counterpart through t.erx', function () {
  this.timeout(60_000);
  const env = useSimulator();
  const ENDPOINT = 'urn:vendor:pharmacy-1';

  /** A check that injects a prescription for the client, lets it take it, and says whether it was acknowledged. */
  const takes: ClientTestDefinition = {
    id: 'takes',
    title: 'takes a prescription',
    verifies: ['ERX-T-01'],
    makes: ['take'],
    async run(t) {
      const id = t.erx.inject(prescription(PRESCRIBER, t.erx.client));
      await t.scenario('take', {
        instruction: { fr: 'Relevez', en: 'Poll' },
        until: (received) => received.some((r) => r.endpoint === 'erx' && r.method === 'POST'),
        timeoutMs: 5_000,
      });
      const ack = await t.erx.awaitAcknowledgement(id, { timeoutMs: 1_000 });
      t.info(`endpoint ${t.erx.client}; answer ${ack?.code ?? 'none'}; waiting ${t.erx.inbox().length}`);
    },
  };
  const said = (result: RunResult): string | undefined => result.checks[0]?.messages[0]?.text.en;
  const poll = async (client: ScriptedClient): Promise<Bundle[]> =>
    messagesIn(json<Bundle>((await erx(client, 'GET', 'Bundle')).body));

  for (const acknowledges of [true, false])
    it(`the client's endpoint comes from testData.erxEndpoint; a client that ${acknowledges ? 'acknowledges' : 'does not acknowledge'} is seen`, async () => {
      const { result } = await runDriven({
        simulator: env.simulator,
        keys: env.keys,
        suites: [clientSuite([takes])],
        campaign: { target: clientTarget(env.keys, { testData: { erxEndpoint: ENDPOINT } }) },
        behaviours: {
          async take(client) {
            for (const message of await poll(client))
              if (acknowledges) await erx(client, 'POST', 'Bundle', { body: answer(message, ENDPOINT) });
              else await erx(client, 'POST', 'Bundle', { body: 'not even JSON' });
          },
        },
      });
      expect(said(result)).to.equal(
        acknowledges ? `endpoint ${ENDPOINT}; answer ok; waiting 0` : `endpoint ${ENDPOINT}; answer none; waiting 1`,
      );
      // The switch's requests are the check's evidence, as any scenario's.
      const cited = result.exchanges.filter(
        (x) => result.checks[0]?.exchanges.includes(x.id) && x.request.url.includes('/erx/'),
      );
      expect(cited.map((x) => x.request.url.replace(/^.*\/erx\//, ''))).to.deep.equal(['Bundle', 'Bundle']);
    });
});
