/**
 * Conditional create (FHIR R4 http.html#ccreate): `If-None-Exist: [search
 * parameters]` runs that search on the type posted to, through the same
 * search path as GET [type]. No match: the create goes on. One match:
 * nothing is created, the existing resource is the answer (200). More: 412,
 * the condition is not selective enough.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { FaultDefinition } from './faults.js';
import { outcomeReply, type Reply } from './reply.js';
import { search } from './search.js';
import type { TargetState } from './state.js';

export const CONDITIONAL_CREATE_IGNORED = {
  name: 'conditional-create-ignored',
  suite: 'dsq-pharmacy',
  breaks: 'PH-SUB-03',
  description: {
    fr: "L'en-tête If-None-Exist est ignoré: une soumission répétée crée un doublon.",
    en: 'The If-None-Exist header is ignored: a repeated submission creates a duplicate.',
  },
} as const satisfies FaultDefinition;

export type ExistingMatch = { kind: 'none' } | { kind: 'one'; resource: Resource } | { kind: 'refused'; reply: Reply };

export async function existingMatch(
  state: TargetState,
  type: string,
  headers: IncomingHttpHeaders,
  filter?: (r: Resource) => boolean,
): Promise<ExistingMatch> {
  const condition = [headers['if-none-exist'] ?? []].flat().join('&').trim();
  if (condition === '' || state.faults.has(CONDITIONAL_CREATE_IGNORED)) return { kind: 'none' };
  const query = [...new URLSearchParams(condition.replace(/^([A-Za-z]+)?\?/, ''))];
  if (query.length === 0)
    return {
      kind: 'refused',
      reply: outcomeReply(400, 'invalid', `If-None-Exist (${condition}) holds no search parameter`),
    };
  // Strict: a parameter the server would ignore would widen the condition to every resource.
  const found = await search(state, type, query, { prefer: 'handling=strict' }, filter);
  if (found.status !== 200 || found.body?.resourceType !== 'Bundle') {
    return { kind: 'refused', reply: { ...found, status: Math.max(found.status, 400) } };
  }
  const bundle = found.body as Bundle;
  const total = bundle.total ?? bundle.entry?.length ?? 0;
  if (total === 0) return { kind: 'none' };
  const resource = bundle.entry?.[0]?.resource;
  if (total === 1 && resource !== undefined) return { kind: 'one', resource };
  return {
    kind: 'refused',
    reply: outcomeReply(
      412,
      'duplicate',
      `If-None-Exist (${condition}) matches ${total} ${type} resources: the condition must identify at most one`,
    ),
  };
}
