/**
 * What the switch tests share: a session with the scripted client, requests
 * to the switch with the client's token, and message Bundles built by
 * src/messaging (which conform to the Québec profiles).
 */
import type { Bundle, MessageHeader, OperationOutcome } from '@medplum/fhirtypes';
import type { ClientSession } from '../../src/client/session.js';
import type { Simulator } from '../../src/client/simulator.js';
import type { InboxLimits } from '../../src/client/switch/inbox.js';
import { acknowledgement, answering, errorResponse, newPrescription } from '../../src/messaging/builders.js';
import { samplePrescription } from '../../src/messaging/samples.js';
import { type Answer, type ClientKeys, ScriptedClient } from './support.js';

export interface SwitchSession {
  session: ClientSession;
  client: ScriptedClient;
  close(): Promise<void>;
}

export async function openSwitch(
  simulator: Simulator,
  keys: ClientKeys,
  options: { limits?: Partial<InboxLimits>; requestBudget?: number } = {},
): Promise<SwitchSession> {
  const session = await simulator.openSession({
    registration: { clientId: keys.clientId, jwks: keys.jwks },
    ...(options.limits ? { erxLimits: options.limits } : {}),
    ...(options.requestBudget ? { requestBudget: options.requestBudget } : {}),
  });
  const client = new ScriptedClient(session.info, keys);
  return {
    session,
    client,
    async close() {
      await client.close();
      simulator.closeSession(session.id);
    },
  };
}

/** A request to the switch (`path` below erx/), with the client's token unless `token` is false. */
export async function erx(
  client: ScriptedClient,
  method: string,
  path: string,
  options: { body?: unknown; token?: boolean | string } = {},
): Promise<Answer> {
  const token =
    options.token === false
      ? undefined
      : typeof options.token === 'string'
        ? options.token
        : await client.accessToken();
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  return client.send(method, `${client.info.rootUrl}erx/${path}`, {
    headers: {
      accept: 'application/fhir+json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/fhir+json' }),
    },
    ...(body === undefined ? {} : { body }),
  });
}

/** A new prescription (the sample metformin prescription of src/messaging), from one endpoint to another. */
export function prescription(from: string, to: string, id?: string): Bundle {
  return newPrescription(
    {
      source: { endpoint: from, name: 'test EMR', software: 'test EMR', version: '1.0' },
      destination: { endpoint: to },
      ...(id ? { id } : {}),
    },
    samplePrescription(),
  );
}

/** An answer to message `answered`: a bare acknowledgement (ok), or an error with an OperationOutcome. */
export function answer(answered: Bundle, from: string, code: 'ok' | 'transient-error' | 'fatal-error' = 'ok'): Bundle {
  const received = answering(answered);
  if (received === undefined) throw new Error('the message answered has no MessageHeader id or event');
  const opts = {
    source: { endpoint: from, name: 'test system', software: 'test system', version: '1.0' },
    destination: { endpoint: received.endpoint ?? '' },
  };
  if (code === 'ok') return acknowledgement(opts, received);
  const outcome: OperationOutcome = {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code: 'processing', diagnostics: 'the pharmacy cannot fill it' }],
  };
  return errorResponse(opts, received, outcome, code);
}

export function headerOf(bundle: Bundle): MessageHeader {
  const header = bundle.entry?.[0]?.resource;
  if (header?.resourceType !== 'MessageHeader') throw new Error('no MessageHeader first');
  return header;
}

export function idOf(bundle: Bundle): string {
  return headerOf(bundle).id ?? '';
}

export function json<T>(text: string): T {
  return JSON.parse(text) as T;
}
