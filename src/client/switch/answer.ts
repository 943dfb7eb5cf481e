/**
 * What the switch answers: response messages (an acknowledgement, code ok,
 * or a fatal-error with its OperationOutcome: in FHIR messaging the error is
 * a message too) and plain HTTP refusals. Texts go to software: English.
 */
import { randomUUID } from 'node:crypto';
import type { Bundle, BundleEntry, MessageHeader, OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { acknowledgement, errorResponse } from '../../messaging/builders.js';
import { readHeader } from '../../messaging/read.js';
import { FHIR_JSON_UTF8 } from '../../reference/http-shell.js';
import type { SentReply } from '../../suite/client-api.js';
import type { LocalizedText } from '../../util/i18n.js';
import { HOMOLOG_VERSION } from '../../util/version.js';
import type { ValidationIssue } from '../../validation/issues.js';
import { switchTexts as s } from './messages.js';

/** The switch's own endpoint: the source of the answers it writes. */
export const SWITCH_ENDPOINT = 'urn:homolog:erx:switch';
/** Problems listed in one answer at most (the rest counted): an answer stays small. */
const MAX_LISTED = 20;

export type ResponseCode = 'ok' | 'transient-error' | 'fatal-error';

/** The switch as the source of the answers it writes. */
const SWITCH_SOURCE = { endpoint: SWITCH_ENDPOINT, name: 'homolog', software: 'homolog', version: HOMOLOG_VERSION };

/**
 * A response message to `answered`: src/messaging's acknowledgement or
 * error answer when the message named its event, else one written here (a
 * message whose event cannot be read is still answered; R4 wants an event,
 * so the answer names why).
 */
export function responseMessage(
  answered: { id: string; header: MessageHeader | undefined; to: string },
  code: ResponseCode,
  outcome?: OperationOutcome,
): Bundle {
  const { event, eventUri } = readHeader(answered.header);
  if (event && eventUri === undefined) {
    const opts = { source: SWITCH_SOURCE, destination: { endpoint: answered.to } };
    const received = { id: answered.id, event };
    return code === 'ok'
      ? acknowledgement(opts, received)
      : errorResponse(opts, received, outcome ?? { resourceType: 'OperationOutcome', issue: [] }, code);
  }
  const outcomeUrl = `urn:uuid:${randomUUID()}`;
  const header: MessageHeader = {
    resourceType: 'MessageHeader',
    id: randomUUID(),
    eventUri: eventUri ?? `${SWITCH_ENDPOINT}:unreadable-event`,
    destination: [{ endpoint: answered.to }],
    source: SWITCH_SOURCE,
    response: {
      identifier: answered.id,
      code,
      ...(outcome ? { details: { reference: outcomeUrl } } : {}),
    },
  };
  return messageBundle(header, outcome ? [{ fullUrl: outcomeUrl, resource: outcome }] : []);
}

/** A message Bundle: its MessageHeader first (fullUrl urn:uuid:<its id>), then the rest. */
export function messageBundle(header: MessageHeader, rest: BundleEntry[]): Bundle {
  return {
    resourceType: 'Bundle',
    id: randomUUID(),
    type: 'message',
    timestamp: new Date().toISOString(),
    entry: [{ fullUrl: `urn:uuid:${header.id}`, resource: header }, ...rest],
  };
}

/** The problems found in a message, as the OperationOutcome of its fatal-error answer. */
export function problemsOutcome(issues: readonly ValidationIssue[]): OperationOutcome {
  const listed: OperationOutcomeIssue[] = issues.slice(0, MAX_LISTED).map((i) => ({
    severity: i.severity,
    code: i.code,
    diagnostics: i.text.en,
    expression: [i.expression],
  }));
  if (issues.length > MAX_LISTED)
    listed.push({
      severity: 'information',
      code: 'informational',
      diagnostics: s.moreIssues({ count: issues.length - MAX_LISTED }).en,
    });
  return { resourceType: 'OperationOutcome', issue: listed };
}

export function fhirReply(status: number, resource: object, headers: Record<string, string> = {}): SentReply {
  const body = JSON.stringify(resource);
  return {
    status,
    headers: { 'Content-Type': FHIR_JSON_UTF8, 'Content-Length': String(Buffer.byteLength(body)), ...headers },
    body,
  };
}

/** An HTTP refusal with one issue. */
export function refusal(
  status: number,
  code: OperationOutcomeIssue['code'],
  text: LocalizedText,
  headers: Record<string, string> = {},
): SentReply {
  const outcome: OperationOutcome = {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code, diagnostics: text.en }],
  };
  return fhirReply(status, outcome, headers);
}
