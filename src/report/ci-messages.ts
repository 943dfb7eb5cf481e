/** Texts of the CI outputs (JUnit XML, GitHub annotations), in both languages: they follow the run's render language. */
import type { CheckStatus } from '../model/run-result.js';
import { defineMessages, type Lang } from '../util/i18n.js';

export const m = defineMessages('report.ci', {
  pass: { en: 'passed', fr: 'réussie' },
  warn: { en: 'passed with warnings', fr: 'réussie avec avertissements' },
  fail: { en: 'check failed', fr: 'vérification en échec' },
  error: { en: 'check could not complete', fr: 'la vérification n’a pas pu aboutir' },
  skip: { en: 'check skipped', fr: 'vérification ignorée' },
  omit: { en: 'not applicable', fr: 'non applicable' },
  attestation: { en: 'attestation', fr: 'attestation' },
  evidence: { en: 'Evidence:', fr: 'Preuves :' },
  exchangeNotFound: { en: '{id}: not found in the run', fr: '{id} : absent de la campagne' },
  bodyTruncated: { en: '{status} (body truncated)', fr: '{status} (corps tronqué)' },
  // The message is the recorded evidence (run.json keeps it in English): quoted as data.
  transportError: { en: 'transport error {code}: "{message}"', fr: 'erreur de transport {code} : "{message}"' },
  noResponse: { en: 'no response', fr: 'aucune réponse' },
  clientSession: { en: 'homolog client session', fr: 'session client homolog' },
  operator: { en: 'operator', fr: 'opérateur' },
  titleAndMessage: { en: '{title}: {message}', fr: '{title} : {message}' },
});

/** What a check's status means, for a CI message when the check gives none. */
export function statusMessage(status: CheckStatus, lang: Lang): string {
  return m[status]()[lang];
}
