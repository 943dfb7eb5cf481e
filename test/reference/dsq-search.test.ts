/**
 * The searches the DSQ suites (docs/dsq-suites.md) run against the reference
 * target, over real HTTP: by patient with date, status and code filters, by
 * NAM and licence, the scheduling searches, chained parameters one level deep,
 * and the search faults, each of which changes exactly the answers it names.
 */
import type { Bundle, MedicationDispense, OperationOutcome, Resource, Slot } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { REFERENCE_TEST_DATA as D } from '../../src/reference/data.js';
import { type ReferenceTarget, startReferenceTarget } from '../../src/reference/server.js';

const NAM_SYSTEM = 'https://fhir.infoway-inforoute.ca/NamingSystem/ca-qc-patient-healthcare-id';
const OIIQ_SYSTEM = 'https://fhir.quebec.ca/NamingSystem/oiiq';
const NAM = encodeURIComponent(`${NAM_SYSTEM}|${D.patientNam}`);
/** Fixed for the whole run, so that every target answers the same query. */
const NOW = new Date().toISOString();

interface Answer {
  status: number;
  body: Resource | undefined;
  text: string;
}

async function get(target: ReferenceTarget, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${target.baseUrl}/${path}`, { headers });
  const text = await res.text();
  return { status: res.status, text, body: text.startsWith('{') ? (JSON.parse(text) as Resource) : undefined };
}

/** The ids a search returns, in order (every page: _count is high enough for the seed). */
async function ids(target: ReferenceTarget, path: string): Promise<string[]> {
  const answer = await get(target, `${path}${path.includes('?') ? '&' : '?'}_count=100`);
  expect(answer.status, `${path}: ${answer.text}`).to.equal(200);
  return ((answer.body as Bundle).entry ?? []).map((e) => e.resource?.id ?? '');
}

async function resources<T extends Resource>(target: ReferenceTarget, path: string): Promise<T[]> {
  const answer = await get(target, `${path}${path.includes('?') ? '&' : '?'}_count=100`);
  expect(answer.status, `${path}: ${answer.text}`).to.equal(200);
  return ((answer.body as Bundle).entry ?? []).map((e) => e.resource as T);
}

/** The searches the suites depend on, by name; the fault table below says which ones each fault changes. */
const PROBES = {
  dispensesByPatient: `MedicationDispense?patient=${D.patientId}`,
  dispensesByNam: `MedicationDispense?patient.identifier=${NAM}`,
  dispensesInRange: `MedicationDispense?patient=${D.patientId}&whenhandedover=ge2024-02-01&whenhandedover=le2024-06-30`,
  completedDispenses: `MedicationDispense?patient=${D.patientId}&status=completed`,
  activeRequests: `MedicationRequest?patient=${D.patientId}&status=active`,
  requests: `MedicationRequest?patient=${D.patientId}`,
  statements: `MedicationStatement?patient=${D.patientId}`,
  patientByNam: `Patient?identifier=${NAM}`,
  patientByUnknownNam: `Patient?identifier=${encodeURIComponent(`${NAM_SYSTEM}|XXXX00000000`)}`,
  practitionerByLicence: `Practitioner?identifier=${encodeURIComponent(`${OIIQ_SYSTEM}|2158734`)}`,
  labByCode: `Observation?patient=${D.patientId}&category=laboratory&code=${encodeURIComponent('http://loinc.org|14749-6')}`,
  labSince: `Observation?patient=${D.patientId}&category=laboratory&date=ge2024-04-01`,
  freeSlots: `Slot?schedule=Schedule/qc-sched-0001&status=free&start=ge${encodeURIComponent(NOW)}`,
  slotsOfPhysician: `Slot?schedule.actor=Practitioner/${D.familyPhysicianId}`,
  schedules: `Schedule?actor=Practitioner/${D.familyPhysicianId}`,
  appointments: `Appointment?patient=${D.otherPatientId}`,
  imagingStudies: `ImagingStudy?patient=${D.patientId}`,
  imagingReports: `DiagnosticReport?patient=${D.patientId}`,
} as const;

type Probe = keyof typeof PROBES;

async function answersOf(target: ReferenceTarget): Promise<Record<Probe, string[]>> {
  const answers = {} as Record<Probe, string[]>;
  for (const [name, path] of Object.entries(PROBES) as [Probe, string][]) answers[name] = await ids(target, path);
  return answers;
}

describe('reference target: the DSQ searches (real HTTP)', function () {
  this.timeout(30_000);
  let target: ReferenceTarget;
  let clean: Record<Probe, string[]>;

  before(async () => {
    target = await startReferenceTarget();
    clean = await answersOf(target);
  });
  after(() => target.close());

  describe('searches the suites run', () => {
    it('dispenses of the patient, by date range and by status', () => {
      expect(clean.dispensesByPatient).to.have.members([
        'qc-meddisp-0001',
        'qc-meddisp-0002',
        'qc-meddisp-0004',
        'qc-meddisp-0006',
        'qc-meddisp-0007',
      ]);
      expect(clean.dispensesInRange).to.have.members(['qc-meddisp-0002', 'qc-meddisp-0004', 'qc-meddisp-0006']);
      expect(clean.completedDispenses).to.have.members([
        'qc-meddisp-0001',
        'qc-meddisp-0002',
        'qc-meddisp-0006',
        'qc-meddisp-0007',
      ]);
    });

    it('a date range compares instants: the bounds in another time zone move the result', async () => {
      // qc-meddisp-0002 was handed over 2024-02-20T11:05-05:00 = 16:05Z.
      const at = (bound: string): Promise<string[]> =>
        ids(target, `MedicationDispense?patient=${D.patientId}&whenhandedover=${encodeURIComponent(bound)}`);
      expect(await at('ge2024-02-20T16:05:00Z')).to.include('qc-meddisp-0002');
      expect(await at('gt2024-02-20T16:05:00Z')).to.not.include('qc-meddisp-0002');
      expect(await at('le2024-02-20T11:04:00-05:00')).to.not.include('qc-meddisp-0002');
    });

    it('active prescriptions leave out the completed one; the statements are found', () => {
      expect(clean.activeRequests).to.deep.equal([D.medicationRequestId]);
      expect(clean.requests).to.have.members([D.medicationRequestId, 'qc-medreq-0003']);
      expect(clean.statements).to.deep.equal([D.medicationStatementId]);
    });

    it('lab results by category and LOINC code, and by date', () => {
      expect(clean.labByCode).to.have.members(['qc-obs-0001', 'qc-obs-0007']);
      expect(clean.labSince).to.have.members(['qc-obs-0006', 'qc-obs-0007']);
    });

    it('a patient by NAM, a practitioner by licence; an unknown NAM finds nobody', () => {
      expect(clean.patientByNam).to.deep.equal([D.patientId]);
      expect(clean.patientByUnknownNam).to.deep.equal([]);
      expect(clean.practitionerByLicence).to.deep.equal([D.nurseId]);
    });

    it("the family physician's schedule and its free future slots; an appointment by patient; the imaging study", async () => {
      expect(clean.schedules).to.deep.equal(['qc-sched-0001']);
      expect(clean.freeSlots).to.have.length.of.at.least(4);
      const free = await resources<Slot>(target, PROBES.freeSlots);
      for (const slot of free) {
        expect(slot.status).to.equal('free');
        expect(Date.parse(slot.start)).to.be.greaterThan(Date.parse(NOW));
      }
      expect(clean.slotsOfPhysician).to.include.members([...clean.freeSlots, 'qc-slot-0001']);
      expect(clean.appointments).to.deep.equal([D.otherPatientAppointmentId]);
      expect(await ids(target, `Appointment?patient=${D.patientId}`)).to.deep.equal([]);
      expect(clean.imagingStudies).to.deep.equal([D.imagingStudyId]);
    });
  });

  describe('chained parameters, one level deep', () => {
    it('MedicationDispense?patient.identifier=NAM returns the same dispenses as by id', () => {
      expect(clean.dispensesByNam).to.have.members(clean.dispensesByPatient);
      expect(clean.dispensesByNam).to.have.length(clean.dispensesByPatient.length);
    });

    it('with a :Type modifier, on other types, and combined with other filters', async () => {
      expect(await ids(target, `MedicationDispense?subject:Patient.identifier=${NAM}`)).to.have.members(
        clean.dispensesByPatient,
      );
      expect(await ids(target, 'MedicationDispense?patient.name=tremblay&status=completed')).to.have.members(
        clean.completedDispenses,
      );
      expect(await ids(target, `Slot?schedule.actor=Practitioner/${D.nurseId}`)).to.have.members([
        'qc-slot-0007',
        'qc-slot-0008',
      ]);
      expect(
        await ids(
          target,
          `Appointment?actor:Practitioner.identifier=${encodeURIComponent('https://fhir.quebec.ca/NamingSystem/cmq|85234')}`,
        ),
      ).to.deep.equal([D.otherPatientAppointmentId]);
    });

    it('a chain that matches nothing finds nothing', async () => {
      expect(await ids(target, 'MedicationDispense?patient.name=personne')).to.deep.equal([]);
      expect(
        await ids(target, `MedicationDispense?patient.identifier=${encodeURIComponent(`${NAM_SYSTEM}|XXXX00000000`)}`),
      ).to.deep.equal([]);
    });

    it('an unknown or deeper chain is refused 400 under Prefer: handling=strict, ignored otherwise (and left out of the self link)', async () => {
      const strict = { prefer: 'handling=strict' };
      for (const chain of [
        'patient.unknown=1',
        'patient.organization.name=x',
        'patient:Group.identifier=x',
        'status.code=x',
        'nothing.identifier=x',
      ]) {
        const refused = await get(target, `MedicationDispense?${chain}`, strict);
        expect(refused.status, `${chain}: ${refused.text}`).to.equal(400);
        const outcome = refused.body as OperationOutcome;
        expect(outcome.resourceType).to.equal('OperationOutcome');
        expect(outcome.issue[0]?.code).to.equal('not-supported');
        expect(outcome.issue[0]?.details?.text).to.contain(chain.split('=')[0]);
      }
      const lenient = await get(target, 'MedicationDispense?patient.unknown=1');
      expect(lenient.status).to.equal(200);
      expect((lenient.body as Bundle).link?.find((l) => l.relation === 'self')?.url).to.not.contain('patient.unknown');
    });

    it('an invalid value in a chain is refused 400 even without strict handling', async () => {
      const answer = await get(target, 'Observation?patient.birthdate=1985-13-01');
      expect(answer.status).to.equal(400);
      expect((answer.body as OperationOutcome).issue[0]?.code).to.equal('invalid');
    });

    it('the self link keeps the chained parameter', async () => {
      const answer = await get(target, PROBES.dispensesByNam);
      expect((answer.body as Bundle).link?.find((l) => l.relation === 'self')?.url).to.contain('patient.identifier=');
    });
  });

  describe('search faults: each changes exactly the searches it names', () => {
    /** Fault → the probes whose answer it changes; every other probe answers as the clean target does. */
    const CHANGES: Record<string, readonly Probe[]> = {
      'dispense-search-leaks-patients': ['dispensesByPatient', 'dispensesByNam'],
      'chained-nam-search-ignored': ['dispensesByNam'],
      'dispense-date-filter-ignored': ['dispensesInRange'],
      'dispense-status-filter-ignored': ['completedDispenses'],
      'request-status-filter-ignored': ['activeRequests'],
      'statements-not-searchable': ['statements'],
      'nam-search-returns-all': ['patientByNam', 'patientByUnknownNam'],
      'observation-code-filter-ignored': ['labByCode'],
      'slot-status-filter-ignored': ['freeSlots'],
    };

    for (const [fault, changed] of Object.entries(CHANGES)) {
      it(`${fault} changes ${changed.join(', ')} only`, async () => {
        const faulty = await startReferenceTarget({ faults: [fault] });
        try {
          const answers = await answersOf(faulty);
          const differing = (Object.keys(PROBES) as Probe[]).filter(
            (p) => JSON.stringify(answers[p]) !== JSON.stringify(clean[p]),
          );
          expect(differing).to.have.members([...changed]);
        } finally {
          await faulty.close();
        }
      });
    }

    async function withFault(fault: string, check: (t: ReferenceTarget) => Promise<void>): Promise<void> {
      const faulty = await startReferenceTarget({ faults: [fault] });
      try {
        await check(faulty);
      } finally {
        await faulty.close();
      }
    }

    it('dispense-search-leaks-patients adds one dispense of another patient, by id and by NAM alike', () =>
      withFault('dispense-search-leaks-patients', async (t) => {
        for (const probe of ['dispensesByPatient', 'dispensesByNam'] as const) {
          const found = await resources<MedicationDispense>(t, PROBES[probe]);
          const others = found.filter((r) => r.subject?.reference !== `Patient/${D.patientId}`);
          expect(
            others.map((r) => r.id),
            probe,
          ).to.have.length(1);
          expect(found.map((r) => r.id)).to.include.members(clean[probe]);
        }
        // With another filter than the patient, nothing leaks.
        expect(await ids(t, PROBES.completedDispenses)).to.deep.equal(clean.completedDispenses);
      }));

    it('chained-nam-search-ignored returns every dispense; the same search by id is right', () =>
      withFault('chained-nam-search-ignored', async (t) => {
        expect(await ids(t, PROBES.dispensesByNam)).to.have.members(await ids(t, 'MedicationDispense'));
        expect(await ids(t, PROBES.dispensesByPatient)).to.deep.equal(clean.dispensesByPatient);
      }));

    it('dispense-date-filter-ignored and dispense-status-filter-ignored bring back what the filter left out', async () => {
      await withFault('dispense-date-filter-ignored', async (t) => {
        expect(await ids(t, PROBES.dispensesInRange)).to.have.members(clean.dispensesByPatient);
      });
      await withFault('dispense-status-filter-ignored', async (t) => {
        expect(await ids(t, PROBES.completedDispenses)).to.include('qc-meddisp-0004');
        // Other types keep their status filter.
        expect(await ids(t, PROBES.activeRequests)).to.deep.equal(clean.activeRequests);
      });
    });

    it('request-status-filter-ignored brings back the completed prescription', () =>
      withFault('request-status-filter-ignored', async (t) => {
        expect(await ids(t, PROBES.activeRequests)).to.have.members([D.medicationRequestId, 'qc-medreq-0003']);
      }));

    it('statements-not-searchable answers an empty searchset, while the statement is still readable', () =>
      withFault('statements-not-searchable', async (t) => {
        expect(await ids(t, PROBES.statements)).to.deep.equal([]);
        expect((await get(t, `MedicationStatement/${D.medicationStatementId}`)).status).to.equal(200);
      }));

    it('nam-search-returns-all returns every patient; practitioners are still found by licence', () =>
      withFault('nam-search-returns-all', async (t) => {
        const all = await ids(t, 'Patient');
        expect(all.length).to.be.greaterThan(1);
        expect(await ids(t, PROBES.patientByUnknownNam)).to.have.members(all);
        expect(await ids(t, PROBES.practitionerByLicence)).to.deep.equal([D.nurseId]);
      }));

    it('observation-code-filter-ignored returns every lab result of the patient', () =>
      withFault('observation-code-filter-ignored', async (t) => {
        expect(await ids(t, PROBES.labByCode)).to.have.members(
          await ids(t, `Observation?patient=${D.patientId}&category=laboratory`),
        );
      }));

    it('slot-status-filter-ignored brings back the busy slot', () =>
      withFault('slot-status-filter-ignored', async (t) => {
        expect(await ids(t, PROBES.freeSlots)).to.include('qc-slot-0001');
      }));
  });
});
