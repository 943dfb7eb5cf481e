/**
 * The authoring API of client suites: suites that test a vendor's client
 * software (an EMR, a pharmacy system) while homolog plays the shared record.
 * A client check tells the operator what to do in their software (a
 * scenario), waits for the requests that fulfil it, then judges what the
 * client sent and how it handled homolog's answers. Same catalogue, same
 * requirement ids, same run result as server suites.
 */
import type { Bundle } from '@medplum/fhirtypes';
import type { JWK } from 'jose';
import type { CheckTable, LocalizedText, ProductIdentity } from '../model/run-result.js';
import type { Text } from '../util/i18n.js';
import type { TestDefinition } from './api.js';

/** The TLS side of one request: the connection it came on and the client certificate presented there. */
export interface ReceivedTls {
  /** Connection number within the session (1, 2, ...): a client that reuses connections sends several requests on one. */
  connection: number;
  /** The client certificate presented on that connection, if any. */
  certificate?: {
    /** SHA-256 over the DER certificate, lowercase hex. */
    sha256: string;
    subject: string;
    issuer: string;
    /** Whether it chains to the CA the client target file registered. */
    trusted: boolean;
  };
}

/** What homolog answered: the simulated record's reply, or an injected one. */
export interface SentReply {
  status: number;
  headers: Record<string, string>;
  body?: string;
}

/**
 * One request the client under test sent to the session, raw (in memory
 * only: the run result keeps the redacted exchange `exchangeId`).
 */
export interface ReceivedRequest {
  exchangeId: string;
  /** When it arrived (ms since the epoch). */
  at: number;
  method: string;
  /**
   * Where it went, relative to the session: `fhir` (the FHIR base), `token`
   * (the token endpoint), `discovery` (.well-known/smart-configuration),
   * `elsewhere` (the second origin homolog serves to catch credentials sent
   * off the record's origin), `erx` (the e-prescription switch), or `other`
   * (anything else under the session).
   */
  endpoint: 'fhir' | 'token' | 'discovery' | 'elsewhere' | 'erx' | 'other';
  /** Path below the endpoint, no leading slash: `MedicationDispense`, `Patient/_search`, `MedicationDispense/12`. */
  path: string;
  /** Query parameters, in order, repeated names kept. */
  query: readonly [string, string][];
  /** Header names lower-case. */
  headers: Readonly<Record<string, string>>;
  /** The body as text (undefined when empty); capped by the simulator, `bodyTruncated` then set. */
  body?: string;
  bodyTruncated?: boolean;
  tls: ReceivedTls;
  reply: SentReply;
  /** Set when homolog answered with an injected reply: the injection's name. */
  injected?: string;
  /** The scenario that was awaiting when it arrived; absent: none was (reported as unmatched). */
  scenario?: string;
}

/** A canned answer homolog gives instead of the simulated record's, to see how the client handles it. */
export interface Injection {
  /** Names the injection in evidence and reports, e.g. `consent-refusal-403`. */
  name: string;
  /** Which request gets it. */
  when(request: ReceivedRequest): boolean;
  /** How many matching requests get it (default 1); the following ones are served normally. */
  times?: number;
  reply: { status: number; headers?: Record<string, string>; body?: unknown };
}

/** One step the operator performs in their software, and how homolog knows it is done. */
export interface ScenarioSpec {
  /** What to do, in both languages, e.g. "Record a dispense of DIN 02242903 for patient TREM04121925 and send it". */
  instruction: LocalizedText;
  /** The values the instruction names (NAM, DIN, dates), shown to the operator and given to automation. */
  inputs?: Record<string, string>;
  /** Answers homolog injects during this scenario. */
  inject?: Injection[];
  /**
   * The scenario is fulfilled when this returns true on what arrived since it
   * started (or when the client's automation says it is done).
   */
  until(received: readonly ReceivedRequest[]): boolean;
  /** How long to wait; default: the run's scenario time limit. */
  timeoutMs?: number;
}

/** The outcome of a scenario: what arrived while it was awaited. */
export interface ScenarioRecord {
  id: string;
  received: readonly ReceivedRequest[];
  /** Whether `until` was met (false: the time limit came first, or the automation said done without it). */
  fulfilled: boolean;
}

/** What the client target file registered: what homolog checks the client against. Never a secret. */
export interface ClientRegistration {
  clientId: string;
  /** The client's public keys (its JWKS). */
  jwks: readonly JWK[];
  /** PEM of the CA that issued the client's TLS certificate, when it must present one. */
  certificateCa?: string;
}

/** What a client check sees of the session. */
export interface ClientSessionView {
  /** The session's FHIR base, e.g. https://127.0.0.1:8443/session/3f2a.../fhir */
  baseUrl: string;
  tokenUrl: string;
  /** A second origin homolog serves (another port): a client must never send its credentials there. */
  elsewhereUrl: string;
  product?: ProductIdentity;
  registration: ClientRegistration;
  testData: Readonly<Record<string, string>>;
  /** true in CI (--unattended or stdin not a TTY): no prompts, attestations are skipped. */
  unattended: boolean;
}

