/**
 * What the erx-pharmacy checks share: the scenario ids, the messages homolog
 * sends as the prescriber's EMR (their MessageHeader ids start with the
 * scenario's id, so a check finds them in the switch's ledger), and how to
 * read what the pharmacy system sent to the switch.
 */
import { randomUUID } from 'node:crypto';
import {
  ERX_ENDPOINTS,
  type ErxEventCode,
  entryFullUrlOf,
  erxEventOf,
  type HeaderOptions,
  type Prescription,
  samplePrescription,
} from '../../src/messaging/index.js';
import type { ClientTestContext, ErxLedgerEntry, ReceivedRequest } from '../../src/suite/client-api.js';
import { type SentMessage, sentEvent, sentMessages } from '../../src/suite/client-checks/erx.js';
import { judge } from '../../src/suite/client-checks/judge.js';
import { suiteScenarios } from '../../src/suite/client-checks/suite-scenarios.js';
import type { Bilingual } from '../../src/suite/vocabulary/index.js';
import { HOMOLOG_VERSION } from '../../src/util/version.js';
import { BundleIndex } from '../../src/validation/bundle-index.js';

/** The scenarios of the suite (ids shared with the reference client's behaviours, src/reference-client/erx-pharmacy.ts). */
export const SCENARIO = {
  inbox: 'erxph-inbox',
  cancel: 'erxph-cancel',
  dispense: 'erxph-dispense',
  malformed: 'erxph-malformed',
} as const;

/** The suite's requests (another client suite may share the session). */
export const { of: ofSuite } = suiteScenarios(SCENARIO);

/** New prescriptions put in the inbox at once: more than the switch's default page (20), so taking them all needs `next`. */
export const INBOX_COUNT = 25;

/** The prescription numbers homolog writes (MedicationRequest.identifier value), by scenario. */
export const RX_NUMBER = {
  inbox: (n: number): string => `RX-ERXPH-${100 + n}`,
  cancel: 'RX-ERXPH-201',
  dispense: 'RX-ERXPH-301',
  malformed: 'RX-ERXPH-401',
} as const;

/** Homolog's prescriber sending to the client: the header of its messages; the id starts with `tag`. */
export function fromPrescriber(t: Pick<ClientTestContext, 'erx'>, tag: string): HeaderOptions {
  return {
    id: `${tag}-${randomUUID()}`,
    source: {
      name: 'Clinique médicale du Plateau (homolog)',
      software: 'homolog',
      version: HOMOLOG_VERSION,
      endpoint: ERX_ENDPOINTS.prescriber,
    },
    destination: { endpoint: t.erx.client },
  };
}

/** The sample prescription under a number of the suite. */
export function prescription(number: string): Prescription {
  return samplePrescription(number);
}

/**
 * The ids of the messages homolog injected whose id starts with `tag-` (of
 * that event, when given), in order: a message injected twice counts twice.
 */
export function injected(ledger: readonly ErxLedgerEntry[], tag: string, event?: ErxEventCode): string[] {
  return ledger
    .filter(
      (e) =>
        e.kind === 'sent' &&
        e.exchangeId === undefined &&
        e.messageId.startsWith(`${tag}-`) &&
        (event === undefined || erxEventOf(e.message) === event),
    )
    .map((e) => e.messageId);
}

/** The identifier (`system|value`) of the sample prescription numbered `number`. */
export function rxIdentifier(number: string): string {
  const id = samplePrescription(number).request.identifier?.[0];
  return `${id?.system ?? ''}|${id?.value ?? ''}`;
}

/** The requests that carried these ledger entries (by exchange id), among `requests`. */
export function carrying(entries: readonly ErxLedgerEntry[], requests: readonly ReceivedRequest[]): ReceivedRequest[] {
  const ids = new Set(entries.map((e) => e.exchangeId).filter((x): x is string => x !== undefined));
  return requests.filter((r) => ids.has(r.exchangeId));
}

/** The messages of `event` the client sent among `requests`. */
export function sentOf(requests: readonly ReceivedRequest[], event: ErxEventCode): SentMessage[] {
  return sentMessages(requests).filter((m) => sentEvent(m) === event);
}

/** The resource `reference` resolves to inside message `m`, read from the entry that holds `holder`. */
export function resolveIn(m: SentMessage, holder: unknown, reference: unknown): Record<string, unknown> | undefined {
  if (typeof reference !== 'string') return undefined;
  return new BundleIndex(m.bundle).resolve(reference, entryFullUrlOf(m.bundle, holder))?.resource;
}

/**
 * Ends a check on the answers the system sent in a scenario: cites them (or,
 * when there are none, the scenario's requests to the switch) and fails
 * listing the problems, or passes.
 */
export function judgeAnswers(
  t: Pick<ClientTestContext, 'cite' | 'skip'>,
  received: readonly ReceivedRequest[],
  answers: readonly SentMessage[],
  problems: Bilingual[],
  headline: Bilingual,
): void {
  const evidence = answers.length > 0 ? answers.map((m) => m.request) : received.filter((r) => r.endpoint === 'erx');
  judge(t, { problems, evidence }, headline);
}

/** A value the client sent, as shown in a problem: quoted JSON (control characters escaped), or `none` when absent. */
export function shown(value: string | undefined, none: string): string {
  return value === undefined ? none : JSON.stringify(value);
}

/** Values the client sent, quoted and comma-separated; `none` when there are none. */
export function shownList(values: readonly string[], none: string): string {
  return values.length === 0 ? none : values.map((v) => JSON.stringify(v)).join(', ');
}
