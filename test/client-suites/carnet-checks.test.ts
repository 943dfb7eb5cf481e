/**
 * The carnet-sante-app judgments on hand-made requests: each passes on what
 * a careful citizen app sends and fails on what the matching fault sends.
 */
import { expect } from 'chai';
import {
  cancellationProblems,
  idempotentBookingProblems,
  slotSearchProblems,
  takenSlotProblems,
} from '../../suites/carnet-sante-app/appointments.js';
import {
  isolationProblems,
  labSearchProblems,
  medicationSearchProblems,
  upcomingSearchProblems,
} from '../../suites/carnet-sante-app/own-data.js';
import { isCancelledBody } from '../../suites/carnet-sante-app/scenarios.js';
import { slotPeriod } from '../../suites/carnet-sante-app/support.js';
import { requestsOf } from './requests.js';

const SELF = 'qc-pat-0001';
const OTHER = 'qc-pat-0002';

const req = requestsOf('csa-book');

const ID = 'urn:ietf:rfc:3986|urn:uuid:1';
function booking(slot: string, options: { identifier?: boolean; conditional?: boolean; status?: number } = {}) {
  const { identifier = true, conditional = true, status = 201 } = options;
  return req('POST', 'Appointment', {
    json: {
      resourceType: 'Appointment',
      ...(identifier ? { identifier: [{ system: 'urn:ietf:rfc:3986', value: 'urn:uuid:1' }] } : {}),
      status: 'booked',
      slot: [{ reference: slot }],
      participant: [{ actor: { reference: `Patient/${SELF}` } }, { actor: { reference: 'Practitioner/qc-prat-0001' } }],
    },
    headers: {
      'content-type': 'application/fhir+json',
      ...(conditional ? { 'if-none-exist': `identifier=${ID}` } : {}),
    },
    reply: { status, headers: {} },
  });
}

