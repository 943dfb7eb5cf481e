/**
 * The words of client runs for the text formats (Markdown, JUnit, TestReport,
 * GitHub annotations): the session, a received exchange, an attestation. The
 * HTML report says the same through the same locale keys. Plain text: each
 * format escapes it as it escapes every run value.
 */
import type {
  AttestationRecord,
  CheckResult,
  ClientSessionRecord,
  Exchange,
  Lang,
  RunResult,
} from '../model/run-result.js';
import { formatDateTime } from './format.js';
import { loadLocale } from './locale.js';

/** "Client software tested against homolog's simulated shared record, session s-7f3a". */
export function clientSessionText(client: ClientSessionRecord, lang: Lang): string {
  const l = loadLocale(lang);
  return `${l.t('client.testedAgainst')}, ${l.t('client.session')} ${client.session}`;
}

/** "Requests refused past the session's request budget (…): 12", or nothing when none was. */
export function refusedText(client: ClientSessionRecord, lang: Lang): string | undefined {
  return client.refused
    ? `${loadLocale(lang).t('client.refused')}${loadLocale(lang).t('common.colon')} ${client.refused}`
    : undefined;
}

/** "present: attestations were asked" or "none (unattended run): attestations skipped". */
export function operatorText(client: ClientSessionRecord, lang: Lang): string {
  return loadLocale(lang).t(client.unattended ? 'client.unattended' : 'client.attended');
}

/** "Received from the client: GET <url> → homolog answered: 403 (Injected answer: consent-refusal-403)". */
export function receivedText(x: Exchange, lang: Lang): string {
  const l = loadLocale(lang);
  const colon = l.t('common.colon');
  const answer = x.response
    ? String(x.response.status)
    : x.error
      ? `${l.t('exchange.transportError')} ${x.error.code}`
      : l.t('exchange.noResponse');
  const injected = x.received?.injected ? ` (${l.t('exchange.injected')}${colon} ${x.received.injected})` : '';
  return `${l.t('exchange.received')}${colon} ${x.request.method} ${x.request.url} → ${l.t('exchange.answered')}${colon} ${answer}${injected}`;
}

/** The answer in words: "yes", "no" or "not answered". */
export function answerText(a: AttestationRecord, lang: Lang): string {
  const l = loadLocale(lang);
  return a.answer ? l.t(`common.${a.answer}`) : l.t('attestation.notAnswered');
}

/** "Attestation — Question: …; Answer: yes; Note: …; Answered: 2026-12-03 14:02:10 UTC". */
export function attestationText(a: AttestationRecord, lang: Lang): string {
  const l = loadLocale(lang);
  const colon = l.t('common.colon');
  const parts = [
    `${l.t('attestation.question')}${colon} ${a.question[lang]}`,
    `${l.t('attestation.answer')}${colon} ${answerText(a, lang)}`,
    ...(a.note ? [`${l.t('attestation.note')}${colon} ${a.note}`] : []),
    ...(a.answeredAt ? [`${l.t('attestation.answeredAt')}${colon} ${formatDateTime(a.answeredAt)}`] : []),
  ];
  return `${l.t('attestation.marker')} — ${parts.join('; ')}`;
}

/** The checks that are a person's answer, with their attestation. */
export function attestedChecks(run: RunResult): { check: CheckResult; attestation: AttestationRecord }[] {
  return run.checks.flatMap((check) => (check.attestation ? [{ check, attestation: check.attestation }] : []));
}

/** The exchanges no scenario awaited, in the order the run lists them (ids the run does not hold are left out). */
export function unmatchedExchanges(run: RunResult): Exchange[] {
  const ids = new Set(run.client?.unmatched ?? []);
  return run.exchanges.filter((x) => ids.has(x.id));
}
