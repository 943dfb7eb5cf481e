/**
 * The FHIR engine: medplum's FhirRouter over this target's repository. Every
 * read, vread, history, search and create goes through it; the HTTP shell
 * only adds what FHIR's HTTP layer needs around it. Updates are the
 * exception: new-version.ts writes them to the repository itself, to number
 * versions 1, 2, 3...
 */
import { getStatus } from '@medplum/core';
import { type FhirRequest, FhirRouter } from '@medplum/fhir-router';
import type { OperationOutcome, Resource } from '@medplum/fhirtypes';
import type { ReferenceRepository } from './repository.js';

export interface EngineResult {
  status: number;
  outcome: OperationOutcome;
  resource: Resource | undefined;
}

export class Engine {
  private readonly router = new FhirRouter();

  constructor(readonly repo: ReferenceRepository) {}

  async call(
    method: 'GET' | 'POST',
    url: string,
    query: Record<string, string[]> = {},
    body?: Resource,
  ): Promise<EngineResult> {
    // handleRequest routes on `url` and refuses a request whose `pathname` is already set.
    const request: FhirRequest = { method, url, pathname: '', query, params: {}, body };
    const [outcome, resource] = await this.router.handleRequest(request, this.repo);
    return { status: getStatus(outcome), outcome, resource };
  }
}
