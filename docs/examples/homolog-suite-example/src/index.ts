/**
 * The example suite's tests. Each verifies requirement ids of catalogue.yaml;
 * what a test saves (makes) a later one reads (uses), so `--grep read-etag`
 * still sends the read it needs.
 */
import type { Patient } from '@medplum/fhirtypes';
import { defineSuite, ensure, type FhirResponse, quoted } from 'homolog/suite';

/** The request a message names, e.g. "GET Patient/qc-pat-0001". */
function label(res: FhirResponse): string {
  return `${res.http.method} ${res.http.url}`;
}

export default defineSuite('example', [
  {
    id: 'capability-fhir-version',
    title: 'The CapabilityStatement declares FHIR 4.0.1',
    verifies: ['EX-CAP-01'],
    tags: ['capabilities'],
    async run(t) {
      const res = await t.fhir.capabilities();
      ensure(res.status === 200, `${label(res)}: expected 200, got ${res.status}`);
      ensure(
        res.resource?.resourceType === 'CapabilityStatement',
        `${label(res)}: expected a CapabilityStatement, got ${quoted(res.resource?.resourceType)}`,
      );
      ensure(
        res.resource.fhirVersion === '4.0.1',
        `${label(res)}: expected fhirVersion "4.0.1", got ${quoted(res.resource.fhirVersion)}`,
      );
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
      const id = t.input('patientId');
      const res = await t.fhir.read<Patient>('Patient', id);
      t.save('patient-read', res.http);
      ensure(res.status === 200, `${label(res)}: expected 200, got ${res.status}`);
      ensure(
        res.resource?.resourceType === 'Patient' && res.resource.id === id,
        `${label(res)}: expected Patient ${id}, got ${quoted(res.resource?.resourceType)} ${quoted(res.resource?.id)}`,
      );
    },
  },
  {
    id: 'read-etag',
    title: 'A read carries a weak ETag W/"[versionId]" equal to meta.versionId',
    verifies: ['EX-READ-02'],
    uses: ['patient-read'],
    tags: ['read', 'versioning'],
    async run(t) {
      const res = t.saved('patient-read'); // skips, saying why, when the read was not made
      const where = `${res.method} ${res.url}`;
      const etag = res.headers.etag;
      ensure(etag, `${where}: expected an ETag header W/"<versionId>", got none`);
      const versionId = res.json<Patient>().meta?.versionId;
      ensure(
        etag.trim() === `W/"${versionId}"`,
        `${where}: expected ETag W/"${versionId ?? '<versionId>'}", got ${etag}`,
      );
    },
  },
]);
