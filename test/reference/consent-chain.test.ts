/**
 * A refusal to share holds however the patient is named: a chained search on
 * the patient's NAM (patient.identifier=, subject:Patient.identifier=) is
 * refused 403 suppressed to professionals like a search by patient id, not
 * answered with an empty list.
 */
import type { OperationOutcome } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { NAM_SYSTEM } from '../../src/identifiers/nam.js';
import { type ReferenceTarget, startReferenceTarget } from '../../src/reference/server.js';
import { expectOutcome, get, idsOf, resourceOf } from './fhir-http.js';

/** qc-pat-0005 refused sharing (ACCESS_SEED_RESOURCES); qc-pat-0001 did not. */
const REFUSING_NAM = 'PELN71541210';
const SHARING_NAM = 'TREM85562515';
const nam = (value: string): string => encodeURIComponent(`${NAM_SYSTEM}|${value}`);

describe('reference target: a refusal to share applies to chained searches on the NAM', function () {
  this.timeout(30_000);
  let target: ReferenceTarget;
  before(async () => {
    target = await startReferenceTarget({ https: true });
  });
  after(() => target.close());

  it('refuses the pharmacist MedicationDispense?patient.identifier=<NAM of the refusing patient> (403 suppressed)', async () => {
    const outcome = expectOutcome(
      await get(target, `/MedicationDispense?patient.identifier=${nam(REFUSING_NAM)}`, 'demo-token-pharmacist'),
      403,
    );
    expect(outcome.issue?.map((i) => i.code)).to.deep.equal(['suppressed']);
    expect(outcome.issue?.[0]?.details?.text).to.contain('Patient/qc-pat-0005 refused sharing');
  });

  it('refuses the typed chain subject:Patient.identifier= too, to the physician', async () => {
    const res = await get(
      target,
      `/Observation?subject:Patient.identifier=${nam(REFUSING_NAM)}`,
      'demo-token-physician',
    );
    expect((expectOutcome(res, 403) as OperationOutcome).issue?.[0]?.code).to.equal('suppressed');
  });

  it('still answers the chained search on a patient who shares, and an unknown NAM with an empty list', async () => {
    const shared = resourceOf(
      await get(target, `/MedicationDispense?patient.identifier=${nam(SHARING_NAM)}`, 'demo-token-pharmacist'),
    );
    expect(idsOf(shared)).to.include('qc-meddisp-0001');
    const unknown = resourceOf(
      await get(target, `/MedicationDispense?patient.identifier=${nam('ABCD12345678')}`, 'demo-token-pharmacist'),
    );
    expect(idsOf(unknown)).to.deep.equal([]);
  });
});
