/**
 * The bulk summary as validation goes: per source file (resources, with
 * errors, types), per domain (resources, valid, forms, actionable), the
 * export's own error files, and the type each file must hold. Counters only:
 * memory does not grow with the number of resources.
 */
import type { ActionabilityDomain, DataForm } from '../model/run-result.js';
import { ACTIONABILITY_DOMAINS, DATA_FORMS, sharePercent } from '../result/actionability.js';
import { type Lang, type LocalizedText, localized, type Text } from '../util/i18n.js';
import { safeLine } from '../util/safe-text.js';
import { hasErrors, issueOf, type ValidationIssue } from '../validation/issues.js';
import type { ResourceFacts } from './facts.js';
import { bulkMessages as m } from './messages.js';
import type { Source } from './plan.js';

export interface FileStats {
  name: string;
  size: number;
  resources: number;
  withErrors: number;
  warnings: number;
  /** Resources per resourceType. */
  types: Record<string, number>;
  /** What the manifest declares for it. */
  declaredType?: string;
  declaredCount?: number;
  /** Only some chunks of its lines were validated here (an NDJSON file split across shards). */
  split?: boolean;
}

export interface DomainStats {
  domain: ActionabilityDomain;
  resources: number;
  valid: number;
  byForm: Record<DataForm, number>;
  actionable: number;
}

export interface ExportError {
  /** `file:line` of the error file. */
  where: string;
  severity: string;
  code: string;
  /** The server's text (quoted as it is, the same in both languages), or ours. */
  text: LocalizedText;
}

/** Error texts kept for the summary and the outcome file; the rest are counted. */
export const MAX_EXPORT_ERRORS = 100;

export class BulkTally {
  readonly files = new Map<Source, FileStats>();
  readonly domains = new Map<ActionabilityDomain, DomainStats>();
  exportErrorCount = 0;
  readonly exportErrors: ExportError[] = [];

  /**
   * An error when a resource is not of the type its manifest entry declares
   * (added to the resource's issues before they are shown or counted).
   */
  typeCheck(source: Source | undefined, facts: ResourceFacts | undefined, line?: number): ValidationIssue | undefined {
    const declared = source?.declared;
    if (!declared || !facts?.type || facts.type === declared.type) return undefined;
    const why = m.byManifest({ index: declared.index });
    return issueOf(
      'error',
      'business-rule',
      'resourceType',
      m.typeMismatch({ found: facts.type, expected: declared.type, why }),
      line !== undefined ? { line } : undefined,
    );
  }

  add(source: Source | undefined, issues: readonly ValidationIssue[], facts: ResourceFacts | undefined): void {
    const invalid = hasErrors(issues);
    if (source) {
      let stats = this.files.get(source);
      if (!stats) this.files.set(source, (stats = emptyFile(source)));
      stats.resources++;
      if (invalid) stats.withErrors++;
      stats.warnings += issues.filter((i) => i.severity === 'warning').length;
      if (facts?.type) stats.types[facts.type] = (stats.types[facts.type] ?? 0) + 1;
    }
    if (!facts?.domain || !facts.form) return;
    let d = this.domains.get(facts.domain);
    if (!d) this.domains.set(facts.domain, (d = emptyDomain(facts.domain)));
    d.resources++;
    if (!invalid) d.valid++;
    d.byForm[facts.form]++;
    if (facts.actionable) d.actionable++;
  }

  /** The issues of one error file's line (an OperationOutcome, or why it is not one). */
  addExportError(where: string, value: unknown, problem?: Text): void {
    const doc = (typeof value === 'object' && value !== null ? value : {}) as {
      resourceType?: unknown;
      issue?: Array<{ severity?: unknown; code?: unknown; diagnostics?: unknown; details?: { text?: unknown } }>;
    };
    if (problem !== undefined || doc.resourceType !== 'OperationOutcome') {
      const detail = localized(problem ?? `resourceType ${JSON.stringify(doc.resourceType ?? null)}`);
      this.keep({ where, severity: 'error', code: 'invalid', text: m.exportErrorNotOutcome({ problem: detail }) });
      return;
    }
    for (const issue of Array.isArray(doc.issue) ? doc.issue : []) {
      const text = issue?.details?.text ?? issue?.diagnostics;
      this.keep({
        where,
        severity: typeof issue?.severity === 'string' ? issue.severity : 'error',
        code: typeof issue?.code === 'string' ? issue.code : 'unknown',
        text: localized(typeof text === 'string' ? text : ''),
      });
    }
  }

  private keep(error: ExportError): void {
    this.exportErrorCount++;
    if (this.exportErrors.length < MAX_EXPORT_ERRORS) this.exportErrors.push(error);
  }

  fileStats(): FileStats[] {
    return [...this.files.values()];
  }

  domainStats(): DomainStats[] {
    return ACTIONABILITY_DOMAINS.flatMap((d) => this.domains.get(d) ?? []);
  }
}

function emptyFile(source: Source): FileStats {
  return {
    name: source.name,
    size: source.size,
    resources: 0,
    withErrors: 0,
    warnings: 0,
    types: {},
    ...(source.declared ? { declaredType: source.declared.type } : {}),
    ...(source.declared?.count !== undefined ? { declaredCount: source.declared.count } : {}),
    ...(source.lines ? { split: true } : {}),
  };
}

export function emptyDomain(domain: ActionabilityDomain): DomainStats {
  return {
    domain,
    resources: 0,
    valid: 0,
    byForm: Object.fromEntries(DATA_FORMS.map((f) => [f, 0])) as Record<DataForm, number>,
    actionable: 0,
  };
}

/** What the summary prints after its count line: per domain, counts the manifest contradicts, export errors. */
export function formatBulkSummary(
  files: readonly FileStats[],
  domains: readonly DomainStats[],
  exportErrors: { count: number; items: readonly ExportError[] },
  lang: Lang,
  context: { manifests: number },
): string {
  const out: string[] = [];
  for (const f of files) {
    // A split file's count is judged once its shards are merged.
    if (f.declaredCount !== undefined && !f.split && f.declaredCount !== f.resources)
      out.push(m.countMismatch({ file: safeLine(f.name), expected: f.declaredCount, found: f.resources })[lang]);
  }
  // Without clinical data a single file says nothing more; an export says it has none.
  if (domains.length === 0) {
    if (context.manifests > 0) out.push(m.noDomain()[lang]);
  } else {
    out.push(m.domainsHead()[lang]);
    for (const d of domains) out.push(domainLine(d)[lang]);
  }
  if (exportErrors.count > 0) {
    out.push(m.exportErrors({ count: exportErrors.count })[lang]);
    for (const e of exportErrors.items) {
      const where = safeLine(e.where);
      out.push(
        m.exportErrorLine({
          where,
          severity: safeLine(e.severity),
          code: safeLine(e.code),
          text: safeLine(e.text[lang]),
        })[lang],
      );
    }
    if (exportErrors.count > exportErrors.items.length)
      out.push(m.moreExportErrors({ count: exportErrors.count - exportErrors.items.length })[lang]);
  }
  return out.map((l) => `${l}\n`).join('');
}

function domainLine(d: DomainStats): LocalizedText {
  return m.domainLine({
    domain: m[d.domain](),
    resources: d.resources,
    valid: d.valid,
    coded: d.byForm.coded,
    freeText: d.byForm['free-text'],
    documentOnly: d.byForm['document-only'],
    actionable: d.actionable,
    share: sharePercent(d.resources === 0 ? 1 : d.actionable / d.resources),
  });
}
