/**
 * The suite authoring API. A suite is a requirement catalogue (YAML, in
 * suites/<id>/catalogue.yaml) plus scripted tests (suites/<id>/index.ts) that
 * each name the requirement ids they verify. Tests receive their fixtures in a
 * TestContext: no global state.
 */
import type { CapabilityStatement } from '@medplum/fhirtypes';
import type { FhirClient } from '../fhir/client.js';
import type { HttpClient, HttpResponse } from '../http/client.js';
import type { ActionabilityRecord, CheckTable, ProductIdentity } from '../model/run-result.js';
import { LocalizedError } from '../util/errors.js';
import type { LocalizedText, Text } from '../util/i18n.js';

export interface TestDefinition {
  /** Stable kebab-case id, unique within the suite, e.g. `read-unknown-id`. */
  id: string;
  /** States the rule being checked, in plain words, in both languages. */
  title: Text;
  /** Paraphrase of the specification text the test relies on, in both languages. */
  description?: Text;
  /** Requirement ids from the suite's catalogue. At least one. */
  verifies: string[];
  tags?: string[];
  /**
   * What the test uses and produces, so a filtered run keeps what it needs
   * (like Inferno's makes_request/uses_request): names it stores with
   * t.save, names of earlier tests' responses it reads with t.saved, and the
   * target file's testData names it reads with t.input. Any other name is a
   * harness error at run time, so the declarations cannot drift.
   */
  makes?: string[];
  uses?: string[];
  inputs?: string[];
  run(t: TestContext): Promise<void>;
}

export interface SuiteDefinition {
  id: string;
  tests: TestDefinition[];
}

/** What a target description exposes to tests: no secret ever. */
export interface TargetView {
  baseUrl: string;
  name?: string;
  product?: ProductIdentity;
  /** Test data ids from the target file (`testData`), e.g. `patientId`. */
  testData: Readonly<Record<string, string>>;
}

/** An actor of the target file, as tests see it: never a secret. */
export interface ActorView {
  name: string;
  role: string;
  /** For a patient actor: their own Patient id. */
  patient?: string;
  /** The kind of credentials: none, bearer, smart-backend or client-secret. */
  credentials: 'none' | 'bearer' | 'smart-backend' | 'client-secret';
  /** Whether the actor presents a TLS client certificate. */
  clientCertificate: boolean;
}

/** Tools for the authorization rules (token endpoint, assertions, raw tokens). */
export interface AccessTools {
  /** The token endpoint (configured or discovered from .well-known/smart-configuration); skips if none. */
  tokenEndpoint(): Promise<string>;
  /** A client assertion for a smart-backend actor, with deliberate defects for negative tests; skips if the actor is not smart-backend. */
  clientAssertion(
    actor: string,
    tweak?: { aud?: string; expiresInSeconds?: number; jti?: string; wrongKey?: boolean; alg?: 'RS384' | 'ES384' },
  ): Promise<string>;
  /**
   * POSTs a raw token request (form fields as given) to the token endpoint
   * through the recording layer; returns the response (never throws on 4xx).
   * `as`: send with that actor's TLS identity (client certificate); default the run's TLS settings.
   */
  tokenRequest(
    form: Record<string, string>,
    options?: { basicAuth?: { user: string; password: string }; as?: string },
  ): Promise<HttpResponse>;
  /** A fresh token for the actor (bypassing the cache), for tests that need the raw token. */
  freshToken(
    actor: string,
  ): Promise<{ accessToken: string; expiresIn?: number; scope?: string; response: HttpResponse }>;
  /** A client with no credentials and no client certificate at all (transport tests). */
  withoutClientCertificate(): FhirClient;
}

export interface TestContext {
  /**
   * Fires when the check reaches its time limit or the run is interrupted.
   * The HTTP clients obey it already; a check that waits on anything else
   * (a timer, a long computation) should pass it on or watch it.
   */
  signal: AbortSignal;
  target: TargetView;
  /** The actors of the target file (and `anonymous`). */
  actors: readonly ActorView[];
  /** FHIR client acting as that actor (its credentials and TLS identity); skips the test with a reason if the target file has no such actor. */
  as(actor: string): Promise<FhirClient>;
  access: AccessTools;
  /** FHIR client with the default actor's credentials; every exchange is recorded as evidence. */
  fhir: FhirClient;
  /** Raw HTTP client with the default actor's credentials. */
  http: HttpClient;
  /** FHIR client that sends no credentials, with the run's TLS settings and the default actor's client certificate if any (for negative tests). */
  anonymous: FhirClient;
  /** The target's CapabilityStatement, fetched once per run; undefined when it could not be read. */
  capabilities(): Promise<CapabilityStatement | undefined>;
  /** A test-data value from the target file; skips the test with a reason when it is missing. */
  input(name: string): string;
  /** Stores a response under a name so later tests reuse it instead of sending it again. */
  save(name: string, response: HttpResponse): void;
  /** A response an earlier test saved; skips with a reason when that request was not made or failed. */
  saved(name: string): HttpResponse;
  /** Adds an exchange made earlier to this check's evidence. */
  cite(response: HttpResponse): void;
  /** A remark that does not fail the check but turns a pass into `warn`. */
  warn(text: Text): void;
  info(text: Text): void;
  /** Records a table for the report (e.g. the access matrix). */
  table(table: CheckTable): void;
  /** Records the actionability assessment of a domain's resources (the report's score per domain). */
  actionability(record: ActionabilityRecord): void;
  /** Ends the test as `skip` with the reason given: it could not test, so its requirements are not verified. */
  skip(reason: Text): never;
  /**
   * Ends the test as `omit` (not applicable) with the reason given. Only for
   * what the suite's requirement itself makes optional, e.g. a capability the
   * target declares it does not support; never for "could not test".
   */
  notApplicable(reason: Text): never;
}

/** Declares a suite's tests; the catalogue supplies version, titles and requirement texts. */
export function defineSuite(id: string, tests: TestDefinition[]): SuiteDefinition {
  return { id, tests };
}

/** Thrown by `t.notApplicable()`; the executor turns it into an omitted check. */
export class NotApplicableSignal extends LocalizedError {
  /** Why, in both languages (the same as `text`). */
  get reason(): LocalizedText {
    return this.text;
  }
  constructor(reason: Text) {
    super(reason);
    this.name = 'NotApplicableSignal';
  }
}

/** Thrown by `t.skip()`; the executor turns it into a skipped check. */
export class SkipSignal extends LocalizedError {
  /** Why, in both languages (the same as `text`). */
  get reason(): LocalizedText {
    return this.text;
  }
  constructor(reason: Text) {
    super(reason);
    this.name = 'SkipSignal';
  }
}
