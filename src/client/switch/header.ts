/**
 * What the switch routes by, read from a MessageHeader wherever it stands in
 * the Bundle (src/messaging's readers take a well-formed message; the switch
 * must still answer a malformed one, whose header may not come first).
 */
import type { Coding, MessageHeader } from '@medplum/fhirtypes';

/** The event, as the header names it: a Coding, or a URI. */
export function eventOf(header: MessageHeader): { coding: Coding } | { uri: string } | undefined {
  if (header.eventCoding && typeof header.eventCoding === 'object') return { coding: header.eventCoding };
  if (typeof header.eventUri === 'string') return { uri: header.eventUri };
  return undefined;
}

/** What a response message answers: the MessageHeader.id it names and its code. */
export function respondsTo(header: MessageHeader): { identifier: string; code: string } | undefined {
  const r = header.response;
  if (r === undefined || typeof r !== 'object') return undefined;
  return { identifier: String(r.identifier ?? ''), code: String(r.code ?? '') };
}

/** The endpoints a message goes to. */
export function destinationsOf(header: MessageHeader | undefined): string[] {
  if (!Array.isArray(header?.destination)) return [];
  return header.destination.map((d) => d?.endpoint).filter((e): e is string => typeof e === 'string' && e !== '');
}

/** Whether the message carries content of its own (a focus) rather than being a bare acknowledgement. */
export function hasFocus(header: MessageHeader): boolean {
  return Array.isArray(header.focus) && header.focus.length > 0;
}
