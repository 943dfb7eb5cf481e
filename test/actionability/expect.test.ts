import type { MedicationDispense } from '@medplum/fhirtypes';
import { AssertionError, expect } from 'chai';
import { DEFAULT_HTTP_SETTINGS, HttpSession } from '../../src/http/client.js';
import { ExchangeRecorder } from '../../src/http/recorder.js';
import { Redactor } from '../../src/http/redact.js';
import type { ActionabilityRecord } from '../../src/model/run-result.js';
import { validateRunResult } from '../../src/result/schema.js';
import { assembleRun } from '../../src/run/assemble.js';
import { executePlan } from '../../src/run/execute.js';
import { expectActionable } from '../../src/suite/actionability.js';
import type { TestContext, TestDefinition } from '../../src/suite/api.js';
import type { LoadedSuite } from '../../src/suite/registry.js';
import type { CheckFailure } from '../../src/suite/vocabulary/assert.js';

const DIN = 'http://hl7.org/fhir/NamingSystem/ca-hc-din';

function dispense(id: string, coded = true): MedicationDispense {
  return {
    resourceType: 'MedicationDispense',
    id,
    status: 'completed',
    medicationCodeableConcept: coded ? { coding: [{ system: DIN, code: '02242974' }] } : { text: 'Metformine 500 mg' },
    subject: { reference: 'Patient/qc-pat-0001' },
    performer: [{ actor: { reference: 'Practitioner/qc-prat-0002' } }],
    quantity: { value: 60, unit: 'comprimé', system: 'http://unitsofmeasure.org', code: '{tbl}' },
    whenHandedOver: '2024-01-21T15:42:00-05:00',
  };
}

/** Only what expectActionable touches: the recording. */
function recordingContext(): { t: TestContext; records: ActionabilityRecord[] } {
  const records: ActionabilityRecord[] = [];
  const t = { actionability: (r: ActionabilityRecord) => records.push(r) } as unknown as TestContext;
  return { t, records };
}

describe('actionability: expectActionable', () => {
  it('records the assessment and passes when every resource is actionable', () => {
    const { t, records } = recordingContext();
    expectActionable(t, 'medications', [dispense('md-1'), dispense('md-2')]);
    expect(records).to.have.length(1);
    expect(records[0]).to.deep.include({ domain: 'medications', minimum: 1 });
    expect(records[0]?.items.map((i) => i.reference)).to.deep.equal([
      'MedicationDispense/md-1',
      'MedicationDispense/md-2',
    ]);
  });

  it('fails below the minimum, naming each offender with its form and problems and the share in %', () => {
    const { t, records } = recordingContext();
    let failure: unknown;
    try {
      expectActionable(t, 'medications', [dispense('md-1'), dispense('md-2'), dispense('md-7', false)]);
    } catch (err) {
      failure = err;
    }
    expect(failure).to.be.instanceOf(AssertionError);
    const message = (failure as Error).message;
    expect(message).to.include('67 %').and.to.include('100 %');
    expect(message).to.match(/MedicationDispense\/md-7: free text only, not conformant; no DIN coding/);
    expect((failure as CheckFailure).text.fr).to.match(
      /MedicationDispense\/md-7 : texte libre seulement, non conforme ; aucun codage DIN/,
    );
    expect(message).not.to.include('md-1:');
    expect(records[0]?.items).to.have.length(3); // recorded even though the check fails
  });

  it('passes at or above a lower minimum', () => {
    const { t } = recordingContext();
    expect(() => expectActionable(t, 'medications', [dispense('md-1'), dispense('md-7', false)], 0.5)).not.to.throw();
    expect(() => expectActionable(t, 'medications', [dispense('md-1'), dispense('md-7', false)], 0.51)).to.throw(
      AssertionError,
      /50 %/,
    );
  });

  it('keeps the failure message bounded when many resources offend', () => {
    const { t } = recordingContext();
    const many = Array.from({ length: 40 }, (_, i) => dispense(`md-${i}`, false));
    expect(() => expectActionable(t, 'medications', many)).to.throw(AssertionError, /\.\.\. and 30 more/);
  });
});

describe('actionability: from a check to the run result', () => {
  it('a check that calls expectActionable carries its records; the run scores them and stays schema-valid', async () => {
    const tests: TestDefinition[] = [
      {
        id: 'coded',
        title: 'coded dispenses',
        verifies: ['R-1'],
        run: async (t) => expectActionable(t, 'medications', [dispense('md-1'), dispense('md-2')]),
      },
      {
        id: 'mixed',
        title: 'one free-text dispense',
        verifies: ['R-1'],
        run: async (t) => expectActionable(t, 'medications', [dispense('md-2'), dispense('md-7', false)]),
      },
      { id: 'none', title: 'records nothing', verifies: ['R-2'], run: async () => undefined },
    ];
    const suite: LoadedSuite = {
      id: 'act',
      version: '1.0.0',
      title: { fr: 'Exploitabilité', en: 'Actionability' },
      inputs: [],
      requirements: [
        {
          id: 'R-1',
          level: 'SHALL',
          text: { fr: 'Données codées', en: 'Coded data' },
          source: { fr: 'test', en: 'test' },
        },
        { id: 'R-2', level: 'SHOULD', text: { fr: 'Rien', en: 'Nothing' }, source: { fr: 'test', en: 'test' } },
      ],
      tests,
      digest: 'a'.repeat(64),
      dir: '.',
    };
    const target = {
      source: 'url',
      baseUrl: 'http://127.0.0.1:9/fhir',
      actors: {},
      defaultActor: 'none',
      testData: {},
      secrets: [],
    };
    const session = new HttpSession(new ExchangeRecorder(), new Redactor([]), DEFAULT_HTTP_SETTINGS);
    const plan = { suites: [{ suite, tests }], options: {} };
    const started = new Date();
    try {
      const checks = await executePlan(plan, target, session, { bail: false, checkTimeoutMs: 10_000 });
      expect(checks.map((c) => c.status)).to.deep.equal(['pass', 'fail', 'pass']);
      expect(checks[2]?.actionability).to.equal(undefined);
      const run = assembleRun({
        runId: 'r',
        started,
        finished: new Date(),
        target,
        suites: plan.suites,
        options: { suites: ['act'], bail: false, timeoutMs: 10_000 },
        checks,
        exchanges: [],
      });
      expect(run.actionability).to.have.length(1);
      expect(run.actionability[0]).to.deep.include({
        domain: 'medications',
        checks: ['act/coded', 'act/mixed'],
        total: 3,
        actionable: 2,
        minimum: 1,
      });
      expect(run.actionability[0]?.offenders.map((o) => o.reference)).to.deep.equal(['MedicationDispense/md-7']);
      const checked = validateRunResult(JSON.parse(JSON.stringify(run)));
      expect(checked.valid ? [] : checked.errors).to.deep.equal([]);
    } finally {
      await session.close();
    }
  });
});
