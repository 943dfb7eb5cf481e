/** fhir-core, versioning (FC-VER, FC-VREAD, FC-CREAD): meta.versionId, vread and conditional read. */
import type { TestContext, TestDefinition } from '../../src/suite/api.js';
import { assertResource, assertStatus, ensure, label, quoted, whatCameBack } from '../../src/suite/vocabulary/index.js';
import { etagValue, SAVED, savedRead, savedReadOfRequestedPatient, send } from './support.js';

export const versioning: TestDefinition[] = [
  {
    id: 'read-meta-version-id',
    title: 'The resource read carries meta.versionId, the same version as its ETag',
    description:
      'A versioned server populates Resource.meta.versionId, and the ETag of a read carries that same version id: ETag W/"[versionId]" matches meta.versionId (FHIR R4 http.html#versioning).',
    verifies: ['FC-VER-01'],
    uses: [SAVED.patientRead],
    tags: ['versioning'],
    async run(t: TestContext) {
      const { res, patient } = savedRead(t);
      const versionId = patient.meta?.versionId;
      ensure(
        typeof versionId === 'string' && versionId !== '',
        `${label(res)}: expected the Patient to carry meta.versionId, got none`,
      );
      const etag = res.headers.etag;
      if (!etag) {
        t.info('the read has no ETag header (see FC-READ-03): only the presence of meta.versionId was checked');
        return;
      }
      const tagged = etagValue(etag);
      if (tagged === undefined) {
        t.info(`the ETag ${etag} is not an entity tag (see FC-READ-03): it was not compared with meta.versionId`);
        return;
      }
      ensure(
        tagged === versionId,
        `${label(res)}: expected the ETag to carry meta.versionId ${quoted(versionId)} (W/"${versionId}"), got ETag ${etag}`,
      );
    },
  },
  {
    id: 'vread-current-version',
    title: 'GET [type]/[id]/_history/[vid] returns that version of the resource',
    description:
      'The vread interaction reads a specific version of a resource: GET [base]/[type]/[id]/_history/[vid] returns the resource with that id whose meta.versionId is vid (FHIR R4 http.html#vread). The version used is the one the read reported.',
    verifies: ['FC-VREAD-01'],
    uses: [SAVED.patientRead],
    tags: ['versioning'],
    async run(t: TestContext) {
      const { res, patient, requestedId } = savedReadOfRequestedPatient(t);
      const vid = etagValue(res.headers.etag) || patient.meta?.versionId;
      if (!vid)
        t.skip(
          `${label(res)} reported no version, neither in an ETag nor in meta.versionId (see FC-READ-03 and FC-VER-01)`,
        );
      const v = await send(t, `Patient/${encodeURIComponent(requestedId)}/_history/${encodeURIComponent(vid)}`);
      assertStatus(v, 200, `200 and version ${vid} of the Patient`);
      const resource = assertResource(v, 'Patient');
      ensure(
        resource.id === requestedId,
        `${label(v)}: expected Patient.id ${quoted(requestedId)}, got ${quoted(resource.id)}`,
      );
      const version = resource.meta?.versionId;
      if (version !== undefined) {
        ensure(
          version === vid,
          `${label(v)}: expected version ${quoted(vid)} of the Patient, got meta.versionId ${quoted(version)}`,
        );
        return;
      }
      const tagged = etagValue(v.headers.etag);
      if (tagged !== undefined) {
        ensure(
          tagged === vid,
          `${label(v)}: expected version ${quoted(vid)} of the Patient, got ETag ${v.headers.etag}`,
        );
        return;
      }
      t.info(
        'the vread response reports no version (no meta.versionId, no ETag): only the resource type and id were checked',
      );
    },
  },
  {
    id: 'conditional-read-not-modified',
    title: 'A read with If-None-Match equal to the current ETag returns 304 Not Modified',
    description:
      'Conditional read: a client sends the ETag it holds in If-None-Match, and when the resource has not changed the server answers 304 Not Modified without a body (FHIR R4 http.html#cread). Not applicable when the CapabilityStatement declares conditionalRead not-supported or modified-since for Patient.',
    verifies: ['FC-CREAD-01'],
    uses: [SAVED.patientRead],
    tags: ['versioning'],
    async run(t: TestContext) {
      // FHIR makes conditional read optional (http.html#cread): a server that declares it does not honour If-None-Match may answer 200.
      const declared = (await t.capabilities())?.rest
        ?.find((r) => r.mode === 'server')
        ?.resource?.find((r) => r.type === 'Patient')?.conditionalRead;
      if (declared === 'not-supported' || declared === 'modified-since')
        t.notApplicable(
          `the CapabilityStatement declares conditionalRead: ${declared} for Patient: If-None-Match is not honoured, as FHIR allows`,
        );
      const { res, requestedId } = savedReadOfRequestedPatient(t);
      const etag = res.headers.etag;
      if (!etag) t.skip(`${label(res)} returned no ETag to send in If-None-Match (see FC-READ-03)`);
      const c = await send(t, `Patient/${encodeURIComponent(requestedId)}`, { headers: { 'if-none-match': etag } });
      if (c.status !== 304 && declared !== 'full-support' && declared !== 'not-match') {
        t.skip(
          `${label(c)} with If-None-Match answered ${whatCameBack(c)}, and the CapabilityStatement does not say whether conditional read is supported for Patient (conditionalRead ${declared ?? 'absent or unreadable'}): a 200 is allowed when it is not`,
        );
      }
      assertStatus(c, 304, `304 Not Modified (with If-None-Match: ${etag}, the current ETag)`);
    },
  },
];
