/**
 * The RunResult: the single source of truth of a run. Every report format is a
 * pure rendering of this document. Its JSON Schema lives in
 * reports/schema/run-result.schema.json and is validated in tests.
 */

import type { Lang, LocalizedText } from '../util/i18n.js';

export type { Lang, LocalizedText };

export const RUN_RESULT_SCHEMA_VERSION = '1.5';

/**
 * Outcome of one check (one scripted test). `skip`: the check could not test
 * (its reason says why), so what it verifies is not verified. `omit`: not
 * applicable, declared by the suite with its reason (e.g. the target declares
 * it does not support the capability), never inferred.
 */
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip' | 'error' | 'omit';

/** Requirement outcome: a check status, or 'not-tested' when no check in scope verifies it. */
export type RequirementStatus = CheckStatus | 'not-tested';

export type RequirementLevel = 'SHALL' | 'SHOULD';

export interface ProductIdentity {
  vendor: string;
  name: string;
  version: string;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  bodyTruncated?: boolean;
}

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  body?: string;
  /** Bytes received (before truncation for the evidence). */
  bodySize: number;
  bodyTruncated?: boolean;
}

/** One HTTP request/response pair, redacted, kept as evidence. */
export interface Exchange {
  id: string;
  /** Check that made (or first made) the request. */
  checkId?: string;
  /** Name under which a test saved it for reuse by later tests. */
  name?: string;
  startedAt: string;
  durationMs: number;
  request: RecordedRequest;
  response?: RecordedResponse;
  /** Transport-level failure: timeout, reset, size cap, malformed body. */
  error?: { code: string; message: string };
  /**
   * Client runs: present when homolog received this request from the client
   * under test and `response` is what homolog answered (schema 1.4).
   */
  received?: ReceivedExchangeInfo;
}

/** The client side of a received exchange: its TLS connection and certificate, and what homolog did with it. */
export interface ReceivedExchangeInfo {
  /** Connection number within the session. */
  connection: number;
  /** SHA-256 (hex) of the client certificate presented on that connection; absent: none. */
  certificate?: string;
  /** The injected answer homolog gave instead of the simulated record's. */
  injected?: string;
  /** The scenario awaited when it arrived; absent: none (the request is listed in `client.unmatched`). */
  scenario?: string;
}

export interface CheckMessage {
  level: 'info' | 'warning' | 'error';
  text: LocalizedText;
}

/** A table a check records (e.g. the access matrix: role × domain × interaction, expected vs observed). */
export interface CheckTable {
  title: LocalizedText;
  columns: LocalizedText[];
  rows: string[][];
  /** 'access-matrix': rows are [role, domain, interaction, expected, observed, result]; the report draws a role × domain grid. */
  kind?: 'access-matrix';
}

export interface CheckResult {
  /** `<suite>/<test id>`, unique within a run. */
  id: string;
  suite: string;
  testId: string;
  /** Both languages (schema 1.5; older runs carry one string, upgraded to the same text in both). */
  title: LocalizedText;
  description?: LocalizedText;
  requirements: string[];
  tags: string[];
  status: CheckStatus;
  /** Why it failed, errored or was skipped; plain words for the vendor, in both languages. */
  message?: LocalizedText;
  messages: CheckMessage[];
  durationMs: number;
  /** Ids of the exchanges that are this check's evidence. */
  exchanges: string[];
  /** Structured results worth a table in the report. */
  tables?: CheckTable[];
  /** Clinical resources this check assessed for actionability (coded and conformant vs free text or documents). */
  actionability?: ActionabilityRecord[];
  /** Set when the result is a person's answer, not an automatic check (schema 1.4). */
  attestation?: AttestationRecord;
}

/** What the operator answered to a question only a person can judge (e.g. the refusal was shown to the user). */
export interface AttestationRecord {
  question: LocalizedText;
  /** Absent when no one answered (unattended run: the check is `skip`). */
  answer?: 'yes' | 'no';
  note?: string;
  answeredAt?: string;
}

/** Client runs: the session homolog opened for the client under test (schema 1.4). */
export interface ClientSessionRecord {
  session: string;
  /** The simulated record's FHIR base and token endpoint for this session. */
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  /** No prompts: attestations skipped, scenarios driven by the client's own automation. */
  unattended: boolean;
  /** Exchanges that arrived while no scenario awaited them: recorded and reported, never dropped. */
  unmatched: string[];
  /** Requests answered 429 once the session's request budget was spent: counted, not recorded one by one. */
  refused?: number;
}

/** The data domains whose actionability the report scores. */
export type ActionabilityDomain = 'medications' | 'laboratory' | 'imaging';

/** How a clinical resource delivers its content: coded data, free text only, or an attached document only (e.g. a PDF). */
export type DataForm = 'coded' | 'free-text' | 'document-only';

/** One clinical resource as assessed: actionable means coded and conformant to its Québec profile. */
export interface ActionabilityItem {
  /** `Type/id` */
  reference: string;
  form: DataForm;
  conformant: boolean;
  /** Why it is not actionable (profile problems, missing codes), plain words in both languages. */
  problems: LocalizedText[];
}

/** What one check recorded for one domain, with the minimum share its requirement sets (0..1). */
export interface ActionabilityRecord {
  domain: ActionabilityDomain;
  minimum: number;
  items: ActionabilityItem[];
}

