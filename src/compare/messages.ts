import type { Lang, RequirementStatus, VerdictStatus } from '../model/run-result.js';
import { loadLocale } from '../report/locale.js';
import { defineMessages, type LocalizedText } from '../util/i18n.js';

/**
 * The change register's own wording, in both languages. Statuses, levels and
 * verdicts come from the report's locale (reports/locales), so the register
 * names them exactly as the homologation report does.
 */
const TEXTS = defineMessages('compare', {
  title: { fr: 'Registre des changements', en: 'Change register' },
  subtitle: { fr: 'Comparaison de deux exécutions homolog', en: 'Comparison of two homolog runs' },
  oldRun: { fr: 'Exécution précédente', en: 'Previous run' },
  newRun: { fr: 'Nouvelle exécution', en: 'New run' },
  verdict: { fr: 'Verdict', en: 'Verdict' },
  unchanged: { fr: 'inchangé', en: 'unchanged' },
  regressions: {
    fr: 'Régressions : exigences obligatoires (SHALL) satisfaites avant, en échec ou en erreur maintenant',
    en: 'Regressions: SHALL requirements met before that now fail or error',
  },
  noRegression: { fr: 'Aucune régression.', en: 'No regression.' },
  changed: { fr: 'Exigences dont le statut a changé', en: 'Requirements whose status changed' },
  added: { fr: 'Exigences ajoutées', en: 'Requirements added' },
  removed: { fr: 'Exigences retirées', en: 'Requirements removed' },
  suites: { fr: 'Suites dont la version ou l’empreinte a changé', en: 'Suites whose version or digest changed' },
  profiles: { fr: 'Profils dont l’empreinte a changé', en: 'Profiles whose digest changed' },
  newFailures: {
    fr: 'Nouveaux échecs : vérifications en échec ou en erreur qui ne l’étaient pas avant',
    en: 'New failures: checks that fail or error now and did not before',
  },
  none: { fr: '(rien)', en: '(none)' },
  regression: { fr: 'régression', en: 'regression' },
  was: { fr: 'avant', en: 'was' },
  absent: { fr: 'absente', en: 'absent' },
  levelWas: { fr: 'niveau avant', en: 'level was' },
  change_added: { fr: 'ajouté', en: 'added' },
  change_removed: { fr: 'retiré', en: 'removed' },
  change_changed: { fr: 'modifié', en: 'changed' },
  column_change: { fr: 'Changement', en: 'Change' },
  column_before: { fr: 'Avant', en: 'Before' },
  column_after: { fr: 'Après', en: 'After' },
  column_message: { fr: 'Message', en: 'Message' },
  column_check: { fr: 'Vérification', en: 'Check' },
  column_requirements: { fr: 'Exigences', en: 'Requirements' },
  column_profile: { fr: 'Profil', en: 'Profile' },
  exitRegression: {
    fr: 'Au moins une exigence obligatoire (SHALL) a régressé.',
    en: 'At least one SHALL requirement regressed.',
  },
  scope: {
    fr: 'Portée réduite : la nouvelle exécution vérifie moins que la précédente',
    en: 'Narrower scope: the new run verifies less than the previous one',
  },
  target: {
    fr: 'Cible ou identité de la campagne changée : ce n’est peut-être plus le même système',
    en: 'Target or campaign identity changed: this may not be the same system',
  },
  scope_suite_removed: { fr: 'suite retirée', en: 'suite removed' },
  scope_requirement_removed: { fr: 'exigence retirée', en: 'requirement removed' },
  scope_requirement_not_tested: { fr: 'exigence non vérifiée maintenant', en: 'requirement no longer tested' },
  scope_fewer_checks: { fr: 'moins de vérifications', en: 'fewer checks' },
  scope_selection_narrowed: { fr: 'sélection restreinte', en: 'selection narrowed' },
  target_base_url: { fr: 'URL de base', en: 'base URL' },
  target_target_kind: { fr: 'nature de la cible (serveur ou client)', en: 'kind of target (server or client)' },
  target_client_id: { fr: 'identifiant du client (client id)', en: 'client id' },
  attestations: {
    fr: 'Attestations dont la réponse a changé (réponses d’une personne, pas des vérifications automatiques)',
    en: 'Attestations whose answer changed (a person’s answers, not automatic checks)',
  },
  answer_yes: { fr: 'oui', en: 'yes' },
  answer_no: { fr: 'non', en: 'no' },
  answer_unanswered: { fr: 'sans réponse', en: 'unanswered' },
  column_question: { fr: 'Question', en: 'Question' },
  client: { fr: 'client', en: 'client' },
  target_product: { fr: 'produit (fournisseur et nom)', en: 'product (vendor and name)' },
  target_tls_certificate: { fr: 'certificat TLS (sha256)', en: 'TLS certificate (sha256)' },
  target_ran_by: { fr: 'exécutée par', en: 'run by' },
  exitScope: {
    fr: 'La portée est réduite (--allow-scope-change si c’est attendu).',
    en: 'The scope is narrower (--allow-scope-change if this is expected).',
  },
  allowedScope: {
    fr: 'Portée réduite, déclarée attendue (--allow-scope-change).',
    en: 'Narrower scope, declared expected (--allow-scope-change).',
  },
  exitTarget: {
    fr: 'La cible ou l’identité de la campagne a changé (--allow-target-change si c’est attendu).',
    en: 'The target or campaign identity changed (--allow-target-change if this is expected).',
  },
  allowedTarget: {
    fr: 'Cible ou identité de la campagne changée, déclarée attendue (--allow-target-change).',
    en: 'Target or campaign identity changed, declared expected (--allow-target-change).',
  },
  footer: { fr: 'Produit par homolog', en: 'Generated by homolog' },
  server: { fr: 'serveur', en: 'server' },
  ranBy_vendor_self_test: { fr: 'autotest du fournisseur', en: 'vendor self-test' },
  ranBy_authority: { fr: 'autorité', en: 'authority' },
});

