/** fhir-core, read (FC-READ): GET [base]/Patient/[id], an unknown id, and the headers of a read. */
import type { TestContext, TestDefinition } from '../../src/suite/api.js';
import { assertHeader, assertResource, assertStatus, ensure, label, quoted } from '../../src/suite/vocabulary/index.js';
import { IMF_FIXDATE, patientId, randomToken, SAVED, savedRead, send } from './support.js';

export const read: TestDefinition[] = [
  {
    id: 'read-known-patient',
    title: 'Reading a known Patient returns 200 and that Patient',
    description:
      'The read interaction GET [base]/[type]/[id] returns the current content of the resource; the body is a resource of the requested type whose id is the id requested (FHIR R4 http.html#read).',
    verifies: ['FC-READ-01'],
    makes: [SAVED.patientRead, SAVED.patientDiscovery],
    uses: [SAVED.patientDiscovery],
    tags: ['read'],
    async run(t: TestContext) {
      const id = await patientId(t);
      const res = await send(t, `Patient/${encodeURIComponent(id)}`, { name: SAVED.patientRead });
      t.save(SAVED.patientRead, res);
      assertStatus(res, 200, '200 and the Patient');
      const patient = assertResource(res, 'Patient');
      ensure(
        patient.id === id,
        `${label(res)}: expected the Patient with id ${quoted(id)}, got Patient.id ${quoted(patient.id)}`,
      );
    },
  },
  {
    id: 'read-unknown-id-404',
    title: 'Reading an unknown id returns 404 Not Found',
    description:
      'When the resource to read does not exist, the read interaction fails with 404 Not Found (410 Gone is for a deleted resource); a 200 with an OperationOutcome is not a read failure (FHIR R4 http.html#read).',
    verifies: ['FC-READ-02'],
    makes: [SAVED.unknownId],
    tags: ['read'],
    async run(t: TestContext) {
      const res = await send(t, `Patient/homolog-unknown-${randomToken()}`, { name: SAVED.unknownId });
      t.save(SAVED.unknownId, res);
      assertStatus(res, 404, '404 Not Found for an id that does not exist');
    },
  },
  {
    id: 'read-weak-etag',
    title: 'A read response carries a weak ETag W/"[versionId]"',
    description:
      'Servers supporting versioning return the resource version in the ETag header of a read, as a weak entity tag: ETag: W/"[versionId]" (FHIR R4 http.html#versioning).',
    verifies: ['FC-READ-03'],
    uses: [SAVED.patientRead],
    tags: ['read', 'versioning'],
    async run(t: TestContext) {
      const { res } = savedRead(t);
      assertHeader(res, 'ETag', (etag) => /^W\/"[^"]+"$/.test(etag.trim()), 'of the form W/"<versionId>"');
    },
  },
  {
    id: 'read-last-modified',
    title: 'A read response carries a Last-Modified header equal to meta.lastUpdated',
    description:
      'The read response includes a Last-Modified header, an HTTP date (e.g. "Tue, 15 Nov 1994 08:12:31 GMT") that is the resource\'s meta.lastUpdated to the second (FHIR R4 http.html#read).',
    verifies: ['FC-READ-04'],
    uses: [SAVED.patientRead],
    tags: ['read'],
    async run(t: TestContext) {
      const { res, patient } = savedRead(t);
      const lastModified = assertHeader(
        res,
        'Last-Modified',
        (value) => value.trim() !== '',
        '(an HTTP date equal to meta.lastUpdated)',
      ).trim();
      const modified = Date.parse(lastModified);
      ensure(
        IMF_FIXDATE.test(lastModified) && !Number.isNaN(modified),
        `${label(res)}: expected Last-Modified to be an HTTP date such as "Tue, 15 Nov 1994 08:12:31 GMT", got "${lastModified}"`,
      );
      const lastUpdated = patient.meta?.lastUpdated;
      const updated = lastUpdated ? Date.parse(lastUpdated) : Number.NaN;
      if (Number.isNaN(updated)) {
        t.info(
          `the Patient has ${lastUpdated ? `an unreadable meta.lastUpdated ${quoted(lastUpdated)}` : 'no meta.lastUpdated'}: only the presence and format of Last-Modified were checked`,
        );
        return;
      }
      const expected = new Date(Math.floor(updated / 1000) * 1000);
      ensure(
        expected.getTime() === modified,
        `${label(res)}: expected Last-Modified to equal meta.lastUpdated ${lastUpdated} to the second ("${expected.toUTCString()}"), got "${lastModified}"`,
      );
    },
  },
];