/** The run's score for one domain, over every check that assessed it (each resource counted once). */
export interface DomainActionability {
  domain: ActionabilityDomain;
  /** Checks that assessed this domain. */
  checks: string[];
  total: number;
  actionable: number;
  /** actionable / total (1 when total is 0). */
  share: number;
  /** The highest minimum any requirement sets for this domain. */
  minimum: number;
  byForm: Record<DataForm, number>;
  /** The resources that are not actionable, with their problems. */
  offenders: ActionabilityItem[];
}

export interface RequirementResult {
  id: string;
  suite: string;
  level: RequirementLevel;
  text: LocalizedText;
  /** Where the rule comes from, e.g. "FHIR R4 RESTful API, read (http.html#read)", in both languages (schema 1.5). */
  source: LocalizedText;
  status: RequirementStatus;
  /** Check ids that verify it. */
  checks: string[];
}

export interface SuiteRef {
  id: string;
  version: string;
  title: LocalizedText;
  /** sha256 of every file the suite runs: catalogue, data files, compiled code (src/suite/registry.ts suiteDigest). */
  digest: string;
  /** Where the suite was loaded from (optional in schema 1.3; absent in older runs). */
  origin?: SuiteOrigin;
  /** A FHIR TestScript run as a suite: its canonical URL (the TestReport's testScript). */
  testScript?: { url: string };
}

/** homolog's own suites, a folder given with --suite-path, or an npm package. */
export type SuiteOrigin =
  | { kind: 'built-in' }
  | { kind: 'path'; path: string }
  | { kind: 'package'; name: string; version: string };

/** A definition file (profile, value set, code system) the run's checks validated against, by digest. */
export interface DefinitionFileRef {
  /** Relative to homolog's folder (e.g. profiles/StructureDefinition/qc-patient.json), or absolute for a file outside it. */
  path?: string;
  /** Canonical URL of the resource the file holds. */
  url?: string;
  sha256: string;
}

/** Who ran the campaign: the vendor testing its own product, or the certification authority. */
export type RanBy = 'vendor-self-test' | 'authority';

/** The TLS certificate an https target presented, observed at the start of the campaign. */
export interface TlsObservation {
  observedAt: string;
  /** Absent when the handshake failed (then `error` says why). */
  certificate?: PresentedCertificate;
  error?: string;
}

export interface PresentedCertificate {
  /** SHA-256 over the DER certificate, lowercase hex. */
  sha256: string;
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  /** Whether it chained to a trusted root (the usual roots plus the target file's tls.ca). */
  trusted: boolean;
}

export type StatusCounts = Record<CheckStatus, number>;

export type VerdictStatus = 'conformant' | 'not-conformant' | 'inconclusive';

export interface Verdict {
  status: VerdictStatus;
  conforms: boolean;
  /** SHALL requirements that failed. */
  shallFailed: string[];
  /** SHALL requirements whose checks could not complete (target or harness error). */
  shallErrored: string[];
  /**
   * SHALL requirements not verified without an error: a check could not test
   * (skip) or none ran although the suite was selected (not-tested). They make
   * the verdict inconclusive (schema 1.3).
   */
  shallNotVerified: string[];
  /** SHOULD requirements that failed or errored: listed as warnings. */
  shouldFailed: string[];
}

export interface RunOptionsRecord {
  suites: string[];
  grep?: string;
  tags?: string[];
  /** Tests that --grep/--tag left out but run anyway because a kept test uses what they make (`<suite>/<test id>`, schema 1.3). */
  dependencies?: string[];
  bail: boolean;
  timeoutMs: number;
  /** Set when this run is one shard of a campaign (`--shard i/n`). */
  shard?: ShardRecord;
  /** Set when this run was put together by `homolog merge` from shard runs. */
  mergedFrom?: MergedFrom;
}

/** One suite of the whole selection a shard was cut from (src/run/shard.ts). */
export interface ShardSelectionEntry {
  id: string;
  version: string;
  digest: string;
  /** Tests the selection keeps in this suite: a merged run must have exactly this many checks for it. */
  tests: number;
}

export interface ShardRecord {
  /** 1-based. */
  index: number;
  total: number;
  /** Every suite of the campaign's selection, this shard's or not: shards of one campaign record the same list. */
  selection: ShardSelectionEntry[];
}

export interface MergedFrom {
  /** How many shards the campaign was split into. */
  total: number;
  /** runId of each shard, in shard order. */
  runIds: string[];
}

export interface RunResult {
  schemaVersion: string;
  runId: string;
  homolog: { version: string; node: string };
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  target: {
    name?: string;
    baseUrl: string;
    product?: ProductIdentity;
    /** Where the target description came from: a file path or 'url'. */
    source: string;
    /** https targets: the certificate presented (schema 1.2). */
    tls?: TlsObservation;
    /** What was tested: a server (absent: server) or a client homolog served as the shared record (schema 1.4). */
    kind?: 'server' | 'client';
  };
  /** Client runs: the session (schema 1.4). */
  client?: ClientSessionRecord;
  options: RunOptionsRecord;
  suites: SuiteRef[];
  /** Every definition file the checks validated against, with its digest (schema 1.2; absent in older runs). */
  profiles?: DefinitionFileRef[];
  /** Who ran the campaign (schema 1.2; absent in older runs). */
  ranBy?: RanBy;
  checks: CheckResult[];
  requirements: RequirementResult[];
  exchanges: Exchange[];
  summary: { checks: StatusCounts; requirements: Record<RequirementStatus, number> };
  /** Actionability score per data domain (empty when no check assessed any). */
  actionability: DomainActionability[];
  verdict: Verdict;
}
