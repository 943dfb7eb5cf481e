/**
 * The seed data the DSQ suites rely on (docs/dsq-suites.md, "Test data"), as
 * the reference target serves it over real HTTP, and the data faults: each
 * alters exactly the one resource it names, keeps it valid base R4, and
 * breaks what its requirement checks.
 */
import { validateResource } from '@medplum/core';
import type {
  Appointment,
  Bundle,
  DiagnosticReport,
  ImagingStudy,
  MedicationDispense,
  MedicationRequest,
  MedicationStatement,
  Observation,
  Patient,
  Practitioner,
  Resource,
  Slot,
} from '@medplum/fhirtypes';
import { expect } from 'chai';
import { checkIdentifier } from '../../src/identifiers/index.js';
import { REFERENCE_TEST_DATA as D } from '../../src/reference/data.js';
import { type ReferenceTarget, startReferenceTarget } from '../../src/reference/server.js';

const DIN_SYSTEM = 'http://hl7.org/fhir/NamingSystem/ca-hc-din';

interface Answer<T extends Resource> {
  status: number;
  body: T;
}

async function read<T extends Resource>(target: ReferenceTarget, path: string): Promise<Answer<T>> {
  const res = await fetch(`${target.baseUrl}/${path}`);
  return { status: res.status, body: (await res.json()) as T };
}

async function search<T extends Resource>(target: ReferenceTarget, path: string): Promise<T[]> {
  const answer = await read<Bundle>(target, `${path}${path.includes('?') ? '&' : '?'}_count=100`);
  expect(answer.status).to.equal(200);
  return (answer.body.entry ?? []).map((e) => e.resource as T);
}

/** The resource as served, without meta (lastUpdated and versionId are the server's). */
function content(resource: Resource): string {
  const { meta: _meta, ...rest } = resource;
  return JSON.stringify(rest);
}

