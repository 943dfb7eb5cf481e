/** fhir-core, versioning (FC-VER, FC-VREAD, FC-CREAD): meta.versionId, vread and conditional read. */
import type { TestContext, TestDefinition } from '../../src/suite/api.js';
import { assertResource, assertStatus, ensure, label, quoted, whatCameBack } from '../../src/suite/vocabulary/index.js';
import { m } from './messages.js';
import { etagValue, SAVED, savedRead, savedReadOfRequestedPatient, send } from './support.js';

export const versioning: TestDefinition[] = [
  {
    id: 'read-meta-version-id',
    title: {
      en: 'The resource read carries meta.versionId, the same version as its ETag',
      fr: 'La ressource lue porte meta.versionId, la même version que son ETag',
    },
    description: {
      en: 'A versioned server populates Resource.meta.versionId, and the ETag of a read carries that same version id: ETag W/"[versionId]" matches meta.versionId (FHIR R4 http.html#versioning).',
      fr: 'Un serveur qui gère les versions renseigne Resource.meta.versionId, et l’ETag d’une lecture porte ce même id de version : ETag W/"[versionId]" correspond à meta.versionId (FHIR R4 http.html#versioning).',
    },
    verifies: ['FC-VER-01'],
    uses: [SAVED.patientRead],
    tags: ['versioning'],
    async run(t: TestContext) {
      const { res, patient } = savedRead(t);
      const versionId = patient.meta?.versionId;
      ensure(typeof versionId === 'string' && versionId !== '', m.noVersionId({ request: label(res) }));
      const etag = res.headers.etag;
      if (!etag) {
        t.info(m.noEtagOnlyVersion());
        return;
      }
      const tagged = etagValue(etag);
      if (tagged === undefined) {
        t.info(m.etagNotTag({ etag }));
        return;
      }
      ensure(
        tagged === versionId,
        m.etagDiffers({ request: label(res), version: quoted(versionId), raw: versionId, etag }),
      );
    },
  },
  {
    id: 'vread-current-version',
    title: {
      en: 'GET [type]/[id]/_history/[vid] returns that version of the resource',
      fr: 'GET [type]/[id]/_history/[vid] renvoie cette version de la ressource',
    },
    description: {
      en: 'The vread interaction reads a specific version of a resource: GET [base]/[type]/[id]/_history/[vid] returns the resource with that id whose meta.versionId is vid (FHIR R4 http.html#vread). The version used is the one the read reported.',
      fr: 'L’interaction vread lit une version précise d’une ressource : GET [base]/[type]/[id]/_history/[vid] renvoie la ressource de cet id dont meta.versionId est vid (FHIR R4 http.html#vread). La version utilisée est celle que la lecture a indiquée.',
    },
    verifies: ['FC-VREAD-01'],
    uses: [SAVED.patientRead],
    tags: ['versioning'],
    async run(t: TestContext) {
      const { res, patient, requestedId } = savedReadOfRequestedPatient(t);
      const vid = etagValue(res.headers.etag) || patient.meta?.versionId;
      if (!vid) t.skip(m.noVersionReported({ request: label(res) }));
      const v = await send(t, `Patient/${encodeURIComponent(requestedId)}/_history/${encodeURIComponent(vid)}`);
      assertStatus(v, 200, m.twoAndVersion({ vid }));
      const resource = assertResource(v, 'Patient');
      ensure(
        resource.id === requestedId,
        m.vreadWrongId({ request: label(v), expected: quoted(requestedId), got: quoted(resource.id) }),
      );
      const version = resource.meta?.versionId;
      if (version !== undefined) {
        ensure(
          version === vid,
          m.vreadWrongVersion({ request: label(v), expected: quoted(vid), got: quoted(version) }),
        );
        return;
      }
      const tagged = etagValue(v.headers.etag);
      if (tagged !== undefined) {
        ensure(
          tagged === vid,
          m.vreadWrongEtag({ request: label(v), expected: quoted(vid), got: v.headers.etag ?? '' }),
        );
        return;
      }
      t.info(m.vreadNoVersion());
    },
  },
  {
    id: 'conditional-read-not-modified',
    title: {
      en: 'A read with If-None-Match equal to the current ETag returns 304 Not Modified',
      fr: 'Une lecture avec If-None-Match égal à l’ETag courant renvoie 304 Not Modified',
    },
    description: {
      en: 'Conditional read: a client sends the ETag it holds in If-None-Match, and when the resource has not changed the server answers 304 Not Modified without a body (FHIR R4 http.html#cread). Not applicable when the CapabilityStatement declares conditionalRead not-supported or modified-since for Patient.',
      fr: 'Lecture conditionnelle : un client envoie l’ETag qu’il détient dans If-None-Match et, si la ressource n’a pas changé, le serveur répond 304 Not Modified sans corps (FHIR R4 http.html#cread). Non applicable quand le CapabilityStatement déclare conditionalRead not-supported ou modified-since pour Patient.',
    },
    verifies: ['FC-CREAD-01'],
    uses: [SAVED.patientRead],
    tags: ['versioning'],
    async run(t: TestContext) {
      // FHIR makes conditional read optional (http.html#cread): a server that declares it does not honour If-None-Match may answer 200.
      const declared = (await t.capabilities())?.rest
        ?.find((r) => r.mode === 'server')
        ?.resource?.find((r) => r.type === 'Patient')?.conditionalRead;
      if (declared === 'not-supported' || declared === 'modified-since')
        t.notApplicable(m.conditionalReadDeclined({ declared }));
      const { res, requestedId } = savedReadOfRequestedPatient(t);
      const etag = res.headers.etag;
      if (!etag) t.skip(m.noEtagToSend({ request: label(res) }));
      const c = await send(t, `Patient/${encodeURIComponent(requestedId)}`, { headers: { 'if-none-match': etag } });
      if (c.status !== 304 && declared !== 'full-support' && declared !== 'not-match') {
        t.skip(
          m.conditionalReadUnknown({
            request: label(c),
            got: whatCameBack(c),
            declared: declared ?? m.absentOrUnreadable(),
          }),
        );
      }
      assertStatus(c, 304, m.notModified({ etag }));
    },
  },
];
