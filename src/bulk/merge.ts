/**
 * `homolog merge` of validate outcomes: the shards of one validation
 * (`homolog validate --shard i/n --out FILE` in each job) combined into the
 * outcome of the whole. Only a complete set is merged: same homolog version,
 * schema, inputs (names and sizes), profiles and IGs, shard count, every shard
 * exactly once, each having read exactly the files the rule gives it.
 * Anything else is refused naming the files at fault.
 */
import { completeShards, formatShard } from '../run/shard.js';
import { UsageError } from '../util/errors.js';
import { type LocalizedText, localized, type Text } from '../util/i18n.js';
import { bulkMessages as m } from './messages.js';
import { MAX_PROBLEMS, outcomeSchemaErrors, type ValidateOutcome } from './outcome.js';
import { sourcesOfShard } from './plan.js';
import { type DomainStats, emptyDomain, type FileStats, MAX_EXPORT_ERRORS } from './tally.js';

export interface OutcomeInput {
  file: string;
  doc: unknown;
}

type Shard = { file: string; outcome: ValidateOutcome; shard: NonNullable<ValidateOutcome['shard']> };

export function mergeOutcomes(inputs: readonly OutcomeInput[]): ValidateOutcome {
  const shards = checkShards(inputs);
  const first = (shards[0] as Shard).outcome;
  const outcomes = shards.map((s) => s.outcome);
  const domains = new Map<string, DomainStats>();
  for (const d of outcomes.flatMap((o) => o.domains)) {
    const into = domains.get(d.domain) ?? emptyDomain(d.domain);
    domains.set(d.domain, {
      domain: d.domain,
      resources: into.resources + d.resources,
      valid: into.valid + d.valid,
      actionable: into.actionable + d.actionable,
      byForm: {
        coded: into.byForm.coded + d.byForm.coded,
        'free-text': into.byForm['free-text'] + d.byForm['free-text'],
        'document-only': into.byForm['document-only'] + d.byForm['document-only'],
      },
    });
  }
  // Files in the order of the whole selection, whichever shard read them; a split file's parts added up.
  const order = new Map(first.inputs.map((s, i) => [s.name, i]));
  const byName = new Map<string, FileStats>();
  for (const { split: _part, ...f } of outcomes.flatMap((o) => o.files)) {
    const seen = byName.get(f.name);
    if (!seen) {
      byName.set(f.name, { ...f, types: { ...f.types } });
      continue;
    }
    seen.resources += f.resources;
    seen.withErrors += f.withErrors;
    seen.warnings += f.warnings;
    for (const [type, n] of Object.entries(f.types)) seen.types[type] = (seen.types[type] ?? 0) + n;
  }
  const files = [...byName.values()].sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
  const sum = (pick: (o: ValidateOutcome) => number): number => outcomes.reduce((n, o) => n + pick(o), 0);
  const { shard: _cut, ...base } = first;
  return {
    ...base,
    startedAt: outcomes.map((o) => o.startedAt).sort()[0] ?? first.startedAt,
    finishedAt:
      outcomes
        .map((o) => o.finishedAt)
        .sort()
        .at(-1) ?? first.finishedAt,
    mergedFrom: { total: shards.length },
    summary: {
      resources: sum((o) => o.summary.resources),
      withErrors: sum((o) => o.summary.withErrors),
      warnings: sum((o) => o.summary.warnings),
    },
    files,
    domains: ['medications', 'laboratory', 'imaging'].flatMap((d) => domains.get(d) ?? []),
    exportErrors: {
      count: sum((o) => o.exportErrors.count),
      items: outcomes.flatMap((o) => o.exportErrors.items).slice(0, MAX_EXPORT_ERRORS),
    },
    problems: outcomes.flatMap((o) => o.problems).slice(0, MAX_PROBLEMS),
  };
}

function checkShards(inputs: readonly OutcomeInput[]): Shard[] {
  const shards = inputs.map(({ file, doc }): Shard => {
    const errors = outcomeSchemaErrors(doc);
    if (errors.length > 0) throw new UsageError(m.notOutcome({ file, problems: errors.slice(0, 5).join('; ') }));
    const outcome = doc as ValidateOutcome;
    if (!outcome.shard) throw new UsageError(m.notShardOutcome({ file }));
    return { file, outcome, shard: outcome.shard };
  });
  const first = shards[0] as Shard;
  for (const other of shards.slice(1)) sameValidation(first, other);
  const ordered = completeShards(shards, m.missingShards);
  // The rule again: a shard that read other files than its own was cut from another selection or edited.
  const sources = first.outcome.inputs.map((s) => ({ ...s }));
  for (const s of shards) {
    const expected = sourcesOfShard(sources, s.shard).map((x) => x.name);
    if (JSON.stringify(expected) !== JSON.stringify(s.shard.inputs))
      throw new UsageError(
        m.shardFiles({
          file: s.file,
          shard: formatShard(s.shard),
          found: s.shard.inputs.join(', ') || '-',
          expected: expected.join(', ') || '-',
        }),
      );
  }
  return ordered;
}

function sameValidation(a: Shard, b: Shard): void {
  const refuse = (what: LocalizedText, va: Text, vb: Text): never => {
    throw new UsageError(m.cannotMergeOutcomes({ a: a.file, b: b.file, what, va: localized(va), vb: localized(vb) }));
  };
  const oa = a.outcome;
  const ob = b.outcome;
  if (oa.homolog.version !== ob.homolog.version) refuse(m.whatVersion(), oa.homolog.version, ob.homolog.version);
  if (oa.schemaVersion !== ob.schemaVersion) refuse(m.whatSchema(), oa.schemaVersion, ob.schemaVersion);
  if (a.shard.total !== b.shard.total) refuse(m.whatTotal(), formatShard(a.shard), formatShard(b.shard));
  const profiles = (o: ValidateOutcome): string => JSON.stringify({ profiles: o.profiles, igs: o.igs });
  if (profiles(oa) !== profiles(ob)) refuse(m.whatProfiles(), profiles(oa), profiles(ob));
  const inputs = (o: ValidateOutcome): string[] => o.inputs.map((s) => `${s.name} (${s.size} B)`);
  const ia = inputs(oa);
  const ib = inputs(ob);
  const k = ia.findIndex((x, i) => x !== ib[i]);
  if (k >= 0 || ia.length !== ib.length) {
    const at = k >= 0 ? k : Math.min(ia.length, ib.length);
    refuse(m.whatInputs(), ia[at] ?? '-', ib[at] ?? '-');
  }
}
