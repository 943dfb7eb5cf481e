/**
 * What the switch checks on each message as it arrives: the whole Bundle
 * against the Québec message profile, with homolog's own validator. Claiming
 * that profile turns on the message rules of src/validation/message-bundle.ts
 * (MessageHeader first, focus and references resolved in the Bundle, software
 * and version named, the event from the erx code system) and the Québec
 * profiles on the entries (DIN, NAM, licence numbers). Errors only: warnings
 * and "not checked" notes do not make a message malformed.
 */
import type { Bundle } from '@medplum/fhirtypes';
import { hasErrors, type ValidationIssue } from '../../validation/issues.js';
import { ERX_MESSAGE_PROFILE } from '../../validation/message-bundle.js';
import { sharedValidator } from '../../validation/setup.js';

export function contentErrors(bundle: Bundle): ValidationIssue[] {
  const issues = sharedValidator().validate(bundle, { profiles: [ERX_MESSAGE_PROFILE] });
  return hasErrors(issues) ? issues.filter((i) => i.severity === 'error' || i.severity === 'fatal') : [];
}
