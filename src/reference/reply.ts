/**
 * What a handler answers, before the HTTP shell turns it into bytes (and
 * before the output faults get their say, see http-shell.ts).
 */
import type { OperationOutcome, OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** The resource sent as JSON; absent for 304 and other bodiless answers. */
  body?: Resource;
  /** Indented JSON (_pretty=true). */
  pretty?: boolean;
  /** A plain JSON body (OAuth and SMART endpoints), sent as application/json instead of `body`. */
  json?: unknown;
}

export type IssueCode = OperationOutcomeIssue['code'];

export function operationOutcome(
  code: IssueCode,
  text: string,
  severity: OperationOutcomeIssue['severity'] = 'error',
): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code, details: { text } }] };
}

export function outcomeReply(status: number, code: IssueCode, text: string, headers?: Record<string, string>): Reply {
  return headers === undefined
    ? { status, body: operationOutcome(code, text) }
    : { status, headers, body: operationOutcome(code, text) };
}

/** The plain-text summary of an OperationOutcome (used when the errors-without-outcome fault strips it). */
export function outcomeText(outcome: OperationOutcome): string {
  return (outcome.issue ?? []).map((i) => i.details?.text ?? i.diagnostics ?? i.code).join('; ');
}

export function isOperationOutcome(resource: Resource | undefined): resource is OperationOutcome {
  return resource?.resourceType === 'OperationOutcome';
}
