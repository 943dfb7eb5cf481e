/**
 * What a refusal must be, whatever form FHIR lets the server give it.
 *
 * Denied (policy, scope of the patient): 401, 403 or 404 (FHIR lets a server
 * answer 404 to hide that a resource exists, security.html), with or without
 * an OperationOutcome, and nothing disclosed: no resource but an
 * OperationOutcome in the body, no count.
 *
 * Consent refusal made known: 403 or 404 with an OperationOutcome whose issue
 * code says why (`suppressed`, the policy's outcome code), or 200 with a
 * searchset that holds no match, no count, and an OperationOutcome entry
 * (search.mode outcome) with that code (FHIR search.html#errors). An empty
 * searchset that does not say why is not enough.
 */
import type { Bundle, OperationOutcome } from '@medplum/fhirtypes';
import type { HttpResponse } from '../http/client.js';
import type { LocalizedText, Text } from '../util/i18n.js';
import { suiteMessages } from './messages.js';
import { bodyOf, label } from './vocabulary/responses.js';

export const DENIED_STATUSES: readonly number[] = [401, 403, 404];

function parsed(res: HttpResponse): { resourceType?: unknown } | undefined {
  const v = bodyOf(res);
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as { resourceType?: unknown }) : undefined;
}

/** Every resourceType named in a body other than OperationOutcome (and the Bundle around them). */
function disclosedTypes(body: string): string[] {
  const named = [...body.matchAll(/"resourceType"\s*:\s*"([A-Za-z]+)"/g)].map((m) => m[1] as string);
  return [...new Set(named.filter((t) => t !== 'OperationOutcome' && t !== 'Bundle'))];
}

/** ` (why)`, or nothing. */
function contextOf(why: Text): Text {
  if (typeof why === 'string') return why ? ` (${why})` : '';
  return { fr: why.fr ? ` (${why.fr})` : '', en: why.en ? ` (${why.en})` : '' };
}

/** Problems with a response that must be a denial (`why`: what was asked, for the messages); none when it is one. */
export function denialProblems(res: HttpResponse, why: Text): LocalizedText[] {
  const problems: LocalizedText[] = [];
  const request = label(res);
  const context = contextOf(why);
  if (!DENIED_STATUSES.includes(res.status))
    problems.push(suiteMessages.deniedExpected({ request, context, status: res.status }));
  const leaked = disclosedTypes(res.body);
  if (leaked.length > 0)
    problems.push(suiteMessages.refusalCarriesData({ request, context, types: leaked.join(', ') }));
  else if (parsed(res)?.resourceType === 'Bundle') problems.push(suiteMessages.refusalIsBundle({ request, context }));
  return problems;
}

/** Problems with a response to a request for withheld data of a patient who refused sharing; none when it discloses nothing and says why. */
export function consentRefusalProblems(res: HttpResponse, code: string, why: Text): LocalizedText[] {
  const body = parsed(res);
  const c = contextOf(why);
  const context: Text =
    typeof c === 'string' ? `${label(res)}${c}` : { fr: `${label(res)}${c.fr}`, en: `${label(res)}${c.en}` };
  const leaked = disclosedTypes(res.body);
  if (leaked.length > 0) return [suiteMessages.consentDisclosed({ context, types: leaked.join(', ') })];
  if (res.status === 200 && body?.resourceType === 'Bundle') {
    const bundle = body as Bundle;
    const problems: LocalizedText[] = [];
    if ((bundle.total ?? 0) > 0) problems.push(suiteMessages.consentCounts({ context, total: bundle.total ?? 0 }));
    const outcomes = (bundle.entry ?? []).filter(
      (e) => e.search?.mode === 'outcome' && e.resource?.resourceType === 'OperationOutcome',
    );
    const codes = outcomes.flatMap((e) => ((e.resource as OperationOutcome).issue ?? []).map((i) => String(i.code)));
    if (!codes.includes(code)) {
      problems.push(
        suiteMessages.consentSilent({
          context,
          code,
          codes: codes.length ? suiteMessages.gotCodes({ codes: codes.join(', ') }) : '',
        }),
      );
    }
    return problems;
  }
  if (res.status !== 403 && res.status !== 404)
    return [suiteMessages.consentStatus({ context, code, status: res.status })];
  const issues = body?.resourceType === 'OperationOutcome' ? ((body as OperationOutcome).issue ?? []) : undefined;
  if (issues === undefined)
    return [suiteMessages.consentNoOutcome({ context, status: res.status, code, body: res.body ? 'other' : 'none' })];
  const codes = issues.map((i) => String(i.code));
  return codes.includes(code)
    ? []
    : [suiteMessages.consentWrongCode({ context, code, codes: codes.join(', ') || '—' })];
}