describe('reference target: the DSQ seed data (real HTTP)', function () {
  this.timeout(30_000);
  let target: ReferenceTarget;

  before(async () => {
    target = await startReferenceTarget();
  });
  after(() => target.close());

  it('the test patient has the family physician as generalPractitioner', async () => {
    const patient = (await read<Patient>(target, `Patient/${D.patientId}`)).body;
    expect(patient.generalPractitioner?.map((r) => r.reference)).to.deep.equal([`Practitioner/${D.familyPhysicianId}`]);
  });

  it('the nurse carries a valid OIIQ licence', async () => {
    const nurse = await read<Practitioner>(target, `Practitioner/${D.nurseId}`);
    expect(nurse.status).to.equal(200);
    const licence = nurse.body.identifier?.[0];
    expect(licence?.system).to.equal('https://fhir.quebec.ca/NamingSystem/oiiq');
    const check = checkIdentifier(licence?.system ?? '', licence?.value ?? '');
    expect(check.checked && check.problems).to.deep.equal([]);
    expect(nurse.body.qualification?.[0]?.code.coding?.[0]?.code).to.equal('RN');
  });

  it('the patient has dispenses on different dates across 2024, one of them cancelled, all DIN-coded', async () => {
    const dispenses = await search<MedicationDispense>(target, `MedicationDispense?patient=${D.patientId}`);
    expect(dispenses.length).to.be.at.least(4);
    const days = dispenses.map((d) => d.whenHandedOver?.slice(0, 10) ?? '');
    expect(new Set(days).size).to.equal(dispenses.length);
    for (const day of days) expect(day.startsWith('2024-'), day).to.equal(true);
    expect(dispenses.filter((d) => d.status === 'cancelled')).to.have.length(1);
    for (const d of dispenses)
      expect(
        d.medicationCodeableConcept?.coding?.some((c) => c.system === DIN_SYSTEM),
        d.id,
      ).to.equal(true);
  });

  it('one active and one completed prescription; a DIN-coded, active statement', async () => {
    const requests = await search<MedicationRequest>(target, `MedicationRequest?patient=${D.patientId}`);
    expect(requests.find((r) => r.id === D.medicationRequestId)?.status).to.equal('active');
    expect(requests.filter((r) => r.status === 'completed')).to.have.length(1);
    const statement = (await read<MedicationStatement>(target, `MedicationStatement/${D.medicationStatementId}`)).body;
    expect(statement.status).to.equal('active');
    expect(statement.subject.reference).to.equal(`Patient/${D.patientId}`);
    expect(statement.medicationCodeableConcept?.coding?.[0]?.system).to.equal(DIN_SYSTEM);
  });

  it('the imaging report names a study of the same patient, has a coded conclusion and a PDF beside it', async () => {
    const report = (await read<DiagnosticReport>(target, `DiagnosticReport/${D.imagingReportId}`)).body;
    expect(report.imagingStudy?.map((r) => r.reference)).to.deep.equal([`ImagingStudy/${D.imagingStudyId}`]);
    const study = await read<ImagingStudy>(target, `ImagingStudy/${D.imagingStudyId}`);
    expect(study.status).to.equal(200);
    expect(study.body.subject.reference).to.equal(report.subject?.reference);
    expect(study.body.status).to.equal('available');
    expect(study.body.modality?.[0]?.system).to.equal('http://dicom.nema.org/resources/ontology/DCM');
    expect(study.body.series).to.have.length.greaterThan(0);
    expect(report.conclusion).to.be.a('string');
    expect(report.conclusionCode).to.have.length(1);
    const pdf = report.presentedForm?.[0];
    expect(pdf?.contentType).to.equal('application/pdf');
    const bytes = Buffer.from(pdf?.data ?? '', 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
    expect(bytes.length).to.equal(pdf?.size);
  });

  it('the lab report references results that resolve to the patient', async () => {
    const report = (await read<DiagnosticReport>(target, `DiagnosticReport/${D.labReportId}`)).body;
    expect(report.result).to.have.length.greaterThan(0);
    for (const ref of report.result ?? []) {
      const result = await read<Observation>(target, ref.reference ?? '');
      expect(result.status, ref.reference).to.equal(200);
      expect(result.body.subject?.reference).to.equal(`Patient/${D.patientId}`);
    }
  });

  it('schedules: the family physician has at least 4 free future slots and 1 busy one, another practitioner has free ones', async () => {
    const now = Date.now();
    const slots = await search<Slot>(target, 'Slot');
    for (const s of slots) {
      expect(Date.parse(s.start), s.id).to.be.greaterThan(now);
      expect(Date.parse(s.end), s.id).to.be.greaterThan(Date.parse(s.start));
    }
    const of = (schedule: string, status: string): Slot[] =>
      slots.filter((s) => s.schedule.reference === `Schedule/${schedule}` && s.status === status);
    expect(of('qc-sched-0001', 'free').length).to.be.at.least(4);
    expect(of('qc-sched-0001', 'busy')).to.have.length(1);
    expect(of('qc-sched-0002', 'free').length).to.be.at.least(1);
    const schedules = await search<{
      resourceType: 'Schedule';
      id?: string;
      actor: { reference?: string }[];
      active?: boolean;
    }>(target, 'Schedule');
    const actorOf = (id: string): string | undefined => schedules.find((s) => s.id === id)?.actor[0]?.reference;
    expect(actorOf('qc-sched-0001')).to.equal(`Practitioner/${D.familyPhysicianId}`);
    expect(actorOf('qc-sched-0002'))
      .to.match(/^Practitioner\//)
      .and.not.equal(`Practitioner/${D.familyPhysicianId}`);
  });

  it("the busy slot is the one booked by the other patient's appointment", async () => {
    const appointment = (await read<Appointment>(target, `Appointment/${D.otherPatientAppointmentId}`)).body;
    expect(appointment.status).to.equal('booked');
    const actors = appointment.participant.map((p) => p.actor?.reference);
    expect(actors).to.have.members([`Patient/${D.otherPatientId}`, `Practitioner/${D.familyPhysicianId}`]);
    const slotRef = appointment.slot?.[0]?.reference ?? '';
    const slot = (await read<Slot>(target, slotRef)).body;
    expect(slot.status).to.equal('busy');
    expect([appointment.start, appointment.end]).to.deep.equal([slot.start, slot.end]);
  });

  it('every new resource is valid base R4', async () => {
    for (const path of [
      'ImagingStudy',
      'MedicationStatement',
      'Schedule',
      'Slot',
      'Appointment',
      `Practitioner/${D.nurseId}`,
      `DiagnosticReport/${D.imagingReportId}`,
    ]) {
      const found = path.includes('/')
        ? [(await read<Resource>(target, path)).body]
        : await search<Resource>(target, path);
      expect(found, path).to.not.be.empty;
      for (const r of found) expect(() => validateResource(r), `${r.resourceType}/${r.id ?? ''}`).to.not.throw();
    }
  });

  describe('data faults: each alters exactly its resource, which stays valid base R4', () => {
    /** Fault → the resource it alters and what the alteration must show. */
    const FAULTS: Record<string, { path: string; check: (r: Resource, t: ReferenceTarget) => Promise<void> }> = {
      'dangling-prescriber-reference': {
        path: `MedicationRequest/${D.medicationRequestId}`,
        async check(r, t) {
          const requester = (r as MedicationRequest).requester?.reference ?? '';
          expect(requester).to.match(/^Practitioner\//);
          expect((await read(t, requester)).status).to.equal(404);
        },
      },
      'dispense-without-din': {
        path: 'MedicationDispense/qc-meddisp-0002',
        async check(r) {
          const dispense = r as MedicationDispense;
          expect(dispense.subject?.reference).to.equal(`Patient/${D.patientId}`);
          expect(dispense.medicationCodeableConcept?.coding).to.equal(undefined);
          expect(dispense.medicationCodeableConcept?.text).to.be.a('string').and.not.equal('');
        },
      },
      'lab-interpretation-inconsistent': {
        path: 'Observation/qc-obs-0007',
        async check(r) {
          const obs = r as Observation;
          expect(obs.subject?.reference).to.equal(`Patient/${D.patientId}`);
          expect(obs.valueQuantity?.value).to.be.greaterThan(obs.referenceRange?.[0]?.high?.value ?? Infinity);
          expect(obs.interpretation?.[0]?.coding?.[0]?.code).to.equal('N');
        },
      },
      'lab-report-dangling-result': {
        path: `DiagnosticReport/${D.labReportId}`,
        async check(r, t) {
          const statuses = await Promise.all(
            ((r as DiagnosticReport).result ?? []).map(async (ref) => (await read(t, ref.reference ?? '')).status),
          );
          expect(statuses.filter((s) => s === 404)).to.have.length(1);
          expect(statuses.filter((s) => s === 200).length).to.be.greaterThan(0);
        },
      },
      'imaging-study-dangling': {
        path: `DiagnosticReport/${D.imagingReportId}`,
        async check(r, t) {
          const refs = ((r as DiagnosticReport).imagingStudy ?? []).map((s) => s.reference ?? '');
          expect(refs).to.have.length(1);
          expect((await read(t, refs[0] ?? '')).status).to.equal(404);
          expect((r as DiagnosticReport).conclusion).to.be.a('string');
        },
      },
      'imaging-report-pdf-only': {
        path: `DiagnosticReport/${D.imagingReportId}`,
        async check(r) {
          const report = r as DiagnosticReport;
          expect(report.conclusion).to.equal(undefined);
          expect(report.conclusionCode).to.equal(undefined);
          expect(report.presentedForm?.[0]?.contentType).to.equal('application/pdf');
          expect(report.code.coding?.length).to.be.greaterThan(0);
        },
      },
    };

    /** Every seeded resource as served, `Type/id` → content. */
    async function servedContents(t: ReferenceTarget): Promise<Map<string, string>> {
      const contents = new Map<string, string>();
      for (const type of [
        'Patient',
        'Practitioner',
        'Organization',
        'Observation',
        'MedicationRequest',
        'MedicationDispense',
        'MedicationStatement',
        'DiagnosticReport',
        'ImagingStudy',
        'Schedule',
        'Slot',
        'Appointment',
      ]) {
        for (const r of await search<Resource>(t, type)) contents.set(`${r.resourceType}/${r.id ?? ''}`, content(r));
      }
      return contents;
    }

    let clean: Map<string, string>;
    before(async () => {
      clean = await servedContents(target);
    });

    for (const [fault, { path, check }] of Object.entries(FAULTS)) {
      it(`${fault} alters ${path} only`, async () => {
        const faulty = await startReferenceTarget({ faults: [fault] });
        try {
          const served = await servedContents(faulty);
          expect([...served.keys()]).to.have.members([...clean.keys()]);
          const altered = [...served].filter(([key, value]) => clean.get(key) !== value).map(([key]) => key);
          expect(altered).to.deep.equal([path]);
          const resource = (await read<Resource>(faulty, path)).body;
          expect(() => validateResource(resource)).to.not.throw();
          await check(resource, faulty);
        } finally {
          await faulty.close();
        }
      });
    }
  });
});
