import type {
  ActionabilityDomain,
  ActionabilityItem,
  CheckResult,
  DataForm,
  DomainActionability,
} from '../model/run-result.js';

/** The report's order of domains. */
export const ACTIONABILITY_DOMAINS: readonly ActionabilityDomain[] = ['medications', 'laboratory', 'imaging'];

export const DATA_FORMS: readonly DataForm[] = ['coded', 'free-text', 'document-only'];

/** Actionable: coded data that conforms to its Québec profile. */
export function isActionable(item: ActionabilityItem): boolean {
  return item.form === 'coded' && item.conformant;
}

/** How bad an assessment is: data that is not coded weighs more than a profile problem. */
function badness(item: ActionabilityItem): number {
  return (item.form === 'coded' ? 0 : 2) + (item.conformant ? 0 : 1);
}

/**
 * When two checks assessed the same resource, the worse assessment wins
 * (a resource is only as actionable as its worst reading); equally bad
 * readings pool their problems.
 */
function worse(a: ActionabilityItem, b: ActionabilityItem): ActionabilityItem {
  if (badness(b) > badness(a)) return b;
  if (badness(b) < badness(a)) return a;
  const pooled = new Map([...a.problems, ...b.problems].map((p) => [`${p.en}\u0000${p.fr}`, p]));
  return { ...a, problems: [...pooled.values()] };
}

/**
 * The run's score per domain over every check's records: each resource
 * counted once per domain, the highest minimum a requirement sets, the
 * non-actionable resources listed. Domains no check assessed are left out.
 */
export function scoreActionability(checks: readonly CheckResult[]): DomainActionability[] {
  const scores: DomainActionability[] = [];
  for (const domain of ACTIONABILITY_DOMAINS) {
    const items = new Map<string, ActionabilityItem>();
    const checkIds: string[] = [];
    let minimum = 0;
    for (const check of checks) {
      const records = (check.actionability ?? []).filter((r) => r.domain === domain);
      if (records.length === 0) continue;
      checkIds.push(check.id);
      for (const record of records) {
        minimum = Math.max(minimum, record.minimum);
        for (const item of record.items) {
          const seen = items.get(item.reference);
          items.set(item.reference, seen ? worse(seen, item) : item);
        }
      }
    }
    if (checkIds.length === 0) continue;
    const all = [...items.values()];
    const byForm: Record<DataForm, number> = { coded: 0, 'free-text': 0, 'document-only': 0 };
    for (const item of all) byForm[item.form]++;
    const actionable = all.filter(isActionable).length;
    scores.push({
      domain,
      checks: checkIds,
      total: all.length,
      actionable,
      share: all.length === 0 ? 1 : actionable / all.length,
      minimum,
      byForm,
      offenders: all.filter((i) => !isActionable(i)),
    });
  }
  return scores;
}

/** Whether a domain reaches the minimum its requirements set. */
export function meetsMinimum(score: DomainActionability): boolean {
  return score.share >= score.minimum;
}

/**
 * A share as a percentage fit for display: whole numbers, except that a
 * share just short of 100 % (or just above 0 %) keeps one decimal, so
 * 199/200 never reads as "100 %" beside a 100 % minimum.
 */
export function sharePercent(share: number): number {
  const percent = share * 100;
  const rounded = Math.round(percent);
  if (rounded === 100 && share < 1) return Math.min(99.9, Math.floor(percent * 10) / 10);
  if (rounded === 0 && share > 0) return Math.max(0.1, Math.ceil(percent * 10) / 10);
  return rounded;
}
