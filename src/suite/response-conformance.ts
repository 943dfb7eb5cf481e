/**
 * Every resource a target returns must conform to base FHIR R4 (and to the
 * profiles it claims). A nonconformity is attributed once per suite, to the
 * first check of the suite that received it: that check fails, so the defect
 * lands on the requirement it verifies; later checks of the suite that meet
 * the same defect (the same element and message) only note it, instead of
 * cascading one defect into many failures. Per suite, so that a suite's
 * verdict is the same whatever ran before it, and shards merge exactly.
 */
import type { HttpResponse } from '../http/client.js';
import type { ValidationIssue } from '../validation/issues.js';
import { conformanceErrors, conformanceErrorsAsync, describeIssues } from './chai-fhir.js';

/** Defect signature → the check it was first attributed to. */
export type Attributions = Map<string, string>;

export interface ResponseConformance {
  /** Defects no earlier check had met: they fail this check. */
  fresh?: string;
  /** Defects already attributed to earlier checks. */
  known: string[];
}

export function checkResponses(responses: readonly HttpResponse[], attributions: Attributions, checkId: string): ResponseConformance {
  return attribute(
    responses.map((res) => {
      const resource = parsedResource(res);
      return { res, resource, errors: resource === undefined ? [] : conformanceErrors(resource) };
    }),
    attributions,
    checkId,
  );
}

/** The same, cancellable: validation yields to the event loop and stops with an AbortError when `signal` aborts. */
export async function checkResponsesAsync(responses: readonly HttpResponse[], attributions: Attributions, checkId: string, options: { signal?: AbortSignal } = {}): Promise<ResponseConformance> {
  const validated: Validated[] = [];
  for (const res of responses) {
    const resource = parsedResource(res);
    validated.push({ res, resource, errors: resource === undefined ? [] : await conformanceErrorsAsync(resource, undefined, options) });
  }
  return attribute(validated, attributions, checkId);
}

interface Validated {
  res: HttpResponse;
  resource: { resourceType: unknown; id?: unknown } | undefined;
  errors: ValidationIssue[];
}

function attribute(validated: readonly Validated[], attributions: Attributions, checkId: string): ResponseConformance {
  const fresh: string[] = [];
  const known: string[] = [];
  for (const { res, resource, errors } of validated) {
    if (resource === undefined) continue;
    const unseen: ValidationIssue[] = [];
    for (const e of errors) {
      const signature = `${String(resource.resourceType)}|${e.expression}|${e.message}`;
      const owner = attributions.get(signature);
      if (owner === undefined || owner === checkId) {
        attributions.set(signature, checkId);
        unseen.push(e);
      } else if (!known.includes(owner)) {
        known.push(owner);
      }
    }
    if (unseen.length > 0) {
      fresh.push(`${res.method} ${res.url} returned ${label(resource)}, which does not conform to FHIR R4: ${describeIssues(unseen)}`);
    }
  }
  return { ...(fresh.length ? { fresh: fresh.join(' | ') } : {}), known };
}

function label(resource: { resourceType: unknown; id?: unknown }): string {
  return `${String(resource.resourceType)}${resource.id ? `/${String(resource.id)}` : ''}`;
}

/** Only bodies that are JSON FHIR resources; anything else is the business of the check itself. */
function parsedResource(res: HttpResponse): { resourceType: unknown; id?: unknown } | undefined {
  if (res.body.trim() === '' || (!/json/i.test(res.headers['content-type'] ?? '') && !/^\s*\{/.test(res.body))) return undefined;
  try {
    const value = JSON.parse(res.body) as unknown;
    return value && typeof value === 'object' && 'resourceType' in value ? (value as { resourceType: unknown; id?: unknown }) : undefined;
  } catch {
    return undefined;
  }
}
