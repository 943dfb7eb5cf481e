/**
 * Older run files stay readable, upgraded one version at a time:
 * - 1.0 (before actionability scores) → 1.1 with no domain assessed;
 * - 1.1 (before the campaign identity) → 1.2 with no TLS certificate,
 *   profile digests or `ranBy` recorded: they are optional, absent meaning
 *   "not recorded", never guessed.
 * - 1.2 (before `omit`, not applicable) → 1.3 with no check omitted, and
 *   the verdict's `shallNotVerified` listed from the recorded requirements
 *   (its status is kept as recorded: it was taken under the earlier rule,
 *   which verification then reports as inconsistent if it claimed more).
 * - 1.3 (before client runs) → 1.4 unchanged: the client fields (received
 *   exchanges, attestations, the client session, target.kind) are optional,
 *   absent meaning a server run.
 * - 1.4 (one language) → 1.5: check titles, descriptions, messages, table
 *   columns, actionability problems and requirement sources were English
 *   only; each becomes the same text in both languages (nothing is
 *   translated after the fact).
 * Anything else is left as it is for the schema to judge.
 */
export function upgradeRunDocument(doc: unknown): unknown {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return doc;
  let run = doc as Record<string, unknown>;
  if (run.schemaVersion === '1.0') run = { ...run, schemaVersion: '1.1', actionability: run.actionability ?? [] };
  if (run.schemaVersion === '1.1') run = { ...run, schemaVersion: '1.2' };
  if (run.schemaVersion === '1.2')
    run = {
      ...run,
      schemaVersion: '1.3',
      summary: withOmitCounts(run.summary),
      verdict: withNotVerified(run.verdict, run.requirements),
    };
  if (run.schemaVersion === '1.3') run = { ...run, schemaVersion: '1.4' };
  if (run.schemaVersion === '1.4')
    run = {
      ...run,
      schemaVersion: '1.5',
      checks: Array.isArray(run.checks) ? run.checks.map(withBothLanguages) : run.checks,
      requirements: Array.isArray(run.requirements) ? run.requirements.map(sourceInBoth) : run.requirements,
      actionability: Array.isArray(run.actionability)
        ? run.actionability.map((a: unknown) =>
            a !== null && typeof a === 'object' && Array.isArray((a as { offenders?: unknown }).offenders)
              ? {
                  ...(a as Record<string, unknown>),
                  offenders: (a as { offenders: unknown[] }).offenders.map(problemsInBoth),
                }
              : a,
          )
        : run.actionability,
    };
  return run === doc ? doc : run;
}

/** A one-language text of a run before 1.5 becomes the same text in both languages. */
function both(value: unknown): unknown {
  return typeof value === 'string' ? { fr: value, en: value } : value;
}

/** A requirement's source in both languages. */
function sourceInBoth(req: unknown): unknown {
  return req !== null && typeof req === 'object' && !Array.isArray(req)
    ? { ...(req as Record<string, unknown>), source: both((req as { source?: unknown }).source) }
    : req;
}

/** An actionability item's problems in both languages. */
function problemsInBoth(item: unknown): unknown {
  return item !== null && typeof item === 'object' && Array.isArray((item as { problems?: unknown }).problems)
    ? { ...(item as Record<string, unknown>), problems: (item as { problems: unknown[] }).problems.map(both) }
    : item;
}

/** 1.4 → 1.5: a check's title, description, message, messages and table columns in both languages. */
function withBothLanguages(check: unknown): unknown {
  if (check === null || typeof check !== 'object' || Array.isArray(check)) return check;
  const c = check as Record<string, unknown>;
  const out: Record<string, unknown> = { ...c, title: both(c.title) };
  if (c.description !== undefined) out.description = both(c.description);
  if (c.message !== undefined) out.message = both(c.message);
  if (Array.isArray(c.messages))
    out.messages = c.messages.map((m: unknown) =>
      m !== null && typeof m === 'object'
        ? { ...(m as Record<string, unknown>), text: both((m as { text?: unknown }).text) }
        : m,
    );
  if (Array.isArray(c.tables))
    out.tables = c.tables.map((t: unknown) =>
      t !== null && typeof t === 'object' && Array.isArray((t as { columns?: unknown }).columns)
        ? { ...(t as Record<string, unknown>), columns: (t as { columns: unknown[] }).columns.map(both) }
        : t,
    );
  if (Array.isArray(c.actionability))
    out.actionability = c.actionability.map((r: unknown) =>
      r !== null && typeof r === 'object' && Array.isArray((r as { items?: unknown }).items)
        ? {
            ...(r as Record<string, unknown>),
            items: (r as { items: unknown[] }).items.map(problemsInBoth),
          }
        : r,
    );
  return out;
}

function withOmitCounts(summary: unknown): unknown {
  if (summary === null || typeof summary !== 'object') return summary;
  const s = summary as Record<string, unknown>;
  const add = (counts: unknown): unknown =>
    counts !== null && typeof counts === 'object' && !Array.isArray(counts) ? { omit: 0, ...counts } : counts;
  return { ...s, checks: add(s.checks), requirements: add(s.requirements) };
}

function withNotVerified(verdict: unknown, requirements: unknown): unknown {
  if (verdict === null || typeof verdict !== 'object' || Array.isArray(verdict) || !Array.isArray(requirements))
    return verdict;
  const reqs = requirements as { id?: unknown; level?: unknown; status?: unknown }[];
  const shallNotVerified = reqs
    .filter((r) => r?.level === 'SHALL' && (r.status === 'skip' || r.status === 'not-tested'))
    .map((r) => r.id);
  return { ...verdict, shallNotVerified };
}