export type CompareTextKey = keyof typeof TEXTS;

export function compareText(key: CompareTextKey, lang: Lang): string {
  // Every message of the register is a fixed sentence (no placeholder).
  return (TEXTS[key] as () => LocalizedText)()[lang];
}

/** An attestation's answer in words; null (no such attestation in that run): "absent". */
export function answerText(answer: 'yes' | 'no' | 'unanswered' | null, lang: Lang): string {
  return compareText(answer === null ? 'absent' : `answer_${answer}`, lang);
}

/** "suite-removed" → the text of scope_suite_removed; "base-url" → target_base_url. */
export function changeKindText(side: 'scope' | 'target', kind: string, lang: Lang): string {
  return compareText(`${side}_${kind.replace(/-/g, '_')}` as CompareTextKey, lang);
}

/**
 * A scope or target change's old or new value in words where it is a code of
 * ours (a status, the kind of target, who ran it); other values (URLs, ids,
 * versions, digests) are shown as they are.
 */
export function changeValue(kind: string, value: string | null, lang: Lang): string | null {
  if (value === null) return null;
  if (kind === 'requirement-not-tested') return statusName(value as RequirementStatus, lang);
  if (kind === 'target-kind') return compareText(value === 'client' ? 'client' : 'server', lang);
  if (kind === 'ran-by') return ranByText(value, lang);
  return value;
}

/** "vendor-self-test" → "autotest du fournisseur"; an unknown value as it is. */
export function ranByText(value: string, lang: Lang): string {
  const key = `ranBy_${value.replace(/-/g, '_')}`;
  return key in TEXTS ? compareText(key as CompareTextKey, lang) : value;
}

/** The closing lines: the regression, then the scope and target changes, blocking or declared expected. */
export function outcomeLines(
  cmp: {
    regressions: readonly string[];
    scope: readonly unknown[];
    target: readonly unknown[];
    allowed: { scopeChange: boolean; targetChange: boolean };
  },
  lang: Lang,
): string[] {
  const lines = [compareText(cmp.regressions.length > 0 ? 'exitRegression' : 'noRegression', lang)];
  if (cmp.scope.length > 0) lines.push(compareText(cmp.allowed.scopeChange ? 'allowedScope' : 'exitScope', lang));
  if (cmp.target.length > 0) lines.push(compareText(cmp.allowed.targetChange ? 'allowedTarget' : 'exitTarget', lang));
  return lines;
}

/** Every text of the register in one language (for the HTML view). */
export function compareTexts(lang: Lang): Record<CompareTextKey, string> {
  return Object.fromEntries(Object.keys(TEXTS).map((key) => [key, compareText(key as CompareTextKey, lang)])) as Record<
    CompareTextKey,
    string
  >;
}

export function statusName(status: RequirementStatus, lang: Lang): string {
  return loadLocale(lang).t(`status.${status}`);
}

export function verdictName(status: VerdictStatus, lang: Lang): string {
  return loadLocale(lang).t(`verdict.${status}`);
}

/** The report locale's own words (column titles and the like). */
export function reportText(key: string, lang: Lang): string {
  return loadLocale(lang).t(key);
}
