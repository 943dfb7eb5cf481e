/**
 * What the switch tests share: a session with the scripted client, requests
 * to the switch with the client's token, and message Bundles built from the
 * record's seed (which conforms to the Québec profiles).
 */
import { randomUUID } from 'node:crypto';
import type { Bundle, MessageHeader, OperationOutcome, Resource } from '@medplum/fhirtypes';
import type { ClientSession } from '../../src/client/session.js';
import type { Simulator } from '../../src/client/simulator.js';
import { messageBundle } from '../../src/client/switch/answer.js';
import type { InboxLimits } from '../../src/client/switch/inbox.js';
import { SEED_RESOURCES } from '../../src/reference/data.js';
import { type Answer, type ClientKeys, ScriptedClient } from './support.js';

export const EVENTS = 'https://fhir.quebec.ca/CodeSystem/erx-event';
const BASE = 'https://emr.example.org/fhir/';

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

function seed(type: string, id: string): Resource {
  const found = SEED_RESOURCES.find((r) => r.resourceType === type && r.id === id);
  if (found === undefined) throw new Error(`no seed ${type}/${id}`);
  return structuredClone(found);
}

function message(
  header: Omit<MessageHeader, 'resourceType' | 'id'>,
  content: Resource[],
  id: string = randomUUID(),
): Bundle {
  return messageBundle(
    { resourceType: 'MessageHeader', id, ...header },
    content.map((r) => ({ fullUrl: `${BASE}${r.resourceType}/${r.id}`, resource: r })),
  );
}

/** A new prescription (the seed's metformin for qc-pat-0001), from one endpoint to another. */
export function prescription(from: string, to: string, id?: string): Bundle {
  return message(
    {
      eventCoding: { system: EVENTS, code: 'prescription-new' },
      source: { endpoint: from, software: 'test EMR', version: '1.0' },
      destination: [{ endpoint: to }],
      focus: [{ reference: `${BASE}MedicationRequest/qc-medreq-0001` }],
    },
    [seed('MedicationRequest', 'qc-medreq-0001'), seed('Patient', 'qc-pat-0001'), seed('Practitioner', 'qc-prat-0001')],
    id,
  );
}

/** An answer to message `answered`: a bare acknowledgement (ok), or an error with an OperationOutcome. */
export function answer(answered: Bundle, from: string, code: 'ok' | 'transient-error' | 'fatal-error' = 'ok'): Bundle {
  const header = answered.entry?.[0]?.resource as MessageHeader;
  const outcome: OperationOutcome = {
    resourceType: 'OperationOutcome',
    id: 'why',
    issue: [{ severity: 'error', code: 'processing', diagnostics: 'the pharmacy cannot fill it' }],
  };
  return message(
    {
      ...(header.eventCoding ? { eventCoding: header.eventCoding } : {}),
      source: { endpoint: from, software: 'test system', version: '1.0' },
      destination: [{ endpoint: header.source.endpoint ?? '' }],
      response: {
        identifier: header.id ?? '',
        code,
        ...(code === 'ok' ? {} : { details: { reference: `${BASE}OperationOutcome/why` } }),
      },
    },
    code === 'ok' ? [] : [outcome],
  );
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