describe('carnet-sante-app checks (hand-made requests)', () => {
  it('CSA-OWN-01: medications by patient with status=active; without status fails', () => {
    expect(medicationSearchProblems([req('GET', `MedicationRequest?patient=${SELF}&status=active`)])).to.deep.equal([]);
    const [problem] = medicationSearchProblems([req('GET', `MedicationRequest?patient=${SELF}`)]);
    expect(problem?.en).to.contain('expected status=active, got no status');
    expect(problem?.fr).to.contain('status=active attendu');
  });

  it('CSA-OWN-02: lab results with category=laboratory; without it fails', () => {
    expect(labSearchProblems([req('GET', `Observation?patient=${SELF}&category=laboratory`)])).to.deep.equal([]);
    expect(labSearchProblems([req('GET', `Observation?patient=${SELF}`)])[0]?.en).to.contain(
      'missing category=laboratory',
    );
    expect(labSearchProblems([req('GET', 'Observation?category=laboratory')])[0]?.en).to.contain(
      'no patient parameter',
    );
  });

  it('CSA-OWN-03: upcoming appointments with a lower date bound; without it fails', () => {
    expect(upcomingSearchProblems([req('GET', `Appointment?patient=${SELF}&date=ge2026-12-03`)])).to.deep.equal([]);
    expect(upcomingSearchProblems([req('GET', `Appointment?patient=${SELF}&date=le2026-12-03`)])[0]?.en).to.contain(
      'no lower date bound',
    );
  });

  it('CSA-ISO-01: own searches and reads pass; none, another patient, another Patient read or booking fail', () => {
    const own = [
      req('GET', `MedicationRequest?patient=${SELF}&status=active`),
      req('GET', `Patient/${SELF}`),
      req('GET', `Patient?_id=${SELF}`),
      req('GET', 'Slot?status=free'),
      booking('Slot/qc-slot-0002'),
    ];
    expect(isolationProblems(own, SELF)).to.deep.equal([]);
    const problems = isolationProblems(
      [
        req('GET', 'Observation?category=laboratory'),
        req('GET', `Observation?subject=Patient/${OTHER}`),
        req('GET', `Patient/${OTHER}`),
        req('GET', 'Patient?name=Gagnon'),
        req('POST', 'Appointment', { json: { participant: [{ actor: { reference: `Patient/${OTHER}` } }] } }),
      ],
      SELF,
    ).map((p) => p.en);
    expect(problems).to.have.length(5);
    expect(problems[0]).to.contain('a search without the patient');
    expect(problems[1]).to.contain(`a search for another patient (${OTHER})`);
    expect(problems[2]).to.contain(`reads another patient's record (Patient/${OTHER})`);
    expect(problems[3]).to.contain('a Patient search other than _id');
    expect(problems[4]).to.contain(`books for another patient (${OTHER})`);
  });

  it('CSA-APT-01: free slots with status=free and start bounded both ways; without a period fails', () => {
    expect(
      slotSearchProblems([req('GET', 'Slot?schedule=Schedule/s&status=free&start=ge2026-12-03&start=le2026-12-31')]),
    ).to.deep.equal([]);
    expect(slotSearchProblems([req('GET', 'Slot?schedule=Schedule/s&status=free')])[0]?.en).to.contain(
      'missing start=ge…, start=le…',
    );
    expect(slotSearchProblems([req('GET', 'Slot?start=ge2026-12-03&start=le2026-12-31')])[0]?.en).to.contain(
      'status=free',
    );
  });

  it('CSA-APT-02: a conditional booking retried passes; no identifier, an unconditional resend or a double booking fail', () => {
    expect(idempotentBookingProblems([booking('Slot/a', { status: 503 }), booking('Slot/a')])).to.deep.equal([]);
    expect(idempotentBookingProblems([booking('Slot/a', { identifier: false, conditional: false })])[0]?.en).to.contain(
      'no business identifier and no If-None-Exist',
    );
    expect(
      idempotentBookingProblems([
        booking('Slot/a', { status: 503, conditional: false }),
        booking('Slot/a', { conditional: false }),
      ])[0]?.en,
    ).to.contain('again without If-None-Exist');
    const twice = idempotentBookingProblems([booking('Slot/a'), booking('Slot/a')]).map((p) => p.en);
    expect(twice).to.include(`${ID} was booked 2 times`);
    expect(twice).to.include('Slot/a was booked 2 times');
  });

  it('CSA-APT-03: after a 409 another slot passes; the same slot again, or nothing offered, fails', () => {
    const refused = booking('Slot/a', { status: 409 });
    expect(takenSlotProblems([refused, req('GET', 'Slot?status=free'), booking('Slot/b')], refused)).to.deep.equal([]);
    const again = takenSlotProblems([refused, booking('Slot/a')], refused).map((p) => p.en);
    expect(again[0]).to.contain('books Slot/a again after it was answered 409');
    expect(again[1]).to.contain('offered no other slot');
    expect(takenSlotProblems([refused], refused)[0]?.en).to.contain('offered no other slot');
  });

  it('CSA-APT-04: a PUT or JSON Patch to cancelled passes; a DELETE fails', () => {
    const put = req('PUT', 'Appointment/a1', { json: { resourceType: 'Appointment', id: 'a1', status: 'cancelled' } });
    expect(cancellationProblems([req('GET', 'Appointment/a1'), put])).to.deep.equal([]);
    const patch = req('PATCH', 'Appointment/a1', { json: [{ op: 'replace', path: '/status', value: 'cancelled' }] });
    expect(isCancelledBody(patch)).to.equal(true);
    expect(cancellationProblems([patch])).to.deep.equal([]);
    const problems = cancellationProblems([req('DELETE', 'Appointment/a1')]).map((p) => p.en);
    expect(problems[0]).to.contain('deleted instead of cancelled');
    expect(problems[1]).to.contain('no update of the appointment to status cancelled');
  });

  it('the free-slot period defaults to today and four weeks on, or the target file’s dates', () => {
    const now = Date.parse('2026-12-03T15:00:00Z');
    const view = (testData: Record<string, string>) => ({ session: { testData } }) as Parameters<typeof slotPeriod>[0];
    expect(slotPeriod(view({}), now)).to.deep.equal({ from: '2026-12-03', to: '2026-12-31' });
    expect(slotPeriod(view({ slotDateFrom: '2027-01-04', slotDateTo: '2027-01-08' }), now)).to.deep.equal({
      from: '2027-01-04',
      to: '2027-01-08',
    });
  });
});
