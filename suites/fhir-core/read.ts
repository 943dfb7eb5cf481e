/** fhir-core, read (FC-READ): GET [base]/Patient/[id], an unknown id, and the headers of a read. */
import type { TestContext, TestDefinition } from '../../src/suite/api.js';
import { assertHeader, assertResource, assertStatus, ensure, label, quoted } from '../../src/suite/vocabulary/index.js';
import { m } from './messages.js';
import { IMF_FIXDATE, patientId, randomToken, SAVED, savedRead, send } from './support.js';

export const read: TestDefinition[] = [
  {
    id: 'read-known-patient',
    title: {
      en: 'Reading a known Patient returns 200 and that Patient',
      fr: 'La lecture d’un Patient connu renvoie 200 et ce Patient',
    },
    description: {
      en: 'The read interaction GET [base]/[type]/[id] returns the current content of the resource; the body is a resource of the requested type whose id is the id requested (FHIR R4 http.html#read).',
      fr: 'L’interaction read GET [base]/[type]/[id] renvoie le contenu courant de la ressource ; le corps est une ressource du type demandé dont l’id est celui demandé (FHIR R4 http.html#read).',
    },
    verifies: ['FC-READ-01'],
    makes: [SAVED.patientRead, SAVED.patientDiscovery],
    uses: [SAVED.patientDiscovery],
    tags: ['read'],
    async run(t: TestContext) {
      const id = await patientId(t);
      const res = await send(t, `Patient/${encodeURIComponent(id)}`, { name: SAVED.patientRead });
      t.save(SAVED.patientRead, res);
      assertStatus(res, 200, m.twoAndPatient());
      const patient = assertResource(res, 'Patient');
      ensure(patient.id === id, m.wrongPatient({ request: label(res), id: quoted(id), got: quoted(patient.id) }));
    },
  },
  {
    id: 'read-unknown-id-404',
    title: {
      en: 'Reading an unknown id returns 404 Not Found',
      fr: 'La lecture d’un id inconnu renvoie 404 Not Found',
    },
    description: {
      en: 'When the resource to read does not exist, the read interaction fails with 404 Not Found (410 Gone is for a deleted resource); a 200 with an OperationOutcome is not a read failure (FHIR R4 http.html#read).',
      fr: 'Quand la ressource à lire n’existe pas, l’interaction read échoue avec 404 Not Found (410 Gone est pour une ressource supprimée) ; un 200 avec un OperationOutcome n’est pas un échec de lecture (FHIR R4 http.html#read).',
    },
    verifies: ['FC-READ-02'],
    makes: [SAVED.unknownId],
    tags: ['read'],
    async run(t: TestContext) {
      const res = await send(t, `Patient/homolog-unknown-${randomToken()}`, { name: SAVED.unknownId });
      t.save(SAVED.unknownId, res);
      assertStatus(res, 404, m.notFound404());
    },
  },
  {
    id: 'read-weak-etag',
    title: {
      en: 'A read response carries a weak ETag W/"[versionId]"',
      fr: 'Une réponse de lecture porte un ETag faible W/"[versionId]"',
    },
    description: {
      en: 'Servers supporting versioning return the resource version in the ETag header of a read, as a weak entity tag: ETag: W/"[versionId]" (FHIR R4 http.html#versioning).',
      fr: 'Les serveurs qui gèrent les versions renvoient la version de la ressource dans l’en-tête ETag d’une lecture, sous forme d’étiquette d’entité faible : ETag: W/"[versionId]" (FHIR R4 http.html#versioning).',
    },
    verifies: ['FC-READ-03'],
    uses: [SAVED.patientRead],
    tags: ['read', 'versioning'],
    async run(t: TestContext) {
      const { res } = savedRead(t);
      assertHeader(res, 'ETag', (etag) => /^W\/"[^"]+"$/.test(etag.trim()), m.etagForm());
    },
  },
  {
    id: 'read-last-modified',
    title: {
      en: 'A read response carries a Last-Modified header equal to meta.lastUpdated',
      fr: 'Une réponse de lecture porte un en-tête Last-Modified égal à meta.lastUpdated',
    },
    description: {
      en: 'The read response includes a Last-Modified header, an HTTP date (e.g. "Tue, 15 Nov 1994 08:12:31 GMT") that is the resource\'s meta.lastUpdated to the second (FHIR R4 http.html#read).',
      fr: 'La réponse de lecture comprend un en-tête Last-Modified, une date HTTP (p. ex. "Tue, 15 Nov 1994 08:12:31 GMT") égale au meta.lastUpdated de la ressource à la seconde près (FHIR R4 http.html#read).',
    },
    verifies: ['FC-READ-04'],
    uses: [SAVED.patientRead],
    tags: ['read'],
    async run(t: TestContext) {
      const { res, patient } = savedRead(t);
      const lastModified = assertHeader(
        res,
        'Last-Modified',
        (value) => value.trim() !== '',
        m.lastModifiedWhat(),
      ).trim();
      const modified = Date.parse(lastModified);
      ensure(
        IMF_FIXDATE.test(lastModified) && !Number.isNaN(modified),
        m.lastModifiedFormat({ request: label(res), got: lastModified }),
      );
      const lastUpdated = patient.meta?.lastUpdated;
      const updated = lastUpdated ? Date.parse(lastUpdated) : Number.NaN;
      if (Number.isNaN(updated)) {
        t.info(lastUpdated ? m.lastUpdatedUnreadable({ value: quoted(lastUpdated) }) : m.lastUpdatedMissing());
        return;
      }
      const expected = new Date(Math.floor(updated / 1000) * 1000);
      ensure(
        expected.getTime() === modified,
        m.lastModifiedDiffers({
          request: label(res),
          lastUpdated: lastUpdated ?? '',
          expected: expected.toUTCString(),
          got: lastModified,
        }),
      );
    },
  },
];
