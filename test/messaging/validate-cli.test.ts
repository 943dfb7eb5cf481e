/**
 * `homolog validate message.json` (issue 16's contract): the message rules run
 * on a message Bundle through the real CLI, the Québec ones with `--profile`
 * the erx message profile (by URL or by its id).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OperationOutcome } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { ERX_ENDPOINTS, ERX_MESSAGE_PROFILE, newPrescription, samplePrescription } from '../../src/messaging/index.js';
import { homolog } from '../support/cli.js';
import { useTempDir } from '../support/tmp.js';

type Json = Record<string, unknown>;

const OPTIONS = {
  source: {
    name: 'Clinique du Plateau',
    software: 'DME Exemple',
    version: '4.2.1',
    endpoint: ERX_ENDPOINTS.prescriber,
  },
  destination: { endpoint: ERX_ENDPOINTS.pharmacy },
};

/** A new prescription message without its profile claim: what the profile option adds is then visible. */
function message(): Json {
  const { meta: _meta, ...rest } = newPrescription(OPTIONS, samplePrescription()) as unknown as Json;
  return rest;
}

describe('homolog validate on a message Bundle (CLI)', function () {
  this.timeout(60_000);
  const tmp = useTempDir();

  async function validate(
    value: Json,
    extra: string[] = [],
  ): Promise<{ code: number | null; outcome: OperationOutcome }> {
    const file = path.join(tmp.dir, 'message.json');
    await writeFile(file, JSON.stringify(value, null, 2));
    const res = await homolog(['validate', file, '--format', 'json', ...extra]);
    const outcomes = JSON.parse(res.stdout) as { outcome: OperationOutcome }[];
    return { code: res.code, outcome: outcomes[0]!.outcome };
  }
  const errors = (o: OperationOutcome): string[] =>
    (o.issue ?? [])
      .filter((i) => i.severity === 'error' || i.severity === 'fatal')
      .map((i) => `${i.expression?.[0] ?? ''}: ${i.diagnostics ?? ''}`);

  it('passes a valid message (exit 0) and fails one whose focus is not in the Bundle (exit 1, named)', async () => {
    const ok = await validate(message());
    expect(errors(ok.outcome)).to.deep.equal([]);
    expect(ok.code).to.equal(0);
    const broken = message();
    ((broken.entry as Json[])[0]!.resource as Json).focus = [
      { reference: 'urn:uuid:9f1d2c3b-0000-4000-8000-000000000000' },
    ];
    const bad = await validate(broken);
    expect(bad.code).to.equal(1);
    expect(errors(bad.outcome)).to.include(
      "Bundle.entry[0].resource.focus[0]: Can't find 'urn:uuid:9f1d2c3b-0000-4000-8000-000000000000' in the bundle (MessageHeader Data)",
    );
  });

  it('applies the Québec rules with --profile (URL or id): a dangling reference becomes an error', async () => {
    const broken = message();
    const rx = (broken.entry as Json[]).find((e) => (e.resource as Json).resourceType === 'MedicationRequest');
    ((rx as Json).resource as Json).subject = { reference: 'Patient/elsewhere' };
    const generic = await validate(broken);
    expect(generic.code).to.equal(0);
    for (const profile of [ERX_MESSAGE_PROFILE, 'erx-message']) {
      const quebec = await validate(broken, ['--profile', profile]);
      expect(quebec.code, profile).to.equal(1);
      expect(errors(quebec.outcome)).to.include(
        "Bundle.entry[5].resource.subject: Can't find 'Patient/elsewhere' in the bundle (a message carries every resource it refers to)",
      );
    }
  });
});
