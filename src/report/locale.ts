import { readFileSync } from 'node:fs';
import type { Lang } from '../model/run-result.js';
import { projectPath } from '../util/paths.js';

/**
 * Every user-facing string of the reports. The list lives here so that code and
 * templates get typed keys; reports/locales/<lang>.json must hold exactly these
 * keys (checked when a locale loads, and fr/en parity is checked in tests).
 */
export const MESSAGE_KEYS = [
  'report.title',
  'report.subtitle',
  'section.identity',
  'section.run',
  'section.verdict',
  'section.summary',
  'section.suites',
  'section.requirements',
  'section.checks',
  'section.otherExchanges',
  'section.contents',
  'field.vendor',
  'field.product',
  'field.productVersion',
  'field.notDeclared',
  'field.targetName',
  'field.baseUrl',
  'field.targetSource',
  'field.runId',
  'field.startedAt',
  'field.finishedAt',
  'field.duration',
  'field.homologVersion',
  'field.node',
  'field.schemaVersion',
  'field.selectedSuites',
  'field.grep',
  'field.tags',
  'field.bail',
  'field.timeout',
  'common.yes',
  'common.no',
  'common.none',
  'common.colon',
  'column.suite',
  'column.id',
  'column.version',
  'column.title',
  'column.digest',
  'column.origin',
  'origin.built-in',
  'origin.path',
  'origin.package',
  'column.level',
  'column.text',
  'column.source',
  'column.status',
  'column.checks',
  'column.count',
  'column.total',
  'summary.checks',
  'summary.requirements',
  'status.pass',
  'status.fail',
  'status.warn',
  'status.skip',
  'status.error',
  'status.omit',
  'status.not-tested',
  'verdict.label',
  'verdict.conformant',
  'verdict.not-conformant',
  'verdict.inconclusive',
  'verdict.explain.conformant',
  'verdict.explain.not-conformant',
  'verdict.explain.inconclusive',
  'verdict.shallFailed',
  'verdict.shallErrored',
  'verdict.shallNotVerified',
  'verdict.shouldFailed',
  'verdict.outOfScope',
  'level.SHALL',
  'level.SHOULD',
  'check.requirements',
  'check.description',
  'check.message',
  'check.messages',
  'check.tags',
  'check.duration',
  'check.evidence',
  'check.noEvidence',
  'check.missingExchange',
  'check.backToRequirements',
  'message.info',
  'message.warning',
  'message.error',
  'exchange.request',
  'exchange.response',
  'exchange.method',
  'exchange.url',
  'exchange.status',
  'exchange.duration',
  'exchange.startedAt',
  'exchange.savedAs',
  'exchange.madeBy',
  'exchange.headers',
  'exchange.body',
  'exchange.noHeaders',
  'exchange.noBody',
  'exchange.bodySize',
  'exchange.truncated',
  'exchange.transportError',
  'exchange.noResponse',
  'section.suiteVerdicts',
  'section.actionability',
  'column.verdict',
  'column.notTested',
  'column.domain',
  'column.share',
  'column.minimum',
  'column.actionable',
  'column.resource',
  'column.form',
  'column.conformant',
  'column.problems',
  'requirement.noCheck',
  'actionability.explain',
  'actionability.domain.medications',
  'actionability.domain.laboratory',
  'actionability.domain.imaging',
  'actionability.form.coded',
  'actionability.form.free-text',
  'actionability.form.document-only',
  'actionability.meets',
  'actionability.below',
  'actionability.offenders',
  'actionability.noOffender',
  'actionability.assessedBy',
  'footer.generatedBy',
  'footer.rendering',
  'section.signature',
  'signature.notSigned',
  'signature.decision.granted',
  'signature.decision.granted-with-conditions',
  'signature.decision.refused',
  'signature.issuer',
  'signature.certificateNumber',
  'signature.issuedAt',
  'signature.validUntil',
  'signature.verdict',
  'signature.ranBy',
  'signature.vendorRunAccepted',
  'signature.key',
  'signature.conditions',
  'signature.verifyHint',
  'signature.keyPlaceholder',
  'signature.notVerifiedHere',
  'section.client',
  'section.attestations',
  'client.testedAgainst',
  'client.session',
  'client.sessionId',
  'client.baseUrl',
  'client.tokenUrl',
  'client.clientId',
  'client.operator',
  'client.attended',
  'client.unattended',
  'client.unmatched',
  'client.noUnmatched',
  'exchange.received',
  'exchange.answered',
  'exchange.injected',
  'exchange.scenario',
  'exchange.connection',
  'exchange.clientCertificate',
  'exchange.noClientCertificate',
  'attestation.marker',
  'attestation.explain',
  'attestation.question',
  'attestation.answer',
  'attestation.note',
  'attestation.answeredAt',
  'attestation.notAnswered',
  'column.check',
  'exchange.receivedAt',
  'exchange.bodySizeAnswered',
  'client.refused',
  'section.fixFirst',
  'fixFirst.explain',
  'fixFirst.request',
  'ranBy.vendor-self-test',
  'ranBy.authority',
  'ranBy.notRecorded',
  'tls.label',
  'tls.trusted',
  'tls.untrusted',
  'tls.subject',
  'tls.issuer',
  'tls.validity',
  'tls.handshakeFailed',
  'tls.notObserved',
  'matrix.role',
  'matrix.domain',
  'matrix.expected',
  'matrix.observed',
  'matrix.seeEvidence',
  'matrix.linkNote',
  'pdf.page',
  'matrix.value.allowed',
  'matrix.value.denied',
  'matrix.result.ok',
  'matrix.result.VIOLATION',
  'matrix.result.n/a',
  'pdf.of',
  'fixFirst.requirements',
] as const;

