/**
 * The reference target's seed data (src/reference/data.ts) conforms to the
 * Québec profiles: every patient, practitioner and clinical resource claims
 * its profile in meta.profile, and validating each one (base R4, its claims,
 * the Québec identifier and unit rules) gives no error.
 */

import type { Resource } from '@medplum/fhirtypes';
import { expect } from 'chai';
import { QC_PROFILES, REFERENCE_TEST_DATA, SEED_RESOURCES } from '../../src/reference/data.js';
import { coreRegistry } from '../../src/validation/registry.js';
import { createValidator } from '../../src/validation/setup.js';
import { errorsOf, show } from './helpers.js';

/** The profile a seed resource must claim, by type (and category for reports); undefined: none required. */
function expectedProfile(r: Resource): string | undefined {
  switch (r.resourceType) {
    case 'Patient':
      return QC_PROFILES.patient;
    case 'Practitioner':
      return QC_PROFILES.practitioner;
    case 'Observation':
      return QC_PROFILES.labObservation;
    case 'MedicationRequest':
      return QC_PROFILES.medicationRequest;
    case 'MedicationDispense':
      return QC_PROFILES.medicationDispense;
    case 'Slot':
      return QC_PROFILES.slot;
    case 'Appointment':
      return QC_PROFILES.appointment;
    case 'DiagnosticReport': {
      const codes = (r.category ?? []).flatMap((c) => (c.coding ?? []).map((x) => x.code));
      return codes.includes('LAB')
        ? QC_PROFILES.labReport
        : codes.includes('RAD')
          ? QC_PROFILES.imagingReport
          : undefined;
    }
    default:
      return undefined;
  }
}

describe('profiles: the reference target seed data conforms', () => {
  const { validator } = createValidator();

  it('every profile it claims is one of ours and resolves', () => {
    for (const url of Object.values(QC_PROFILES))
      expect(coreRegistry().structureDefinition(url)?.snapshot, url).to.not.equal(undefined);
  });

  for (const r of SEED_RESOURCES) {
    const label = `${r.resourceType}/${r.id} (version ${r.meta?.versionId ?? '?'})`;
    it(`${label} claims ${expectedProfile(r)?.replace(/^.*\//, '') ?? 'no profile'} and validates without error`, () => {
      const wanted = expectedProfile(r);
      expect(r.meta?.profile ?? [], label).to.deep.equal(wanted ? [wanted] : []);
      const issues = validator.validate(r);
      expect(errorsOf(issues), `${label}:\n${show(issues)}`).to.deep.equal([]);
    });
  }

  it('covers every kind of clinical data the profiles describe', () => {
    const claimed = new Set(SEED_RESOURCES.flatMap((r) => r.meta?.profile ?? []));
    expect([...claimed]).to.have.members(Object.values(QC_PROFILES));
  });

  it('holds every resource the DSQ suites name in REFERENCE_TEST_DATA', () => {
    const wanted: [keyof typeof REFERENCE_TEST_DATA, string][] = [
      ['familyPhysicianId', 'Practitioner'],
      ['nurseId', 'Practitioner'],
      ['imagingStudyId', 'ImagingStudy'],
      ['medicationStatementId', 'MedicationStatement'],
      ['otherPatientAppointmentId', 'Appointment'],
    ];
    for (const [key, type] of wanted) {
      expect(
        SEED_RESOURCES.some((r) => r.resourceType === type && r.id === REFERENCE_TEST_DATA[key]),
        key,
      ).to.equal(true);
    }
  });

  it('the test patient NAM of REFERENCE_TEST_DATA is the corrected one', () => {
    expect(REFERENCE_TEST_DATA.patientNam).to.equal('TREM85562515');
    const patient = SEED_RESOURCES.find(
      (r) => r.resourceType === 'Patient' && r.id === REFERENCE_TEST_DATA.patientId,
    ) as { identifier?: { value?: string }[] } | undefined;
    expect(patient?.identifier?.map((i) => i.value)).to.include(REFERENCE_TEST_DATA.patientNam);
  });
});
