import { expect } from 'chai';
import { mergeOutcomes } from '../../src/bulk/merge.js';
import { OUTCOME_KIND, type ValidateOutcome } from '../../src/bulk/outcome.js';
import { inChunk, sourcesOfShard } from '../../src/bulk/plan.js';

const INPUTS = [
  { name: 'export/Patient.ndjson', size: 900 },
  { name: 'export/Observation.ndjson', size: 5000 },
  { name: 'export/MedicationRequest.ndjson', size: 1200 },
];

/** Shard i/2 of INPUTS as homolog validate would write it, with one resource per file. */
function shard(index: number, change: (o: ValidateOutcome) => void = () => undefined): ValidateOutcome {
  const mine = sourcesOfShard(INPUTS, { index, total: 2 });
  const outcome: ValidateOutcome = {
    kind: OUTCOME_KIND,
    schemaVersion: '1.0',
    homolog: { version: '0.1.0' },
    startedAt: `2026-12-03T20:0${index}:00.000Z`,
    finishedAt: `2026-12-03T20:1${index}:00.000Z`,
    profiles: [],
    igs: [],
    inputs: INPUTS,
    manifests: [],
    shard: { index, total: 2, inputs: mine.map((s) => s.name) },
    summary: { resources: mine.length, withErrors: 0, warnings: 0 },
    files: mine.map((s) => ({
      name: s.name,
      size: s.size,
      resources: 1,
      withErrors: 0,
      warnings: 0,
      types: { Patient: 1 },
      ...(s.lines ? { split: true } : {}),
    })),
    domains: [],
    exportErrors: { count: 0, items: [] },
    problems: [],
  };
  change(outcome);
  return outcome;
}

describe('merge of validate outcomes', () => {
  it('splits whole files by size, an NDJSON file over a fair share by chunks of lines, and merges a complete set back', () => {
    const names = (index: number) => sourcesOfShard(INPUTS, { index, total: 2 }).map((s) => [s.name, s.lines?.index]);
    expect(names(1)).to.deep.equal([
      ['export/Observation.ndjson', 1],
      ['export/MedicationRequest.ndjson', undefined],
    ]);
    expect(names(2)).to.deep.equal([
      ['export/Patient.ndjson', undefined],
      ['export/Observation.ndjson', 2],
    ]);
    expect([1, 1000, 1001, 2000, 2001].map((line) => inChunk(line, { index: 1, total: 2 }))).to.deep.equal([
      true,
      true,
      false,
      false,
      true,
    ]);
    expect(sourcesOfShard(INPUTS, { index: 1, total: 1 }).every((s) => s.lines === undefined)).to.equal(true);
    const merged = mergeOutcomes([
      { file: 'b.json', doc: shard(2) },
      { file: 'a.json', doc: shard(1) },
    ]);
    expect(merged.summary.resources).to.equal(4);
    expect(merged.files.map((f) => [f.name, f.resources, f.types, f.split])).to.deep.equal([
      ['export/Patient.ndjson', 1, { Patient: 1 }, undefined],
      ['export/Observation.ndjson', 2, { Patient: 2 }, undefined],
      ['export/MedicationRequest.ndjson', 1, { Patient: 1 }, undefined],
    ]);
    expect(merged.shard).to.equal(undefined);
    expect(merged.mergedFrom).to.deep.equal({ total: 2 });
    expect([merged.startedAt, merged.finishedAt]).to.deep.equal([
      '2026-12-03T20:01:00.000Z',
      '2026-12-03T20:12:00.000Z',
    ]);
  });

  it('refuses shards of other inputs, profiles or versions, a shard that read other files, and what is not an outcome', () => {
    const refused = (second: unknown): string => {
      try {
        mergeOutcomes([
          { file: 'a.json', doc: shard(1) },
          { file: 'b.json', doc: second },
        ]);
      } catch (e) {
        return (e as Error).message;
      }
      return 'merged';
    };
    expect(refused(shard(2, (o) => void (o.inputs = [...INPUTS.slice(0, 2), { name: 'x.ndjson', size: 1 }])))).to.equal(
      'cannot merge a.json and b.json: not the same inputs (export/MedicationRequest.ndjson (1200 B) vs x.ndjson (1 B))',
    );
    expect(refused(shard(2, (o) => void (o.profiles = ['http://example.org/p'])))).to.match(
      /not the same profiles and IGs/,
    );
    expect(refused(shard(2, (o) => void (o.homolog.version = '0.2.0')))).to.match(
      /not the same homolog version \(0\.1\.0 vs 0\.2\.0\)/,
    );
    expect(
      refused(shard(2, (o) => void (o.shard = { index: 2, total: 2, inputs: ['export/Patient.ndjson'] }))),
    ).to.equal(
      'b.json: shard 2/2 validated export/Patient.ndjson, expected export/Patient.ndjson, export/Observation.ndjson',
    );
    expect(refused({ kind: OUTCOME_KIND })).to.match(
      /^b\.json: not a homolog validate outcome \(\/: must have required/,
    );
    expect(refused(shard(2))).to.equal('merged');
  });
});
