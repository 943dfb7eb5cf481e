import type { CapabilityStatement } from '@medplum/fhirtypes';
import type { Target } from '../config/target.js';
import { FhirClient } from '../fhir/client.js';
import type { HttpClient, HttpResponse, HttpSession } from '../http/client.js';
import { TargetError } from '../http/errors.js';
import type { CheckMessage } from '../result/types.js';
import { SkipSignal, type TargetView, type TestContext } from './api.js';
import type { Attributions } from './response-conformance.js';

/** What one check accumulates while it runs. */
export interface CheckState {
  checkId: string;
  exchanges: string[];
  /** Responses this check received, checked against base R4 when it ends. */
  responses: HttpResponse[];
  messages: CheckMessage[];
  skipReason?: string;
}

/** State shared by the checks of one run: saved requests and the CapabilityStatement. */
export class RunState {
  readonly saved = new Map<string, HttpResponse>();
  /** Nonconformities of returned resources, each attributed to the first check that met it. */
  readonly attributions: Attributions = new Map();
  capability?: { statement?: CapabilityStatement; exchangeId?: string; problem?: string };
}

export function targetView(target: Target): TargetView {
  return { baseUrl: target.baseUrl, name: target.name, product: target.product, testData: target.testData };
}

/** Builds the fixtures one check receives; every exchange it makes is added to its evidence. */
export function createTestContext(target: Target, session: HttpSession, run: RunState, check: CheckState): TestContext {
  const cite = (id: string | undefined): void => {
    if (id && !check.exchanges.includes(id)) check.exchanges.push(id);
  };
  const base: HttpClient = session.client(target.baseUrl, {
    checkId: check.checkId,
    onExchange: (x) => cite(x.id),
    onResponse: (r) => check.responses.push(r),
  });
  const actor = target.actors[target.defaultActor];
  const http = base.withHeaders(actor?.headers ?? {});
  const fhir = new FhirClient(http);
  const skip = (reason: string): never => {
    throw new SkipSignal(reason);
  };

  return {
    target: targetView(target),
    http,
    fhir,
    anonymous: new FhirClient(base),
    async capabilities() {
      if (!run.capability) run.capability = await fetchCapability(fhir);
      else cite(run.capability.exchangeId);
      if (run.capability.problem) check.messages.push({ level: 'info', text: run.capability.problem });
      return run.capability.statement;
    },
    input(name) {
      const value = target.testData[name];
      return value ?? skip(`input "${name}" is not set in the target file's testData`);
    },
    save(name, response) {
      run.saved.set(name, response);
    },
    saved(name) {
      const response = run.saved.get(name);
      if (!response) return skip(`the request saved as "${name}" by an earlier test was not made or failed`);
      cite(response.exchangeId);
      return response;
    },
    cite: (response) => cite(response.exchangeId),
    warn: (text) => check.messages.push({ level: 'warning', text }),
    info: (text) => check.messages.push({ level: 'info', text }),
    skip,
  };
}

async function fetchCapability(fhir: FhirClient): Promise<NonNullable<RunState['capability']>> {
  try {
    const res = await fhir.capabilities();
    if (res.status === 200 && res.resource?.resourceType === 'CapabilityStatement') {
      return { statement: res.resource, exchangeId: res.http.exchangeId };
    }
    return { exchangeId: res.http.exchangeId, problem: `GET metadata answered ${res.status} without a CapabilityStatement` };
  } catch (err) {
    if (err instanceof TargetError) return { exchangeId: err.exchangeId, problem: `GET metadata failed: ${err.message}` };
    throw err;
  }
}
