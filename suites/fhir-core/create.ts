/** fhir-core, create (FC-CREATE): POST [type], its Location, and the id the server assigns. */
import type { Patient } from '@medplum/fhirtypes';
import { FHIR_JSON } from '../../src/fhir/client.js';
import type { TestContext, TestDefinition } from '../../src/suite/api.js';
import {
  assertHeader,
  assertStatus,
  ensure,
  label,
  quoted,
  resourceOf,
  resourceOfQuietly,
  whatCameBack,
} from '../../src/suite/vocabulary/index.js';
import {
  CLIENT_ID_PREFIX,
  clientIds,
  normalisedBase,
  parseVersionedLocation,
  randomToken,
  requireCreateDeclared,
  SAVED,
  send,
} from './support.js';

export const create: TestDefinition[] = [
  {
    id: 'create-201-location',
    title: 'POST [type] returns 201 Created and a Location [base]/[type]/[id]/_history/[vid]',
    description:
      'When the server declares create, POST [base]/[type] with a resource creates it and answers 201 Created with a Location header holding the new logical id and version id: [base]/[type]/[id]/_history/[vid] (FHIR R4 http.html#create). A synthetic Patient (family name Homolog-Test) is created.',
    verifies: ['FC-CREATE-01'],
    makes: [SAVED.create],
    tags: ['create'],
    async run(t: TestContext) {
      await requireCreateDeclared(t);
      const clientId = `${CLIENT_ID_PREFIX}${randomToken()}`;
      const patient: Patient = {
        resourceType: 'Patient',
        id: clientId,
        name: [{ family: 'Homolog-Test', given: ['Synthetic'] }],
        gender: 'unknown',
      };
      const res = await send(t, 'Patient', {
        method: 'POST',
        headers: { 'content-type': FHIR_JSON },
        body: JSON.stringify(patient),
        name: SAVED.create,
      });
      clientIds.set(res, clientId);
      t.save(SAVED.create, res);
      assertStatus(res, 201, '201 Created');
      const base = normalisedBase(t);
      assertHeader(
        res,
        'Location',
        (location) =>
          location !== '' && parseVersionedLocation(new URL(location, res.url).href, base, 'Patient') !== undefined,
        `of the form ${base}/Patient/<id>/_history/<versionId>`,
      );
    },
  },
  {
    id: 'create-server-assigns-id',
    title: "The server assigns the id of a created resource, ignoring the client's, and the resource reads back",
    description:
      'On create the server assigns the logical id; an id the client put in the body is ignored. The new resource can then be read at the assigned id (FHIR R4 http.html#create).',
    verifies: ['FC-CREATE-02'],
    uses: [SAVED.create],
    tags: ['create'],
    async run(t: TestContext) {
      await requireCreateDeclared(t);
      const res = t.saved(SAVED.create);
      if (res.status < 200 || res.status >= 300)
        t.skip(`${label(res)} did not create the Patient (it answered ${whatCameBack(res)}; see FC-CREATE-01)`);
      const location = res.headers.location;
      const fromLocation = location
        ? /\/Patient\/([^/?#]+)(?:\/_history\/[^/?#]+)?\/?(?:[?#].*)?$/.exec(new URL(location, res.url).pathname)?.[1]
        : undefined;
      const body = resourceOfQuietly(res);
      const assigned = fromLocation
        ? decodeURIComponent(fromLocation)
        : body?.resourceType === 'Patient'
          ? body.id
          : undefined;
      if (!assigned)
        t.skip(
          `${label(res)} gave neither a Location header nor a Patient body with an id, so the assigned id is unknown (see FC-CREATE-01)`,
        );
      const clientId = clientIds.get(res);
      const keptClientId = clientId ? assigned === clientId : assigned.startsWith(CLIENT_ID_PREFIX);
      ensure(
        !keptClientId,
        `${label(res)} with id ${quoted(clientId ?? assigned)} in the body: expected the server to assign its own id and ignore the client's, got the Patient created as Patient/${assigned}`,
      );
      const back = await send(t, `Patient/${encodeURIComponent(assigned)}`);
      const patient = resourceOf(back);
      ensure(
        back.status === 200 && patient?.resourceType === 'Patient',
        `${label(back)} (the id assigned by ${label(res)}): expected 200 and the created Patient, got ${whatCameBack(back)}`,
      );
    },
  },
];