export type AttestationAnswer = { answer: 'yes' | 'no'; note?: string };

export interface ClientTestContext {
  signal: AbortSignal;
  session: ClientSessionView;
  /**
   * Runs a scenario: tells the operator (console, live page, control API for
   * automation), applies its injections, waits until it is fulfilled or its
   * time limit, and returns what arrived. Saved under `id` for later checks
   * (declare it in `makes`). Skips the check when nothing arrived.
   */
  scenario(id: string, spec: ScenarioSpec): Promise<ScenarioRecord>;
  /** A scenario an earlier check ran (declare it in `uses`); skips when it was not run or nothing arrived. */
  received(id: string): ScenarioRecord;
  /** Every request of the session so far, in arrival order. */
  all(): readonly ReceivedRequest[];
  /**
   * Asks the operator what only a person can see. Unattended: the check
   * ends as skip with the reason (never a pass). A 'no' fails the check.
   */
  attest(question: LocalizedText): Promise<AttestationAnswer>;
  /** A test-data value (target file `testData`, or the simulator's seed); skips when missing. */
  input(name: string): string;
  /** Adds a request to this check's evidence. */
  cite(request: ReceivedRequest): void;
  warn(text: Text): void;
  info(text: Text): void;
  table(table: CheckTable): void;
  /** Ends the check as skip; the reason in both languages (a plain string only for what needs no words). */
  skip(reason: Text): never;
  notApplicable(reason: Text): never;
  /** The session's e-prescription switch. */
  erx: ErxSwitchView;
}

/** A message waiting in an inbox of the e-prescription switch. */
export interface ErxQueued {
  /** Arrival order over the whole switch (the paging position). */
  seq: number;
  /** MessageHeader.id */
  id: string;
  /** The sender's endpoint. */
  from: string;
  message: Bundle;
  bytes: number;
  at: number;
}

/** What the e-prescription switch's ledger records of a message. */
export type ErxLedgerKind =
  /** A sender handed the message to the switch (the client's POST, or homolog's injection). */
  | 'sent'
  /** The message went out in a receiver's poll (once per poll that carried it). */
  | 'delivered'
  /** The receiver answered it (`code` ok, transient-error or fatal-error): it left the inbox. */
  | 'acknowledged'
  /** The switch refused it with a fatal-error answer: nothing queued. */
  | 'rejected'
  /** Sent again with a MessageHeader.id already received from that sender: same answer, not queued. */
  | 'duplicate';

/** One line of the switch's ledger. */
export interface ErxLedgerEntry {
  kind: ErxLedgerKind;
  at: number;
  /** The MessageHeader.id the entry is about (for `acknowledged`: the message answered). */
  messageId: string;
  /** The endpoint that sent it (for `acknowledged`: the one that answered). */
  from: string;
  /** Where it goes: the destinations, or the receiver that polled it. */
  to: readonly string[];
  /** The request (exchange id) that carried it; absent for what homolog injected. */
  exchangeId?: string;
  /** `acknowledged`: the answer's code and its own MessageHeader.id. */
  code?: string;
  responseId?: string;
  /** `acknowledged` of a message already taken off the inbox by an earlier answer. */
  again?: true;
  /** The message itself (`sent`, `rejected`, `duplicate`), while the ledger's byte budget allows. */
  message?: Bundle;
}

/**
 * The session's e-prescription switch (docs/client-suites.md, "The
 * e-prescription switch"), as checks use it: homolog plays the counterparts
 * (a prescriber's EMR, a pharmacy) by injecting their messages, and reads
 * the inboxes and the ledger.
 */
export interface ErxSwitchView {
  /** The client's endpoint (testData.erxEndpoint, default urn:homolog:erx:client). */
  readonly client: string;
  /**
   * Queues a counterpart's message (not checked: it may be malformed on
   * purpose); `again` queues it even when its MessageHeader.id was already
   * sent (a duplicate delivery). Returns its MessageHeader.id.
   */
  inject(message: Bundle, options?: { to?: string; again?: boolean }): string;
  /** The messages waiting in an inbox (default: the client's), oldest first. */
  inbox(endpoint?: string): readonly ErxQueued[];
  ledger(): readonly ErxLedgerEntry[];
  /** The first answer to message `id`, once it comes; undefined at the time limit. */
  awaitAcknowledgement(
    id: string,
    options: { timeoutMs: number; signal?: AbortSignal },
  ): Promise<ErxLedgerEntry | undefined>;
}

/** A check of a client suite. */
export type ClientTestDefinition = Omit<TestDefinition, 'run'> & { run(t: ClientTestContext): Promise<void> };

export interface ClientSuiteDefinition {
  id: string;
  kind: 'client';
  tests: ClientTestDefinition[];
}

/** Declares a client suite's checks; its catalogue says `kind: client`. */
export function defineClientSuite(id: string, tests: ClientTestDefinition[]): ClientSuiteDefinition {
  return { id, kind: 'client', tests };
}
