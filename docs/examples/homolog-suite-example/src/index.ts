/**
 * The example suite's tests. Each verifies requirement ids of catalogue.yaml;
 * what a test saves (makes) a later one reads (uses), so `--grep read-etag`
 * still sends the read it needs.
 */
import { assertHeader, assertResource, assertStatus, defineSuite, ensure, label, quoted } from 'homolog/suite';

export default defineSuite('example', [
  {
    id: 'capability-fhir-version',
    title: 'The CapabilityStatement declares FHIR 4.0.1',
    verifies: ['EX-CAP-01'],
    tags: ['capabilities'],
    async run(t) {
      const res = await t.fhir.capabilities();
      assertStatus(res, 200);
      const statement = assertResource(res, 'CapabilityStatement');
      ensure(statement.fhirVersion === '4.0.1', {
        en: `${label(res)}: expected fhirVersion "4.0.1", got ${quoted(statement.fhirVersion)}`,
        fr: `${label(res)} : fhirVersion "4.0.1" attendu, reçu ${quoted(statement.fhirVersion)}`,
      });
    },
  },
  {
    id: 'read-patient',
    title: 'Reading the test patient returns 200 and that patient',
    verifies: ['EX-READ-01'],
    inputs: ['patientId'],
    makes: ['patient-read'],
    tags: ['read'],
    async run(t) {
      const id = t.input('patientId'); // skips, naming the input, when the target file lacks it
      const res = await t.fhir.read('Patient', id);
      t.save('patient-read', res.http);
      assertStatus(res, 200);
      const patient = assertResource(res, 'Patient');
      ensure(patient.id === id, {
        en: `${label(res)}: expected Patient ${id}, got Patient ${quoted(patient.id)}`,
        fr: `${label(res)} : patient ${id} attendu, reçu le patient ${quoted(patient.id)}`,
      });
    },
  },
  {
    id: 'read-etag',
    title: 'A read carries a weak ETag W/"[versionId]" equal to meta.versionId',
    verifies: ['EX-READ-02'],
    uses: ['patient-read'],
    tags: ['read', 'versioning'],
    async run(t) {
      const res = t.saved('patient-read'); // the earlier response; skips, saying why, when that read failed
      const versionId = assertResource(res, 'Patient').meta?.versionId;
      assertHeader(res, 'etag', (value) => value.trim() === `W/"${versionId}"`, {
        en: `W/"${versionId ?? '<versionId>'}" (meta.versionId)`,
        fr: `W/"${versionId ?? '<versionId>'}" (meta.versionId)`,
      });
    },
  },
]);
