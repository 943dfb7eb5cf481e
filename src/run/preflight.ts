/**
 * Before any check: does the target answer as a FHIR server at all? One
 * `GET [base]/metadata` (recorded as evidence). When the answer is plainly not
 * FHIR (an HTML page, a 404 site, a body that is not FHIR JSON), every check
 * is skipped with that reason: the verdict is then inconclusive, never
 * conformant, and the run exits 1 like any run that could not verify its
 * requirements. A transport failure or an answer in FHIR (an
 * OperationOutcome, a CapabilityStatement) decides nothing here: the checks
 * judge it.
 */
import { accessRuntime } from '../access/credentials/actor-session.js';
import type { HttpResponse, HttpSession } from '../http/client.js';
import { TargetError } from '../http/errors.js';
import type { CheckResult } from '../model/run-result.js';
import type { Target } from '../model/target.js';
import { defineMessages, type LocalizedText, localized } from '../util/i18n.js';
import type { RunPlan } from './plan.js';

const m = defineMessages('run.preflight', {
  notFhir: {
    en: 'the target did not answer as a FHIR server: GET metadata returned {status} {contentType}{detail}',
    fr: 'la cible n’a pas répondu comme un serveur FHIR : GET metadata a renvoyé {status} {contentType}{detail}',
  },
  noCheckRun: {
    en: '{reason}; no check was run',
    fr: '{reason} ; aucune vérification n’a été exécutée',
  },
  notJson: { en: ', not JSON', fr: ', pas du JSON' },
  noResourceType: { en: ', JSON without resourceType', fr: ', du JSON sans resourceType' },
  noContentType: { en: '(no Content-Type)', fr: '(sans Content-Type)' },
});

/** What the target answered to GET metadata, when that answer is not FHIR; undefined when the checks should run. */
export async function notFhirReason(
  target: Target,
  session: HttpSession,
  timeoutMs: number,
): Promise<LocalizedText | undefined> {
  const res = await getMetadata(target, session, timeoutMs);
  const reason = res instanceof TargetError ? undefined : describeNotFhir(res);
  return reason && { fr: m.noCheckRun({ reason: reason.fr }).fr, en: m.noCheckRun({ reason: reason.en }).en };
}

/**
 * `GET [base]/metadata`, recorded, without credentials but with the default
 * actor's TLS identity (for targets that require a client certificate). A
 * transport failure is returned, not thrown.
 */
export async function getMetadata(
  target: Target,
  session: HttpSession,
  timeoutMs?: number,
): Promise<HttpResponse | TargetError> {
  // No longer than one check may take: a target that hangs is the checks' to report.
  const via = session.client(target.baseUrl, timeoutMs ? { signal: AbortSignal.timeout(timeoutMs) } : {}).bare();
  const actor = accessRuntime(target, session).actor(target.defaultActor);
  const http = actor ? actor.client(via) : via;
  try {
    return await http.send({
      method: 'GET',
      url: 'metadata',
      headers: { accept: 'application/fhir+json, application/json;q=0.9' },
    });
  } catch (err) {
    if (err instanceof TargetError) return err;
    throw err;
  }
}

/** Why this answer to GET metadata is not FHIR, or undefined when it is (or may be) FHIR. */
export function describeNotFhir(res: Pick<HttpResponse, 'status' | 'headers' | 'body'>): LocalizedText | undefined {
  const contentType = (res.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  // A body that says it is FHIR (even malformed), or a status outside HTTP's range: the checks judge it.
  if (/^application\/fhir\+(json|xml)$/.test(contentType) || res.status < 100 || res.status > 599) return undefined;
  let detail: LocalizedText | undefined;
  try {
    const body = JSON.parse(res.body) as unknown;
    const hasType =
      body !== null &&
      typeof body === 'object' &&
      typeof (body as { resourceType?: unknown }).resourceType === 'string';
    if (hasType) return undefined;
    detail = m.noResourceType();
  } catch {
    detail = m.notJson();
  }
  // The status and media type say enough for an HTML page; the detail only for a body that claimed JSON.
  const claimsJson = /json/.test(contentType);
  const shown = contentType && /^[\w.+-]+\/[\w.+-]+$/.test(contentType) ? contentType : undefined;
  const noType = m.noContentType();
  const text = (lang: 'fr' | 'en'): string =>
    m.notFhir({
      status: res.status,
      contentType: shown ?? noType[lang],
      detail: claimsJson || !shown ? detail[lang] : '',
    })[lang];
  return { fr: text('fr'), en: text('en') };
}

/** Every planned check, skipped for this reason (nothing was run). */
export function skippedPlan(plan: Pick<RunPlan, 'suites'>, reason: LocalizedText): CheckResult[] {
  return plan.suites.flatMap((planned) =>
    planned.tests.map(
      (test): CheckResult => ({
        id: `${planned.suite.id}/${test.id}`,
        suite: planned.suite.id,
        testId: test.id,
        title: localized(test.title),
        ...(test.description ? { description: localized(test.description) } : {}),
        requirements: [...test.verifies],
        tags: [...(test.tags ?? [])],
        status: 'skip',
        message: reason,
        messages: [],
        durationMs: 0,
        exchanges: [],
      }),
    ),
  );
}
