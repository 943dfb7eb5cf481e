/** The Prefer request header (RFC 7240), as FHIR uses it: handling=strict|lenient, return=minimal|representation|OperationOutcome. */
import type { IncomingHttpHeaders } from 'node:http';

export function preference(headers: IncomingHttpHeaders, name: string): string | undefined {
  const raw = headers.prefer;
  if (raw === undefined) return undefined;
  for (const part of [raw].flat().join(',').split(/[,;]/)) {
    const [key = '', value = ''] = part.split('=').map((s) => s.trim());
    if (key.toLowerCase() === name) return value.replace(/^"|"$/g, '');
  }
  return undefined;
}

/** Lenient is FHIR's default: unknown search parameters are then ignored, not refused. */
export function prefersStrictHandling(headers: IncomingHttpHeaders): boolean {
  return preference(headers, 'handling')?.toLowerCase() === 'strict';
}
