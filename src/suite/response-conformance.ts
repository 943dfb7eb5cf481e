/**
 * Every resource a target returns must conform to base FHIR R4. That is a
 * requirement of its own in each suite (<PREFIX>-RESP-01), verified by one
 * check the engine appends to the suite, `responses-conform`: the checks of
 * the suite only collect what they received (validated within their own time
 * limit, with their signal), and never fail because of it. So the requirement
 * blamed for a defect does not depend on which check met it first, nor on the
 * order the tests ran in. Per suite, so that a suite's verdict is the same
 * whatever ran before it, and shards merge exactly.
 */
import type { HttpResponse } from '../http/client.js';
import { joinTexts, type LocalizedText } from '../util/i18n.js';
import type { ValidationIssue } from '../validation/issues.js';
import type { TestDefinition } from './api.js';
import { conformanceErrors, conformanceErrorsAsync, issueText } from './chai-fhir.js';
import { suiteMessages } from './messages.js';

/** The id of the check the engine appends to every suite. */
export const RESPONSES_CONFORM_ID = 'responses-conform';

/** A catalogue's requirement that this check verifies: `<PREFIX>-RESP-01`. */
export const RESPONSES_REQUIREMENT = /^[A-Z]+-RESP-01$/;

/** Defects listed in the check's message; the rest are counted. */
const MAX_LISTED = 20;

/** One returned resource and its base-R4 errors. */
export interface ValidatedResponse {
  res: HttpResponse;
  resource: { resourceType: unknown; id?: unknown };
  errors: ValidationIssue[];
}

export function validateResponses(responses: readonly HttpResponse[]): ValidatedResponse[] {
  return withResources(responses).map(({ res, resource }) => ({ res, resource, errors: conformanceErrors(resource) }));
}

/** The same, cancellable: validation yields to the event loop and stops with an AbortError when `signal` aborts. */
export async function validateResponsesAsync(
  responses: readonly HttpResponse[],
  options: { signal?: AbortSignal } = {},
): Promise<ValidatedResponse[]> {
  const validated: ValidatedResponse[] = [];
  for (const { res, resource } of withResources(responses))
    validated.push({ res, resource, errors: await conformanceErrorsAsync(resource, undefined, options) });
  return validated;
}

interface Defect {
  check: string;
  exchangeId: string;
  text: LocalizedText;
}

/** What the checks of one suite received: each defect once, with the first check and exchange that carried it. */
export class ResponseLedger {
  private readonly defects = new Map<string, Defect>();
  private readonly exchanges = new Set<string>();
  /** Checks whose responses could not all be validated (their time limit). */
  private readonly unvalidated = new Set<string>();

  notValidated(checkId: string): void {
    this.unvalidated.add(checkId);
  }

  record(checkId: string, validated: readonly ValidatedResponse[]): void {
    for (const { res, resource, errors } of validated) {
      this.exchanges.add(res.exchangeId);
      for (const e of errors) {
        const signature = `${String(resource.resourceType)}|${e.expression}|${e.message}`;
        if (this.defects.has(signature)) continue;
        this.defects.set(signature, {
          check: checkId,
          exchangeId: res.exchangeId,
          text: suiteMessages.nonconformity({
            method: res.method,
            url: res.url,
            resource: label(resource),
            path: e.expression,
            message: issueText(e),
          }),
        });
      }
    }
  }

  /**
   * The result of `responses-conform`: skip when no check received a
   * resource (nothing was verified), fail listing each defect, else pass.
   * Its evidence: the exchanges that carried a defect, or all it verified.
   */
  verdict(): { status: 'pass' | 'fail' | 'skip'; message?: LocalizedText; exchanges: string[] } {
    const defects = [...this.defects.values()];
    const partly =
      this.unvalidated.size > 0
        ? suiteMessages.notValidatedWithin({ checks: [...this.unvalidated].join(', ') })
        : { fr: '', en: '' };
    if (defects.length === 0 && this.unvalidated.size > 0)
      return {
        status: 'skip',
        message: suiteMessages.notEveryValidated({ partly }),
        exchanges: [...this.exchanges],
      };
    if (this.exchanges.size === 0)
      return { status: 'skip', message: suiteMessages.noResourceReceived(), exchanges: [] };
    if (defects.length === 0) return { status: 'pass', exchanges: [...this.exchanges] };
    const listed = defects
      .slice(0, MAX_LISTED)
      .map((d) => suiteMessages.receivedBy({ defect: d.text, check: d.check, exchange: d.exchangeId }));
    if (defects.length > MAX_LISTED) listed.push(suiteMessages.moreDefects({ count: defects.length - MAX_LISTED }));
    return {
      status: 'fail',
      message: suiteMessages.nonconformities({ count: defects.length, listed: joinTexts(listed, ' | '), partly }),
      exchanges: [...new Set(defects.map((d) => d.exchangeId))],
    };
  }
}

/**
 * The check appended to a suite whose catalogue has a <PREFIX>-RESP-01
 * requirement. The executor evaluates it from the suite's ledger, after the
 * suite's other checks: its body is never run.
 */
export function responsesConformTest(requirement: string): TestDefinition {
  return {
    id: RESPONSES_CONFORM_ID,
    title: suiteMessages.responsesConformTitle(),
    description: suiteMessages.responsesConformDescription(),
    verifies: [requirement],
    tags: ['conformance'],
    run: () =>
      Promise.reject(
        new Error(`${RESPONSES_CONFORM_ID} is evaluated by the executor from what the suite's checks received`),
      ),
  };
}

export function isResponsesConformTest(test: TestDefinition): boolean {
  return (
    test.id === RESPONSES_CONFORM_ID && test.verifies.length === 1 && RESPONSES_REQUIREMENT.test(test.verifies[0] ?? '')
  );
}

function label(resource: { resourceType: unknown; id?: unknown }): string {
  return `${String(resource.resourceType)}${resource.id ? `/${String(resource.id)}` : ''}`;
}

/** Only bodies that are JSON FHIR resources; anything else is the business of the check itself. */
function withResources(
  responses: readonly HttpResponse[],
): { res: HttpResponse; resource: { resourceType: unknown; id?: unknown } }[] {
  return responses.flatMap((res) => {
    const resource = parsedResource(res);
    return resource === undefined ? [] : [{ res, resource }];
  });
}

function parsedResource(res: HttpResponse): { resourceType: unknown; id?: unknown } | undefined {
  if (res.body.trim() === '' || (!/json/i.test(res.headers['content-type'] ?? '') && !/^\s*\{/.test(res.body)))
    return undefined;
  try {
    const value = JSON.parse(res.body) as unknown;
    return value && typeof value === 'object' && 'resourceType' in value
      ? (value as { resourceType: unknown; id?: unknown })
      : undefined;
  } catch {
    return undefined;
  }
}
