/**
 * The suite authoring API. A suite is a requirement catalogue (YAML, in
 * suites/<id>/catalogue.yaml) plus scripted tests (suites/<id>/index.ts) that
 * each name the requirement ids they verify. Tests receive their fixtures in a
 * TestContext: no global state.
 */
import type { CapabilityStatement } from '@medplum/fhirtypes';
import type { FhirClient } from '../fhir/client.js';
import type { HttpClient, HttpResponse } from '../http/client.js';
import type { ProductIdentity } from '../result/types.js';

export interface TestDefinition {
  /** Stable kebab-case id, unique within the suite, e.g. `read-unknown-id`. */
  id: string;
  /** States the rule being checked, in plain words. */
  title: string;
  /** Paraphrase of the specification text the test relies on. */
  description?: string;
  /** Requirement ids from the suite's catalogue. At least one. */
  verifies: string[];
  tags?: string[];
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

export interface TestContext {
  target: TargetView;
  /** FHIR client with the default actor's credentials; every exchange is recorded as evidence. */
  fhir: FhirClient;
  /** Raw HTTP client with the default actor's credentials. */
  http: HttpClient;
  /** FHIR client that sends no credentials at all. */
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
  warn(text: string): void;
  info(text: string): void;
  /** Ends the test as `skip` with the reason given. */
  skip(reason: string): never;
}

/** Declares a suite's tests; the catalogue supplies version, titles and requirement texts. */
export function defineSuite(id: string, tests: TestDefinition[]): SuiteDefinition {
  return { id, tests };
}

/** Thrown by `t.skip()`; the executor turns it into a skipped check. */
export class SkipSignal extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'SkipSignal';
  }
}