export type MessageKey = (typeof MESSAGE_KEYS)[number];

export type Messages = Readonly<Record<MessageKey, string>>;

export interface Locale {
  lang: Lang;
  messages: Messages;
  /** The text of a key; throws on an unknown key so a template typo fails loudly in tests. */
  t(key: string): string;
}

const KNOWN_KEYS: ReadonlySet<string> = new Set(MESSAGE_KEYS);
const cache = new Map<Lang, Locale>();

export function isMessageKey(key: string): key is MessageKey {
  return KNOWN_KEYS.has(key);
}

export function localePath(lang: Lang): string {
  return projectPath('reports', 'locales', `${lang}.json`);
}

/** Loads reports/locales/<lang>.json once per process. */
export function loadLocale(lang: Lang): Locale {
  let locale = cache.get(lang);
  if (!locale) {
    locale = makeLocale(lang, readMessages(lang));
    cache.set(lang, locale);
  }
  return locale;
}

function readMessages(lang: Lang): Messages {
  const file = localePath(lang);
  const doc: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const problems = messageProblems(doc);
  if (problems.length > 0) throw new Error(`${file}: ${problems.join('; ')}`);
  return doc as Messages;
}

/** What is wrong with a locale document: missing, extra or non-string keys. */
export function messageProblems(doc: unknown): string[] {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return ['must be a JSON object of strings'];
  const entries = Object.entries(doc);
  const present = new Set(entries.map(([k]) => k));
  return [
    ...MESSAGE_KEYS.filter((k) => !present.has(k)).map((k) => `missing key "${k}"`),
    ...entries.filter(([k]) => !isMessageKey(k)).map(([k]) => `unknown key "${k}"`),
    ...entries.filter(([, v]) => typeof v !== 'string').map(([k]) => `key "${k}" must be a string`),
  ];
}

function makeLocale(lang: Lang, messages: Messages): Locale {
  return {
    lang,
    messages,
    t(key: string): string {
      if (!isMessageKey(key)) throw new Error(`Unknown report message key "${key}" (${lang})`);
      return messages[key];
    },
  };
}
